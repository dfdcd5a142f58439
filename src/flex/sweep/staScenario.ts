/**
 * The static special case of a scenario (docs/model.md §5 "Static vs dynamic", seed 003 §3.3):
 * the same study aggregated into 30-minute intervals with instantaneous propagation.
 */
import { InputError } from '../../common/errors.js';
import { parseScenario, type Scenario } from '../../sim/index.js';

/** Options of {@link staScenario}. */
export interface StaScenarioOptions {
  /** Length of a static interval, minutes; default 30 (the paper's four intervals over 2 h). */
  readonly intervalMin?: number;
}

/**
 * Map a (dynamic) scenario to its STA counterpart.
 *
 * 1. Intervals of `intervalMin` (a whole multiple of the scenario's Δt, dividing the horizon).
 * 2. Per-interval arrays (demand profile, OD rates, load scale, fixed tariffs, coupons)
 *    become the mean over the fine intervals each static interval covers, so the
 *    demand volume is unchanged; outage ranges map to the static intervals they touch.
 * 3. `traffic.propagation = 'instantaneous'`: a trip loads its whole path in its
 *    departure interval (no delayed arrival at the stations).
 *
 * @param scenario - validated scenario (its own propagation is ignored)
 * @param options - {@link StaScenarioOptions}
 * @returns a validated STA scenario
 * @throws InputError when the static interval does not tile the horizon
 * @example
 * const sta = staScenario(scenario); sta.horizon.intervals; // 4 for 12 × 10 min
 */
export function staScenario(scenario: Scenario, options: StaScenarioOptions = {}): Scenario {
  const source = 'flex/staScenario';
  const h = scenario.horizon;
  const len = options.intervalMin ?? 30;
  const ratio = len / h.intervalMin;
  if (!Number.isInteger(ratio) || ratio < 1 || h.intervals % ratio !== 0) {
    throw new InputError({ source, field: 'intervalMin', value: len }, `must be a whole multiple of ${h.intervalMin} min dividing the ${h.intervals * h.intervalMin}-min horizon`);
  }
  const intervals = h.intervals / ratio;
  const agg = <T extends number | number[] | undefined>(v: T): T => {
    if (!Array.isArray(v)) return v;
    return Array.from({ length: intervals }, (_, i) => {
      let s = 0;
      for (let q = 0; q < ratio; q++) s += v[i * ratio + q];
      return s / ratio;
    }) as T;
  };
  const raw = {
    ...scenario,
    horizon: { ...h, intervalMin: len, intervals },
    traffic: { ...scenario.traffic, propagation: 'instantaneous' as const },
    demand: {
      ...scenario.demand,
      profile: agg(scenario.demand.profile),
      od: scenario.demand.od?.map((e) => ({ ...e, vehPerHByInterval: agg(e.vehPerHByInterval) })),
    },
    prices: {
      ...scenario.prices,
      charge: scenario.prices.charge.mode === 'fixed' ? { ...scenario.prices.charge, yuanPerKWh: agg(scenario.prices.charge.yuanPerKWh) } : scenario.prices.charge,
      v2g: scenario.prices.v2g.mode === 'fixed' ? { ...scenario.prices.v2g, yuanPerKWh: agg(scenario.prices.v2g.yuanPerKWh) } : scenario.prices.v2g,
    },
    coupons: scenario.coupons.map((c) => ({ ...c, chargeYuanPerKWh: agg(c.chargeYuanPerKWh), v2gYuanPerVisit: agg(c.v2gYuanPerVisit) })),
    feeder: {
      ...scenario.feeder,
      loadScale: agg(scenario.feeder.loadScale),
      outages: scenario.feeder.outages.map((o) => ({
        ...o,
        fromInterval: Math.floor(o.fromInterval / ratio),
        toInterval: o.toInterval === undefined ? undefined : Math.floor(o.toInterval / ratio),
      })),
    },
  };
  return parseScenario(JSON.parse(JSON.stringify(raw)), `${source} (${scenario.name ?? 'scenario'})`);
}

/**
 * The STA interval containing the start of DTA interval t (same clock time).
 *
 * @example
 * staTimeIndex(6, 10, 30); // 2: 18:00 lies in 18:00–18:30
 */
export function staTimeIndex(timeIndex: number, dtaIntervalMin: number, staIntervalMin = 30): number {
  return Math.floor((timeIndex * dtaIntervalMin) / staIntervalMin);
}
