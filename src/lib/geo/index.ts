// Small, dependency-free geometry helpers shared by browser and server. The heavier modules
// (projection.ts with proj4, simplify.ts with topojson) are imported by their own path.
export * from './bbox';
export * from './polygon';
export * from './random';
export * from './svg';
