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
 * - rating          P_b² + Q_b² ≤ S_b²      (tangent cuts, like the cone)
 * - quadratic cost  z_g ≥ c2 pg²            (tangent cuts)
 * Objective: Σ c1 pg + Σ z_g + penalty · Σ shed, in $/h.
 *
 * Where inverter Q is an interior decision, each interval starts (and a loop that did not
 * converge continues) with a Newton step on the KKT system of the SOCP on the last active set
 * (kktNewtonPoint.ts): tangents at its point, the basis handed over, inverter Q pinned at its
 * Newton value for the LP; the LP's answer is kept only when the pinned columns' reduced costs
 * vanish (then it is optimal with the bounds released too), else the loop goes on unpinned. The
 * pins and the active set an interval starts from are newtonPinning.ts; this module decides when
 * to step and when to accept.
 */
import type { Highs } from 'highs';
import type { BranchFlowSolution, FormulationOptions } from './branchFlowFormulation.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import { buildDistFlowLp, type DistFlowLayout } from './distFlowLp.js';
import { CutPool } from './distFlowCuts.js';
import { currentBoxPu } from './currentBox.js';
import { newtonLinearPart, type MutableNewtonLinearPart } from './kktNewtonPoint.js';
import { NewtonPinning } from './newtonPinning.js';
import { distFlowSolution, failedDistFlowSolution } from './distFlowSolution.js';

/** Options of {@link DistFlowModel}. */
export interface DistFlowModelOptions extends FormulationOptions {
  /** True for the SOCP branch-flow model, false for LinDistFlow (ℓ ≡ 0). */
  readonly withLosses: boolean;
}

const MODEL_STATUS_OPTIMAL = 7;
/**
 * A cone cut slack (zero dual) in more than this many consecutive LP solves is deleted, inside
 * an interval's loop too: LP time grows with the pool, and with inverter Q (8–14 LPs per
 * interval) in-loop pruning measured 1.7× less CPU on ieee123 at unchanged DLMPs.
 */
const MAX_IDLE_SOLVES = 2;
/** Default relative tolerance of the cut loop (docs/model.md §3.3, chosen in bench/grid-opf.bench.ts). */
export const DEFAULT_REL_TOLERANCE = 1e-9;
const MODEL_STATUS_INFEASIBLE = 8;
/**
 * A basis hand-over (distFlowCuts.ts `handOver`) has failed when the LP after it needed more
 * than this many pivots plus ¾ of the handed-over rows (appending the same cuts costs about one
 * pivot per row; a good hand-over needs 0 on ieee123 without inverter Q). Where an interior
 * decision (inverter Q) moves the point off the tangents it needs 1.2–2.4 pivots per row, each
 * dearer, so it is paused.
 */
const HANDOVER_PIVOT_ALLOWANCE = 5;
/** Longest pause of the hand-over after failures, in intervals (doubles per failure from 1). */
const HANDOVER_MAX_BACKOFF = 64;
/**
 * Newton step (kktNewtonPoint.ts) from this LP solve of an interval on (besides the interval's
 * start): tangents of the next round at the KKT point of the SOCP on the LP's active set
 * instead of at the iterate.
 */
const NEWTON_FROM_LP = 1;
/** The Newton step is off for the rest of an interval after this many steps not followed by convergence. */
const NEWTON_MAX_MISSES = 2;
/** Largest |reduced cost| of a pinned column ($/h per pu) at which the pinned LP's optimum is accepted. */
const PIN_REDUCED_COST_TOLERANCE = 1e-7;

/**
 * A persistent DistFlow LP of one topology.
 *
 * @example
 * const m = new DistFlowModel(highs, net, { withLosses: true });
 * m.update(buildIntervalTemplate(net, { loadScale: 1.1 }));
 * const sol = m.solve(); // sol.lpSolves, sol.maxConeGapPu, duals for decomposeDlmp
 */
