/**
 * The branch-flow SOCP OPF (docs/model.md §3.2) written as one SCS conic program from the
 * feeder data and an interval — a second, independent formulation used only by the reference
 * tests (it shares the project's data types and nothing of its templates, formulations or cuts).
 *
 * Per unit on `feeder.baseMva`; for every non-root bus b with parent a (branch a→b):
 *   balance P   P_b − r ℓ_b − Σ_c P_c + Σ p_g + Σ σ_k·shed_k − G_b v_b = pD_b
 *   balance Q   Q_b − x ℓ_b − Σ_c Q_c + Σ q_g + Σ κ_k·shed_k + q^inv_b + B_b v_b = qD_b
 *   drop        v_b/τ² = v_a − 2(r P_b + x Q_b) + (r² + x²) ℓ_b
 *   cone        ‖(2P_b, 2Q_b, v_a − ℓ_b)‖ ≤ v_a + ℓ_b      (P² + Q² ≤ v_a ℓ, rotated cone)
 *   rating      ‖(P_b, Q_b)‖ ≤ S_b                          (sending end, when rated)
 * plus V_min² ≤ v ≤ V_max² (slack fixed at V_slack²), 0 ≤ ℓ ≤ 100, generator boxes,
 * |q^inv_b| ≤ Σ √(S_inv² − P_inv²) (the capability disc with P fixed) and the shedding boxes of
 * the chosen convention. Roots have no P, Q, ℓ. Objective ($/h): Σ c1 p + c2 p² (the quadratic
 * part as SCS's P matrix) + penalty · Σ shed P.
 * A branch whose tree direction runs against the data (to → from) is replaced by its exact
 * equivalent seen from the parent: ratio 1/τ, impedance z·τ².
 */
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { referenceTrees, type ReferenceTree } from './referenceTrees.ts';
import type { PolishCone } from './kktPolish.ts';
import type { ScsConeSpec, ScsProblem } from './scsModule.ts';

/**
 * How load may be shed at a bus (Pnet = scaled household P + signed station P, Qnet = household
 * Q + fixed station Q; inverter-decided Q is never part of it):
 * - `constant-pf`: shed P ∈ [0, max(0, Pnet)], shed Q = shed P · Qnet/Pnet;
 * - `household-only`: shed P ∈ [0, max(0, household P)] at the household's Q/P;
 * - `p-only`: shed P ∈ [0, max(0, Pnet)], no Q;
 * - `household-and-station-p`: the engine's historical rule — household P at its Q/P plus
 *   positive station consumption as pure P (two separate amounts).
 */
export type SheddingConvention = 'constant-pf' | 'household-only' | 'p-only' | 'household-and-station-p';

/** Upper bound on ℓ, pu² (docs/model.md §3.2). */
const L_MAX_PU = 100;

/** One sheddable amount: bus position, upper bound (pu), Q shed per P shed. */
interface ShedBlock {
  readonly bus: number;
  readonly maxPu: number;
  readonly qPerP: number;
}

/** The assembled program and where every variable and row sits. */
export interface ReferenceProblem {
  readonly data: ScsProblem;
  readonly cone: ScsConeSpec;
  /** The SOC blocks in `g(x) ≤ 0` form, for the KKT polish. */
  readonly cones: readonly PolishCone[];
  readonly tree: ReferenceTree;
  readonly n: number;
  /** Column of v_b, P_b, Q_b, ℓ_b (−1 for P/Q/ℓ at roots). */
  readonly colV: Int32Array;
  readonly colP: Int32Array;
  readonly colQ: Int32Array;
  readonly colL: Int32Array;
  readonly colPg: Int32Array;
  readonly colQg: Int32Array;
  /** Inverter Q column per bus position (−1 without inverter range). */
  readonly colQInv: Int32Array;
  readonly shed: readonly ShedBlock[];
  readonly colShed: Int32Array;
  /** Rows of the P / Q balance of each bus position. */
  readonly rowBalP: Int32Array;
  readonly rowBalQ: Int32Array;
  /** Effective branch data per receiving bus position (pu, after orientation). */
  readonly rPu: Float64Array;
  readonly xPu: Float64Array;
  readonly tauSq: Float64Array;
  /** Fixed demand per bus position, pu (+ = consumption). */
  readonly pDemandPu: Float64Array;
  readonly qDemandPu: Float64Array;
  /** 1 where the island has neither a generator nor an injecting device (all load is shed). */
  readonly deadIsland: Uint8Array;
  /** Constant part of the objective, $/h (none today; kept for clarity of the objective check). */
  readonly objectiveOffsetUsdPerH: number;
}

