/**
 * Independent conic reference of the branch-flow SOCP OPF (docs/model.md §3.2), solved with
 * SCS (`scs-solver`) at tight tolerances — the yardstick of the reference tests and of the DLMP
 * bench (issue 11, "Checks that must hold"). The program is assembled in `referenceProblem.ts`
 * from the feeder data; DLMPs are the sensitivities of the optimal cost to the demand of each
 * bus, ∂cost/∂pD_b = −y(balance row) in $/h per pu, divided by the base MVA → $/MWh
 * (positive: more demand costs more), the sign and units of `OpfResult.dlmpP` / `dlmpQ`.
 */
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { buildReferenceProblem, type ReferenceProblem, type SheddingConvention } from './referenceProblem.ts';
import { polishKkt } from './kktPolish.ts';
import { loadScs, type ScsResult } from './scsModule.ts';

export type { SheddingConvention } from './referenceProblem.ts';

/** Options of {@link solveReferenceSocp}. */
export interface ReferenceOptions {
  /** Shedding rule (default: the feeder's `sheddingConvention`, else `constant-pf`, the engine's default). */
  readonly shedding?: SheddingConvention;
  /** SCS absolute and relative tolerance (default 1e-5 with the polish, 1e-10 without). */
  readonly eps?: number;
  /** SCS iteration limit (default 400 000). */
  readonly maxIters?: number;
  /**
   * Factor applied to the objective before SCS sees it (results are scaled back). Default
   * 1 / max(1, largest generator c1 in $/h per pu): SCS's first-order iterations converge
   * 10–50× faster when the cost and the per-unit constraints have similar magnitudes.
   */
  readonly costScale?: number;
  /** SCS's initial dual scale (default 0.1, SCS's own default). */
  readonly scsScale?: number;
  /**
   * Newton polish of the KKT conditions on SCS's active set (default true). With it SCS runs to
   * `eps` only to find the active set; the polished point is certified
   * (KKT residual, signs, feasibility) or the plain SCS point is returned with `polished: false`.
   */
  readonly polish?: boolean;
}

/** One branch of the reference point, tree orientation (fromBus nearer the island root). */
export interface ReferenceBranch {
  readonly id: number;
  readonly fromBus: number;
  readonly toBus: number;
  /** Sending-end flow, MW / MVAr. */
  readonly pMw: number;
  readonly qMvar: number;
  /** ℓ, squared current, pu. */
  readonly currentSqPu: number;
  /** v_from·ℓ − P² − Q², pu² (≥ 0; 0 when the relaxation is tight). */
  readonly coneGapPu: number;
}

/** Accuracy figures of the SCS solve. */
export interface ReferenceAccuracy {
  readonly scsStatus: string;
  readonly iterations: number;
  /** SCS's residuals (‖Ax + s − b‖∞, ‖Px + Aᵀy + c‖∞, |pobj − dobj|) in its own units ($/h, pu). */
  readonly primalResidual: number;
  readonly dualResidual: number;
  readonly dualityGapUsdPerH: number;
  /** Largest violation of any equality, bound or cone at the returned x, pu. */
  readonly maxPrimalViolationPu: number;
  /** Largest v_a·ℓ − P² − Q² over branches, pu² (relaxation tightness). */
  readonly maxConeGapPu: number;
  /** True when the Newton KKT polish certified the point (residual below 1e-9). */
  readonly polished: boolean;
  /** KKT residual after the polish (scaled ∞-norm), or NaN without polish. */
  readonly kktResidual: number;
  readonly polishMessage: string;
}

/** The reference optimum, keyed by the data's bus and branch ids. */
export interface ReferenceSolution {
  /** `optimal` (SCS solved, relaxation tight to 1e-6 pu²), `inexact` (solved, not tight), else the failure. */
  readonly status: 'optimal' | 'inexact' | 'infeasible' | 'error';
  readonly objectiveUsdPerH: number;
  /** $/MWh and $/MVArh by bus id. */
  readonly dlmpP: Record<number, number>;
  readonly dlmpQ: Record<number, number>;
  /** pu by bus id (0 in an island without any resource, as in `OpfResult`). */
  readonly voltagePu: Record<number, number>;
  /** Buses in islands with no generator or injecting device (everything shed; prices degenerate). */
  readonly deadBuses: readonly number[];
  readonly branches: readonly ReferenceBranch[];
  /** Sending-end flow by branch id, MW / MVAr. */
  readonly pMwByBranch: Record<number, number>;
  readonly qMvarByBranch: Record<number, number>;
  /** Shed active / reactive power by bus id, kW / kVAr (buses with shed P > 1e-9 kW). */
  readonly shedKwByBus: Record<number, number>;
  readonly shedKvarByBus: Record<number, number>;
  readonly shedKw: number;
  readonly lossesKw: number;
  readonly dispatch: { id: string; bus: number; pMw: number; qMvar: number }[];
  /** Inverter reactive output (+ = injected) by bus id, MVAr. */
  readonly stationQMvar: Record<number, number>;
  readonly accuracy: ReferenceAccuracy;
}

