/**
 * LTM link parameters (`ltmLinkParams`, docs/model.md §2.5 "Physical queues"): the triangular
 * diagram's storage and backward-wave time, against values worked out by hand from the
 * diagram (including UXsim's own diagram, which the bench maps onto ours), and the defaults.
 */
import { describe, expect, it } from 'vitest';
import { ltmLinkParams } from '../../../src/traffic/dynamic/ltmLinkParams.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';

describe('ltmLinkParams', () => {
  it('default diagram: 2 km, 3,600 veh/h, 2 min → 2 lanes, k_jam 300 veh/km, w 15 km/h: 600 veh, 8 min = 80 steps of 6 s (1e-9)', () => {
    // v_f = 60 km/h, k_c = 60 veh/km, w = 3600 / (300 − 60) = 15 km/h, L / w = 8 min
    const net = buildNetwork({ name: 'p', source: 'ltmLinkParams.test', links: [{ from: 1, to: 2, capacity: 3600, freeFlowMin: 2, lengthKm: 2 }] });
    const p = ltmLinkParams(net, 6);
    expect(p.spill[0]).toBe(1);
    expect(p.jamVeh[0]).toBeCloseTo(600, 9);
    expect(p.waveSteps[0]).toBeCloseTo(80, 9);
    expect(p.freeSpeedKmPerH[0]).toBeCloseTo(60, 9);
  });

  it("UXsim's diagram for one lane at 60 km/h (κ 0.2 veh/m, reaction time 1 s: w = 18 km/h, capacity 2,769.2 veh/h) gives back w: 2 km in 400 s (1e-9)", () => {
    // UXsim: w = 1 / (τ κ) = 1 / (1 s · 0.2 veh/m) = 5 m/s = 18 km/h; capacity = u w κ / (u + w)
    const capacity = (60 * 18 * 200) / (60 + 18);
    const net = { ...buildNetwork({ name: 'u', source: 'ltmLinkParams.test', links: [{ from: 1, to: 2, capacity, freeFlowMin: 2, lengthKm: 2 }] }), jamDensityVehPerKm: Float64Array.of(200) };
    const p = ltmLinkParams(net, 4);
    expect(p.jamVeh[0]).toBeCloseTo(400, 9);
    expect(p.waveSteps[0]).toBeCloseTo(100, 9); // 400 s / 4 s
  });

  it('links without storage (bypass, τ = 0) do not spill; a wave shorter than a step is one step', () => {
    const net = buildNetwork({ name: 'n', source: 'ltmLinkParams.test', links: [
      { from: 1, to: 2, kind: 'bypass', capacity: 1800, freeFlowMin: 2, lengthKm: 2 },
      { from: 2, to: 3, capacity: 1800, freeFlowMin: 0, lengthKm: 0 },
      { from: 3, to: 4, capacity: 1800, freeFlowMin: 0.05, lengthKm: 0.05 },
    ] });
    const p = ltmLinkParams(net, 30);
    expect(Array.from(p.spill)).toEqual([0, 0, 1]);
    // 50 m at w = 1800 / (150 − 30) = 15 km/h is 12 s < one 30-s step
    expect(p.waveSteps[2]).toBe(1);
  });
});
