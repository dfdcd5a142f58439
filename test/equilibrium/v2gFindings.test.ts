/**
 * Seed 000 §IV findings on the bundled calibration (scenarios/siouxfalls-ieee123-*.json,
 * docs/static-equilibria.md §1.8): each paper finding as a directional assertion on the
 * six equilibria (base / stress / island × V2G off / on). The references are the paper's
 * statements (directions), not numbers produced by this code; thresholds are in the names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { solveV2gEquilibrium, type V2gEquilibriumResult } from '../../src/equilibrium/solveV2gEquilibrium.ts';
import type { V2gEquilibriumInput } from '../../src/equilibrium/v2gModel.ts';
import { parseV2gScenario, prepareV2gInput } from '../../src/equilibrium/v2gScenario.ts';

type Case = 'base' | 'stress' | 'island';
const CASES: readonly Case[] = ['base', 'stress', 'island'];
const file = (name: Case): string => new URL(`../../scenarios/siouxfalls-ieee123-${name}.json`, import.meta.url).pathname;

interface Solved { readonly input: V2gEquilibriumInput; readonly r: V2gEquilibriumResult; readonly genMw: number }
const solved: Record<string, Solved> = {};
const get = (c: Case, v2g: boolean): Solved => solved[`${c}-${v2g ? 'on' : 'off'}`];

/** EV flow per road route of one OD (veh/h), from the path flows. */
function roadRouteShares(s: Solved, od: string): Map<number, number> {
  const { paths } = s.input;
  const k = paths.ods.findIndex((o) => `${o.origin}->${o.destination}` === od);
  const out = new Map<number, number>();
  for (let p = paths.odStart[k]; p < paths.odStart[k + 1]; p++) {
    const route = paths.paths[p].route;
    out.set(route, (out.get(route) ?? 0) + s.r.evPathFlowVehPerH[p] / s.input.evDemandVehPerH[k]);
  }
  return out;
}

beforeAll(async () => {
  for (const c of CASES) {
    const path = file(c);
    const scenario = parseV2gScenario(readJsonFile(path), path);
    for (const v2g of [false, true]) {
      const input = prepareV2gInput(scenario, path, v2g);
      const r = await solveV2gEquilibrium(input, { tolerance: 1e-6 });
      solved[`${c}-${v2g ? 'on' : 'off'}`] = { input, r, genMw: r.generators.reduce((t, g) => t + g.pMw, 0) };
    }
  }
}, 60_000);

describe('seed 000 Fig. 6: load shedding and DLMPs', () => {
  it('base case: no load shedding with or without V2G (≤ 1e-9 MW)', () => {
    expect(get('base', false).r.loadShedMw).toBeLessThanOrEqual(1e-9);
    expect(get('base', true).r.loadShedMw).toBeLessThanOrEqual(1e-9);
  });

  it('stress and island without V2G: positive shedding (> 0.01 MW) and the peak DLMP at the shedding penalty (±1e-6 relative)', () => {
    for (const c of ['stress', 'island'] as const) {
      const { input, r } = get(c, false);
      expect(r.loadShedMw, c).toBeGreaterThan(0.01);
      expect(Math.abs(r.maxDlmpUsdPerMwh - input.market.sheddingPenaltyUsdPerMwh) / input.market.sheddingPenaltyUsdPerMwh, c).toBeLessThan(1e-6);
    }
  });

  it('stress and island with V2G: shedding removed (≤ 1e-6 MW), peak DLMP below 4 × the base peak and below 1/4 of the penalty', () => {
    const basePeak = get('base', true).r.maxDlmpUsdPerMwh;
    for (const c of ['stress', 'island'] as const) {
      const { input, r } = get(c, true);
      expect(r.loadShedMw, c).toBeLessThanOrEqual(1e-6);
      expect(r.maxDlmpUsdPerMwh, c).toBeLessThan(4 * basePeak);
      expect(r.maxDlmpUsdPerMwh, c).toBeLessThan(input.market.sheddingPenaltyUsdPerMwh / 4);
    }
  });

  it('base case: the peak DLMP is the same with and without V2G (1e-6 relative)', () => {
    const off = get('base', false).r.maxDlmpUsdPerMwh;
    expect(Math.abs(get('base', true).r.maxDlmpUsdPerMwh - off) / off).toBeLessThan(1e-6);
  });

  it('unserved price-sensitive demand is reported beside shedding and equals reference demand minus retail sales where sales fall short (1e-9 MW)', () => {
    for (const s of Object.values(solved)) {
      expect(s.r.unservedPriceSensitiveMw).toBeGreaterThanOrEqual(0);
      expect(s.r.unservedPriceSensitiveMwh).toBe(s.r.unservedPriceSensitiveMw);
      expect(s.r.loadShedMwh).toBe(s.r.loadShedMw);
      expect(s.r.unservedPriceSensitiveMw).toBeGreaterThanOrEqual(s.r.priceSensitiveRefMw - s.r.retailSalesMw - 1e-9);
    }
    // At the shedding penalty every price-sensitive MW is priced out (the inverse demand is 0 above 2·p_ref).
    const stressOff = get('stress', false).r;
    expect(stressOff.unservedPriceSensitiveMw).toBeCloseTo(stressOff.priceSensitiveRefMw, 9);
  });
});