/**
 * Solve the branch-flow SOCP of one interval with SCS.
 *
 * Steps: 1. assemble the conic program (`buildReferenceProblem`); 2. SCS (normalisation on,
 * objective × `costScale`) to 1e-5; 3. Newton polish of the KKT conditions on SCS's active set,
 * certified by signs and feasibility (`kktPolish.ts`; on failure SCS is tightened 100×, warm,
 * and the polish retried once; without it the plain SCS point is returned, `polished: false`);
 * 4. read voltages, flows, shedding, dispatch, and the DLMPs from the balance-row multipliers;
 * 5. check the primal point itself (equalities, bounds, cones) and the relaxation gap.
 *
 * @example
 * const ref = await solveReferenceSocp(loadBundledFeeder('case33bw'), { loadScale: 1 });
 * ref.dlmpP[18]; // $/MWh
 */
export async function solveReferenceSocp(feeder: Feeder, interval: FeederInterval = {}, opts: ReferenceOptions = {}): Promise<ReferenceSolution> {
  const scs = await loadScs();
  const feederRule = (feeder as { sheddingConvention?: SheddingConvention }).sheddingConvention;
  const prob = buildReferenceProblem(feeder, interval, opts.shedding ?? feederRule ?? 'constant-pf');
  const settings = new scs.ScsSettings();
  scs.setDefaultSettings(settings);
  settings.epsInfeas = 1e-12;
  const polish = opts.polish ?? true;
  let eps = opts.eps ?? (polish ? 1e-5 : 1e-10);
  settings.maxIters = opts.maxIters ?? 400_000;
  settings.verbose = 0;
  settings.scale = opts.scsScale ?? 0.1;
  const costScale = opts.costScale ?? 1 / Math.max(1, ...feeder.generators.map((g) => Math.abs(g.costUsdPerMwh) * feeder.baseMva));
  const data = { ...prob.data, c: prob.data.c.map((v) => v * costScale), ...(prob.data.P_x ? { P_x: prob.data.P_x.map((v) => v * costScale) } : {}) };
  let warm: ScsResult | undefined;
  let lastMessage = 'not requested';
  let lastResidual = NaN;
  try {
    // At most two rounds: when the polish cannot certify the point, tighten SCS 100× (warm) and retry.
    for (let round = 0; round < 2; round++) {
      settings.epsAbs = eps;
      settings.epsRel = eps;
      settings.warmStart = warm !== undefined;
      const scaled = warm === undefined ? scs.solve(data, prob.cone, settings) : scs.solve(data, prob.cone, settings, warm);
      warm = scaled;
      const sol: ScsResult = {
        ...scaled,
        y: scaled.y.map((v) => v / costScale),
        info: { ...scaled.info, pobj: scaled.info.pobj / costScale, dobj: scaled.info.dobj / costScale, resDual: scaled.info.resDual / costScale },
      };
      const solved = sol.status === 'SOLVED' || sol.status === 'SOLVED_INACCURATE';
      if (!polish || !solved) {
        return extract(feeder, prob, sol, { polished: false, kktResidual: NaN, polishMessage: polish ? `SCS status ${sol.status}` : 'not requested' });
      }
      const pol = polishKkt(prob.data, prob.cone, prob.cones, sol.x, sol.y, sol.s, scaled.y);
      lastMessage = pol.message;
      lastResidual = pol.residual;
      if (pol.ok) return extract(feeder, prob, polishedResult(prob, sol, pol), {
        polished: true, kktResidual: pol.residual,
        polishMessage: `${pol.message} (SCS eps ${eps}, ${pol.newtonSteps} Newton steps, ${pol.activeSetRounds} active-set rounds)`,
      });
      if (round === 1) return extract(feeder, prob, sol, { polished: false, kktResidual: lastResidual, polishMessage: lastMessage });
      eps /= 100;
    }
  } finally {
    settings.delete();
  }
  throw new Error('reference: unreachable');
}

