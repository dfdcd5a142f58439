/** Public API of src/flex (re-exports only). */
export {};
export * from './hull/index.js';
export * from './directions/index.js';
export * from './search/index.js';
export * from './sweep/index.js';
export * from './plan/index.js';
export * from './books/index.js';
export * from './report/index.js';
