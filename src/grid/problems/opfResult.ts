/**
 * Options and result of the branch-flow OPF (docs/model.md §3), the shape the
 * co-simulator and the flexibility module consume. Units are in the names:
 * MW / MVAr / kW, $/h, $/MWh, $/MVArh, pu; buses by the data's own bus ids.
 */
import type { FormulationName } from '../formulations/branchFlowFormulation.js';
import type { PowerFlowBranch } from '../powerflow/powerFlowResult.js';

/** Options of `OpfSession.create`. */
export interface OpfOptions {
  /** `'socp'` (default): DistFlow cone relaxation by outer approximation; `'lindistflow'`: lossless LP. */
  readonly formulation?: FormulationName;
  /**
   * Absolute cone tolerance |P²+Q² − vℓ|, pu². Absent (default): the scale-aware criterion
   * of `coneRelTolerance` (docs/model.md §3.3), which gives DLMPs to 0.01 $/MWh; set, it replaces it.
   */
  readonly coneTolerancePu?: number;
  /** Relative tolerance of the cut loop on cones, ratings and quadratic costs (default 1e-9). */
  readonly coneRelTolerance?: number;
  /** Most LP solves per interval in the cut loop (default 60). */
  readonly maxCutRounds?: number;
}

/** DLMP components at one bus, $/MWh (or $/MVArh for the reactive ones); they sum to the DLMP. */
export interface DlmpComponents {
  readonly energy: number;
  readonly loss: number;
  readonly congestion: number;
  readonly voltage: number;
  /** Limit dual of the resource that prices the island at its root (substation bound, DG/PV Pmax/Qmax, inverter S). */
  readonly scarcity: number;
}

/**
 * Shedding at one bus. The shed P is attributed to households and EV charging pro rata
 * to their positive consumption there (household P vs Σ positive station P; V2G exports
 * count for neither), and the shed Q follows the same shares.
 */
export interface BusShedding {
  /** Active / reactive power shed, kW / kvar. */
  readonly pKw: number;
  readonly qKvar: number;
  /** Household part and EV-charging part of `pKw`, kW. */
  readonly householdKw: number;
  readonly evKw: number;
}

/** One island of an OPF point (one radial tree after outages). */
export interface IslandSummary {
  /** Bus id of the island root (the slack, else its largest generator, else its lowest bus). */
  readonly rootBus: number;
  /** Number of buses in the island. */
  readonly buses: number;
  /** Net consumption of the island: household load + station injections (+ = consumption), MW. */
  readonly loadMw: number;
  /** Active / reactive power shed in the island, MW / Mvar. */
  readonly shedMw: number;
  readonly shedMvar: number;
  /** Power drawn from substations in the island, MW (0 without one). */
  readonly importMw: number;
  /** `energised` (served, possibly with shedding), `de-energised` (no resource: everything shed). */
  readonly status: 'energised' | 'de-energised';
}

/**
 * One branch of an OPF point, in tree orientation (fromBus nearer the island root):
 * the same flow fields as a power-flow branch, plus the cone gap of the relaxation.
 */
export interface OpfBranch extends Pick<PowerFlowBranch, 'id' | 'fromBus' | 'toBus' | 'pMw' | 'qMvar' | 'currentSqPu'> {
  /** |P² + Q² − v·ℓ|, pu². */
  readonly coneGapPu: number;
}

/** Result of one OPF interval. */
export interface OpfResult {
  /**
   * `inexact`: the relaxation is not tight at the optimum (v·ℓ > P² + Q² beyond tolerance on
   * `maxConeGapBranch`); `cut-limit`: the cut loop ran out of `maxCutRounds` (the point and
   * DLMPs are those of the last solved LP, not exact; the message gives the remaining gap).
   * Both are non-physical: callers must not treat them as optimal. `infeasible`/`error`: no point.
   */
  readonly status: 'optimal' | 'inexact' | 'cut-limit' | 'infeasible' | 'error';
  readonly message?: string;
  readonly formulation: FormulationName;
  /** Import cost + DG cost + shedding penalty, $/h. */
  readonly objectiveUsdPerH: number;
  /** Series losses Σ r·ℓ, kW (0 for LinDistFlow). */
  readonly lossesKw: number;
  /** Power drawn from the substation(s), MW / MVAr. */
  readonly importMw: number;
  readonly importMvar: number;
  /** Total active power shed (households + EV charging), kW. */
  readonly shedKw: number;
  readonly shedKwByBus: Record<number, number>;
  /** Household load shed, kW / kvar (see {@link BusShedding} for the attribution; NaN, like `shedKw`, without a point). */
  readonly householdShedKw: number;
  readonly householdShedKvar: number;
  /** EV charging curtailed (station consumption shed), kW. */
  readonly evCurtailedKw: number;
  /** Shedding by bus id (buses with shedding only). */
  readonly shedByBus: Record<number, BusShedding>;
  /** Voltage magnitude by bus id, pu (0 in de-energised islands without resources). */
  readonly voltagePu: Record<number, number>;
  /** Lowest voltage among energised buses, pu, and its bus id. */
  readonly minVoltagePu: number;
  readonly minVoltageBus: number;
  /** Active / reactive DLMP, $/MWh and $/MVArh. */
  readonly dlmpP: Record<number, number>;
  readonly dlmpQ: Record<number, number>;
  readonly dlmpComponents: Record<number, DlmpComponents>;
  readonly dlmpQComponents: Record<number, DlmpComponents>;
  /** Generator set-points (substation, DG, PV). */
  readonly dispatch: { id: string; bus: number; pMw: number; qMvar: number }[];
  /** Reactive output (+ = injected) of inverter-capable injections per bus, MVAr. */
  readonly stationQMvar: Record<number, number>;
  readonly branches: OpfBranch[];
  /** Largest |P²+Q² − vℓ| over branches, pu². */
  readonly maxConeGapPu: number;
  /** Branch id where `maxConeGapPu` occurs (null when no branch has a gap, e.g. LinDistFlow). */
  readonly maxConeGapBranch: number | null;
  /**
   * Branch ids whose squared current sits at the formulation's box on ℓ (sized far above
   * any physical current from the feeder and the interval; empty normally — when not, the
   * point is not physical).
   */
  readonly currentBoxBinding: number[];
  /** LP solves of this interval (1 + cut rounds). */
  readonly lpSolves: number;
  /** Number of islands solved. */
  readonly islands: number;
  /** One entry per island, in island order (the slack's island first); empty when the solve produced no point. */
  readonly islandSummary: IslandSummary[];
}