describe('seed 000 Fig. 5: supply response and stations as prosumers', () => {
  it('local generation rises under stress and in the island case (≥ 10 % above base)', () => {
    const base = get('base', false).genMw;
    expect(get('stress', false).genMw).toBeGreaterThan(1.1 * base);
    expect(get('island', false).genMw).toBeGreaterThan(1.1 * base);
  });

  it('base case has generation headroom (some LSE unit strictly inside its limits, 1e-6 MW)', () => {
    const { input, r } = get('base', false);
    const specs = input.market.lses.flatMap((l) => l.generators);
    expect(r.generators.some((g, k) => g.pMw > specs[k].pMinMw + 1e-6 && g.pMw < specs[k].pMaxMw - 1e-6)).toBe(true);
  });

  it('V2G discharge displaces local generation in stress and island (≥ 0.05 MW less)', () => {
    for (const c of ['stress', 'island'] as const) expect(get(c, true).genMw, c).toBeLessThan(get(c, false).genMw - 0.05);
  });

  it('island with V2G: discharge exceeds charging and some station has negative net load (< −0.01 MW)', () => {
    const { r } = get('island', true);
    expect(r.dischargedMwh).toBeGreaterThan(r.chargedMwh);
    expect(Math.min(...r.stations.map((s) => s.netMw))).toBeLessThan(-0.01);
  });
});

