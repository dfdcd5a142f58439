/**
 * Station power from the traffic loading (docs/model.md §4, seed 003 §1.2:
 * P_ch = h_ch · p_ch, P_v2g = h_v2g · p_v2g, net = ch − v2g).
 */

/** What the aggregation reads from a DUE result (per-step arrays, index `s * steps + k`). */
export interface InServiceSeries {
  readonly steps: number;
  readonly stationChargingInService: Float64Array;
  readonly stationV2gInService: Float64Array;
}

/** Station power rates, kW per vehicle (index = station). */
export interface StationRates {
  readonly chargeKw: Float64Array;
  readonly v2gKw: Float64Array;
}

/** Output buffers, MW per station (caller-owned, reused every tick). */
export interface StationPowerMw {
  readonly chargeMw: Float64Array;
  readonly v2gMw: Float64Array;
  readonly netMw: Float64Array;
}

/**
 * Average station power over interval t, MW.
 *
 * 1. The interval covers loading steps k = t·n … (t+1)·n − 1, n = `stepsPerInterval`
 *    (the in-service counts are the values at times k·δ, so this is the left
 *    Riemann mean over the interval).
 * 2. P_ch,s = mean_k(in charge service) · p_ch,s / 1000; likewise V2G.
 * 3. net = P_ch − P_v2g (positive = consumption, the feeder's load sign).
 *
 * @param series - per-step vehicles in service (DUE result).
 * @param rates - kW per vehicle per station.
 * @param t - interval index.
 * @param stepsPerInterval - Δt / δ.
 * @param out - caller-owned MW buffers of length = stations (overwritten).
 * @example
 * aggregateStationPower(due, rates, 5, 20, out); out.netMw[2]; // CS3 net MW at 17:50
 */
export function aggregateStationPower(
  series: InServiceSeries,
  rates: StationRates,
  t: number,
  stepsPerInterval: number,
  out: StationPowerMw,
): StationPowerMw {
  const stations = rates.chargeKw.length;
  const steps = series.steps;
  const k0 = t * stepsPerInterval;
  const k1 = Math.min(k0 + stepsPerInterval, steps);
  const count = Math.max(k1 - k0, 1);
  for (let s = 0; s < stations; s++) {
    let ch = 0;
    let v2g = 0;
    for (let k = k0; k < k1; k++) {
      ch += series.stationChargingInService[s * steps + k];
      v2g += series.stationV2gInService[s * steps + k];
    }
    out.chargeMw[s] = ((ch / count) * rates.chargeKw[s]) / 1000;
    out.v2gMw[s] = ((v2g / count) * rates.v2gKw[s]) / 1000;
    out.netMw[s] = out.chargeMw[s] - out.v2gMw[s];
  }
  return out;
}

/**
 * Mean of a per-step station series over interval t (queues, in-service counts).
 *
 * @example
 * intervalMean(due.stationChargeQueue, due.steps, 0, 3, 20); // mean charge queue of station 0 in interval 3
 */
export function intervalMean(series: Float64Array, steps: number, s: number, t: number, stepsPerInterval: number): number {
  const k0 = t * stepsPerInterval;
  const k1 = Math.min(k0 + stepsPerInterval, steps);
  let sum = 0;
  for (let k = k0; k < k1; k++) sum += series[s * steps + k];
  return k1 > k0 ? sum / (k1 - k0) : 0;
}
