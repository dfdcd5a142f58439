/**
 * Shared machinery of the branch-flow formulations (like rxjs' `scanInternals`):
 * one persistent HiGHS LP of the DistFlow equations (docs/model.md §3, seed 003 §1.2),
 * built once per topology, with bounds rewritten per interval and cuts added
 * lazily. `socpOuterApproximation.ts` uses it with losses and cone cuts,
 * `linDistFlow.ts` without losses (ℓ fixed at 0).
 *
 * Model (per unit, bus positions b, parent a = parent[b], branch a→b stored at b):
 * - active balance  P_b − r_b ℓ_b − Σ_children P_c + Σ pg + shed_b + shedSt_b − G_b v_b = pDemand_b
 * - reactive balance Q_b − x_b ℓ_b − Σ_children Q_c + Σ qg + k_b shed_b + qInv_b + B_b v_b = qDemand_b
 * - voltage drop    v_b / τ_b² − v_a + 2(r_b P_b + x_b Q_b) − (r_b² + x_b²) ℓ_b = 0
 * - cone            P_b² + Q_b² ≤ v_a ℓ_b   (outer approximation by tangent cuts)
 * - rating          P_b² + Q_b² ≤ S_b²      (outer polygon, refined lazily)
 * - quadratic cost  z_g ≥ c2 pg²            (tangent cuts)
 * Objective: Σ c1 pg + Σ z_g + penalty · Σ shed, in $/h.
 */
import type { Highs } from 'highs';
import type { BranchFlowSolution, FormulationOptions } from './branchFlowFormulation.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import { buildDistFlowLp, type DistFlowLayout } from './distFlowLp.js';
import { CutPool } from './distFlowCuts.js';
import { DistFlowSweepPoint } from './distFlowSweepPoint.js';

/** Options of {@link DistFlowModel}. */
export interface DistFlowModelOptions extends FormulationOptions {
  /** True for the SOCP branch-flow model, false for LinDistFlow (ℓ ≡ 0). */
  readonly withLosses: boolean;
}

const MODEL_STATUS_OPTIMAL = 7;
const MODEL_STATUS_INFEASIBLE = 8;

/**
 * A persistent DistFlow LP of one topology.
 *
 * @example
 * const m = new DistFlowModel(highs, net, { withLosses: true, coneTolerancePu: 1e-6 });
 * m.update(buildIntervalTemplate(net, { loadScale: 1.1 }));
 * const sol = m.solve(); // sol.lpSolves, sol.maxConeGapPu, duals for decomposeDlmp
 */
export class DistFlowModel {
  private readonly model: ReturnType<Highs['createModel']>;
  private readonly layout: DistFlowLayout;
  private readonly cuts: CutPool;
  private readonly tolPu: number;
  private readonly maxRounds: number;
  private readonly rowBoundBuffer: Float64Array;
  private readonly colLowerBuffer: Float64Array;
  private readonly colUpperBuffer: Float64Array;
  private lastInterval: IntervalTemplate | undefined;
  private readonly sweep: DistFlowSweepPoint | undefined;
  /** Last optimal primal point and the demand it served (for predicted cuts). */
  private lastX: Float64Array | undefined;
  private readonly lastDemandP: Float64Array;
  private readonly lastDemandQ: Float64Array;
  private readonly deltaP: Float64Array;
  private readonly deltaQ: Float64Array;