/**
 * Assemble the conic program of one interval.
 *
 * @example
 * const prob = buildReferenceProblem(feeder, { loadScale: 1.1 }, 'constant-pf');
 * scs.solve(prob.data, prob.cone, settings);
 */
export function buildReferenceProblem(feeder: Feeder, interval: FeederInterval, shedding: SheddingConvention): ReferenceProblem {
  const base = feeder.baseMva;
  const n = feeder.buses.length;
  const pos = new Map(feeder.buses.map((b, i) => [b.id, i]));
  const tree = referenceTrees(feeder, interval.outagedBranches ?? []);
  const { parent } = tree;

  // Demand split by origin (pu).
  const scale = interval.loadScale ?? 1;
  const hhP = Float64Array.from(feeder.buses, (b) => (b.pLoadMw * scale) / base);
  const hhQ = Float64Array.from(feeder.buses, (b) => (b.qLoadMvar * scale) / base);
  const stP = new Float64Array(n);
  const stPPositive = new Float64Array(n);
  const stQFixed = new Float64Array(n);
  const qInvMax = new Float64Array(n);
  const islandResource = new Uint8Array(tree.roots.length);
  for (const inj of interval.injections ?? []) {
    const b = pos.get(inj.bus);
    if (b === undefined) throw new Error(`reference: injection at unknown bus ${inj.bus}`);
    const p = inj.pMw / base;
    stP[b] += p;
    if (p > 0) stPPositive[b] += p;
    if (p < 0) islandResource[tree.island[b]] = 1;
    if (inj.sMaxMva !== undefined) {
      const s = inj.sMaxMva / base;
      qInvMax[b] += Math.sqrt(Math.max(0, s * s - p * p));
      if (s > 0) islandResource[tree.island[b]] = 1;
    } else {
      stQFixed[b] += (inj.qMvar ?? 0) / base;
    }
  }
  for (const g of feeder.generators) {
    if (g.pMaxMw > 0 || g.qMaxMvar > 0 || g.qMinMvar < 0) islandResource[tree.island[pos.get(g.bus)!]] = 1;
  }
  const pDemandPu = new Float64Array(n);
  const qDemandPu = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    pDemandPu[b] = hhP[b] + stP[b];
    qDemandPu[b] = hhQ[b] + stQFixed[b];
  }
  const shed = shedBlocks(shedding, hhP, hhQ, stP, stPPositive, stQFixed);

  // Columns.
  let nx = 0;
  const colV = Int32Array.from({ length: n }, () => nx++);
  const colP = new Int32Array(n).fill(-1);
  const colQ = new Int32Array(n).fill(-1);
  const colL = new Int32Array(n).fill(-1);
  for (let b = 0; b < n; b++) {
    if (parent[b] < 0) continue;
    colP[b] = nx++;
    colQ[b] = nx++;
    colL[b] = nx++;
  }
  const gens = feeder.generators;
  const colPg = Int32Array.from(gens, () => nx++);
  const colQg = Int32Array.from(gens, () => nx++);
  const colQInv = new Int32Array(n).fill(-1);
  for (let b = 0; b < n; b++) if (qInvMax[b] > 0) colQInv[b] = nx++;
  const colShed = Int32Array.from(shed, () => nx++);

  // Effective branch data by receiving bus.
  const rPu = new Float64Array(n);
  const xPu = new Float64Array(n);
  const tauSq = new Float64Array(n).fill(1);
  const rateSq = new Float64Array(n).fill(Infinity);
  for (let b = 0; b < n; b++) {
    if (parent[b] < 0) continue;
    const br = feeder.branches[tree.branchIndex[b]];
    const rev = tree.reversed[b] === 1;
    const zScale = rev ? br.ratio * br.ratio : 1;
    rPu[b] = br.rPu * zScale;
    xPu[b] = br.xPu * zScale;
    const tau = rev ? 1 / br.ratio : br.ratio;
    tauSq[b] = tau * tau;
    const rate = br.rateMva / base;
    if (Number.isFinite(rate) && rate > 0) rateSq[b] = rate * rate;
  }

  // Rows by cone block. Each row: sparse a (A x + s = b, so a holds A's entries) and b.
  type Row = { cols: number[]; vals: number[]; b: number };
  const zero: Row[] = [];
  const lin: Row[] = [];
  const soc: Row[][] = [];
  const coneMeta: Omit<PolishCone, 'row'>[] = [];
  const row = (entries: [number, number][], b: number): Row => ({ cols: entries.map((e) => e[0]), vals: entries.map((e) => e[1]), b });
  // Equalities a·x = b → A = a, s = 0.
  const rowBalP = new Int32Array(n);
  const rowBalQ = new Int32Array(n);
  const balP: [number, number][][] = Array.from({ length: n }, () => []);
  const balQ: [number, number][][] = Array.from({ length: n }, () => []);
  for (let b = 0; b < n; b++) {
    const bus = feeder.buses[b];
    if (bus.shuntGMw !== 0) balP[b].push([colV[b], -bus.shuntGMw / base]);
    if (bus.shuntBMvar !== 0) balQ[b].push([colV[b], bus.shuntBMvar / base]);
    if (colQInv[b] >= 0) balQ[b].push([colQInv[b], 1]);
    const a = parent[b];
    if (a < 0) continue;
    balP[b].push([colP[b], 1], [colL[b], -rPu[b]]);
    balQ[b].push([colQ[b], 1], [colL[b], -xPu[b]]);
    balP[a].push([colP[b], -1]);
    balQ[a].push([colQ[b], -1]);
  }
  gens.forEach((g, k) => {
    const b = pos.get(g.bus)!;
    balP[b].push([colPg[k], 1]);
    balQ[b].push([colQg[k], 1]);
  });
  shed.forEach((s, k) => {
    balP[s.bus].push([colShed[k], 1]);
    if (s.qPerP !== 0) balQ[s.bus].push([colShed[k], s.qPerP]);
  });
  for (let b = 0; b < n; b++) {
    rowBalP[b] = zero.length;
    zero.push(row(balP[b], pDemandPu[b]));
    rowBalQ[b] = zero.length;
    zero.push(row(balQ[b], qDemandPu[b]));
  }
  for (let b = 0; b < n; b++) {
    const a = parent[b];
    if (a < 0) continue;
    const r = rPu[b];
    const x = xPu[b];
    zero.push(row([[colV[b], 1 / tauSq[b]], [colV[a], -1], [colP[b], 2 * r], [colQ[b], 2 * x], [colL[b], -(r * r + x * x)]], 0));
  }
  const slack = pos.get(feeder.slackBus)!;
  zero.push(row([[colV[slack], 1]], feeder.slackVoltagePu ** 2));

  // Inequalities a·x ≤ b → A = a, s = b − a·x ≥ 0.
  const upper = (col: number, ub: number): void => {
    if (Number.isFinite(ub)) lin.push(row([[col, 1]], ub));
  };
  const lower = (col: number, lb: number): void => {
    if (Number.isFinite(lb)) lin.push(row([[col, -1]], -lb));
  };
  feeder.buses.forEach((bus, b) => {
    if (b === slack) return;
    upper(colV[b], bus.vMaxPu ** 2);
    lower(colV[b], bus.vMinPu ** 2);
  });
  for (let b = 0; b < n; b++) if (colL[b] >= 0) upper(colL[b], L_MAX_PU);
  gens.forEach((g, k) => {
    upper(colPg[k], g.pMaxMw / base);
    lower(colPg[k], g.pMinMw / base);
    upper(colQg[k], g.qMaxMvar / base);
    lower(colQg[k], g.qMinMvar / base);
  });
  for (let b = 0; b < n; b++) {
    if (colQInv[b] < 0) continue;
    upper(colQInv[b], qInvMax[b]);
    lower(colQInv[b], -qInvMax[b]);
  }
  shed.forEach((s, k) => {
    upper(colShed[k], s.maxPu);
    lower(colShed[k], 0);
  });

  // Second-order cones: s = b − A x with s_0 ≥ ‖s_1..‖.
  for (let b = 0; b < n; b++) {
    const a = parent[b];
    if (a < 0) continue;
    soc.push([
      row([[colV[a], -1], [colL[b], -1]], 0),
      row([[colP[b], -2]], 0),
      row([[colQ[b], -2]], 0),
      row([[colV[a], -1], [colL[b], 1]], 0),
    ]);
    coneMeta.push({ kind: 'rotated', p: colP[b], q: colQ[b], v: colV[a], l: colL[b], radius: 0 });
  }
  for (let b = 0; b < n; b++) {
    if (parent[b] < 0 || !Number.isFinite(rateSq[b])) continue;
    soc.push([row([], Math.sqrt(rateSq[b])), row([[colP[b], -1]], 0), row([[colQ[b], -1]], 0)]);
    coneMeta.push({ kind: 'disc', p: colP[b], q: colQ[b], v: -1, l: -1, radius: Math.sqrt(rateSq[b]) });
  }
  let nextRow = zero.length + lin.length;
  const cones: PolishCone[] = coneMeta.map((c, k) => {
    const out = { ...c, row: nextRow };
    nextRow += soc[k].length;
    return out;
  });

  const all = [...zero, ...lin, ...soc.flat()];
  const data = toCsc(all, nx);
  const c = new Array<number>(nx).fill(0);
  const pDiag: [number, number][] = [];
  gens.forEach((g, k) => {
    c[colPg[k]] = g.costUsdPerMwh * base;
    if (g.costUsdPerMw2h !== 0) pDiag.push([colPg[k], 2 * g.costUsdPerMw2h * base * base]);
  });
  shed.forEach((_, k) => (c[colShed[k]] = feeder.sheddingPenaltyUsdPerMwh * base));
  const P = diagonalCsc(pDiag, nx);

  const deadIsland = Uint8Array.from(islandResource, (r) => (r ? 0 : 1));
  return {
    data: { m: all.length, n: nx, ...data, ...P, c },
    cone: { z: zero.length, l: lin.length, q: soc.map((s) => s.length), qsize: soc.length },
    cones,
    tree, n, colV, colP, colQ, colL, colPg, colQg, colQInv, shed, colShed, rowBalP, rowBalQ,
    rPu, xPu, tauSq, pDemandPu, qDemandPu, deadIsland, objectiveOffsetUsdPerH: 0,
  };
}

