/**
 * Feeder load support: the largest weighted station load a feeder can serve at one interval
 * **without shedding and without curtailment** — an LP *relaxation* of the SOCP branch-flow OPF
 * (docs/model.md §3.2, docs/flexibility.md "Outer bound"), with the station loads as variables.
 *
 * Model (per unit on `baseMva`, bus positions b, parent a, branch a→b stored at b, as in
 * `distFlowLp.ts`; station columns in MW / MVAr):
 * - active balance   P_b − r_b ℓ_b − Σ_children P_c + Σ pg − G_b v_b − Σ_{s at b} P_s / base = household P_b
 * - reactive balance Q_b − x_b ℓ_b − Σ_children Q_c + Σ qg + B_b v_b − Σ_{s at b} Q_s / base = household Q_b
 * - voltage drop     v_b / τ_b² − v_a + 2(r_b P_b + x_b Q_b) − (r_b² + x_b²) ℓ_b = 0
 * - cone             P_b² + Q_b² ≤ v_a ℓ_b — relaxed by tangent (outer) cuts, added where violated
 * - rating           P_b² + Q_b² ≤ S_b² — a circumscribed regular polygon (outer)
 * - inverter         P_s² + Q_s² ≤ S_s² at stations with an inverter (circumscribed polygon; else Q_s = 0)
 * - ℓ_b ≤ a box that no physical current reaches (4× the largest possible |I|, like `currentBox.ts`
 *   but with the stations at their largest |P|), generator, voltage and slack limits of the feeder.
 * No shed and no curtailment column: a point that needs either is outside the set.
 *
 * Every constraint of the co-simulation's OPF (at given station loads, without shedding) holds
 * here, and every cut only removes points outside the cone, so the LP optimum of **any** round of
 * the cut loop is an upper bound of the true support value. The builder lets a caller (the
 * flexibility outer bound) add its own columns and rows linked to the station columns before
 * `compile()`; the model is then kept and only the objective changes per call (STYLE: build once).
 */
import { SolverError } from '../../common/errors.js';
import { lossSecantMarginPu, SECANT_RANGE_SLACK_PU, type OpfConeTolerance } from './lossSecantMargin.js';
import { MarketLpSession, type MarketLpRow } from '../formulations/marketLpSession.js';
import type { Feeder } from '../model/feeder.js';
import { buildIntervalTemplate } from '../templates/intervalTemplate.js';
import { buildNetworkTemplate, type NetworkTemplate } from '../templates/networkTemplate.js';
import { MarketQpBuilder } from './marketQpBuilder.js';

const MODULE = 'grid/problems/feederLoadSupport';

/** One station column of the block. */
export interface SupportStation {
  /** Feeder bus id. */
  readonly bus: number;
  /** Range of the station's net load, MW (+ = consumption); finite. */
  readonly pMinMw: number;
  readonly pMaxMw: number;
  /** Inverter apparent-power limit, MVA: its Q is then a decision (absent: Q = 0, as in the co-simulation). */
  readonly sMaxMva?: number;
}

/** Inputs of {@link FeederLoadSupport}. */
export interface FeederLoadSupportSpec {
  readonly feeder: Feeder;
  /** Household load multiplier of the interval (default 1). */
  readonly loadScale?: number;
  /** Branch ids out of service in the interval. */
  readonly outagedBranches?: readonly number[];
  readonly stations: readonly SupportStation[];
  /** Sides of the circumscribed rating / inverter polygons (default 32: at most 0.5 % outside the disc). */
  readonly polygonSides?: number;
  /** Most LP solves per `maximize` call (default 40); the last LP's value is still a valid bound. */
  readonly maxCutRounds?: number;
  /** A cone counts as violated when ‖(2P, 2Q, v − ℓ)‖ − (v + ℓ) exceeds this times (v + ℓ) (default 1e-7). */
  readonly coneRelTolerance?: number;
  /**
   * The cone tolerance of the OPF whose exact (`optimal`) points the loss secants must keep
   * (scenario `solver.coneRelTolerance` / `solver.coneTolerancePu`; default the OPF's defaults):
   * see {@link lossSecantMarginPu}.
   */
  readonly opfConeTolerance?: OpfConeTolerance;
}

