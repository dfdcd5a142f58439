/**
 * Loader and typing of the `scs-solver` WebAssembly module (SCS 3.x, O'Donoghue et al.) for
 * the conic reference of the branch-flow OPF (test helper, not a test file).
 *
 * SCS solves   min ½ xᵀPx + cᵀx   s.t.   A x + s = b,  s ∈ K
 * with dual    max −½ xᵀPx − bᵀy   s.t.   P x + Aᵀy + c = 0,  y ∈ K*,
 * so the sensitivity of the optimal value to a right-hand side is ∂p⋆/∂b_i = −y_i.
 * K is ordered: zero cone (z rows), non-negative orthant (l rows), then second-order cones
 * (q[k] rows each, the first row being the cone's "t" in ‖rest‖ ≤ t).
 *
 * The package ships no typings; `test/grid/formulations/scsSolver.d.ts` declares a minimal
 * subset, so the richer shape used here is asserted on the loaded module instead of
 * re-declaring the module.
 */
import createSCS from 'scs-solver';

/** Problem data: A, P in CSC (P upper triangular), b and c dense. */
export interface ScsProblem {
  m: number;
  n: number;
  A_x: number[];
  A_i: number[];
  A_p: number[];
  P_x?: number[];
  P_i?: number[];
  P_p?: number[];
  b: number[];
  c: number[];
}

/** Cone sizes, in the order SCS stacks them. */
export interface ScsConeSpec {
  z: number;
  l: number;
  q?: number[];
  qsize?: number;
}

/** Solver settings (an embind object; only the fields used here). */
export interface ScsSettingsObject {
  normalize: number | boolean;
  scale: number;
  adaptiveScale: number | boolean;
  maxIters: number;
  epsAbs: number;
  epsRel: number;
  epsInfeas: number;
  alpha: number;
  verbose: number;
  warmStart: number | boolean;
  delete(): void;
}

/** What `solve` returns. */
export interface ScsResult {
  x: number[];
  y: number[];
  s: number[];
  /** `'SOLVED'`, `'SOLVED_INACCURATE'`, `'INFEASIBLE'`, … */
  status: string;
  info: { iter: number; pobj: number; dobj: number; resPri: number; resDual: number; gap: number; solveTime: number };
}

/** The loaded module. */
export interface ScsRuntime {
  ScsSettings: new () => ScsSettingsObject;
  setDefaultSettings(settings: ScsSettingsObject): void;
  solve(data: ScsProblem, cone: ScsConeSpec, settings: ScsSettingsObject, warm?: { x: number[]; y: number[]; s: number[] }): ScsResult;
}

let runtime: Promise<ScsRuntime> | undefined;

/**
 * Load SCS once per process.
 *
 * @example
 * const scs = await loadScs();
 * const s = new scs.ScsSettings(); scs.setDefaultSettings(s);
 */
export function loadScs(): Promise<ScsRuntime> {
  runtime ??= (createSCS() as unknown as Promise<ScsRuntime>);
  return runtime;
}
