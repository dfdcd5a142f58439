/**
 * The committed past on the real traffic engine (docs/model.md §4 "Committed past"), with a fake
 * OPF whose DLMP rises with the station load so that DLMP-linked prices change every tick:
 * the recorded series is one trajectory (re-loading the final routes once reproduces every
 * interval), committed cohorts never change after their tick, and vehicles are conserved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { loadNetworkDynamic, type DnlResult } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import type { DueResult } from '../../../src/traffic/dynamic/dueTypes.ts';
import type { IntervalResult, OpfOutcome } from '../../../src/sim/run/cosimTypes.ts';
import { prepareCosim } from '../../../src/sim/run/prepareCosim.ts';
import { duePathsForLoading } from '../../../src/sim/run/trajectoryClearance.ts';
import { parseScenario } from '../../../src/sim/scenario/parseScenario.ts';

const BUNDLED_OD_VEH_PER_H = 400 + 800 + 600 + 200; // Nguyen-Dupuis OD table (docs/model.md §6)

interface Case {
  readonly intervals: number;
  readonly scale: number;
  readonly slope: number;
  readonly chargers: number;
}

/** DLMP = 20 + slope · (station MW at the bus) at every bus: a grid that answers station load with price. */
function slopedGrid(slope: number) {
  return (interval: FeederInterval): OpfOutcome => {
    let mw = 0;
    for (const inj of interval.injections ?? []) mw += inj.pMw;
    const dlmpP: Record<number, number> = {};
    for (let b = 1; b <= 33; b++) dlmpP[b] = 20 + slope * mw;
    return {
      status: 'optimal', objectiveUsdPerH: 100, lossesKw: 10, importMw: 3, shedKw: 0, shedKwByBus: {}, voltagePu: { 1: 1 },
      minVoltagePu: 0.95, minVoltageBus: 18, dlmpP, dlmpQ: {}, maxConeGapPu: 0, lpSolves: 1,
    };
  };
}

async function committedRun(c: Case, replan: 'committed' | 'whole-horizon' = 'committed') {
  const station = (id: string, node: number, bus: number) => ({
    id, node, bus, chargers: c.chargers, v2gPorts: 10, chargeKw: 60, chargeServiceMin: 20, v2gKw: 40, v2gServiceMin: 20,
    chargeCongestionMaxMin: 10, v2gCongestionMaxMin: 10,
  });
  const scenario = parseScenario({
    horizon: { start: '17:00', intervalMin: 10, intervals: c.intervals, stepSec: 60, clearanceMin: 300 },
    traffic: { network: 'NguyenDupuis', replan },
    classes: { chargingShare: 0.2, v2gShare: 0.1, valueOfTimeYuanPerH: 30 },
    demand: { scale: c.scale },
    stations: [station('CS1', 6, 22), station('CS2', 9, 16)],
    prices: { charge: { mode: 'dlmp', markupYuanPerKWh: 1.856 }, v2g: { mode: 'dlmp', markupYuanPerKWh: 2.856 } },
    feeder: { case: 'case33bw' },
  }, 'committed.json');
  const prepared = await prepareCosim(scenario, { grid: slopedGrid(c.slope) });
  const seen: IntervalResult[] = [];
  try {
    const result = await prepared.run({ onInterval: (r) => seen.push(r) });
    return { result, seen, scenario, network: prepared.network };
  } finally {
    prepared.dispose();
  }
}

function chargeLinks(network: { kind: Uint8Array | Int8Array | ArrayLike<number>; station: ArrayLike<number> }, kindCode: number, stations: number): number[] {
  const out = new Array<number>(stations).fill(-1);
  for (let a = 0; a < network.kind.length; a++) if (network.kind[a] === kindCode) out[network.station[a]] = a;
  return out;
}

