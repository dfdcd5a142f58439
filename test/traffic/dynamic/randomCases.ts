/**
 * fast-check generators of small random networks (forward DAGs with an optional
 * station) and path departure profiles, shared by the dynamic property tests.
 */
import fc from 'fast-check';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import type { Network, Station } from '../../../src/traffic/network/network.ts';

export interface RandomCase {
  network: Network;
  /** Paths as link lists from node 1 to node n, with class labels and departures per step. */
  paths: { links: Int32Array; classCode: number; departureVehByStep: Float64Array }[];
  stepSec: number;
  horizonSteps: number;
}

const linkArb = fc.record({
  capacity: fc.integer({ min: 300, max: 3000 }),
  freeFlowMin: fc.integer({ min: 0, max: 8 }),
  bprB: fc.constantFrom(0, 0.15),
});

/** A forward DAG on nodes 1…n: the chain i → i+1 plus random shortcuts i → j (j > i + 1). */
export const networkArb = fc
  .record({
    n: fc.integer({ min: 2, max: 6 }),
    chain: fc.array(linkArb, { minLength: 5, maxLength: 5 }),
    shortcuts: fc.array(fc.record({ i: fc.integer({ min: 1, max: 6 }), span: fc.integer({ min: 2, max: 4 }), link: linkArb }), { maxLength: 5 }),
    station: fc.option(fc.record({ at: fc.integer({ min: 2, max: 5 }), chargers: fc.integer({ min: 3, max: 40 }), serviceMin: fc.integer({ min: 1, max: 20 }) }), { nil: undefined }),
  })
  .map(({ n, chain, shortcuts, station }) => {
    const links = chain.slice(0, n - 1).map((l, i) => ({ from: i + 1, to: i + 2, ...l }));
    for (const s of shortcuts) if (s.i + s.span <= n) links.push({ from: s.i, to: s.i + s.span, ...s.link });
    const stations: Station[] = station && station.at < n ? [{
      id: 'CS', node: station.at, chargers: station.chargers, v2gPorts: station.chargers, chargeKw: 50, chargeServiceMin: station.serviceMin,
      v2gKw: 30, v2gServiceMin: station.serviceMin, chargeCongestionMaxMin: 5, v2gCongestionMaxMin: 5,
    }] : [];
    return buildNetwork({ name: 'random', source: 'fast-check', links, stations });
  });

/** Follow `choices` (indices into each node's out-links) from node 1 until node n. */
export function walk(network: Network, choices: readonly number[]): Int32Array {
  // virtual station nodes take the ids after the last road node
  const last = network.nodeIndex.get(Math.max(...network.nodeIds) - network.stations.length)!;
  const links: number[] = [];
  let u = network.nodeIndex.get(1)!;
  for (let i = 0; u !== last; i++) {
    const deg = network.outStart[u + 1] - network.outStart[u];
    const a = network.outLinks[network.outStart[u] + (choices[i % choices.length] % deg)];
    links.push(a);
    u = network.to[a];
  }
  return Int32Array.from(links);
}

/** A random case: network, 1–4 random paths with random departure profiles, and a horizon that lets it empty. */
/**
 * A generous bound on the time the network needs to empty, minutes: every one of `totalVeh`
 * vehicles through every bottleneck in series, plus every free-flow time.
 */
export function emptyingBoundMin(network: Network, totalVeh: number): number {
  let minutes = 20;
  for (let a = 0; a < network.from.length; a++) {
    minutes += network.freeFlowMin[a] + 1;
    const st = network.station[a] >= 0 ? network.stations[network.station[a]] : undefined;
    if (network.kind[a] === 0) minutes += (totalVeh / network.capacity[a]) * 60;
    else if (st) minutes += st.chargeServiceMin * (totalVeh / st.chargers + 1);
  }
  return minutes;
}

export const caseArb: fc.Arbitrary<RandomCase> = networkArb.chain((network) =>
  fc.record({
    stepSec: fc.constantFrom(6, 30, 60),
    paths: fc.array(
      fc.record({
        choices: fc.array(fc.nat(10), { minLength: 1, maxLength: 6 }),
        classCode: fc.integer({ min: 0, max: 2 }),
        departures: fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { minLength: 1, maxLength: 20 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }).map(({ stepSec, paths }) => {
    const built = paths.map((p) => ({ links: walk(network, p.choices), classCode: p.classCode, departureVehByStep: Float64Array.from(p.departures) }));
    const total = built.reduce((s, p) => s + p.departureVehByStep.reduce((x, y) => x + y, 0), 0);
    return { network, paths: built, stepSec, horizonSteps: Math.ceil((emptyingBoundMin(network, total) * 60) / stepSec) + 30 };
  }),
);