  constructor(highs: Highs, private readonly net: NetworkTemplate, private readonly options: DistFlowModelOptions) {
    this.tolPu = options.coneTolerancePu ?? 1e-6;
    this.maxRounds = options.maxCutRounds ?? 60;
    const lp = buildDistFlowLp(net, options.withLosses, highs.infinity);
    this.layout = lp.layout;
    this.model = highs.createModel(lp.data);
    this.model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9 });
    this.cuts = new CutPool(net, lp.layout, options.withLosses, this.tolPu);
    this.cuts.addInitialCuts(this.model);
    this.sweep = options.withLosses ? new DistFlowSweepPoint(net, lp.layout) : undefined;
    const n = net.nBus;
    this.rowBoundBuffer = new Float64Array(2 * n);
    this.colLowerBuffer = new Float64Array(3 * n);
    this.colUpperBuffer = new Float64Array(3 * n);
    this.lastDemandP = new Float64Array(n);
    this.lastDemandQ = new Float64Array(n);
    this.deltaP = new Float64Array(n);
    this.deltaQ = new Float64Array(n);
  }

  /** Rewrite demand rows and the shed / inverter / station-shed column bounds (one contiguous block) for `interval`. */
  update(interval: IntervalTemplate): void {
    const n = this.net.nBus;
    const rows = this.rowBoundBuffer;
    rows.set(interval.pDemandPu, 0);
    rows.set(interval.qDemandPu, n);
    this.model.changeRowsBounds({ kind: 'range', from: this.layout.rowBalP, to: this.layout.rowBalP + 2 * n - 1 }, rows, rows);
    const lo = this.colLowerBuffer;
    const up = this.colUpperBuffer;
    for (let b = 0; b < n; b++) {
      lo[b] = 0;
      up[b] = interval.shedMaxPu[b];
      lo[n + b] = -interval.qInverterMaxPu[b];
      up[n + b] = interval.qInverterMaxPu[b];
      lo[2 * n + b] = 0;
      up[2 * n + b] = interval.stationShedMaxPu[b];
    }
    this.model.changeColsBounds({ kind: 'range', from: this.layout.colShed, to: this.layout.colShed + 3 * n - 1 }, lo, up);
    if (this.lastX !== undefined) {
      for (let b = 0; b < n; b++) {
        this.deltaP[b] = interval.pDemandPu[b] - this.lastDemandP[b];
        this.deltaQ[b] = interval.qDemandPu[b] - this.lastDemandQ[b];
      }
      this.cuts.predict(this.model, this.lastX, this.deltaP, this.deltaQ);
    }
    this.lastInterval = interval;
  }

  /**
   * Solve to the cone tolerance.
   *
   * Steps: 1. run the LP warm from the last basis; 2. find cone, rating and
   * quadratic-cost violations above tolerance and add one tangent cut each
   * (cuts are homogeneous or global, so they stay valid for later intervals);
   * 3. repeat until none is violated or `maxCutRounds` is reached; 4. flag the
   * point `inexact` when some branch has vℓ − P² − Q² above tolerance (the
   * relaxation is not tight: ℓ is not a physical current) or rounds ran out.
   */
  solve(): BranchFlowSolution {
    if (this.lastInterval === undefined) throw new Error('grid/formulations/distFlow: update() must precede solve()');
    let lpSolves = 0;
    let message: string | undefined;
    let exhausted = false;
    let sol: ReturnType<typeof this.model.getSolution>;
    for (;;) {
      const run = this.model.run();
      lpSolves++;
      if (run.modelStatus !== MODEL_STATUS_OPTIMAL) {
        const infeasible = run.modelStatus === MODEL_STATUS_INFEASIBLE;
        return this.failed(infeasible ? 'infeasible' : 'error', `HiGHS model status ${run.modelStatus}`, lpSolves);
      }
      // Read the solution before separate() adds rows (the model is then unsolved).
      sol = this.model.getSolution();
      const x = sol.colValue;
      const interval = this.lastInterval;
      const sweep = this.sweep;
      // The physical point is only computed once a violated cone is found.
      const added = this.cuts.separate(this.model, x, sweep && (() => sweep.compute(x, interval)));
      if (added === 0) break;
      if (lpSolves >= this.maxRounds) {
        exhausted = true;
        message = `cut loop stopped after ${lpSolves} LP solves with ${added} constraints still violated`;
        break;
      }
    }
    const out = this.extract(sol, lpSolves);
    if (!exhausted) {
      this.lastX = sol.colValue;
      this.lastDemandP.set(this.lastInterval.pDemandPu);
      this.lastDemandQ.set(this.lastInterval.qDemandPu);
      this.cuts.prune(this.model, sol.rowDual);
    }
    const excess = this.cuts.coneExcess(sol.colValue);
    let status: BranchFlowSolution['status'] = exhausted ? 'inexact' : 'optimal';
    if (excess.maxPu > this.tolPu) {
      status = 'inexact';
      message = `cone relaxation not tight: v·ℓ − P² − Q² = ${excess.maxPu.toExponential(3)} pu² on the branch into bus ${this.net.busIds[excess.bus]}`;
    }
    return { ...out, status, message };
  }

  dispose(): void {
    this.model.dispose();
  }

  private extract(sol: { colValue: Float64Array; colDual: Float64Array; rowDual: Float64Array }, lpSolves: number): BranchFlowSolution {
    const n = this.net.nBus;
    const L = this.layout;
    const x = sol.colValue;
    const nGen = this.net.genBus.length;
    const duals = this.cuts.aggregateDuals(sol.rowDual);
    const vSqPu = x.slice(L.colV, L.colV + n);
    const pFlowPu = x.slice(L.colP, L.colP + n);
    const qFlowPu = x.slice(L.colQ, L.colQ + n);
    const lSqPu = x.slice(L.colL, L.colL + n);
    const coneGapPu = new Float64Array(n);
    let maxConeGapPu = 0;
    if (this.options.withLosses) {
      for (let b = 0; b < n; b++) {
        const a = this.net.parent[b];
        if (a < 0) continue;
        const gap = Math.abs(pFlowPu[b] ** 2 + qFlowPu[b] ** 2 - vSqPu[a] * lSqPu[b]);
        coneGapPu[b] = gap;
        if (gap > maxConeGapPu) maxConeGapPu = gap;
      }
    }
    return {
      status: 'optimal',
      objectiveUsdPerH: this.model.getObjectiveValue(),
      lpSolves,
      maxConeGapPu,
      vSqPu, pFlowPu, qFlowPu, lSqPu, coneGapPu,
      shedPu: x.slice(L.colShed, L.colShed + n).map((v, b) => v + x[L.colShedStation + b]),
      qInverterPu: x.slice(L.colQInv, L.colQInv + n),
      pGenPu: x.slice(L.colPg, L.colPg + nGen),
      qGenPu: x.slice(L.colQg, L.colQg + nGen),
      lambdaP: sol.rowDual.slice(L.rowBalP, L.rowBalP + n),
      lambdaQ: sol.rowDual.slice(L.rowBalQ, L.rowBalQ + n),
      mu: sol.rowDual.slice(L.rowDrop, L.rowDrop + n),
      ...duals,
      vBoundDual: sol.colDual.slice(L.colV, L.colV + n),
      genPReducedCost: sol.colDual.slice(L.colPg, L.colPg + nGen),
      genQReducedCost: sol.colDual.slice(L.colQg, L.colQg + nGen),
    };
  }

  private failed(status: 'infeasible' | 'error', message: string, lpSolves: number): BranchFlowSolution {
    const n = this.net.nBus;
    const nGen = this.net.genBus.length;
    const z = (): Float64Array => new Float64Array(n);
    return {
      status, message, objectiveUsdPerH: NaN, lpSolves, maxConeGapPu: NaN,
      vSqPu: z(), pFlowPu: z(), qFlowPu: z(), lSqPu: z(), coneGapPu: z(), shedPu: z(), qInverterPu: z(),
      pGenPu: new Float64Array(nGen), qGenPu: new Float64Array(nGen),
      lambdaP: z(), lambdaQ: z(), mu: z(), lossP: z(), lossQ: z(), lossV: z(), congP: z(), congQ: z(), vBoundDual: z(),
      genPReducedCost: new Float64Array(nGen), genQReducedCost: new Float64Array(nGen),
    };
  }
}