describe('committed past (real DUE, DLMP-linked prices)', () => {
  it('re-loading the final committed routes once reproduces every interval\'s station load and queue (1e-12)', async () => {
    const { result, network } = await committedRun({ intervals: 4, scale: 1, slope: 200, chargers: 20 });
    // the prices did move: the feedback re-solved the DUE at several ticks
    expect(result.timing.dueSolves).toBeGreaterThan(1);
    const final = result.lastDue as DueResult;
    const spi = 10;
    const dnl = loadNetworkDynamic(network, duePathsForLoading(final, spi), { stepSec: 60, horizonSteps: final.steps });
    const W = dnl.steps + 1;
    const charge = chargeLinks(network, 1, 2);
    result.intervals.forEach((r, t) => {
      for (let s = 0; s < 2; s++) {
        let inService = 0;
        let queue = 0;
        for (let k = t * spi; k < (t + 1) * spi; k++) {
          inService += dnl.linkCumServiceStart[charge[s] * W + k] - dnl.linkCumOut[charge[s] * W + k];
          queue += dnl.linkCumAtBottleneck[charge[s] * W + k] - dnl.linkCumServiceStart[charge[s] * W + k];
        }
        expect(r.chargeMw[s]).toBeCloseTo(((inService / spi) * 60) / 1000, 12);
        expect(r.chargeQueueVeh[s]).toBeCloseTo(queue / spi, 12);
      }
    });
  });

  it('property: committed cohorts never change after their tick; vehicles conserved per class at every step', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          intervals: fc.integer({ min: 2, max: 3 }),
          scale: fc.double({ min: 0.3, max: 1.2, noNaN: true }),
          slope: fc.double({ min: 0, max: 2000, noNaN: true }),
          chargers: fc.integer({ min: 15, max: 40 }),
        }),
        async (c) => {
          const { result, seen, network } = await committedRun(c);
          const final = result.lastDue as DueResult;
          const key = (p: DueResult['paths'][number]) => `${p.userClass}:${p.links.join(',')}`;
          const finalFlow = new Map(final.paths.map((p) => [key(p), p.flowVehByInterval]));
          // the DUE behind interval t was solved at tick t: departures before t are as in the final trajectory
          for (const r of seen.filter((x) => x.phase === 'window')) {
            const due = r.due as DueResult;
            for (const p of due.paths) {
              for (let u = 0; u < r.index; u++) expect(p.flowVehByInterval[u]).toBe(finalFlow.get(key(p))?.[u] ?? 0);
            }
          }
          // conservation on every distinct trajectory the run used
          for (const due of new Set(seen.map((r) => r.due as DueResult))) {
            const dnl: DnlResult = loadNetworkDynamic(network, duePathsForLoading(due, 10), { stepSec: 60, horizonSteps: due.steps });
            checkConservation(dnl, c);
          }
          // at most 0.2 · 2000 · 1.2 · 4 / 6 = 320 charging visits over 2 × 15 chargers × 20 min: clear within the 300 min tail
          expect(result.cleared).toBe(true);
        },
      ),
      { numRuns: process.env.EV_COSIM_LONG === "1" ? 20 : 2, seed: 10, endOnFailure: true },
    );
  });
});

/** departed(class, boundary) = share · demand so far; Σ link occupancy = departed − arrived at every step (1e-9 veh). */
function checkConservation(dnl: DnlResult, c: Case): void {
  const C = dnl.classCount;
  const shares = [0.7, 0.2, 0.1];
  const perInterval = (BUNDLED_OD_VEH_PER_H * c.scale) / 6;
  const W = dnl.steps + 1;
  const links = dnl.linkCumIn.length / W;
  for (let k = 0; k <= dnl.steps; k++) {
    let onLinks = 0;
    for (let a = 0; a < links; a++) onLinks += dnl.linkCumIn[a * W + k] - dnl.linkCumOut[a * W + k];
    let onNetwork = 0;
    for (let cl = 0; cl < C; cl++) {
      const departed = dnl.classCumDepartures[k * C + cl];
      const arrived = dnl.classCumArrivals[k * C + cl];
      expect(arrived).toBeLessThanOrEqual(departed + 1e-9);
      onNetwork += departed - arrived;
      if (k % 10 === 0) {
        const boundary = Math.min(k / 10, c.intervals);
        expect(departed).toBeCloseTo(shares[cl] * perInterval * boundary, 9);
      }
    }
    expect(onLinks).toBeCloseTo(onNetwork, 9);
  }
}
