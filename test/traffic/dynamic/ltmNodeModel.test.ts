/**
 * LTM node model (docs/model.md §2.5 "Physical queues") on small networks whose answer is known
 * by hand: a merge of two saturated links sharing the downstream capacity in proportion to their
 * sending flows (here their capacities: both are queued), the same merge with an origin queue
 * joining it as an origin connector (demand ≤ the out-link's capacity), and a FIFO diverge
 * (Daganzo 1995: one blocked movement holds the vehicles behind it). The references are worked
 * out from the capacities, not read from the loader.
 */
import { describe, expect, it } from 'vitest';
import { loadNetworkDynamic, type DnlPath } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';

const STEP_SEC = 6;
const road = (from: number, to: number, capacity: number) => ({ from, to, capacity, freeFlowMin: 2, lengthKm: 2, bprB: 0 });
/** Uniform departures of `vehPerH` for 30 min. */
const dep = (vehPerH: number) => new Float64Array(1800 / STEP_SEC).fill((vehPerH * STEP_SEC) / 3600);

function load(links: ReturnType<typeof road>[], paths: DnlPath[]) {
  const net = buildNetwork({ name: 'node-model', source: 'ltmNodeModel.test', links });
  return loadNetworkDynamic(net, paths, { stepSec: STEP_SEC, horizonSteps: 1200, loading: 'ltm' });
}

/** Mean rate (veh/h) of a cumulative link curve between minutes m0 and m1. */
function rate(curve: Float64Array, link: number, steps: number, m0: number, m1: number): number {
  const W = steps + 1;
  const k0 = (m0 * 60) / STEP_SEC;
  const k1 = (m1 * 60) / STEP_SEC;
  return ((curve[link * W + k1] - curve[link * W + k0]) * 3600) / ((k1 - k0) * STEP_SEC);
}

describe('LTM node model on hand-solved merges and diverges', () => {
  it('merge of two queued links (3,600 and 1,800 veh/h) into 1,800 veh/h: 1,200 / 600 veh/h, in the ratio of their sending flows (1e-6 veh/h)', () => {
    // 1 → 3 (3,600) and 2 → 3 (1,800) merge into 3 → 4 (1,800); departures 3,600 and 1,800 veh/h
    // keep both in-links queued from minute 2 on, so their sending flows are their capacities
    // (6 and 3 veh per step) against a receiving flow of 3 veh per step: shares 2 : 1.
    const r = load([road(1, 3, 3600), road(2, 3, 1800), road(3, 4, 1800)], [
      { links: Int32Array.of(0, 2), departureVehByStep: dep(3600) },
      { links: Int32Array.of(1, 2), departureVehByStep: dep(1800) },
    ]);
    expect(rate(r.linkCumOut, 0, r.steps, 5, 30)).toBeCloseTo(1200, 6);
    expect(rate(r.linkCumOut, 1, r.steps, 5, 30)).toBeCloseTo(600, 6);
    expect(rate(r.linkCumIn, 2, r.steps, 5, 30)).toBeCloseTo(1800, 6);
  });

  it('the same merge with an origin queue at node 3: 900 / 450 veh/h and 450 veh/h from the origin (origin asks ≤ capacity; 1e-6 veh/h)', () => {
    // demand towards 3 → 4 per step: 6 + 3 from the in-links, min(origin queue, cδ) = 3 from the
    // origin; room 3: every demand gets a quarter of it.
    const r = load([road(1, 3, 3600), road(2, 3, 1800), road(3, 4, 1800)], [
      { links: Int32Array.of(0, 2), departureVehByStep: dep(3600) },
      { links: Int32Array.of(1, 2), departureVehByStep: dep(1800) },
      { links: Int32Array.of(2), departureVehByStep: dep(3600) },
    ]);
    expect(rate(r.linkCumOut, 0, r.steps, 5, 30)).toBeCloseTo(900, 6);
    expect(rate(r.linkCumOut, 1, r.steps, 5, 30)).toBeCloseTo(450, 6);
    expect(rate(r.linkCumIn, 2, r.steps, 5, 30)).toBeCloseTo(1800, 6);
  });

  it('FIFO diverge: a 50/50 mix meeting a 900 veh/h branch leaves at 1,800 veh/h, 900 to each branch (1e-6 veh/h)', () => {
    // 1 → 2 (3,600) splits into 2 → 3 (3,600) and 2 → 4 (900): the movement to 2 → 4 may take
    // 1.5 veh per step, and FIFO holds the mixed vehicles behind it, so link 1 sends 3 per step.
    const r = load([road(1, 2, 3600), road(2, 3, 3600), road(2, 4, 900)], [
      { links: Int32Array.of(0, 1), departureVehByStep: dep(1800) },
      { links: Int32Array.of(0, 2), departureVehByStep: dep(1800) },
    ]);
    expect(rate(r.linkCumOut, 0, r.steps, 5, 30)).toBeCloseTo(1800, 6);
    expect(rate(r.linkCumIn, 1, r.steps, 5, 30)).toBeCloseTo(900, 6);
    expect(rate(r.linkCumIn, 2, r.steps, 5, 30)).toBeCloseTo(900, 6);
  });
});