export class DistFlowModel {
  private readonly model: ReturnType<Highs['createModel']>;
  private readonly layout: DistFlowLayout;
  private readonly cuts: CutPool;
  private readonly maxRounds: number;
  /** Upper bound now on every ℓ column, pu² (sized from the feeder and the interval, see currentBox.ts). */
  private currentBox = 0;
  private readonly rowBoundBuffer: Float64Array;
  private readonly colLowerBuffer: Float64Array;
  private readonly colUpperBuffer: Float64Array;
  /** Reactive-balance coefficient of each bus's shed column now in the model (the shed Q/P). */
  private readonly shedQCoefInModel: Float64Array;
  /** Linear generator costs now in the model, $/h per pu. */
  private readonly genCostInModel: Float64Array;
  private lastInterval: IntervalTemplate | undefined;
  /** Last optimal primal point and the demand it served (for predicted cuts). */
  private lastX: Float64Array | undefined;
  private readonly lastDemandP: Float64Array;
  private readonly lastDemandQ: Float64Array;
  private readonly deltaP: Float64Array;
  private readonly deltaQ: Float64Array;
  /** Intervals left before the basis hand-over is tried again, and the next pause after a failure. */
  private handoverSkip = 0;
  private handoverBackoff = 1;
  /** Rows handed over by the flush before the next LP. */
  private pendingHandover = 0;
  /** DistFlow rows and costs for the Newton step (undefined without losses). */
  private readonly linear: MutableNewtonLinearPart | undefined;
  /**
   * Newton step (kktNewtonPoint.ts) for models created from now on (default true; used only
   * where an inverter Q column is basic). A switch for benchmarks and tests that compare the
   * loop with and without it in one run (docs/model.md §3.3).
   */
  static newtonStepDefault = true;
  private readonly newtonStep = DistFlowModel.newtonStepDefault;
  /** Newton steps taken in the last interval (at its start and in its loop; a diagnostic). */
  lastNewtonSteps = 0;
  /** Pins of interior decisions and the next interval's Newton start (undefined without losses). */
  private readonly newton: NewtonPinning | undefined;
  /** Right-hand sides of the DistFlow rows now in the model. */
  private readonly rowRhs: Float64Array;
  /** True when update() placed the first LP's cuts at a Newton point. */
  private newtonAtStart = false;

