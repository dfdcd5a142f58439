/** Public API of src/flex (re-exports only). */
export {};