/**
 * Smallest sheddable amount modelled, pu (10 mW on a 10 MVA base): below it the two bounds of a
 * shed variable coincide numerically and the KKT system of the polish becomes singular.
 */
const MIN_SHED_PU = 1e-9;

function shedBlocks(
  shedding: SheddingConvention,
  hhP: Float64Array, hhQ: Float64Array, stP: Float64Array, stPPositive: Float64Array, stQFixed: Float64Array,
): ShedBlock[] {
  const out: ShedBlock[] = [];
  for (let b = 0; b < hhP.length; b++) {
    const pNet = hhP[b] + stP[b];
    const qNet = hhQ[b] + stQFixed[b];
    const hhRatio = hhP[b] > 0 ? hhQ[b] / hhP[b] : 0;
    if (shedding === 'constant-pf' || shedding === 'p-only') {
      if (pNet > MIN_SHED_PU) out.push({ bus: b, maxPu: pNet, qPerP: shedding === 'constant-pf' ? qNet / pNet : 0 });
    } else {
      if (hhP[b] > MIN_SHED_PU) out.push({ bus: b, maxPu: hhP[b], qPerP: hhRatio });
      if (shedding === 'household-and-station-p' && stPPositive[b] > MIN_SHED_PU) out.push({ bus: b, maxPu: stPPositive[b], qPerP: 0 });
    }
  }
  return out;
}

