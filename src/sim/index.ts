/** Public API of src/sim (re-exports only). */
export {};
