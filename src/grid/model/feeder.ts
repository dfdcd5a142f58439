/**
 * The feeder data model shared by every grid reader, formulation and problem
 * (docs/architecture.md: readers → data → templates → formulations → problems).
 *
 * All electrical quantities are **per unit** on `baseMva` / `baseKv` once a
 * feeder has been built by a reader; powers are also kept in MW/MVAr names where
 * users see them. Buses are named by the data's own bus numbers (`id`), and
 * every array is indexed by position (bus index, branch index) for hot loops.
 *
 * Conventions
 * - Loads are consumption (positive P = MW drawn). Station injections use the same
 *   sign: positive = consumption (charging), negative = injection (V2G).
 * - A branch's `from` end is the end nearer the substation after orientation
 *   (readers orient radial trees away from the slack).
 * - Fixed regulator / transformer ratios `ratio` scale the *to*-side voltage:
 *   v_to = ratio² · (v_from − 2(rP + xQ) + (r²+x²)ℓ) in squared-voltage terms.
 */

/** One bus. */
export interface FeederBus {
  /** The data's own bus number (e.g. 1…33 for case33bw). */
  readonly id: number;
  /** Active load at nominal scale, MW. */
  readonly pLoadMw: number;
  /** Reactive load at nominal scale, MVAr. */
  readonly qLoadMvar: number;
  /** Shunt susceptance at 1 pu voltage, MVAr injected (capacitors > 0). */
  readonly shuntBMvar: number;
  /** Shunt conductance at 1 pu voltage, MW consumed. */
  readonly shuntGMw: number;
  /** Voltage magnitude limits, pu. */
  readonly vMinPu: number;
  readonly vMaxPu: number;
}

/** One branch (line, or line with a fixed-ratio regulator). */
export interface FeederBranch {
  /** Position-independent branch number (1-based row in the source data). */
  readonly id: number;
  /** Bus ids of the two ends. */
  readonly fromBus: number;
  readonly toBus: number;
  /** Series resistance and reactance, pu on the feeder base. */
  readonly rPu: number;
  readonly xPu: number;
  /** Apparent-power rating at the sending end, MVA (`Infinity` when unrated). */
  readonly rateMva: number;
  /** Fixed voltage ratio applied at the to-end (1 when none). */
  readonly ratio: number;
  /** False for normally-open ties and outaged branches. */
  readonly inService: boolean;
}

/** Kinds of dispatchable resource. */
export type GeneratorKind = 'substation' | 'dg' | 'pv';

/** A substation connection, DG or PV unit. */
export interface FeederGenerator {
  readonly id: string;
  readonly kind: GeneratorKind;
  readonly bus: number;
  readonly pMinMw: number;
  readonly pMaxMw: number;
  readonly qMinMvar: number;
  readonly qMaxMvar: number;
  /** Cost c1·P + c2·P², P in MW, cost in $/h (import price for the substation). */
  readonly costUsdPerMwh: number;
  readonly costUsdPerMw2h: number;
}

/**
 * How the OPF may shed load at a bus (docs/model.md §3.6):
 * - `constant-pf` (default): P and Q of the bus's net consumption shed together at its
 *   power factor, `0 ≤ shedP ≤ max(0, Pnet)`, `shedQ = shedP · Qnet / Pnet` (Pnet = household P
 *   + station P with V2G negative; Qnet = household Q + fixed station Q; inverter Q excluded);
 *   nothing is shed where Pnet ≤ 0;
 * - `household-only`: household load only, at its own Q/P; station charging is never shed;
 * - `p-only`: like `constant-pf` but as pure active power (no Q shed).
 */
export type SheddingConvention = 'constant-pf' | 'household-only' | 'p-only';

/** The shedding conventions, default first. */
export const SHEDDING_CONVENTIONS: readonly SheddingConvention[] = ['constant-pf', 'household-only', 'p-only'];

/** A radial distribution feeder in per unit. */
export interface Feeder {
  readonly name: string;
  /** Where it was read from (file path or bundled name), for error messages. */
  readonly source: string;
  readonly baseMva: number;
  readonly baseKv: number;
  readonly buses: readonly FeederBus[];
  readonly branches: readonly FeederBranch[];
  readonly generators: readonly FeederGenerator[];
  /** Slack (substation) bus id and its fixed voltage magnitude, pu. */
  readonly slackBus: number;
  readonly slackVoltagePu: number;
  /** Penalty for shed load, $/MWh (also the DLMP where shedding happens). */
  readonly sheddingPenaltyUsdPerMwh: number;
  /** What may be shed at a bus (default `constant-pf`). */
  readonly sheddingConvention?: SheddingConvention;
}
