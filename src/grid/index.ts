/** Public API of src/grid (re-exports only). */
export {};
