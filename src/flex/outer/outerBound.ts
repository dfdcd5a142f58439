/**
 * A provable outer bound of the flexibility region at t* (docs/flexibility.md "Outer bound",
 * issue 12 item 3): support values h(a) = max aᵀP of one LP that relaxes both the traffic (EV
 * flows assigned freely under the same demand, departure times, servers and service times) and
 * the feeder (SOCP branch-flow OPF at t* without shedding or curtailment, cones by tangent cuts,
 * ratings by circumscribed polygons). Every point a co-simulation can reach and the grid serves
 * satisfies aᵀP ≤ h(a), so ∩_a {aᵀP ≤ h(a)} contains the true region.
 */
import { createStationFeederSupport, outerBoundInputs, type Scenario, type StationFeederSupport } from '../../sim/index.js';
import { InputError } from '../../common/errors.js';
import { halfspaceRegion, type OuterRegion, type RegionHalfspace } from './halfspaceRegion.js';
import { addTrafficRows, occupancyCaps, occupancyCoefficients } from './trafficRelaxation.js';

export type { OuterRegion, RegionHalfspace } from './halfspaceRegion.js';

/** The outer bound of one model at one t*. */
export interface OuterBound {
  /**
   * h(a) = max aᵀP over the relaxation, MW (for a of any length: h is positively homogeneous;
   * the stored halfspace is normalised). Includes the safety margin `marginMw`·‖a‖₁.
   * @throws SolverError when the LP is not solved to optimality (no number is produced).
   */
  support(directionOnAxes: readonly number[]): number;
  /** Intersection of every halfspace computed so far (the 2n axis directions are computed at creation). */
  region(): OuterRegion;
  /** LP solves and CPU of the support calls so far. */
  stats?(): { readonly supports: number; readonly lpSolves: number; readonly cpuMs: number };
  dispose(): void;
}

/** What the outer bound is computed for. */
export interface OuterBoundSpec {
  readonly scenario: Scenario;
  readonly baseDir: string;
  readonly source: string;
  /** t* in this model's intervals. */
  readonly timeIndex: number;
  /** Scenario station indices spanning the region. */
  readonly axes: readonly number[];
  /**
   * Servers cap the mean occupancy over t* (default true: the DTA's hard servers; STA has them
   * too since issue 12 item 5). False drops the cap (a valid bound for a model without servers).
   */
  readonly serverLimit?: boolean;
  /**
   * Added to every support value per unit of ‖a‖₁, MW (default 1e-5): covers the co-simulation's
   * own tolerances (shedding ≤ 1e-6 MW counts as none, cone and LP feasibility tolerances).
   */
  readonly marginMw?: number;
  /**
   * Bound the relaxation's fictitious losses by secant rows valid at exact OPF points (default
   * true; grid's `FeederLoadSupport.tightenLosses`): only exact (`optimal`) OPFs are admissible.
   */
  readonly tightenLosses?: boolean;
}

/**
 * Gather the inputs, build the one LP (feeder block + traffic rows, sim's
 * `createStationFeederSupport`), compile it once and compute the 2n axis supports.
 *
 * @throws InputError for an empty or bad axis list; SolverError when an LP fails.
 * @example
 * const outer = await createOuterBound({ scenario, baseDir: 'scenarios', source: 'x.json', timeIndex: 6, axes: [0, 1, 2] });
 * outer.support([1, 1, 1]);             // MW: no reachable point has a larger total
 * outer.region().volume;                // MW³
 * outer.dispose();
 */
export async function createOuterBound(spec: OuterBoundSpec): Promise<OuterBound> {
  const source = 'flex/outer/outerBound';
  const stationCount = spec.scenario.stations.length;
  if (spec.axes.length === 0) throw new InputError({ source, field: 'axes', value: spec.axes }, 'needs at least one station');
  spec.axes.forEach((s, i) => {
    if (!(Number.isInteger(s) && s >= 0 && s < stationCount)) throw new InputError({ source, field: `axes[${i}]`, value: s }, `must be a station index 0…${stationCount - 1}`);
  });
  if (new Set(spec.axes).size !== spec.axes.length) throw new InputError({ source, field: 'axes', value: spec.axes }, 'has a repeated station');
  const inputs = outerBoundInputs(spec.scenario, spec.baseDir, spec.source, spec.timeIndex);
  const coef = occupancyCoefficients(inputs);
  const caps = occupancyCaps(inputs, coef, spec.serverLimit ?? true);
  const ranges = inputs.stations.map((st, s) => ({ pMinMw: (-st.v2gKw * caps.v2g[s]) / 1000, pMaxMw: (st.chargeKw * caps.charge[s]) / 1000 }));
  const lp: StationFeederSupport = createStationFeederSupport(inputs, ranges);
  const margin = spec.marginMw ?? 1e-5;
  const n = spec.axes.length;
  const halfspaces: RegionHalfspace[] = [];
  const optima: number[][] = [];
  let lpSolves = 0;
  let cpuMs = 0;
  let cached: OuterRegion | undefined;
  try {
    addTrafficRows(lp, inputs, coef, caps, lp.stationCols);
    await lp.compile();
    if (spec.tightenLosses ?? true) lp.tightenLosses();
  } catch (error) {
    lp.dispose();
    throw error;
  }
  const support = (a: readonly number[]): number => {
    if (a.length !== n || !a.every(Number.isFinite)) throw new InputError({ source, field: 'direction', value: a }, `must be ${n} finite numbers`);
    const norm = Math.hypot(...a);
    if (!(norm > 0)) throw new InputError({ source, field: 'direction', value: a }, 'must not be zero');
    const began = process.cpuUsage();
    const sol = lp.maximize(spec.axes.map((s, i) => ({ col: lp.stationCols[s], weight: a[i] })));
    const used = process.cpuUsage(began);
    cpuMs += (used.user + used.system) / 1000;
    lpSolves += sol.lpSolves;
    const value = sol.value + margin * a.reduce((acc, x) => acc + Math.abs(x), 0);
    halfspaces.push({ normal: a.map((x) => x / norm), offsetMw: value / norm });
    optima.push(spec.axes.map((s) => sol.stationMw[s]));
    cached = undefined;
    return value;
  };
  try {
    for (let i = 0; i < n; i++) {
      for (const sign of [1, -1]) {
        const e = new Array<number>(n).fill(0);
        e[i] = sign;
        support(e);
      }
    }
  } catch (error) {
    lp.dispose();
    throw error;
  }
  return {
    support,
    // the support optima sit `margin` inside their own rows: a width of a few margins is flat
    region: () => (cached ??= halfspaceRegion([...halfspaces], optima, 4 * margin * Math.sqrt(n) + 1e-9)),
    stats: () => ({ supports: halfspaces.length, lpSolves, cpuMs }),
    dispose: () => lp.dispose(),
  };
}
