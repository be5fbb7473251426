export * from './aggregate';
export * from './classify';
export * from './suppression';
export * from './zindex';