/** Result of one {@link FeederLoadSupport.maximize} call. */
export interface SupportSolution {
  /** max Σ weight·x over the relaxation (the last LP of the cut loop), in the objective's units. */
  readonly value: number;
  /** Values of every column (station columns in MW). */
  readonly colValue: Float64Array;
  /** Station net loads at the optimum, MW, in `spec.stations` order. */
  readonly stationMw: Float64Array;
  readonly lpSolves: number;
  /** Largest remaining relative cone violation (0 when the cut loop converged). */
  readonly maxConeViolation: number;
}

/**
 * A persistent LP of the feeder at one interval with station loads as columns.
 *
 * @example
 * const lp = new FeederLoadSupport({ feeder, loadScale: 1, stations: [{ bus: 18, pMinMw: 0, pMaxMw: 20 }] });
 * await lp.compile();
 * const best = lp.maximize([{ col: lp.stationCols[0], weight: 1 }]); // ≥ the largest load bus 18 can take unshed
 * lp.dispose();
 */
export class FeederLoadSupport {
  /** Column of each station's net load, MW. */
  readonly stationCols: Int32Array;
  private readonly builder = new MarketQpBuilder();
  private session: MarketLpSession | undefined;
  private readonly net: NetworkTemplate;
  private readonly colV: number;
  private readonly colP: number;
  private readonly colQ: number;
  private readonly colL: number;
  private readonly maxRounds: number;
  private readonly relTol: number;
  private readonly opfTol: OpfConeTolerance;
  private costCols: number[] = [];

