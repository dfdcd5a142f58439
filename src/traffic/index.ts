/** Public API of src/traffic (re-exports only). */
export {};