function toCsc(rows: { cols: number[]; vals: number[]; b: number }[], nx: number): Pick<ScsProblem, 'A_x' | 'A_i' | 'A_p' | 'b'> {
  const byCol: [number, number][][] = Array.from({ length: nx }, () => []);
  rows.forEach((r, i) => r.cols.forEach((j, k) => {
    if (r.vals[k] !== 0) byCol[j].push([i, r.vals[k]]);
  }));
  const A_x: number[] = [];
  const A_i: number[] = [];
  const A_p: number[] = [0];
  for (const col of byCol) {
    col.sort((p, q) => p[0] - q[0]);
    // Merge duplicates (a column may appear twice in one row only by construction error; sum defensively).
    for (let k = 0; k < col.length; k++) {
      if (k > 0 && col[k][0] === col[k - 1][0]) {
        A_x[A_x.length - 1] += col[k][1];
        continue;
      }
      A_i.push(col[k][0]);
      A_x.push(col[k][1]);
    }
    A_p.push(A_i.length);
  }
  return { A_x, A_i, A_p, b: rows.map((r) => r.b) };
}

function diagonalCsc(diag: [number, number][], nx: number): Pick<ScsProblem, 'P_x' | 'P_i' | 'P_p'> {
  if (diag.length === 0) return {};
  const at = new Map(diag);
  const P_x: number[] = [];
  const P_i: number[] = [];
  const P_p: number[] = [0];
  for (let j = 0; j < nx; j++) {
    const v = at.get(j);
    if (v !== undefined) {
      P_i.push(j);
      P_x.push(v);
    }
    P_p.push(P_i.length);
  }
  return { P_x, P_i, P_p };
}
