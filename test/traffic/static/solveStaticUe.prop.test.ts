import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { solveStaticUe } from '../../../src/traffic/static/solveStaticUe.ts';
import { checkEquilibrium } from './equilibriumCheck.ts';

describe('solveStaticUe (property)', () => {
  it('on random strongly connected networks: gap ≤ 1e-9 (independent check), flows ≥ 0, node balance, used paths at minimum cost (Σ f·excess ≤ 1e-9 Σ f·c)', () => {
    const arb = fc.record({
      n: fc.integer({ min: 3, max: 8 }),
      extra: fc.array(fc.record({ f: fc.nat(7), t: fc.nat(7), fft: fc.integer({ min: 1, max: 20 }), cap: fc.integer({ min: 10, max: 500 }) }), { maxLength: 14 }),
      ring: fc.array(fc.record({ fft: fc.integer({ min: 1, max: 20 }), cap: fc.integer({ min: 10, max: 500 }) }), { minLength: 8, maxLength: 8 }),
      od: fc.array(fc.record({ o: fc.nat(7), d: fc.nat(7), v: fc.integer({ min: 1, max: 400 }) }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(fc.property(arb, ({ n, extra, ring, od }) => {
      // A ring 1→2→…→n→1 keeps every OD pair connected.
      const links = [
        ...Array.from({ length: n }, (_, i) => ({ from: i + 1, to: ((i + 1) % n) + 1, freeFlowMin: ring[i].fft, capacity: ring[i].cap })),
        ...extra.map((l) => ({ from: (l.f % n) + 1, to: (l.t % n) + 1, freeFlowMin: l.fft, capacity: l.cap })).filter((l) => l.from !== l.to),
      ];
      const net = buildNetwork({ name: 'rand', source: 'prop', links });
      const demand = od.map((x) => ({ origin: (x.o % n) + 1, destination: (x.d % n) + 1, vehPerH: x.v }));
      const merged = new Map<string, { origin: number; destination: number; vehPerH: number }>();
      for (const d of demand) {
        const key = `${d.origin}-${d.destination}`;
        const prev = merged.get(key);
        merged.set(key, { ...d, vehPerH: (prev?.vehPerH ?? 0) + d.vehPerH });
      }
      // 5000: a random case at v/c ≈ 30 (seed 1972231493) needs 2009 iterations
      const r = solveStaticUe(net, demand, { gapTarget: 1e-11, maxIterations: 5000 });
      const check = checkEquilibrium(net, [...merged.values()], r.linkFlows);
      expect(r.converged).toBe(true);
      expect(check.relativeGap).toBeLessThan(1e-9);
      expect(check.minFlow).toBeGreaterThanOrEqual(0);
      expect(check.maxImbalance).toBeLessThan(1e-6);
      // Wardrop on the path decomposition: Σ f (c − c_min) ≤ 1e-9 Σ f c.
      const paths = r.paths();
      const cost = (links: Int32Array) => links.reduce((s, a) => s + r.classLinkCostsMin[0][a], 0);
      let excess = 0;
      let total = 0;
      for (const p of paths) {
        const best = Math.min(...paths.filter((q) => q.origin === p.origin && q.destination === p.destination).map((q) => cost(q.links)));
        excess += p.vehPerH * (cost(p.links) - best);
        total += p.vehPerH * cost(p.links);
      }
      expect(excess).toBeLessThanOrEqual(1e-9 * total);
    }), { numRuns: 100 });
  });
});
