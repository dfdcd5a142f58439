import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { kShortestPaths } from '../../../src/traffic/v2g/kShortestPaths.ts';

/** Independent reference: every loopless path by depth-first enumeration, with the zone rule. */
function allSimplePathCosts(net: ReturnType<typeof buildNetwork>, origin: number, destination: number): number[] {
  const costs: number[] = [];
  const onPath = new Uint8Array(net.nodeIds.length);
  const walk = (u: number, cost: number): void => {
    if (u === destination) { costs.push(cost); return; }
    if (u !== origin && net.nodeIds[u] < net.firstThruNode) return;
    onPath[u] = 1;
    for (let a = 0; a < net.from.length; a++) {
      if (net.from[a] === u && !onPath[net.to[a]]) walk(net.to[a], cost + net.freeFlowMin[a]);
    }
    onPath[u] = 0;
  };
  walk(origin, 0);
  return costs.sort((a, b) => a - b);
}

describe('kShortestPaths (property: Yen on the shared Dijkstra)', () => {
  it('returns the k cheapest loopless paths, as brute-force enumeration finds them', () => {
    const arb = fc.record({
      n: fc.integer({ min: 2, max: 7 }),
      links: fc.array(fc.record({ f: fc.nat(6), t: fc.nat(6), c: fc.integer({ min: 0, max: 9 }) }), { maxLength: 22 }),
      firstThru: fc.integer({ min: 1, max: 3 }),
      k: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(fc.property(arb, ({ n, links, firstThru, k }) => {
      const ls = links.map((l) => ({ from: (l.f % n) + 1, to: (l.t % n) + 1, capacity: 1, freeFlowMin: l.c })).filter((l) => l.from !== l.to);
      const net = buildNetwork({ name: 'r', source: 'prop', nodes: [...Array(n).keys()].map((i) => i + 1), firstThruNode: firstThru, links: ls });
      for (let o = 0; o < n; o++) {
        for (let d = 0; d < n; d++) {
          if (o === d) continue;
          const paths = kShortestPaths(net, net.freeFlowMin, o, d, k);
          const reference = allSimplePathCosts(net, o, d).slice(0, k);
          expect(paths.map((p) => p.reduce((s, a) => s + net.freeFlowMin[a], 0))).toEqual(reference);
          for (const p of paths) {
            // A connected, loopless o → d walk that passes through no zone.
            const nodes = [o, ...p.map((a) => net.to[a])];
            p.forEach((a, i) => expect(net.from[a]).toBe(nodes[i]));
            expect(nodes[nodes.length - 1]).toBe(d);
            expect(new Set(nodes).size).toBe(nodes.length);
            expect(nodes.slice(1, -1).every((v) => net.nodeIds[v] >= firstThru)).toBe(true);
          }
          expect(new Set(paths.map((p) => p.join(','))).size).toBe(paths.length);
        }
      }
    }), { numRuns: 150 });
  });
});