  constructor(spec: FeederLoadSupportSpec) {
    const net = buildNetworkTemplate(spec.feeder, spec.outagedBranches ?? []);
    this.net = net;
    this.maxRounds = spec.maxCutRounds ?? 40;
    this.relTol = spec.coneRelTolerance ?? 1e-7;
    this.opfTol = spec.opfConeTolerance ?? {};
    const sides = spec.polygonSides ?? 32;
    if (!(Number.isInteger(sides) && sides >= 4)) throw new Error(`${MODULE}: polygonSides must be an integer ≥ 4, got ${sides}`);
    const household = buildIntervalTemplate(net, { loadScale: spec.loadScale ?? 1 });
    const n = net.nBus;
    const base = net.baseMva;
    const b = this.builder;
    const box = currentBoxPu(net, household.pDemandPu, household.qDemandPu, spec.stations);
    this.colV = b.numCols;
    for (let i = 0; i < n; i++) b.addCol({ lower: net.vMinSqPu[i], upper: net.vMaxSqPu[i] });
    this.colP = b.numCols;
    for (let i = 0; i < n; i++) b.addCol(net.parent[i] < 0 ? { lower: 0, upper: 0 } : { lower: -Infinity, upper: Infinity });
    this.colQ = b.numCols;
    for (let i = 0; i < n; i++) b.addCol(net.parent[i] < 0 ? { lower: 0, upper: 0 } : { lower: -Infinity, upper: Infinity });
    this.colL = b.numCols;
    for (let i = 0; i < n; i++) b.addCol({ lower: 0, upper: net.parent[i] < 0 ? 0 : box });
    const m = net.genBus.length;
    const colPg = b.numCols;
    for (let g = 0; g < m; g++) b.addCol({ lower: net.genPMinPu[g], upper: net.genPMaxPu[g] });
    const colQg = b.numCols;
    for (let g = 0; g < m; g++) b.addCol({ lower: net.genQMinPu[g], upper: net.genQMaxPu[g] });
    const stationCols = new Int32Array(spec.stations.length);
    const stationQCols = new Int32Array(spec.stations.length).fill(-1);
    spec.stations.forEach((s, k) => {
      if (!net.positionOfBus.has(s.bus)) throw new Error(`${MODULE}: stations[${k}].bus ${s.bus} is not a bus of the feeder`);
      if (!(Number.isFinite(s.pMinMw) && Number.isFinite(s.pMaxMw) && s.pMinMw <= s.pMaxMw)) {
        throw new Error(`${MODULE}: stations[${k}] needs finite pMinMw ≤ pMaxMw, got [${s.pMinMw}, ${s.pMaxMw}]`);
      }
      stationCols[k] = b.addCol({ lower: s.pMinMw, upper: s.pMaxMw });
      if (s.sMaxMva !== undefined) stationQCols[k] = b.addCol({ lower: -s.sMaxMva, upper: s.sMaxMva });
    });
    this.stationCols = stationCols;

    // Balance rows: one (cols, vals) list per bus, then added.
    const balP = Array.from({ length: n }, () => ({ cols: [] as number[], vals: [] as number[] }));
    const balQ = Array.from({ length: n }, () => ({ cols: [] as number[], vals: [] as number[] }));
    const put = (row: { cols: number[]; vals: number[] }, col: number, val: number): void => {
      row.cols.push(col);
      row.vals.push(val);
    };
    for (let i = 0; i < n; i++) {
      put(balP[i], this.colV + i, -net.shuntGPu[i]);
      put(balQ[i], this.colV + i, net.shuntBPu[i]);
      const a = net.parent[i];
      if (a < 0) continue;
      put(balP[i], this.colP + i, 1);
      put(balQ[i], this.colQ + i, 1);
      put(balP[i], this.colL + i, -net.rPu[i]);
      put(balQ[i], this.colL + i, -net.xPu[i]);
      put(balP[a], this.colP + i, -1);
      put(balQ[a], this.colQ + i, -1);
    }
    for (let g = 0; g < m; g++) {
      put(balP[net.genBus[g]], colPg + g, 1);
      put(balQ[net.genBus[g]], colQg + g, 1);
    }
    spec.stations.forEach((s, k) => {
      const i = net.positionOfBus.get(s.bus) as number;
      put(balP[i], stationCols[k], -1 / base);
      if (stationQCols[k] >= 0) put(balQ[i], stationQCols[k], -1 / base);
    });
    for (let i = 0; i < n; i++) {
      b.addRow(balP[i].cols, balP[i].vals, household.pDemandPu[i], household.pDemandPu[i]);
      b.addRow(balQ[i].cols, balQ[i].vals, household.qDemandPu[i], household.qDemandPu[i]);
    }
    for (let i = 0; i < n; i++) {
      const a = net.parent[i];
      if (a < 0) continue;
      const r = net.rPu[i];
      const x = net.xPu[i];
      b.addRow([this.colV + i, this.colV + a, this.colP + i, this.colQ + i, this.colL + i], [1 / net.tauSq[i], -1, 2 * r, 2 * x, -(r * r + x * x)], 0, 0);
      const rate = Math.sqrt(net.rateSqPu[i]);
      if (Number.isFinite(rate)) addPolygon(b, this.colP + i, this.colQ + i, rate, sides);
    }
    spec.stations.forEach((s, k) => {
      if (stationQCols[k] >= 0) addPolygon(b, stationCols[k], stationQCols[k], s.sMaxMva as number, sides);
    });
  }

  /** Columns added so far (the caller's columns get the next indices). */
  get numCols(): number {
    return this.builder.numCols;
  }

  /** Add a caller column (before `compile`). */
  addCol(lower: number, upper: number): number {
    if (this.session !== undefined) throw new Error(`${MODULE}: addCol after compile()`);
    return this.builder.addCol({ lower, upper });
  }

  /** Add a caller row `lower ≤ Σ vals·x[cols] ≤ upper` (before `compile`). */
  addRow(cols: readonly number[], vals: readonly number[], lower: number, upper: number): number {
    if (this.session !== undefined) throw new Error(`${MODULE}: addRow after compile()`);
    return this.builder.addRow(cols, vals, lower, upper);
  }

  /** Pass the model to HiGHS (once). */
  async compile(): Promise<void> {
    if (this.session === undefined) this.session = await MarketLpSession.create(this.builder.assemble(), MODULE);
  }