  constructor(highs: Highs, private readonly net: NetworkTemplate, private readonly options: DistFlowModelOptions) {
    this.maxRounds = options.maxCutRounds ?? 60;
    const lp = buildDistFlowLp(net, options.withLosses, highs.infinity);
    this.layout = lp.layout;
    this.model = highs.createModel(lp.data);
    this.model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9 });
    this.cuts = new CutPool(net, lp.layout, options.withLosses, {
      relTol: options.coneRelTolerance ?? DEFAULT_REL_TOLERANCE,
      ...(options.coneTolerancePu === undefined ? {} : { absTolPu: options.coneTolerancePu }),
    });
    this.cuts.addInitialCuts(this.model);
    this.linear = options.withLosses ? newtonLinearPart(lp.data.matrix, lp.data.colCost, lp.layout, net.nBus) : undefined;
    const n = net.nBus;
    this.rowBoundBuffer = new Float64Array(2 * n);
    this.rowRhs = new Float64Array(lp.layout.numRows);
    this.colLowerBuffer = new Float64Array(3 * n);
    this.colUpperBuffer = new Float64Array(3 * n);
    this.shedQCoefInModel = Float64Array.from(net.shedQRatio);
    this.genCostInModel = Float64Array.from(net.genC1UsdPerHPu);
    this.lastDemandP = new Float64Array(n);
    this.lastDemandQ = new Float64Array(n);
    this.deltaP = new Float64Array(n);
    this.deltaQ = new Float64Array(n);
    this.newton = this.linear === undefined ? undefined : new NewtonPinning({ net, layout: lp.layout, model: this.model, cuts: this.cuts, linear: this.linear, rowRhs: this.rowRhs });
  }

  /**
   * Rewrite demand rows and the shed / inverter / station-shed column bounds (one contiguous block)
   * for `interval`; change the shed columns' reactive coefficients (the shedding convention's Q/P)
   * and the generators' linear costs (the interval's import price) only where they moved.
   */
  update(interval: IntervalTemplate): void {
    const n = this.net.nBus;
    this.lastNewtonSteps = 0;
    const rows = this.rowBoundBuffer;
    rows.set(interval.pDemandPu, 0);
    rows.set(interval.qDemandPu, n);
    this.rowRhs.set(rows, this.layout.rowBalP);
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
    for (let b = 0; b < n; b++) {
      const k = interval.shedQPerP[b];
      if (k === this.shedQCoefInModel[b]) continue;
      this.model.changeCoefficient(this.layout.rowBalQ + b, this.layout.colShed + b, k);
      this.shedQCoefInModel[b] = k;
      if (this.linear !== undefined) this.linear.values[this.linear.shedQEntry[b]] = k;
    }
    const cost = interval.genC1UsdPerHPu;
    if (cost.some((c, g) => c !== this.genCostInModel[g])) {
      this.model.changeColsCost({ kind: 'range', from: this.layout.colPg, to: this.layout.colPg + cost.length - 1 }, cost);
      this.genCostInModel.set(cost);
      this.linear?.cost.set(cost, this.layout.colPg);
    }
    this.cuts.handoverEnabled = this.handoverSkip === 0;
    if (this.handoverSkip > 0) this.handoverSkip--;
    this.pendingHandover = 0;
    if (this.lastX !== undefined) {
      for (let b = 0; b < n; b++) {
        this.deltaP[b] = interval.pDemandPu[b] - this.lastDemandP[b];
        this.deltaQ[b] = interval.qDemandPu[b] - this.lastDemandQ[b];
      }
      this.lastInterval = interval;
      this.newtonAtStart = this.newtonStep && this.newton?.hasStart === true && interval.qInverterMaxPu.some((q) => q > 0)
        && this.newton.startInterval(this.lastX, interval, this.colLowerBuffer, this.colUpperBuffer);
      if (this.newtonAtStart) this.lastNewtonSteps++;
      else {
        this.cuts.predict(this.model, this.lastX, this.deltaP, this.deltaQ);
        this.pendingHandover = this.cuts.handedOver;
      }
    }
    this.lastInterval = interval;
  }

  /**
   * Solve to the cut-loop tolerance.
   *
   * Steps: 1. size the ℓ box for the interval; 2. run the LP warm from the last
   * basis and read its solution and objective (before any row is added: the
   * model is then unsolved); 3. stage tangent cuts for every violated cone,
   * rating and quadratic cost, and dual-point cuts where the iterate sits at a
   * kink (distFlowCuts.ts); 4. stop when nothing is staged (converged, or
   * stalled at the LP's feasibility floor), or drop the staged cuts and stop
   * with `cut-limit` after `maxCutRounds` LPs; 5. flag `inexact` when some
   * branch has v·ℓ − P² − Q² above tolerance (the relaxation is not tight: ℓ is
   * not a physical current).
   */
  solve(): BranchFlowSolution {
    const interval = this.lastInterval;
    if (interval === undefined) throw new Error('grid/formulations/distFlow: update() must precede solve()');
    if (this.options.withLosses) this.sizeCurrentBox(interval);
    let lpSolves = 0;
    let exhausted = false;
    let pending = 0;
    let sol: ReturnType<typeof this.model.getSolution>;
    let objective: number;
    // Only an interval with inverter Q can have the interior decision the Newton step is for.
    const newton = this.newton;
    let newtonOn = this.newtonStep && newton !== undefined && interval.qInverterMaxPu.some((q) => q > 0);
    let newtonMisses = 0;
    let newtonPending = this.newtonAtStart;
    this.newtonAtStart = false;
    let logicalRetry = false;
    for (;;) {
      let run: ReturnType<typeof this.model.run>;
      try {
        run = this.model.run();
      } catch (error) {
        // HiGHS refused the handed-over start of a Newton round (status −1, seen once in a case33bw
        // horizon wrapping round): release the pins, restart from the logical basis, Newton off.
        // Without a Newton start (seen in flexibility sweeps): once more from the logical basis,
        // then report the interval as a solver error instead of throwing out of the run.
        if (!newtonPending && newton?.active !== true) {
          this.cuts.forgetBasis();
          if (logicalRetry) return failedDistFlowSolution(this.net, 'error', `HiGHS refused the LP twice (${error instanceof Error ? error.message : String(error)})`, lpSolves);
          logicalRetry = true;
          this.model.setLogicalBasis();
          continue;
        }
        newton?.release(undefined, interval);
        this.cuts.forgetBasis();
        this.model.setLogicalBasis();
        newtonOn = false;
        newtonPending = false;
        newton?.forgetStart();
        continue;
      }
      lpSolves++;
      if (run.modelStatus !== MODEL_STATUS_OPTIMAL) {
        this.cuts.forgetBasis();
        if (newton?.active === true) {
          // A pinned LP that fails: release and re-solve once without the Newton step.
          newton.release(undefined, interval);
          newtonOn = false;
          continue;
        }
        const infeasible = run.modelStatus === MODEL_STATUS_INFEASIBLE;
        return failedDistFlowSolution(this.net, infeasible ? 'infeasible' : 'error', `HiGHS model status ${run.modelStatus}`, lpSolves);
      }
      sol = this.model.getSolution();
      objective = this.model.getObjectiveValue();
      this.cuts.captureBasis(this.model);
      this.judgeHandover();
      const x = sol.colValue;
      const guards = newtonOn ? this.cuts.guardSnapshot() : undefined;
      const found = this.cuts.separate(x, sol.rowDual);
      if (found.staged === 0 && newtonOn) newton?.remember(x, sol.rowDual);
      if (found.staged === 0 && newton?.active === true) {
        const d = newton.release(sol.colDual, interval);
        if (d <= PIN_REDUCED_COST_TOLERANCE) break;
        // Wrong active set: solve with the bounds released, Newton again from there (bounded tries).
        newtonPending = false;
        if (++newtonMisses >= NEWTON_MAX_MISSES) newtonOn = false;
        continue;
      }
      if (found.staged === 0) break;
      if (lpSolves >= this.maxRounds) {
        this.cuts.discard();
        newton?.release(sol.colDual, interval);
        exhausted = true;
        pending = Math.max(found.violated, found.staged);
        break;
      }
      if (newtonPending && ++newtonMisses >= NEWTON_MAX_MISSES) newtonOn = false;
      newtonPending = false;
      if (newtonOn && guards !== undefined && lpSolves >= NEWTON_FROM_LP && newton?.step(x, sol.rowDual, guards, interval) === true) {
        newtonPending = true;
        this.lastNewtonSteps++;
      }
      this.cuts.prune(this.model, sol.rowDual, MAX_IDLE_SOLVES);
      const handoverWas = this.cuts.handoverEnabled;
      // Tangents at a Newton point replace the binding ones of the same active set: hand over.
      if (newtonPending) this.cuts.handoverEnabled = true;
      this.cuts.flush(this.model);
      this.cuts.handoverEnabled = handoverWas;
      this.pendingHandover = newtonPending ? 0 : this.cuts.handedOver;
    }
    const out = distFlowSolution({ net: this.net, layout: this.layout, withLosses: this.options.withLosses, currentBox: this.currentBox }, sol, this.cuts.aggregateDuals(sol.rowDual), objective, lpSolves);
    if (!exhausted) {
      this.lastX = sol.colValue;
      this.lastDemandP.set(interval.pDemandPu);
      this.lastDemandQ.set(interval.qDemandPu);
      this.cuts.prune(this.model, sol.rowDual, MAX_IDLE_SOLVES);
    }
    const cone = this.cuts.coneStatus(sol.colValue);
    const busName = (b: number): string => `the branch into bus ${this.net.busIds[b]}`;
    if (exhausted) {
      const worst = cone.violationBus >= 0 ? `; largest cone violation ${cone.violationPu.toExponential(3)} pu² on ${busName(cone.violationBus)}` : '';
      return {
        ...out, status: 'cut-limit',
        message: `cut loop stopped after ${lpSolves} LP solves (maxCutRounds) with ${pending} constraints still violated or unrefined${worst}; remaining cone gap ${out.maxConeGapPu.toExponential(3)} pu²`,
      };
    }
    if (cone.slackBus >= 0) {
      return { ...out, status: 'inexact', message: `cone relaxation not tight: v·ℓ − P² − Q² = ${cone.slackPu.toExponential(3)} pu² on ${busName(cone.slackBus)}` };
    }
    if (cone.violationBus >= 0) {
      // Stalled: violated beyond tolerance, but every cut the pool could add is already there.
      return { ...out, status: 'cut-limit', message: `cut loop stalled after ${lpSolves} LP solves: cone violation ${cone.violationPu.toExponential(3)} pu² on ${busName(cone.violationBus)} at the LP feasibility floor` };
    }
    return out;
  }

  /**
   * After an LP that started from a handed-over basis: keep the hand-over if it saved pivots,
   * else turn it off for the rest of the interval and pause it for a growing number of intervals.
   */
  private judgeHandover(): void {
    const handed = this.pendingHandover;
    this.pendingHandover = 0;
    if (handed === 0) return;
    const pivots = Number(this.model.info.get('simplex_iteration_count'));
    if (pivots <= HANDOVER_PIVOT_ALLOWANCE + 0.75 * handed) {
      this.handoverBackoff = 1;
      return;
    }
    this.cuts.handoverEnabled = false;
    this.handoverSkip = this.handoverBackoff;
    this.handoverBackoff = Math.min(2 * this.handoverBackoff, HANDOVER_MAX_BACKOFF);
  }

  /**
   * Keep the ℓ box above any physical current of `interval` (currentBox.ts): grow
   * it when the interval's demand needs more, shrink it when it is 16× too large.
   */
  private sizeCurrentBox(interval: IntervalTemplate): void {
    const want = currentBoxPu(this.net, interval);
    if (want <= this.currentBox && want * 16 >= this.currentBox) return;
    this.currentBox = want;
    const n = this.net.nBus;
    const lo = new Float64Array(n);
    const up = new Float64Array(n);
    for (let b = 0; b < n; b++) up[b] = this.net.parent[b] < 0 ? 0 : want;
    this.model.changeColsBounds({ kind: 'range', from: this.layout.colL, to: this.layout.colL + n - 1 }, lo, up);
  }

  dispose(): void {
    this.model.dispose();
  }
}
