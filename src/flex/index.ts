/** Public API of src/flex (re-exports only). */
export {};
export * from './hull/index.ts';
export * from './directions/index.ts';
export * from './search/index.ts';
export * from './sweep/index.ts';
export * from './plan/index.ts';
export * from './report/index.ts';