describe('seed 000 Fig. 7–9: EV behaviour', () => {
  it('station visits: unchanged across the no-V2G cases and base V2G (1e-9), higher in stress V2G, highest in island V2G', () => {
    const v = (c: Case, on: boolean): number => get(c, on).r.stationVisitShare;
    for (const c of CASES) expect(Math.abs(v(c, false) - v('base', false))).toBeLessThan(1e-9);
    expect(Math.abs(v('base', true) - v('base', false))).toBeLessThan(1e-9);
    expect(v('stress', true)).toBeGreaterThan(v('base', true));
    expect(v('island', true)).toBeGreaterThan(v('stress', true));
  });

  it('discharge share and volume: base V2G ≈ 0 (≤ 1e-9), stress > base, island > stress; discharging OD pairs: island ≥ stress > base', () => {
    const on = (c: Case): V2gEquilibriumResult => get(c, true).r;
    expect(on('base').v2gPathShare).toBeLessThanOrEqual(1e-9);
    expect(on('stress').v2gPathShare).toBeGreaterThan(on('base').v2gPathShare);
    expect(on('island').v2gPathShare).toBeGreaterThan(on('stress').v2gPathShare);
    expect(on('island').dischargedMwh).toBeGreaterThan(on('stress').dischargedMwh);
    expect(on('stress').activeV2gOdPairs.length).toBeGreaterThan(on('base').activeV2gOdPairs.length);
    expect(on('island').activeV2gOdPairs.length).toBeGreaterThanOrEqual(on('stress').activeV2gOdPairs.length);
  });

  it('Fig. 8: for every discharging OD pair the equilibrium cost with V2G is not above the cost without (1e-6 $)', () => {
    for (const c of ['stress', 'island'] as const) {
      const off = get(c, false).r;
      for (const d of get(c, true).r.dominantV2gPaths) {
        const before = off.dominantPaths.find((p) => p.od === d.od)!;
        expect(d.cost.totalUsd, `${c} ${d.od}`).toBeLessThanOrEqual(before.cost.totalUsd + 1e-6);
        expect(d.cost.energyUsd, `${c} ${d.od}: V2G revenue`).toBeLessThan(0);
      }
    }
  });

  it('Fig. 9 (the paper\'s OD 3 = 1→20): its discharge route 1-3-12-13-24-21-20 with a stop at FCS-12 is energy-feasible in the path set', () => {
    const { input } = get('island', true);
    const { paths, network: net } = input;
    const k = paths.ods.findIndex((o) => o.origin === 1 && o.destination === 20);
    const nodes = (route: Int32Array): string => [1, ...Array.from(route, (a) => net.nodeIds[net.to[a]])].join('-');
    const r = paths.routes[k].findIndex((route) => nodes(route) === '1-3-12-13-24-21-20');
    expect(r).toBeGreaterThanOrEqual(0);
    const fcs12 = input.stations.findIndex((s) => s.id === 'FCS-12');
    const has = paths.paths.slice(paths.odStart[k], paths.odStart[k + 1])
      .some((p) => p.route === r && p.stops.some((s) => s.station === fcs12 && s.action === 'discharge'));
    expect(has).toBe(true);
  });

  it('Fig. 9: in the island case the paper\'s OD 3 (1→20) moves to a longer road route (≥ 1 km) with a discharge stop, at a lower or equal cost (1e-6 $)', () => {
    const before = get('island', false).r.dominantPaths.find((p) => p.od === '1->20')!;
    const after = get('island', true).r.dominantPaths.find((p) => p.od === '1->20')!;
    expect(before.pattern).toBe('0');
    expect(['2', '3', '4']).toContain(after.pattern); // patterns with a discharge stop (Table I)
    expect(after.lengthKm).toBeGreaterThanOrEqual(before.lengthKm + 1);
    expect(after.cost.totalUsd).toBeLessThanOrEqual(before.cost.totalUsd + 1e-6);
    expect(after.cost.timeUsd).toBeGreaterThan(before.cost.timeUsd); // longer in time, cheaper overall
  });

  it('Fig. 9: V2G shifts some discharging OD pair\'s road-route shares by more than 0.05 in the island case', () => {
    let largest = 0;
    for (const od of get('island', true).r.activeV2gOdPairs) {
      const off = roadRouteShares(get('island', false), od);
      for (const [route, share] of roadRouteShares(get('island', true), od)) largest = Math.max(largest, Math.abs(share - (off.get(route) ?? 0)));
    }
    expect(largest).toBeGreaterThan(0.05);
  });
});

describe('seed 000 Fig. 10: social cost', () => {
  it('base: V2G changes the social cost by < 0.01 %', () => {
    const off = get('base', false).r.socialCost.totalUsdPerH;
    expect(Math.abs(get('base', true).r.socialCost.totalUsdPerH - off) / off).toBeLessThan(1e-4);
  });

  it('stress and island: V2G lowers the social cost, the power side (generation + shedding) makes ≥ 90 % of the saving, avoided shedding is its largest part, generation cost falls (> 1 $/h)', () => {
    for (const c of ['stress', 'island'] as const) {
      const off = get(c, false).r.socialCost;
      const on = get(c, true).r.socialCost;
      const dTotal = on.totalUsdPerH - off.totalUsdPerH;
      const dPower = on.generationUsdPerH + on.sheddingUsdPerH - off.generationUsdPerH - off.sheddingUsdPerH;
      expect(dTotal, c).toBeLessThan(0);
      expect(dPower, c).toBeLessThanOrEqual(0.9 * dTotal);
      expect(on.sheddingUsdPerH - off.sheddingUsdPerH, c).toBeLessThan(on.generationUsdPerH - off.generationUsdPerH);
      expect(on.generationUsdPerH, c).toBeLessThan(off.generationUsdPerH - 1);
      expect(on.sheddingUsdPerH, c).toBeLessThan(off.sheddingUsdPerH);
    }
  });
});
