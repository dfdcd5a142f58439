/**
 * Load the HiGHS WebAssembly runtime once per process and share it.
 *
 * Every `OpfSession` needs the runtime, and instantiating the Wasm module costs
 * ~50 ms, so the promise is memoised. Only `src/grid/solver/` and
 * `src/grid/formulations/` import `highs` (docs/architecture.md); problems receive the
 * runtime as the opaque {@link HighsRuntime}.
 */
import * as highsModule from 'highs';
import type { Highs } from 'highs';

// highs ships ESM at runtime but CJS-style typings; under NodeNext the default
// import is typed as the module object, so take `.default` explicitly.
const highsLoader = (highsModule as unknown as { default: () => Promise<Highs> }).default;

/** The loaded HiGHS runtime (opaque outside formulations). */
export type HighsRuntime = Highs;

let runtime: Promise<Highs> | undefined;

/**
 * Resolve to the process-wide HiGHS runtime, loading it on first use.
 *
 * @example
 * const highs = await loadHighs();
 */
export function loadHighs(): Promise<HighsRuntime> {
  if (runtime === undefined) runtime = highsLoader();
  return runtime;
}
