/**
 * Generalized link costs of docs/model.md §2 at the time a vehicle reaches a link, for the
 * dynamic loading and for the instantaneous (STA) special case. The DUE walks
 * paths, the column generation grows trees and the route swap scales its steps
 * through this one interface.
 */
import { LinkKind, type Network } from '../network/network.js';
import type { ExperiencedLinkTimes } from './experiencedLinkTimes.js';
import type { LinkEconomics } from './linkEconomics.js';
import type { DnlResult } from './loadNetworkDynamic.js';
import { staStationService, type StaStationService } from './staStationQueue.js';

export { linkEconomics, type LinkEconomics } from './linkEconomics.js';

/** Costs of entering link `a` at time `x` (in loading steps, fractional). */
export interface LinkCostModel {
  /** Path costs of an interval average this many departure times (dynamic: every step; STA: one). */
  readonly samplesPerInterval: number;
  readonly stepsPerInterval: number;
  /** Exit time, steps. */
  exit(a: number, x: number): number;
  /** Generalized cost ¥ (time at θ plus money), docs/model.md §2. */
  cost(a: number, x: number): number;
  /** Money part ¥ (charging bill minus coupon; V2G: minus revenue and bonus). */
  money(a: number, x: number): number;
  /** All three at once (the hot path of path pricing): writes [cost, money] to `out`, returns the exit time. */
  visit(a: number, x: number, out: Float64Array): number;
  /** Approximate d(cost)/d(vehicles added to the entry interval's cohort), ¥/veh, ≥ 0. */
  sensitivity(a: number, x: number): number;
  /** If a queue is present at the bottleneck at x: the delay cost ¥ one more vehicle ahead adds; else 0. */
  queueCoefficient(a: number, x: number): number;
}

function intervalOf(e: LinkEconomics, x: number): number {
  const t = Math.floor(x / e.stepsPerInterval);
  return t < 0 ? 0 : t >= e.intervals ? e.intervals - 1 : t;
}

/**
 * Cost model of a dynamic loading: experienced time (running + queue + service) at θ,
 * plus the station crowding term t_max·min(h/c, 1)³ of docs/model.md §2 (capped at c because
 * the queue beyond c is modelled physically), plus money at the arrival interval.
 *
 * @example
 * const model = dynamicCostModel(net, econ, dnl, experiencedLinkTimes(dnl));
 * model.cost(a, 12.5); // ¥ for entering link a at 12.5 steps
 */
