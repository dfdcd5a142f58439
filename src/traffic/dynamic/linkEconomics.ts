/**
 * Per-link money and station constants of docs/model.md §2 shared by both cost models
 * (`linkCostModel.ts`) and the STA station queue (`staStationQueue.ts`).
 */
import { LinkKind } from '../network/network.js';
import type { DueScenario } from './dueTypes.js';

/** Per-link constants shared by both cost models. */
export interface LinkEconomics {
  readonly thetaPerMin: number;
  readonly intervals: number;
  readonly intervalMin: number;
  readonly stepMin: number;
  readonly stepsPerInterval: number;
  /** Money per link per interval, ¥, index `a * intervals + t`. */
  readonly moneyYuan: Float64Array;
  /** Station links: t_max (minutes), servers c, service minutes. */
  readonly crowdMaxMin: Float64Array;
  readonly servers: Float64Array;
  readonly serviceMin: Float64Array;
}

/**
 * Precompute money per link and interval and the station constants.
 * charge: (ω_ch − ψ_ch)·E_ch; v2g: −(ω_v2g·E_v2g + ψ_v2g); E = kW × service hours.
 *
 * @example
 * linkEconomics(scenario).moneyYuan[chargeLink * scenario.intervals + 5]; // ¥ per visit in interval 5
 */
export function linkEconomics(scenario: DueScenario): LinkEconomics {
  const net = scenario.network;
  const I = scenario.intervals;
  const n = net.from.length;
  const moneyYuan = new Float64Array(n * I);
  const crowdMaxMin = new Float64Array(n);
  const servers = new Float64Array(n);
  const serviceMin = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const kind = net.kind[a];
    if (kind !== LinkKind.charge && kind !== LinkKind.v2g) continue;
    const s = net.station[a];
    const st = net.stations[s];
    const charge = kind === LinkKind.charge;
    serviceMin[a] = charge ? st.chargeServiceMin : st.v2gServiceMin;
    servers[a] = charge ? st.chargers : st.v2gPorts;
    crowdMaxMin[a] = charge ? st.chargeCongestionMaxMin : st.v2gCongestionMaxMin;
    const energyKWh = (charge ? st.chargeKw : st.v2gKw) * (serviceMin[a] / 60);
    for (let t = 0; t < I; t++) {
      const i = s * I + t;
      moneyYuan[a * I + t] = charge
        ? (scenario.prices.chargeYuanPerKWh[i] - scenario.coupons.chargeYuanPerKWh[i]) * energyKWh
        : -(scenario.prices.v2gYuanPerKWh[i] * energyKWh + scenario.coupons.v2gYuanPerVisit[i]);
    }
  }
  const stepsPerInterval = Math.round((scenario.intervalMin * 60) / scenario.stepSec);
  return {
    thetaPerMin: scenario.valueOfTimeYuanPerH / 60, intervals: I, intervalMin: scenario.intervalMin,
    stepMin: scenario.stepSec / 60, stepsPerInterval, moneyYuan, crowdMaxMin, servers, serviceMin,
  };
}