/** The SCS result with x and the zero-cone duals replaced by the polished ones, objective recomputed. */
function polishedResult(prob: ReferenceProblem, sol: ScsResult, pol: ReturnType<typeof polishKkt>): ScsResult {
  const x = Array.from(pol.x);
  const y = sol.y.slice();
  for (let i = 0; i < prob.cone.z; i++) y[i] = pol.yZero[i];
  const { c, P_p, P_i, P_x } = prob.data;
  let pobj = 0;
  for (let j = 0; j < x.length; j++) pobj += c[j] * x[j];
  if (P_p && P_i && P_x) {
    // P is upper triangular: off-diagonal entries count twice in ½xᵀPx.
    for (let j = 0; j < x.length; j++) for (let k = P_p[j]; k < P_p[j + 1]; k++) pobj += 0.5 * P_x[k] * x[P_i[k]] * x[j] * (P_i[k] === j ? 1 : 2);
  }
  return { ...sol, x, y, info: { ...sol.info, pobj, dobj: pobj } };
}

function extract(
  feeder: Feeder, prob: ReferenceProblem, sol: ScsResult, polish: Pick<ReferenceAccuracy, 'polished' | 'kktResidual' | 'polishMessage'>,
): ReferenceSolution {
  const base = feeder.baseMva;
  const { n, tree } = prob;
  const x = sol.x;
  const solved = sol.status === 'SOLVED' || sol.status === 'SOLVED_INACCURATE';
  const dead = (b: number): boolean => prob.deadIsland[tree.island[b]] === 1;
  const voltagePu: Record<number, number> = {};
  const dlmpP: Record<number, number> = {};
  const dlmpQ: Record<number, number> = {};
  const deadBuses: number[] = [];
  for (let b = 0; b < n; b++) {
    const id = feeder.buses[b].id;
    if (dead(b)) deadBuses.push(id);
    voltagePu[id] = dead(b) ? 0 : Math.sqrt(Math.max(0, x[prob.colV[b]]));
    dlmpP[id] = -sol.y[prob.rowBalP[b]] / base;
    dlmpQ[id] = -sol.y[prob.rowBalQ[b]] / base;
  }
  const branches: ReferenceBranch[] = [];
  const pMwByBranch: Record<number, number> = {};
  const qMvarByBranch: Record<number, number> = {};
  let lossesPu = 0;
  let maxConeGapPu = 0;
  for (const b of tree.order) {
    const a = tree.parent[b];
    if (a < 0) continue;
    const p = x[prob.colP[b]];
    const q = x[prob.colQ[b]];
    const l = x[prob.colL[b]];
    const gap = x[prob.colV[a]] * l - p * p - q * q;
    if (!dead(b)) maxConeGapPu = Math.max(maxConeGapPu, gap);
    lossesPu += prob.rPu[b] * l;
    const id = feeder.branches[tree.branchIndex[b]].id;
    pMwByBranch[id] = p * base;
    qMvarByBranch[id] = q * base;
    branches.push({ id, fromBus: feeder.buses[a].id, toBus: feeder.buses[b].id, pMw: p * base, qMvar: q * base, currentSqPu: l, coneGapPu: gap });
  }
  const shedKwByBus: Record<number, number> = {};
  const shedKvarByBus: Record<number, number> = {};
  let shedKw = 0;
  prob.shed.forEach((s, k) => {
    const kw = x[prob.colShed[k]] * base * 1000;
    if (!(kw > 1e-9)) return;
    const id = feeder.buses[s.bus].id;
    shedKwByBus[id] = (shedKwByBus[id] ?? 0) + kw;
    shedKvarByBus[id] = (shedKvarByBus[id] ?? 0) + kw * s.qPerP;
    shedKw += kw;
  });
  const dispatch = feeder.generators.map((g, k) => ({ id: g.id, bus: g.bus, pMw: x[prob.colPg[k]] * base, qMvar: x[prob.colQg[k]] * base }));
  const stationQMvar: Record<number, number> = {};
  for (let b = 0; b < n; b++) if (prob.colQInv[b] >= 0) stationQMvar[feeder.buses[b].id] = x[prob.colQInv[b]] * base;

  const accuracy: ReferenceAccuracy = {
    scsStatus: sol.status,
    iterations: sol.info.iter,
    primalResidual: sol.info.resPri,
    dualResidual: sol.info.resDual,
    dualityGapUsdPerH: Math.abs(sol.info.pobj - sol.info.dobj),
    maxPrimalViolationPu: primalViolation(prob, x),
    maxConeGapPu,
    ...polish,
  };
  const status: ReferenceSolution['status'] = !solved
    ? /INFEASIBLE/.test(sol.status) ? 'infeasible' : 'error'
    : maxConeGapPu > 1e-6 ? 'inexact' : 'optimal';
  return {
    status, objectiveUsdPerH: sol.info.pobj + prob.objectiveOffsetUsdPerH, dlmpP, dlmpQ, voltagePu, deadBuses, branches, pMwByBranch, qMvarByBranch,
    shedKwByBus, shedKvarByBus, shedKw, lossesKw: lossesPu * base * 1000, dispatch, stationQMvar, accuracy,
  };
}

