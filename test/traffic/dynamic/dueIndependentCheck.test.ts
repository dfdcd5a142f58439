/**
 * At a converged DUE, an INDEPENDENT re-evaluation: the test walks every path through the
 * loading's cumulative link curves with its own code (FIFO: the n-th vehicle in is the n-th out,
 * n = A_a(x); a road or bypass link is left at D_a⁻¹(n), never before the free-flow time; a station
 * link starts service at S_a⁻¹(n) and takes the fixed service time) and its own quadrature
 * (every loading step's midpoint, where the solver samples ten departures per interval). With no
 * crowding term and one price for all stations and intervals, the money of a class is the same
 * on every path, so cost comparisons within a cohort are comparisons of these times.
 */
import { describe, expect, it } from 'vitest';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import type { DueResult } from '../../../src/traffic/dynamic/dueTypes.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { LinkKind, type Network } from '../../../src/traffic/network/network.ts';
import { loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';
import { ndDueScenario, ndStations } from './ndDueScenario.ts';

/** First time y (steps, linear between points) with curve(y) ≥ n, searching from `from`; null when never. */
function inverseAt(curve: Float64Array, base: number, steps: number, n: number, from: number): number | null {
  const eps = 1e-9 * (1 + n);
  let k = Math.max(0, Math.floor(from));
  if (curve[base + k] >= n - eps) return from;
  while (k < steps && curve[base + k + 1] < n - eps) k++;
  if (k >= steps) return null;
  const c0 = curve[base + k];
  const c1 = curve[base + k + 1];
  return Math.max(from, k + (c1 > c0 ? (n - c0) / (c1 - c0) : 1));
}

/** Exit time (steps) of a vehicle entering link a at x (steps), read off the loading's curves. */
function exitTime(net: Network, dnl: NonNullable<DueResult['checkpoint']>['dnl'], a: number, x: number, stepMin: number): number {
  const W = dnl.steps + 1;
  const base = a * W;
  const k = Math.min(dnl.steps - 1, Math.floor(x));
  const f = x - k;
  const n = dnl.linkCumIn[base + k] + f * (dnl.linkCumIn[base + k + 1] - dnl.linkCumIn[base + k]);
  const earliest = x + Math.max(1, net.freeFlowMin[a] / stepMin);
  const station = net.kind[a] === LinkKind.charge || net.kind[a] === LinkKind.v2g;
  const gate = station ? dnl.linkCumServiceStart : dnl.linkCumOut;
  const y = inverseAt(gate, base, dnl.steps, n, earliest);
  if (y === null) throw new Error(`link ${a}: vehicle entering at ${x} not served within the horizon`);
  return station ? y + dnl.linkServiceSteps[a] : y;
}

describe('DUE at convergence, re-evaluated independently from the loading curves', () => {
  it('Nguyen-Dupuis, 3 stations, 3 classes: independent gap ≤ 3e-4 and no path with ≥ 1 % of its cohort over the cohort minimum by > 0.5 % (tolerances)', () => {
    const base = ndDueScenario();
    const { network } = loadBundledNetwork('NguyenDupuis');
    // no crowding term: costs are experienced time at θ plus the class's money (one price everywhere)
    const net = insertStations(network, ndStations().map((s) => ({ ...s, chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0 })));
    const result = solveDue({ ...base, network: net }, { gapTolerance: 1e-4 });
    expect(result.converged).toBe(true);
    const dnl = result.checkpoint!.dnl;
    const stepMin = result.stepSec / 60;
    const spi = Math.round((result.intervalMin * 60) / result.stepSec);
    const timeMin = (links: Int32Array, t: number): number => {
      let sum = 0;
      for (let m = 0; m < spi; m++) {
        const x0 = t * spi + m + 0.5;
        let x = x0;
        for (const a of links) x = exitTime(net, dnl, a, x, stepMin);
        sum += (x - x0) * stepMin;
      }
      return sum / spi;
    };
    const cohorts = new Map<string, DueResult['paths']>();
    for (const p of result.paths) {
      const key = `${p.origin}>${p.destination}>${p.userClass}`;
      cohorts.set(key, [...(cohorts.get(key) ?? []), p]);
    }
    let excessMin = 0;
    let scaleMin = 0;
    let worstShare = 0;
    let cohortsChecked = 0;
    for (const paths of cohorts.values()) {
      for (let t = 0; t < result.intervals; t++) {
        const q = paths.reduce((s, p) => s + p.flowVehByInterval[t], 0);
        if (q === 0) continue;
        const times = paths.map((p) => timeMin(p.links, t));
        const tmin = Math.min(...times);
        cohortsChecked++;
        paths.forEach((p, i) => {
          const f = p.flowVehByInterval[t];
          excessMin += f * (times[i] - tmin);
          if (f >= 0.01 * q) worstShare = Math.max(worstShare, (times[i] - tmin) / tmin);
        });
        scaleMin += q * tmin;
      }
    }
    expect(cohortsChecked).toBeGreaterThan(100);
    expect(excessMin / scaleMin).toBeLessThanOrEqual(3e-4);
    expect(worstShare).toBeLessThanOrEqual(5e-3);
  });
});
