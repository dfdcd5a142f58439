/** Public API of src/flex (re-exports only). */
export {};
export * from './hull/index.ts';
export * from './directions/index.ts';
