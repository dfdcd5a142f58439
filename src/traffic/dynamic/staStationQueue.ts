/**
 * Station service of the STA special case (docs/model.md §2 "Static special cases"): the
 * same hard servers and FIFO point queue as the dynamic loading, on interval flows. Per
 * station link a and static interval t of T minutes, with c servers and service time s:
 * a service started in interval u occupies a server for the weights w_k = clamp(s/T − k, 0, 1)
 * of intervals u + k (s ≤ T: w_0 = s/T, the interval's Little's law; a 180-min dwell holds
 * its charger six 30-min intervals), the station starts at most (c − occupied by earlier
 * starts) / w_0 services, arrivals beyond that wait in a queue carried to the next interval,
 * and the average occupancy Σ_k started_{t−k}·w_k never exceeds c.
 */
import { LinkKind, type Network } from '../network/network.js';
import type { LinkEconomics } from './linkEconomics.js';

/** Per station link and interval, index `a * intervals + t` (0 on other links). */
export interface StaStationService {
  /** Services started in the interval, vehicles (≤ c·T/s). */
  readonly servedVeh: Float64Array;
  /** Queue carried to the next interval (after the last: still waiting at the end of the horizon), vehicles. */
  readonly queueEndVeh: Float64Array;
  /** Mean queue over the interval, vehicles. */
  readonly meanQueueVeh: Float64Array;
  /** Average vehicles in service: Σ_k servedVeh[t − k] · w_k (≤ c). */
  readonly inServiceVeh: Float64Array;
  /** Mean wait in the queue of a vehicle arriving in the interval (uniformly), minutes. */
  readonly waitMin: Float64Array;
}

/**
 * Mean queue (vehicles) over an interval of `T` minutes of a fluid FIFO queue that starts at
 * `q0`, receives `arrivals` uniformly and serves at most `muPerMin` per minute. The mean
 * wait of the interval's arrivals is this divided by `muPerMin`.
 *
 * @example
 * fluidMeanQueue(0, 60, 1, 30); // 15: the queue grows linearly from 0 to 30
 */
export function fluidMeanQueue(q0: number, arrivals: number, muPerMin: number, T: number): number {
  const lambda = arrivals / T;
  if (lambda >= muPerMin) return q0 + ((lambda - muPerMin) * T) / 2;
  if (q0 <= 0) return 0;
  const drain = muPerMin - lambda;
  const u0 = q0 / drain;
  return u0 >= T ? q0 - (drain * T) / 2 : (q0 * u0) / (2 * T);
}

/**
 * Occupancy weights of a service of `serviceMin` started in an interval of `intervalMin`:
 * w_k = clamp(s/T − k, 0, 1), k = 0 … ⌈s/T⌉ − 1.
 *
 * @example
 * occupancyWeights(20, 30); // [2/3]
 * occupancyWeights(45, 30); // [1, 0.5]
 */
export function occupancyWeights(serviceMin: number, intervalMin: number): number[] {
  const r = serviceMin / intervalMin;
  const n = Math.max(1, Math.ceil(r - 1e-12));
  return Array.from({ length: n }, (_, k) => Math.min(1, Math.max(0, r - k)));
}

/**
 * Served, queued and waiting per station link and interval from the vehicles entering each
 * link per interval (`linkFlowVeh`, index `a * intervals + t`).
 *
 * 1. Occupied by earlier starts: o_t = Σ_{k≥1} served_{t−k}·w_k; capacity cap_t = max(0, c − o_t) / w_0.
 * 2. served = min(queue₀ + arrivals, cap_t); end queue = queue₀ + arrivals − served (conservation).
 * 3. in service = o_t + served·w_0 ≤ c; mean queue {@link fluidMeanQueue} at the rate
 *    μ_t = cap_t / T; wait = mean queue / μ_t (μ_t floored at 1 % of c/s, a full station).
 * A link without servers or service time has no queue: everything is served.
 *
 * @example
 * const svc = staStationService(net, econ, flows);
 * svc.inServiceVeh[chargeLink * intervals + 2]; // ≤ chargers
 */
export function staStationService(network: Network, econ: LinkEconomics, linkFlowVeh: Float64Array): StaStationService {
  const I = econ.intervals;
  const n = network.from.length;
  const T = econ.intervalMin;
  const servedVeh = new Float64Array(n * I);
  const queueEndVeh = new Float64Array(n * I);
  const meanQueueVeh = new Float64Array(n * I);
  const inServiceVeh = new Float64Array(n * I);
  const waitMin = new Float64Array(n * I);
  for (let a = 0; a < n; a++) {
    const kind = network.kind[a];
    if (kind !== LinkKind.charge && kind !== LinkKind.v2g) continue;
    const c = econ.servers[a];
    const s = econ.serviceMin[a];
    const w = occupancyWeights(s, T);
    if (!(c > 0 && s > 0)) {
      for (let t = 0; t < I; t++) servedVeh[a * I + t] = linkFlowVeh[a * I + t];
    } else {
      const muFloor = (0.01 * c) / s;
      let q = 0;
      for (let t = 0; t < I; t++) {
        const i = a * I + t;
        let occupied = 0;
        for (let k = 1; k < w.length && k <= t; k++) occupied += servedVeh[i - k] * w[k];
        const cap = Math.max(0, c - occupied) / w[0];
        const arrivals = linkFlowVeh[i];
        const served = Math.min(q + arrivals, cap);
        const mu = Math.max(cap / T, muFloor);
        const mean = fluidMeanQueue(q, arrivals, mu, T);
        servedVeh[i] = served;
        meanQueueVeh[i] = mean;
        waitMin[i] = mean / mu;
        q = Math.max(0, q + arrivals - served);
        queueEndVeh[i] = q;
      }
    }
    for (let t = 0; t < I; t++) {
      let h = 0;
      for (let k = 0; k < w.length && k <= t; k++) h += servedVeh[a * I + t - k] * w[k];
      inServiceVeh[a * I + t] = s > 0 ? h : 0;
    }
  }
  return { servedVeh, queueEndVeh, meanQueueVeh, inServiceVeh, waitMin };
}
