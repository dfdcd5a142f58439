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
  /** Largest accepted cone gap |P²+Q² − vℓ| and rating violation, pu (default 1e-6). */
  readonly coneTolerancePu?: number;
  /** Most LP solves per interval in the cut loop (default 60). */
  readonly maxCutRounds?: number;
}

/** DLMP components at one bus, $/MWh (or $/MVArh for the reactive ones); they sum to the DLMP. */
export interface DlmpComponents {
  readonly energy: number;
  readonly loss: number;
  readonly congestion: number;
  readonly voltage: number;
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
  /** `inexact`: cone gap above tolerance (not a physical point); `infeasible`/`error`: no point. */
  readonly status: 'optimal' | 'inexact' | 'infeasible' | 'error';
  readonly message?: string;
  readonly formulation: FormulationName;
  /** Import cost + DG cost + shedding penalty, $/h. */
  readonly objectiveUsdPerH: number;
  /** Series losses Σ r·ℓ, kW (0 for LinDistFlow). */
  readonly lossesKw: number;
  /** Power drawn from the substation(s), MW / MVAr. */
  readonly importMw: number;
  readonly importMvar: number;
  readonly shedKw: number;
  readonly shedKwByBus: Record<number, number>;
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
  /** LP solves of this interval (1 + cut rounds). */
  readonly lpSolves: number;
  /** Number of islands solved. */
  readonly islands: number;
}
