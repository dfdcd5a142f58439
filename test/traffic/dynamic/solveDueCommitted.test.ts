/**
 * Committed past of the DUE (issue 10 item 2): departures before the committed interval keep
 * the warm start's routes; the checkpointed loadings equal a full loading of the final flows.
 */
import { describe, expect, it } from 'vitest';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import { loadNetworkDynamic } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { LinkKind } from '../../../src/traffic/network/network.ts';
import { UserClassCode, type DueResult, type DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';
import { ndDueScenario } from './ndDueScenario.ts';

const key = (p: DueResult['paths'][number]) => `${p.origin}>${p.destination}>${p.userClass}>${p.links.join(',')}`;

/** Prices of intervals ≥ t0 changed as a DLMP-linked tariff would after tick t0 − 1 (CS2 dearer, CS3 cheaper). */
function repriced(s: DueScenario, t0: number): DueScenario {
  const I = s.intervals;
  const charge = s.prices.chargeYuanPerKWh.slice();
  const v2g = s.prices.v2gYuanPerKWh.slice();
  for (let t = t0; t < I; t++) {
    charge[1 * I + t] *= 1.3;
    charge[2 * I + t] *= 0.8;
    v2g[1 * I + t] *= 1.2;
  }
  return { ...s, prices: { chargeYuanPerKWh: charge, v2gYuanPerKWh: v2g } };
}

/** Station series of a full loading of `due`'s final flows (the loader run from step 0, without the solver). */
function reloadChargingInService(scenario: DueScenario, due: DueResult): Float64Array {
  const spi = (scenario.intervalMin * 60) / scenario.stepSec;
  const paths = due.paths.filter((p) => p.flowVehByInterval.some((f) => f > 0)).map((p) => {
    const dep = new Float64Array(scenario.intervals * spi);
    for (let t = 0; t < scenario.intervals; t++) dep.fill(p.flowVehByInterval[t] / spi, t * spi, (t + 1) * spi);
    return { links: p.links, departureVehByStep: dep, classCode: UserClassCode[p.userClass] };
  });
  const dnl = loadNetworkDynamic(scenario.network, paths, { stepSec: scenario.stepSec, horizonSteps: due.steps });
  const net = scenario.network;
  const out = new Float64Array(net.stations.length * due.steps);
  for (let a = 0; a < net.from.length; a++) {
    if (net.kind[a] !== LinkKind.charge) continue;
    const s = net.station[a];
    for (let k = 0; k < due.steps; k++) out[s * due.steps + k] = dnl.linkCumServiceStart[a * (due.steps + 1) + k] - dnl.linkCumOut[a * (due.steps + 1) + k];
  }
  return out;
}

describe('solveDue with committed intervals', () => {
  const base = ndDueScenario({ stepSec: 60 });
  const first = solveDue(base, { gapTolerance: 1e-4 });

  it('Nguyen-Dupuis, prices changed from interval 4: flows of intervals < 4 bit-identical to the warm start, gap 1e-4 over intervals ≥ 4', () => {
    const next = solveDue(repriced(base, 4), { warmStart: first, committedIntervals: 4, gapTolerance: 1e-4 });
    expect(next.converged).toBe(true);
    expect(next.relativeGap).toBeLessThanOrEqual(1e-4);
    const before = new Map(first.paths.map((p) => [key(p), p]));
    let moved = 0;
    for (const p of next.paths) {
      const old = before.get(key(p));
      const committed = Array.from(p.flowVehByInterval.subarray(0, 4));
      expect(committed).toEqual(old ? Array.from(old.flowVehByInterval.subarray(0, 4)) : [0, 0, 0, 0]);
      if (old) for (let t = 4; t < 12; t++) moved += Math.abs(p.flowVehByInterval[t] - old.flowVehByInterval[t]);
    }
    // the price change did re-route later departures (else the test would prove nothing)
    expect(moved).toBeGreaterThan(1);
  });

  it('the committed solve\'s station series equal a full loading of its final flows (checkpointed loadings are exact, to 1e-12 veh)', () => {
    const next = solveDue(repriced(base, 5), { warmStart: first, committedIntervals: 5 });
    // every loading resumed at step 50 (a full one would add ~50 steps each; horizons vary by a few steps)
    expect(next.loadingStepsSimulated).toBeLessThan((next.iterations + 1) * (next.steps - 25));
    const full = reloadChargingInService(base, next);
    let worst = 0;
    for (let i = 0; i < full.length; i++) worst = Math.max(worst, Math.abs(full[i] - next.stationChargingInService[i]));
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('committedIntervals = intervals is one loading from the last interval and reproduces the warm start\'s station series exactly', () => {
    const all = solveDue(base, { warmStart: first, committedIntervals: 12 });
    expect(all.iterations).toBe(0);
    expect(all.converged).toBe(true);
    expect(all.steps).toBe(first.steps);
    expect(all.loadingStepsSimulated).toBe(first.steps - 12 * 10);
    expect(Array.from(all.stationChargingInService)).toEqual(Array.from(first.stationChargingInService));
    expect(Array.from(all.stationV2gInService)).toEqual(Array.from(first.stationV2gInService));
    expect(Array.from(all.stationChargeQueue)).toEqual(Array.from(first.stationChargeQueue));
    expect(Array.from(all.stationChargeArrivals)).toEqual(Array.from(first.stationChargeArrivals));
    for (const c of ['regular', 'charging', 'v2g'] as const) expect(all.byClass[c].vehicles).toBe(0);
  });

  it('chained ticks t = 1, 2 (each warm-started from the previous committed solve) keep every earlier interval frozen', () => {
    const t1 = solveDue(repriced(base, 1), { warmStart: first, committedIntervals: 1, gapTolerance: 1e-3 });
    const t2 = solveDue(repriced(repriced(base, 1), 2), { warmStart: t1, committedIntervals: 2, gapTolerance: 1e-3 });
    const at1 = new Map(t1.paths.map((p) => [key(p), p]));
    for (const p of t2.paths) {
      const old = at1.get(key(p));
      expect(Array.from(p.flowVehByInterval.subarray(0, 2))).toEqual(old ? Array.from(old.flowVehByInterval.subarray(0, 2)) : [0, 0]);
    }
  });

  it('a cold solve\'s checkpoint keeps every interval boundary, and its loaded paths are exactly the reported paths with flow, in order (to 1e-12 veh)', () => {
    const spi = (base.intervalMin * 60) / base.stepSec;
    const cp = first.checkpoint!;
    const boundaries = Array.from({ length: base.intervals }, (_, i) => (i + 1) * spi);
    for (const step of boundaries) expect(cp.dnl.states.some((s) => s.step === step)).toBe(true);
    const withFlow = first.paths.flatMap((p, i) => (p.flowVehByInterval.some((f) => f > 0) ? [i] : []));
    expect(Array.from(cp.loadedPaths)).toEqual(withFlow);
    // the checkpoint's curves are the final flows' loading (re-loaded independently from step 0)
    const full = reloadChargingInService(base, first);
    let worst = 0;
    for (let i = 0; i < full.length; i++) worst = Math.max(worst, Math.abs(full[i] - first.stationChargingInService[i]));
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('rejects bad committedIntervals and a warm start that does not carry the committed demand, naming the field', () => {
    expect(() => solveDue(base, { committedIntervals: 2 })).toThrow(/options\.committedIntervals.*warmStart/);
    expect(() => solveDue(base, { warmStart: first, committedIntervals: 13 })).toThrow(/options\.committedIntervals = 13/);
    expect(() => solveDue(base, { warmStart: first, committedIntervals: 1.5 })).toThrow(/options\.committedIntervals = 1\.5/);
    const more = { ...base, demand: base.demand.map((d) => ({ ...d, vehPerHByInterval: d.vehPerHByInterval.map((r) => r * 1.1) })) };
    expect(() => solveDue(more, { warmStart: first, committedIntervals: 3 })).toThrow(/options\.warmStart flows .* in interval 0/);
  });
});