export function dynamicCostModel(
  network: Network, econ: LinkEconomics, dnl: DnlResult, times: ExperiencedLinkTimes,
): LinkCostModel {
  const S = times.steps;
  const W = S + 1;
  const { exitStep, bottleneckVeh } = times;
  const interp = (arr: Float64Array, a: number, x: number): number => {
    if (x >= S) return arr === exitStep ? arr[a * W + S] + (x - S) : arr[a * W + S];
    const xc = x < 0 ? 0 : x;
    const i = Math.floor(xc);
    const f = xc - i;
    const o = a * W + i;
    return f === 0 ? arr[o] : arr[o] + f * (arr[o + 1] - arr[o]);
  };
  const crowdMin = (a: number, x: number): number => {
    const c = econ.servers[a];
    if (econ.crowdMaxMin[a] === 0 || c <= 0) return 0;
    const r = Math.min(1, interp(bottleneckVeh, a, x) / c);
    return econ.crowdMaxMin[a] * r * r * r;
  };
  const exit = (a: number, x: number): number => interp(exitStep, a, x);
  const money = (a: number, x: number): number => econ.moneyYuan[a * econ.intervals + intervalOf(econ, x)];
  // a real queue, not the sub-step interpolation slack of the exit-time map
  const queued = (a: number, x: number): boolean => {
    const j = Math.min(S, Math.max(0, Math.floor(x)));
    return exit(a, x) - (dnl.linkRunExitStep[a * W + j] + dnl.linkServiceSteps[a]) > 0.25;
  };
  return {
    // ≤ 10 equally spaced departures per interval: the interval mean to well under 1 % at a tenth of the work
    samplesPerInterval: Math.min(econ.stepsPerInterval, 10),
    stepsPerInterval: econ.stepsPerInterval,
    exit,
    money,
    cost: (a, x) => econ.thetaPerMin * ((exit(a, x) - x) * econ.stepMin + crowdMin(a, x)) + money(a, x),
    visit(a, x, out) {
      const y = exit(a, x);
      const m = network.kind[a] === LinkKind.road || network.kind[a] === LinkKind.bypass ? 0 : money(a, x);
      out[0] = econ.thetaPerMin * ((y - x) * econ.stepMin + crowdMin(a, x)) + m;
      out[1] = m;
      return y;
    },
    queueCoefficient(a, x) {
      if (!queued(a, x)) return 0;
      const kind = network.kind[a];
      if (kind === LinkKind.road) return econ.thetaPerMin * (60 / network.capacity[a]);
      if (kind === LinkKind.charge || kind === LinkKind.v2g) return (econ.thetaPerMin * econ.serviceMin[a]) / econ.servers[a];
      return 0;
    },
    sensitivity(a, x) {
      const kind = network.kind[a];
      const j = Math.min(S - 1, Math.max(0, Math.floor(x)));
      const waiting = queued(a, x);
      let minPerVeh = 0;
      if (kind === LinkKind.road) {
        const cap = network.capacity[a];
        if (cap > 0 && Number.isFinite(cap)) {
          const w = ((dnl.linkCumIn[a * W + j + 1] - dnl.linkCumIn[a * W + j]) / econ.stepMin) * 60;
          const P = network.bprPower[a];
          if (w < cap && network.bprB[a] > 0) {
            minPerVeh += (network.freeFlowMin[a] * network.bprB[a] * P * Math.pow(w / cap, P - 1)) / cap * (60 / econ.intervalMin);
          }
          // half of 1/c hours: the cohort's mean extra queueing delay; phased in as the link nears
          // capacity, so that a swap toward an uncongested bottleneck does not overshoot into a queue
          const near = waiting ? 1 : Math.min(1, (w / cap) ** 4);
          minPerVeh += (30 / cap) * near;
        }
      } else if (kind === LinkKind.charge || kind === LinkKind.v2g) {
        const c = econ.servers[a];
        if (c > 0) {
          const h = interp(bottleneckVeh, a, x);
          const near = waiting ? 1 : Math.min(1, (h / c) ** 4);
          minPerVeh += (econ.serviceMin[a] / (2 * c)) * near;
          if (h < c) minPerVeh += (3 * econ.crowdMaxMin[a] * h * h) / (c * c * c) * Math.min(1, econ.serviceMin[a] / econ.intervalMin);
        }
      }
      return econ.thetaPerMin * minPerVeh;
    },
  };
}

/**
 * Cost model of the STA special case (docs/model.md §2 "Static special cases"): each interval is a static
 * equilibrium; links cost BPR on the interval's flow rate; stations have the dynamic loading's
 * hard servers and FIFO queue (`staStationService`: at most c·T/s services per interval, the
 * rest carried to the next interval) and cost τ + t_svc + wait + t_max·min(h_b/c, 1)³, h_b the
 * mean vehicles at the bottleneck (in service + queued), exactly the dynamic crowding term;
 * vehicles reach every link of their path in their departure interval (no propagation).
 *
 * @param linkFlowVeh vehicles entering each link per interval, index `a * intervals + t`
 * @param service the station service of these flows (default: computed here)
 * @example
 * const model = instantaneousCostModel(net, econ, flows);
 * model.cost(a, 0); // ¥ of link a in interval 0
 */
