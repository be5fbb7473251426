export * from './aggregate';
export * from './classify';
export * from './disclosure';
export * from './official-values';
export * from './suppression';
export * from './zindex';
