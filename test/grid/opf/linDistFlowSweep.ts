/**
 * An independent LinDistFlow for tests (Baran & Wu's lossless linearization): on a radial
 * feeder, v_child = v_parent − 2 (r·P + x·Q) with v = |V|² and P, Q the loads downstream of the
 * branch, in per unit. It shares no code with src/grid (no shunts or ratios: case33bw has none).
 */
import type { Feeder } from '../../../src/grid/model/feeder.ts';

/** |V| per bus id (pu) by LinDistFlow from the slack over in-service branches. */
export function linDistFlowSweep(feeder: Feeder): Map<number, number> {
  const base = feeder.baseMva;
  const children = new Map<number, { bus: number; r: number; x: number }[]>();
  const add = (from: number, to: number, r: number, x: number) => children.set(from, [...(children.get(from) ?? []), { bus: to, r, x }]);
  // Orient every in-service branch away from the slack by a breadth-first walk.
  const seen = new Set([feeder.slackBus]);
  const queue = [feeder.slackBus];
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    for (const br of feeder.branches) {
      if (!br.inService) continue;
      const w = br.fromBus === u ? br.toBus : br.toBus === u ? br.fromBus : -1;
      if (w < 0 || seen.has(w)) continue;
      seen.add(w);
      queue.push(w);
      add(u, w, br.rPu, br.xPu);
    }
  }
  const loadOf = new Map(feeder.buses.map((b) => [b.id, [b.pLoadMw / base, b.qLoadMvar / base]]));
  const downstream = (u: number): [number, number] => {
    let [p, q] = loadOf.get(u)!;
    for (const c of children.get(u) ?? []) {
      const [cp, cq] = downstream(c.bus);
      p += cp;
      q += cq;
    }
    return [p, q];
  };
  const v2 = new Map([[feeder.slackBus, feeder.slackVoltagePu ** 2]]);
  for (const u of queue) {
    for (const c of children.get(u) ?? []) {
      const [p, q] = downstream(c.bus);
      v2.set(c.bus, v2.get(u)! - 2 * (c.r * p + c.x * q));
    }
  }
  return new Map([...v2].map(([bus, v]) => [bus, Math.sqrt(v)]));
}
