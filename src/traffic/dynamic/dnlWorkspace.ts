/**
 * Buffers of the dynamic loading reused across loadings (a DUE runs hundreds of loadings of
 * one network): two sets of link / class / station-link curves and the per-link storage of
 * the segment rings (`segmentRings.ts`). A
 * loading resumed from a result of the same workspace with the same horizon runs in place
 * (the curves up to the resume step are already there); otherwise it takes the set the
 * resume source does not use, so the source stays intact.
 */
import type { RingBuffers } from './segmentRings.js';

interface CurveSet {
  A: Float64Array; V: Float64Array; Sv: Float64Array; D: Float64Array; T: Float64Array;
  classCumDep: Float64Array; classCumArr: Float64Array; stationCumIn: Float64Array;
  /** LTM: origin queue per link (empty for point queues). */
  Q: Float64Array;
  /** Horizon W (= steps + 1) of the curves last handed out from this set. */
  W: number;
}

/** Reusable loading buffers; create one per solve (`createDnlWorkspace`) and pass it as `DnlOptions.workspace`. */
export interface DnlWorkspace {
  readonly sets: CurveSet[];
  /** Ring storage per link, reused by the next loading of the same network. */
  rings: RingBuffers;
  /** Loadings served, and of those resumed in place. */
  loadings: number;
  inPlace: number;
}

/**
 * An empty workspace.
 *
 * @example
 * const ws = createDnlWorkspace();
 * for (;;) loadNetworkDynamic(net, paths, { stepSec: 30, horizonSteps: 400, workspace: ws });
 */
export function createDnlWorkspace(): DnlWorkspace {
  return { sets: [], rings: [], loadings: 0, inPlace: 0 };
}

/** The curves one loading writes. */
export interface LoadingCurves {
  readonly A: Float64Array; readonly V: Float64Array; readonly Sv: Float64Array; readonly D: Float64Array; readonly T: Float64Array;
  readonly classCumDep: Float64Array; readonly classCumArr: Float64Array; readonly stationCumIn: Float64Array;
  readonly Q: Float64Array;
  /** True when the arrays are those of `avoid` (resume in place: its prefix is already there). */
  readonly inPlace: boolean;
}

/** Sizes of one loading, and the result it resumes from (kept intact unless resumed in place). */
export interface CurveSizes {
  readonly linkCount: number;
  readonly W: number;
  readonly classCount: number;
  readonly stationRows: number;
  /** LTM loading: also the origin-queue curve per link. */
  readonly ltm: boolean;
  readonly avoid?: { readonly linkCumIn: Float64Array; readonly steps: number };
}

function fit(old: Float64Array | undefined, n: number): Float64Array {
  return old !== undefined && old.buffer.byteLength >= n * 8 ? new Float64Array(old.buffer, 0, n) : new Float64Array(n);
}

/**
 * Curves for one loading: fresh arrays without a workspace, else a reused set (zeroed where
 * the loading accumulates).
 *
 * @example
 * const curves = acquireCurves(options.workspace, { linkCount, W, classCount, stationRows, avoid: options.resume?.from });
 */
export function acquireCurves(ws: DnlWorkspace | undefined, z: CurveSizes): LoadingCurves {
  const n = z.linkCount * z.W;
  const nc = z.classCount * z.W;
  const ns = z.stationRows * z.classCount * z.W;
  const nq = z.ltm ? n : 0;
  if (ws === undefined) {
    const f = (m: number) => new Float64Array(m);
    return {
      A: f(n), V: f(n), Sv: f(n), D: f(n), T: f(n), classCumDep: f(nc), classCumArr: f(nc), stationCumIn: f(ns), Q: f(nq), inPlace: false,
    };
  }
  ws.loadings++;
  if (ws.rings.length !== z.linkCount) ws.rings = new Array(z.linkCount).fill(undefined);
  const owner = z.avoid === undefined ? -1 : ws.sets.findIndex((s) => s.A.buffer === z.avoid!.linkCumIn.buffer);
  if (owner >= 0 && ws.sets[owner].W === z.W && z.avoid!.steps + 1 === z.W && ws.sets[owner].classCumDep.length === nc
    && ws.sets[owner].stationCumIn.length === ns && ws.sets[owner].A.length === n && ws.sets[owner].Q.length === nq) {
    ws.inPlace++;
    return { ...ws.sets[owner], inPlace: true };
  }
  const index = owner === 0 ? 1 : 0;
  const old = ws.sets[index];
  const set: CurveSet = {
    A: fit(old?.A, n), V: fit(old?.V, n), Sv: fit(old?.Sv, n), D: fit(old?.D, n), T: fit(old?.T, n),
    classCumDep: fit(old?.classCumDep, nc), classCumArr: fit(old?.classCumArr, nc), stationCumIn: fit(old?.stationCumIn, ns), Q: fit(old?.Q, nq), W: z.W,
  };
  // index 0 of every curve is read before it is written; the rest is written step by step
  for (const a of [set.A, set.V, set.Sv, set.D, set.T, set.classCumDep, set.classCumArr, set.stationCumIn, set.Q]) a.fill(0);
  ws.sets[index] = set;
  return { ...set, inPlace: false };
}
