/**
 * The three phases of one loading step of `loadNetworkDynamic` (docs/model.md §2 DNL). Kept
 * as small separate functions: V8 optimizes each once, where one long loop body kept
 * deoptimizing on its cold exit paths.
 */

/**
 * Piecewise-linear value of a cumulative curve (stored from offset `base`) at the
 * fractional step y; 0 before time 0.
 *
 * @example
 * curveAt(Float64Array.of(0, 2, 6), 0, 1.5); // 4
 */
export function curveAt(curve: Float64Array, base: number, y: number): number {
  if (y <= 0) return 0;
  const i = Math.floor(y);
  const f = y - i;
  return f === 0 ? curve[base + i] : curve[base + i] + f * (curve[base + i + 1] - curve[base + i]);
}

/** Arrays and constants of one loading (typed arrays, curves link-major, segments step-major; see `loadNetworkDynamic`). */
export interface StepState {
  readonly W: number; readonly linkCount: number; readonly segCount: number; readonly pathCount: number;
  readonly A: Float64Array; readonly V: Float64Array; readonly Sv: Float64Array; readonly D: Float64Array; readonly T: Float64Array;
  readonly segIn: Float64Array; readonly arrivals: Float64Array;
  readonly ptrT: Int32Array; readonly ptrA: Int32Array; readonly exitPos: Float64Array; readonly inc: Float64Array;
  readonly isStation: Uint8Array; readonly bprScale: Float64Array; readonly capRate: Float64Array; readonly bprPower: Float64Array;
  readonly runFree: Float64Array; readonly bottleneck: Float64Array; readonly serviceSteps: Float64Array;
  readonly colStart: Int32Array; readonly nextCol: Int32Array; readonly nextLink: Int32Array;
  readonly firstCol: Int32Array; readonly firstLink: Int32Array;
  readonly depProfiles: Float64Array[]; readonly depLength: Int32Array; readonly ratePerVeh: number;
}

/**
 * Step k, links: arrivals at the bottleneck V(k+1), discharge D(k+1) (point queue or
 * servers), and the FIFO entry position x = A⁻¹(D(k+1)) of the last vehicle out.
 *
 * @example
 * for (let k = 0; k < S; k++) { stepLinks(st, k); stepSegments(st, k); closeStep(st, k); }
 */
export function stepLinks(st: StepState, k: number): void {
  const { W, A, V, Sv, D, T, ptrT, ptrA, exitPos, isStation, bottleneck, serviceSteps } = st;
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    let p = ptrT[a];
    while (p + 1 <= k && T[base + p + 1] <= k + 1) p++;
    ptrT[a] = p;
    let v = 0;
    if (p === k) v = A[base + k];
    else if (p >= 0) {
      const t0 = T[base + p];
      v = A[base + p] + ((A[base + p + 1] - A[base + p]) * (k + 1 - t0)) / (T[base + p + 1] - t0);
    }
    V[base + k + 1] = v;
    let d: number;
    if (isStation[a] === 1) {
      d = curveAt(Sv, base, k + 1 - serviceSteps[a]);
      Sv[base + k + 1] = Math.min(v, d + bottleneck[a]);
    } else {
      d = Math.min(v, D[base + k] + bottleneck[a]);
      Sv[base + k + 1] = d;
    }
    D[base + k + 1] = d;
    let q = ptrA[a];
    while (q + 1 <= k && A[base + q + 1] <= d) q++;
    ptrA[a] = q;
    exitPos[a] = q >= k ? k : q + (d - A[base + q]) / (A[base + q + 1] - A[base + q]);
  }
}

/**
 * Step k, segments: departures enter each path's first segment; every segment's FIFO
 * outflow (its inflow curve at the link's exit position) enters the next one.
 *
 * @example
 * stepSegments(st, k); // after stepLinks(st, k)
 */
export function stepSegments(st: StepState, k: number): void {
  const { segCount, pathCount, segIn, arrivals, exitPos, inc, colStart, nextCol, nextLink, firstCol, firstLink, depProfiles, depLength } = st;
  const rowK = k * segCount;
  const rowNext = rowK + segCount;
  for (let i = 0; i < pathCount; i++) {
    const dep = k < depLength[i] ? depProfiles[i][k] : 0;
    segIn[rowNext + firstCol[i]] = segIn[rowK + firstCol[i]] + dep;
    inc[firstLink[i]] += dep;
  }
  for (let a = 0; a < st.linkCount; a++) {
    const c0 = colStart[a];
    const c1 = colStart[a + 1];
    if (c0 === c1) continue;
    const x = exitPos[a];
    const xi = Math.floor(x);
    const f = x - xi;
    const rowA = xi * segCount;
    const rowB = rowA + segCount;
    for (let c = c0; c < c1; c++) {
      const out = xi >= k ? segIn[rowK + c] : segIn[rowA + c] + f * (segIn[rowB + c] - segIn[rowA + c]);
      const nx = nextCol[c];
      if (nx >= 0) {
        inc[nextLink[c]] += out - segIn[rowK + nx];
        segIn[rowNext + nx] = out;
      } else {
        arrivals[(k + 1) * pathCount - 1 - nx] = out;
      }
    }
  }
}

/**
 * Step k, links: cumulative inflow A(k+1) and the bottleneck-arrival time T(k+1) of
 * the step's entrants (BPR running time on the step's inflow rate, FIFO-monotone).
 *
 * @example
 * closeStep(st, k); // after stepSegments(st, k)
 */
export function closeStep(st: StepState, k: number): void {
  const { W, A, T, inc, runFree, bprScale, capRate, bprPower, ratePerVeh } = st;
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    const q = inc[a];
    inc[a] = 0;
    A[base + k + 1] = A[base + k] + q;
    let run = runFree[a];
    if (bprScale[a] > 0 && q > 0) {
      const ratio = Math.min(1, (q * ratePerVeh) / capRate[a]);
      run = Math.max(1, runFree[a] * (1 + bprScale[a] * Math.pow(ratio, bprPower[a])));
    }
    T[base + k + 1] = Math.max(k + 1 + run, T[base + k]);
  }
}
