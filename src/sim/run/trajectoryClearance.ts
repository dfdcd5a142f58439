/**
 * Where a DUE trajectory has emptied (docs/model.md §4 "Window and tail"): the first loading
 * step at which every vehicle has arrived, found by loading the DUE's paths once more.
 */
import { loadNetworkDynamic, type DnlOptions, type DnlPath, type DnlResult } from '../../traffic/dynamic/loadNetworkDynamic.js';
import { UserClassCode, type DueResult } from '../../traffic/dynamic/dueTypes.js';
import type { Network } from '../../traffic/network/network.js';
import type { ClearancePort } from './cosimTypes.js';

/** What the clearance needs to know about the time axis. */
export interface ClearanceAxis {
  readonly stepSec: number;
  readonly stepsPerInterval: number;
  /** Departures happen only in these intervals. */
  readonly windowIntervals: number;
  readonly propagation: 'dynamic' | 'instantaneous';
  /** Loading model of the DUE (`traffic.loading`) [point-queue]. */
  readonly loading?: DnlOptions['loading'];
}

/** Vehicles left on the network below this share of the vehicles departed count as none. */
const CLEAR_SHARE = 1e-9;

/**
 * The DUE's paths as DNL input, in the DUE's own way: departures of interval t spread evenly
 * over its n_δ steps (docs/model.md §2.5).
 *
 * @example
 * const dnl = loadNetworkDynamic(network, duePathsForLoading(due, 20), { stepSec: 30, horizonSteps: due.steps });
 */
export function duePathsForLoading(due: Pick<DueResult, 'paths'>, stepsPerInterval: number): DnlPath[] {
  const out: DnlPath[] = [];
  for (const p of due.paths) {
    const I = p.flowVehByInterval.length;
    const dep = new Float64Array(I * stepsPerInterval);
    let any = false;
    for (let t = 0; t < I; t++) {
      const perStep = p.flowVehByInterval[t] / stepsPerInterval;
      if (perStep > 0) any = true;
      dep.fill(perStep, t * stepsPerInterval, (t + 1) * stepsPerInterval);
    }
    if (any) out.push({ links: p.links, departureVehByStep: dep, classCode: UserClassCode[p.userClass] });
  }
  return out;
}

/**
 * First step k at which the loaded vehicles have all arrived (`undefined`: not within the loading).
 *
 * @example
 * firstClearStep(dnl); // e.g. 560 (= 4 h 40 min at δ = 30 s)
 */
export function firstClearStep(dnl: DnlResult): number | undefined {
  const C = dnl.classCount;
  const at = (k: number): number => {
    let onNetwork = 0;
    for (let c = 0; c < C; c++) onNetwork += dnl.classCumDepartures[k * C + c] - dnl.classCumArrivals[k * C + c];
    return onNetwork;
  };
  let departed = 0;
  for (let c = 0; c < C; c++) departed += dnl.classCumDepartures[dnl.steps * C + c];
  const tolerance = CLEAR_SHARE * Math.max(1, departed);
  if (at(dnl.steps) > tolerance) return undefined;
  // walk back from the end while every vehicle has departed and none is left on the network
  let k = dnl.steps;
  while (k > 0 && departedBy(dnl, k - 1) >= departed - tolerance && at(k - 1) <= tolerance) k--;
  return k;
}

function departedBy(dnl: DnlResult, k: number): number {
  let sum = 0;
  for (let c = 0; c < dnl.classCount; c++) sum += dnl.classCumDepartures[k * dnl.classCount + c];
  return sum;
}

/**
 * The clearance port of a prepared run: reads the DUE's final loading (`checkpoint`), or
 * loads its paths once when it has none (cached per result).
 * With `instantaneous` propagation every trip is done within its departure interval, so
 * the network is clear at the end of the window.
 *
 * @param network - the DUE's network (stations inserted).
 * @param axis - loading step, steps per interval, window, propagation.
 * @example
 * const clearance = trajectoryClearance(network, { stepSec: 30, stepsPerInterval: 20, windowIntervals: 12, propagation: 'dynamic' });
 * clearance(due); // first step with every vehicle arrived
 */
export function trajectoryClearance(network: Network, axis: ClearanceAxis): ClearancePort<DueResult> {
  const cache = new WeakMap<DueResult, number | undefined>();
  return (due) => {
    if (axis.propagation === 'instantaneous') return axis.windowIntervals * axis.stepsPerInterval;
    if (cache.has(due)) return cache.get(due);
    // the DUE's own final loading when it carries it (checkpoint), else one loading of its paths
    const own = due.checkpoint?.dnl;
    const paths = own === undefined ? duePathsForLoading(due, axis.stepsPerInterval) : [];
    const step = own !== undefined
      ? firstClearStep(own)
      : paths.length === 0 ? 0 : firstClearStep(loadNetworkDynamic(network, paths, { stepSec: axis.stepSec, horizonSteps: due.steps, loading: axis.loading }));
    cache.set(due, step);
    return step;
  };
}