  /**
   * Maximise Σ weight·x[col] over the relaxation.
   *
   * 1. Set the objective (minimise −Σ weight·x; every other column costs 0).
   * 2. Solve warm; add a tangent cut at every violated cone (‖(2P, 2Q, v_a − ℓ)‖ ≤ v_a + ℓ, cut
   *    u·(2P, 2Q, v_a − ℓ) ≤ v_a + ℓ with u the unit direction at the LP point); repeat until no cone
   *    is violated or `maxCutRounds` LPs. Cuts stay for later calls (they are valid everywhere).
   * 3. Return the last LP's optimum — an upper bound of the true maximum in every round.
   *
   * @throws SolverError when HiGHS does not report an optimal LP (no number is produced then).
   */
  maximize(objective: readonly { readonly col: number; readonly weight: number }[], maxRounds = this.maxRounds): SupportSolution {
    const session = this.session;
    if (session === undefined) throw new Error(`${MODULE}: compile() must precede maximize()`);
    for (const c of this.costCols) session.setColCost(c, 0);
    this.costCols = [];
    const merged = new Map<number, number>();
    for (const o of objective) {
      if (!Number.isFinite(o.weight)) throw new Error(`${MODULE}: objective weight must be finite, got ${o.weight}`);
      merged.set(o.col, (merged.get(o.col) ?? 0) + o.weight);
    }
    for (const [col, w] of merged) {
      session.setColCost(col, -w);
      this.costCols.push(col);
    }
    let lpSolves = 0;
    for (;;) {
      const sol = session.solve();
      lpSolves++;
      const cuts = this.coneCuts(sol.colValue);
      if (cuts.rows.length === 0 || lpSolves >= maxRounds) {
        if (!Number.isFinite(sol.objective)) throw new SolverError(MODULE, 'not-optimal', `objective ${sol.objective}`);
        const stationMw = Float64Array.from(this.stationCols, (c) => sol.colValue[c]);
        return { value: -sol.objective, colValue: sol.colValue, stationMw, lpSolves, maxConeViolation: cuts.rows.length === 0 ? 0 : cuts.worst };
      }
      session.addRows(cuts.rows);
    }
  }

  /**
   * Bound the fictitious losses of an inexact relaxation (power "burnt" in ℓ above the physical
   * current) by rows that hold at every **exact** point (P_b² + Q_b² = v_a ℓ_b, what an `optimal`
   * OPF reports; docs/flexibility.md "Outer bound"):
   * 1. flow ranges P_b ∈ [P⁻, P⁺], Q_b ∈ [Q⁻, Q⁺] by LPs over the model as it is (one LP each, no cut
   *    rounds: any LP value of the relaxation bounds the true range);
   * 2. at an exact point ℓ_b = (P² + Q²)/v_a ≤ (P² + Q²)/v_a,min, and P² ≤ (P⁻ + P⁺)P − P⁻P⁺ on
   *    [P⁻, P⁺] (secant), likewise Q, so v_a,min·ℓ_b − (P⁻ + P⁺)P_b − (Q⁻ + Q⁺)Q_b ≤ −P⁻P⁺ − Q⁻Q⁺
   *    + the OPF's cone tolerance over the range ({@link lossSecantMarginPu}); each range is first
   *    widened by {@link SECANT_RANGE_SLACK_PU} for the LPs' feasibility tolerance.
   * 3. repeat `passes` times: the secants shrink the ranges, which sharpen the next secants
   *    (measured on case33bw, largest V2G injection at bus 18 with no export: 10 → 5.86 → 3.70 →
   *    3.30 MW against 3.05 MW served exactly by the OPF).
   * Call after every caller row is in (the ranges use them) and before `maximize`.
   *
   * @param passes - rounds of range + secant (default 3)
   * @returns rows added (one per branch and pass)
   */
  tightenLosses(passes = 3): number {
    let added = 0;
    for (let k = 0; k < passes; k++) added += this.secantPass();
    return added;
  }

