/**
 * Experienced link exit times of a loading: when would a vehicle entering link a
 * at time kδ leave it? The DUE prices paths with these (docs/model.md §2: "each link taken
 * at the time the vehicle reaches it").
 */
import { curveAt, type DnlResult } from './loadNetworkDynamic.js';

/** Exit time and crowding of a marginal vehicle entering each link at each step boundary. */
export interface ExperiencedLinkTimes {
  readonly steps: number;
  /** Exit time (steps, absolute) of a vehicle entering at kδ, index `a * (steps + 1) + k`; non-decreasing in k. */
  readonly exitStep: Float64Array;
  /** Vehicles on the link's bottleneck (queued or in service) when that vehicle reaches it. */
  readonly bottleneckVeh: Float64Array;
}

/**
 * Compute `ExperiencedLinkTimes` from the cumulative curves of `loadNetworkDynamic`.
 *
 * 1. The vehicle entering at kδ is the A_a(k)-th; it reaches the bottleneck at T_a(k).
 * 2. Roads: it leaves at the first y ≥ T_a(k) with D_a(y) ≥ A_a(k) (FIFO point queue).
 *    Stations: it starts service at the first y ≥ T_a(k) with S_a(y) ≥ A_a(k) and
 *    leaves L steps later. Bypass: it leaves at T_a(k).
 * 3. LTM (`linkOriginQueue`): on a link leaving a node no link enters, the vehicle departing
 *    at kδ is the (A_a(k) + Q_a(k))-th, behind the origin queue Q that waits to enter (FIFO), so
 *    the origin wait is priced on the first link.
 * 4. Past the horizon the remaining queue is discharged at the bottleneck rate
 *    (capacity, or servers / L), so costs stay finite and increasing when the
 *    network has not emptied.
 *
 * Monotone pointers make it O(links · steps).
 *
 * @example
 * const times = experiencedLinkTimes(loadNetworkDynamic(net, paths, { stepSec: 30, horizonSteps: 400 }));
 * times.exitStep[a * 401 + 10] - 10; // steps spent on link a by a vehicle entering at step 10
 */
export function experiencedLinkTimes(dnl: DnlResult): ExperiencedLinkTimes {
  const S = dnl.steps;
  const W = S + 1;
  const linkCount = dnl.linkServiceSteps.length;
  const exitStep = new Float64Array(linkCount * W);
  const bottleneckVeh = new Float64Array(linkCount * W);
  const { linkCumIn: A, linkCumOut: D, linkCumServiceStart: Sv, linkCumAtBottleneck: V, linkRunExitStep: T } = dnl;
  const Q = dnl.linkOriginQueue;
  for (let a = 0; a < linkCount; a++) {
    const base = a * W;
    const serviceSteps = dnl.linkServiceSteps[a];
    const station = serviceSteps > 0;
    const gate = station ? Sv : D; // the curve the marginal vehicle waits on
    const rate = station ? dnl.linkBottleneck[a] / serviceSteps : dnl.linkBottleneck[a];
    const hasGate = Number.isFinite(rate);
    let m = 0;
    for (let k = 0; k <= S; k++) {
      const y0 = T[base + k];
      // LTM: a departure at kδ onto a link leaving a pure origin is behind the origin queue too
      const target = Q === undefined ? A[base + k] : A[base + k] + Q[base + k];
      const yc = Math.min(y0, S);
      bottleneckVeh[base + k] = Math.max(0, curveAt(V, base, yc) - curveAt(D, base, yc));
      let y = y0;
      if (hasGate) {
        const eps = 1e-9 * (1 + target);
        if (y0 >= S) {
          y = Math.max(y0, S + (target - gate[base + S]) / rate);
        } else if (curveAt(gate, base, y0) < target - eps) {
          if (m < Math.ceil(y0)) m = Math.ceil(y0);
          while (m <= S && gate[base + m] < target - eps) m++;
          if (m > S) y = S + (target - gate[base + S]) / rate;
          else {
            const g0 = gate[base + m - 1];
            const g1 = gate[base + m];
            y = Math.max(y0, m - 1 + (g1 > g0 ? (target - g0) / (g1 - g0) : 1));
          }
        }
      }
      exitStep[base + k] = station ? y + serviceSteps : y;
    }
  }
  return { steps: S, exitStep, bottleneckVeh };
}
