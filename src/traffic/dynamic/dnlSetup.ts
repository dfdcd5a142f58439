/**
 * Set-up of one dynamic loading (`loadNetworkDynamic`): input checks, per-link constants in
 * steps, checkpoint steps, and the per-segment and per-link index arrays the steps read.
 */
import { InputError } from '../../common/errors.js';
import { LinkKind, type Network } from '../network/network.js';
import type { DnlOptions, DnlPath } from './dnlTypes.js';

/**
 * Per link: 1 when no link enters its tail node (its entrants all come from the origin queue).
 *
 * @example
 * const priced = pureOrigins(net); // priced[a] === 1: the DUE prices the origin wait on a
 */
export function pureOrigins(network: Network): Uint8Array {
  const entered = new Uint8Array(network.nodeIds.length);
  for (let a = 0; a < network.from.length; a++) entered[network.to[a]] = 1;
  return Uint8Array.from(network.from, (n) => (entered[n] === 1 ? 0 : 1));
}

/**
 * Per segment: its path.
 *
 * @example
 * segPathOf(Int32Array.of(0, 2, 3)); // Int32Array [0, 0, 1]
 */
export function segPathOf(segStart: Int32Array): Int32Array {
  const out = new Int32Array(segStart[segStart.length - 1]);
  for (let p = 0; p + 1 < segStart.length; p++) out.fill(p, segStart[p], segStart[p + 1]);
  return out;
}

/**
 * Per segment: the next link of its path, `linkCount` at the destination.
 *
 * @example
 * segNextOf(Int32Array.of(0, 2), Int32Array.of(4, 7), 9); // Int32Array [7, 9]
 */
export function segNextOf(segStart: Int32Array, pathLinks: Int32Array, linkCount: number): Int32Array {
  const out = new Int32Array(pathLinks.length);
  for (let p = 0; p + 1 < segStart.length; p++) {
    for (let s = segStart[p]; s < segStart[p + 1]; s++) out[s] = s + 1 < segStart[p + 1] ? pathLinks[s + 1] : linkCount;
  }
  return out;
}

/**
 * Sorted distinct steps at which to keep the state (`checkpointEvery`, `checkpointSteps`; `InputError` on bad values).
 *
 * @example
 * checkpointSteps({ stepSec: 30, horizonSteps: 100, checkpointEvery: 50 }, 100); // [0, 50, 100]
 */
export function checkpointSteps(options: DnlOptions, S: number): number[] {
  const source = 'traffic/dynamic/loadNetworkDynamic';
  const every = options.checkpointEvery;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
    throw new InputError({ source, field: 'checkpointEvery', value: every }, 'must be an integer ≥ 1');
  }
  const set = new Set<number>();
  if (every !== undefined) for (let k = 0; k <= S; k += every) set.add(k);
  for (const k of options.checkpointSteps ?? []) {
    if (!(Number.isInteger(k) && k >= 0)) throw new InputError({ source, field: 'checkpointSteps', value: k }, 'must be integers ≥ 0');
    if (k <= S) set.add(k);
  }
  return [...set].sort((x, y) => x - y);
}

/**
 * Per-link running time at zero flow, bottleneck size and service time, all in steps.
 *
 * @example
 * const { runFree, bottleneck, serviceSteps } = linkConstants(net, 30);
 */
export function linkConstants(network: Network, stepSec: number) {
  const n = network.from.length;
  const runFree = new Float64Array(n);
  const bottleneck = new Float64Array(n);
  const serviceSteps = new Float64Array(n);
  const stepMin = stepSec / 60;
  for (let a = 0; a < n; a++) {
    runFree[a] = Math.max(1, network.freeFlowMin[a] / stepMin);
    const kind = network.kind[a];
    const cap = network.capacity[a];
    if (kind === LinkKind.road) {
      // capacity 0 blocks the link; the DUE rejects demand that must use it
      bottleneck[a] = Number.isFinite(cap) ? (Math.max(0, cap) * stepSec) / 3600 : Infinity;
    } else if (kind === LinkKind.charge || kind === LinkKind.v2g) {
      const st = network.stations[network.station[a]];
      const serviceMin = kind === LinkKind.charge ? st.chargeServiceMin : st.v2gServiceMin;
      serviceSteps[a] = Math.max(1, serviceMin / stepMin);
      bottleneck[a] = kind === LinkKind.charge ? st.chargers : st.v2gPorts;
    } else {
      bottleneck[a] = Infinity;
    }
  }
  return { runFree, bottleneck, serviceSteps };
}

/**
 * Check every path (links exist and connect, class code, finite departures ≥ 0); `InputError` naming the field.
 *
 * @example
 * checkPaths(net, paths);
 */
export function checkPaths(network: Network, paths: readonly DnlPath[]): void {
  const source = 'traffic/dynamic/loadNetworkDynamic';
  paths.forEach((p, i) => {
    if (p.links.length === 0) throw new InputError({ source, field: `paths[${i}].links`, value: [] }, 'path has no links');
    const c = p.classCode ?? 0;
    if (!(Number.isInteger(c) && c >= 0 && c < 256)) throw new InputError({ source, field: `paths[${i}].classCode`, value: c }, 'must be an integer 0…255');
    for (let j = 0; j < p.links.length; j++) {
      const a = p.links[j];
      if (!(a >= 0 && a < network.from.length)) throw new InputError({ source, field: `paths[${i}].links[${j}]`, value: a }, 'unknown link');
      if (j > 0 && network.to[p.links[j - 1]] !== network.from[a]) {
        throw new InputError({ source, field: `paths[${i}].links[${j}]`, value: a }, 'does not start where the previous link ends');
      }
    }
    for (let k = 0; k < p.departureVehByStep.length; k++) {
      const v = p.departureVehByStep[k];
      if (!(v >= 0 && Number.isFinite(v))) {
        throw new InputError({ source, field: `paths[${i}].departureVehByStep[${k}]`, value: v }, 'must be a finite number ≥ 0');
      }
    }
  });
}