/** max over rows of the violation of A x + s = b, s ∈ K at the returned x (s recomputed as b − A x). */
function primalViolation(prob: ReferenceProblem, x: readonly number[]): number {
  const { data, cone } = prob;
  const s = data.b.slice();
  for (let j = 0; j < data.n; j++) {
    for (let k = data.A_p[j]; k < data.A_p[j + 1]; k++) s[data.A_i[k]] -= data.A_x[k] * x[j];
  }
  let worst = 0;
  let i = 0;
  for (; i < cone.z; i++) worst = Math.max(worst, Math.abs(s[i]));
  for (; i < cone.z + cone.l; i++) worst = Math.max(worst, -s[i]);
  for (const size of cone.q ?? []) {
    let norm = 0;
    for (let k = 1; k < size; k++) norm += s[i + k] ** 2;
    worst = Math.max(worst, Math.sqrt(norm) - s[i]);
    i += size;
  }
  return worst;
}

/** Largest DLMP differences between an OPF result and the reference. */
export interface DlmpError {
  /** max |dlmpP − reference| over energised buses, $/MWh, and its bus id. */
  readonly maxAbsP: number;
  readonly busP: number;
  /** max |dlmpQ − reference|, $/MVArh, and its bus id. */
  readonly maxAbsQ: number;
  readonly busQ: number;
  /** |objective − reference| / max(1, |reference|). */
  readonly objectiveRel: number;
  readonly maxAbsVoltagePu: number;
  readonly reference: ReferenceSolution;
}

/**
 * Compare an OPF result's DLMPs with the reference of the same feeder and interval (buses of
 * islands without resources are skipped: their prices are degenerate). For the bench.
 *
 * @example
 * const e = await dlmpErrorAgainstReference(feeder, interval, opf.solve(interval));
 * e.maxAbsP; // $/MWh
 */
export async function dlmpErrorAgainstReference(
  feeder: Feeder, interval: FeederInterval, opfResult: OpfResult, opts: ReferenceOptions = {},
): Promise<DlmpError> {
  const reference = await solveReferenceSocp(feeder, interval, opts);
  return compareWithReference(feeder, opfResult, reference);
}

/**
 * The comparison of {@link dlmpErrorAgainstReference} for an already solved reference.
 *
 * @example
 * const e = compareWithReference(feeder, opfResult, ref); e.maxAbsQ;
 */
export function compareWithReference(feeder: Feeder, opfResult: Pick<OpfResult, 'dlmpP' | 'dlmpQ' | 'voltagePu' | 'objectiveUsdPerH'>, reference: ReferenceSolution): DlmpError {
  const skip = new Set(reference.deadBuses);
  let maxAbsP = 0;
  let busP = -1;
  let maxAbsQ = 0;
  let busQ = -1;
  let maxAbsVoltagePu = 0;
  for (const bus of feeder.buses) {
    if (skip.has(bus.id)) continue;
    const dp = Math.abs((opfResult.dlmpP[bus.id] ?? NaN) - reference.dlmpP[bus.id]);
    const dq = Math.abs((opfResult.dlmpQ[bus.id] ?? NaN) - reference.dlmpQ[bus.id]);
    const dv = Math.abs((opfResult.voltagePu[bus.id] ?? NaN) - reference.voltagePu[bus.id]);
    // NaN (a missing price) counts as an infinite error rather than silently passing.
    if (!(dp <= maxAbsP)) [maxAbsP, busP] = [Number.isNaN(dp) ? Number.MAX_VALUE : dp, bus.id];
    if (!(dq <= maxAbsQ)) [maxAbsQ, busQ] = [Number.isNaN(dq) ? Number.MAX_VALUE : dq, bus.id];
    if (!(dv <= maxAbsVoltagePu)) maxAbsVoltagePu = Number.isNaN(dv) ? Number.MAX_VALUE : dv;
  }
  const objectiveRel = Math.abs(opfResult.objectiveUsdPerH - reference.objectiveUsdPerH) / Math.max(1, Math.abs(reference.objectiveUsdPerH));
  return { maxAbsP, busP, maxAbsQ, busQ, objectiveRel, maxAbsVoltagePu, reference };
}