  private secantPass(): number {
    const session = this.session;
    if (session === undefined) throw new Error(`${MODULE}: compile() must precede tightenLosses()`);
    const net = this.net;
    const rows: MarketLpRow[] = [];
    for (let i = 0; i < net.nBus; i++) {
      const a = net.parent[i];
      if (a < 0) continue;
      const range = (col: number): [number, number] => [-this.maximize([{ col, weight: -1 }], 1).value, this.maximize([{ col, weight: 1 }], 1).value];
      const [pl0, pu0] = range(this.colP + i);
      const [ql0, qu0] = range(this.colQ + i);
      const [pl, pu, ql, qu] = [pl0 - SECANT_RANGE_SLACK_PU, pu0 + SECANT_RANGE_SLACK_PU, ql0 - SECANT_RANGE_SLACK_PU, qu0 + SECANT_RANGE_SLACK_PU];
      const margin = lossSecantMarginPu([pl, pu], [ql, qu], [net.vMinSqPu[a], net.vMaxSqPu[a]], this.opfTol);
      rows.push({
        cols: [this.colL + i, this.colP + i, this.colQ + i],
        vals: [net.vMinSqPu[a], -(pl + pu), -(ql + qu)],
        lower: -Infinity,
        upper: -pl * pu - ql * qu + margin,
      });
    }
    session.addRows(rows);
    return rows.length;
  }

  /** Tangent cuts of the violated cones at `x`, and the largest relative violation. */
  private coneCuts(x: Float64Array): { rows: MarketLpRow[]; worst: number } {
    const net = this.net;
    const rows: MarketLpRow[] = [];
    let worst = 0;
    for (let i = 0; i < net.nBus; i++) {
      const a = net.parent[i];
      if (a < 0) continue;
      const p = x[this.colP + i];
      const q = x[this.colQ + i];
      const v = x[this.colV + a];
      const l = x[this.colL + i];
      const w3 = v - l;
      const norm = Math.hypot(2 * p, 2 * q, w3);
      const excess = norm - (v + l);
      const rel = excess / Math.max(v + l, 1e-12);
      if (!(rel > this.relTol) || norm === 0) continue;
      worst = Math.max(worst, rel);
      const u1 = (2 * p) / norm;
      const u2 = (2 * q) / norm;
      const u3 = w3 / norm;
      rows.push({
        cols: [this.colP + i, this.colQ + i, this.colV + a, this.colL + i],
        vals: [2 * u1, 2 * u2, u3 - 1, -u3 - 1],
        lower: -Infinity,
        upper: 0,
      });
    }
    return { rows, worst };
  }

  /** Release the HiGHS model. */
  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
  }
}

/** Circumscribed regular polygon of the disc p² + q² ≤ s²: cos θ_k·p + sin θ_k·q ≤ s (every side tangent). */
function addPolygon(b: MarketQpBuilder, colP: number, colQ: number, s: number, sides: number): void {
  for (let k = 0; k < sides; k++) {
    const th = (2 * Math.PI * k) / sides;
    b.addRow([colP, colQ], [Math.cos(th), Math.sin(th)], -Infinity, s);
  }
}

/**
 * Box on ℓ, pu²: (4 × everything that can be consumed or injected) ² / lowest v², like
 * `currentBox.ts` with every station at its largest |P| (and its inverter S), so no physical
 * current — and no current of the co-simulation's OPF, whose box uses the actual station loads — exceeds it.
 */
function currentBoxPu(net: NetworkTemplate, pDemandPu: Float64Array, qDemandPu: Float64Array, stations: readonly SupportStation[]): number {
  let total = 0;
  let vMinSq = Infinity;
  for (let i = 0; i < net.nBus; i++) {
    total += Math.abs(pDemandPu[i]) + Math.abs(qDemandPu[i]) + Math.abs(net.shuntGPu[i]) + Math.abs(net.shuntBPu[i]);
    if (net.vMinSqPu[i] > 0 && net.vMinSqPu[i] < vMinSq) vMinSq = net.vMinSqPu[i];
  }
  for (const s of stations) total += (Math.max(Math.abs(s.pMinMw), Math.abs(s.pMaxMw)) + (s.sMaxMva ?? 0)) / net.baseMva;
  const finite = (v: number): number => (Number.isFinite(v) ? Math.abs(v) : 0);
  for (let g = 0; g < net.genBus.length; g++) {
    total += Math.max(finite(net.genPMaxPu[g]), finite(net.genPMinPu[g])) + Math.max(finite(net.genQMaxPu[g]), finite(net.genQMinPu[g]));
  }
  if (!Number.isFinite(vMinSq)) vMinSq = 1;
  const i = (4 * total) / Math.sqrt(vMinSq);
  return Math.max(i * i, 1e-6);
}
