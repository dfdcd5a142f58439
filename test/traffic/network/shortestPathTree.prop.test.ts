import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { createShortestPathTree, shortestPathTree } from '../../../src/traffic/network/shortestPathTree.ts';

/** Independent reference: Bellman-Ford with the same through-node rule. */
function bellmanFord(from: number[], to: number[], cost: number[], n: number, origin: number, noThrough: (i: number) => boolean): number[] {
  const d = new Array<number>(n).fill(Infinity);
  d[origin] = 0;
  for (let round = 0; round < n; round++) {
    for (let a = 0; a < from.length; a++) {
      if (from[a] !== origin && noThrough(from[a])) continue;
      if (d[from[a]] + cost[a] < d[to[a]]) d[to[a]] = d[from[a]] + cost[a];
    }
  }
  return d;
}

describe('shortestPathTree (property)', () => {
  it('matches Bellman-Ford on random networks with a through-node restriction', () => {
    const arb = fc.record({
      n: fc.integer({ min: 2, max: 9 }),
      links: fc.array(fc.record({ f: fc.nat(8), t: fc.nat(8), c: fc.integer({ min: 0, max: 20 }) }), { maxLength: 30 }),
      firstThru: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(fc.property(arb, ({ n, links, firstThru }) => {
      const ls = links.map((l) => ({ f: l.f % n, t: l.t % n, c: l.c })).filter((l) => l.f !== l.t);
      const net = buildNetwork({ name: 'r', source: 'prop', nodes: [...Array(n).keys()].map((i) => i + 1), firstThruNode: firstThru,
        links: ls.map((l) => ({ from: l.f + 1, to: l.t + 1, capacity: 1, freeFlowMin: l.c })) });
      const tree = createShortestPathTree(n);
      for (let o = 0; o < n; o++) {
        shortestPathTree(net, net.freeFlowMin, o, tree);
        const ref = bellmanFord(ls.map((l) => l.f), ls.map((l) => l.t), ls.map((l) => l.c), n, o, (i) => i + 1 < firstThru);
        expect([...tree.cost]).toEqual(ref);
        for (let v = 0; v < n; v++) {
          const a = tree.predLink[v];
          if (a >= 0) expect(tree.cost[net.from[a]] + net.freeFlowMin[a]).toBe(tree.cost[v]);
        }
      }
    }), { numRuns: 200 });
  });
});