export function instantaneousCostModel(
  network: Network, econ: LinkEconomics, linkFlowVeh: Float64Array,
  service: StaStationService = staStationService(network, econ, linkFlowVeh),
): LinkCostModel {
  const I = econ.intervals;
  const perH = 60 / econ.intervalMin;
  const atBottleneck = (i: number): number => service.inServiceVeh[i] + service.meanQueueVeh[i];
  const queued = (a: number, t: number): boolean =>
    service.queueEndVeh[a * I + t] > 1e-9 || (t > 0 && service.queueEndVeh[a * I + t - 1] > 1e-9);
  const timeMin = (a: number, t: number): number => {
    const w = linkFlowVeh[a * I + t] * perH;
    const kind = network.kind[a];
    const tau = network.freeFlowMin[a];
    if (kind === LinkKind.road) {
      const c = network.capacity[a];
      if (!(c > 0) || !Number.isFinite(c) || network.bprB[a] === 0) return tau;
      return tau * (1 + network.bprB[a] * Math.pow(w / c, network.bprPower[a]));
    }
    if (kind === LinkKind.charge || kind === LinkKind.v2g) {
      const c = econ.servers[a];
      const i = a * I + t;
      const r = c > 0 && econ.crowdMaxMin[a] > 0 ? Math.min(1, atBottleneck(i) / c) : 0;
      return tau + econ.serviceMin[a] + service.waitMin[i] + econ.crowdMaxMin[a] * r * r * r;
    }
    return tau;
  };
  const money = (a: number, x: number): number => econ.moneyYuan[a * I + intervalOf(econ, x)];
  return {
    samplesPerInterval: 1,
    stepsPerInterval: econ.stepsPerInterval,
    exit: (_a, x) => x,
    money,
    visit(a, x, out) {
      const m = money(a, x);
      out[0] = econ.thetaPerMin * timeMin(a, intervalOf(econ, x)) + m;
      out[1] = m;
      return x;
    },
    // as the dynamic point queue: a vehicle moved into an earlier interval of the same queue episode delays this one by s/c
    queueCoefficient(a, x) {
      const kind = network.kind[a];
      if ((kind !== LinkKind.charge && kind !== LinkKind.v2g) || !(econ.servers[a] > 0)) return 0;
      return queued(a, intervalOf(econ, x)) ? (econ.thetaPerMin * econ.serviceMin[a]) / econ.servers[a] : 0;
    },
    cost: (a, x) => econ.thetaPerMin * timeMin(a, intervalOf(econ, x)) + money(a, x),
    sensitivity(a, x) {
      const t = intervalOf(econ, x);
      const w = linkFlowVeh[a * I + t] * perH;
      const kind = network.kind[a];
      let minPerVeh = 0;
      if (kind === LinkKind.road) {
        const c = network.capacity[a];
        const P = network.bprPower[a];
        if (c > 0 && Number.isFinite(c) && w > 0) {
          minPerVeh = ((network.freeFlowMin[a] * network.bprB[a] * P * Math.pow(w / c, P - 1)) / c) * perH;
        }
      } else if (kind === LinkKind.charge || kind === LinkKind.v2g) {
        // the dynamic model's terms: half of s/c per vehicle once queued (phased in near capacity), crowding below c
        const c = econ.servers[a];
        if (c > 0) {
          const h = atBottleneck(a * I + t);
          const near = queued(a, t) ? 1 : Math.min(1, (h / c) ** 4);
          minPerVeh += (econ.serviceMin[a] / (2 * c)) * near;
          if (h < c) minPerVeh += ((3 * econ.crowdMaxMin[a] * h * h) / (c * c * c)) * Math.min(1, econ.serviceMin[a] / econ.intervalMin);
        }
      }
      return econ.thetaPerMin * minPerVeh;
    },
  };
}

/**
 * Path cost of one departure at time x0 (steps), written to `out`: [0] generalized ¥,
 * [1] generalized time (minutes: experienced time plus crowding), [2] money ¥.
 *
 * @example
 * walkPath(model, path.links, 10.5, econ.thetaPerMin, out); // out[0] = ¥ of departing at 10.5 steps
 */
export function walkPath(model: LinkCostModel, links: Int32Array, x0: number, thetaPerMin: number, out: Float64Array): void {
  let x = x0;
  let cost = 0;
  let money = 0;
  for (let i = 0; i < links.length; i++) {
    x = model.visit(links[i], x, out);
    cost += out[0];
    money += out[1];
  }
  out[0] = cost;
  out[1] = thetaPerMin > 0 ? (cost - money) / thetaPerMin : 0;
  out[2] = money;
}
