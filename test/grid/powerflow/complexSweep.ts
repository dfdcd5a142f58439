/**
 * An independent power flow for tests: complex phasors, current-injection
 * backward/forward sweep, transformers modelled where the data puts them (at the
 * branch's to-end, after the series impedance). It shares no code with src/grid/powerflow.
 */
import type { Feeder } from '../../../src/grid/model/feeder.ts';

interface C { re: number; im: number }
const mul = (a: C, b: C): C => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
const div = (a: C, b: C): C => {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
};
const conj = (a: C): C => ({ re: a.re, im: -a.im });
const abs2 = (a: C): number => a.re * a.re + a.im * a.im;

export interface ComplexPfResult {
  vPu: Map<number, number>;
  lossesPu: number;
  slackP: number;
  slackQ: number;
}

/** Solve the slack island; every in-service branch must lie in it. Loads in MW / baseMva. */
export function complexSweep(feeder: Feeder, iterations = 200): ComplexPfResult {
  const base = feeder.baseMva;
  const ids = feeder.buses.map((b) => b.id);
  const pos = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  // BFS from the slack over in-service branches (plain arrays, no shared helpers).
  const parent = new Array<number>(n).fill(-1);
  const via = new Array<number>(n).fill(-1);
  const order = [pos.get(feeder.slackBus)!];
  const seen = new Set(order);
  for (let h = 0; h < order.length; h += 1) {
    const u = order[h];
    feeder.branches.forEach((br, b) => {
      if (!br.inService) return;
      const f = pos.get(br.fromBus)!;
      const t = pos.get(br.toBus)!;
      const w = f === u ? t : t === u ? f : -1;
      if (w < 0 || seen.has(w)) return;
      seen.add(w);
      parent[w] = u;
      via[w] = b;
      order.push(w);
    });
  }
  const V: C[] = ids.map(() => ({ re: feeder.slackVoltagePu, im: 0 }));
  const Ibr: C[] = ids.map(() => ({ re: 0, im: 0 }));
  for (let it = 0; it < iterations; it += 1) {
    const Itot: C[] = feeder.buses.map((bus, i) => {
      const v2 = abs2(V[i]);
      const s = { re: (bus.pLoadMw + bus.shuntGMw * v2) / base, im: (bus.qLoadMvar - bus.shuntBMvar * v2) / base };
      return conj(div(s, V[i]));
    });
    for (let k = order.length - 1; k >= 1; k -= 1) {
      const c = order[k];
      const br = feeder.branches[via[c]];
      const childIsTo = pos.get(br.toBus) === c;
      // Current into the impedance from the parent side (data transformer at the to-end).
      Ibr[c] = childIsTo
        ? { re: Itot[c].re * br.ratio, im: Itot[c].im * br.ratio }
        : { re: Itot[c].re, im: Itot[c].im };
      const toParent = childIsTo ? Ibr[c] : { re: Itot[c].re / br.ratio, im: Itot[c].im / br.ratio };
      Itot[parent[c]].re += toParent.re;
      Itot[parent[c]].im += toParent.im;
    }
    for (let k = 1; k < order.length; k += 1) {
      const c = order[k];
      const br = feeder.branches[via[c]];
      const z = { re: br.rPu, im: br.xPu };
      const drop = mul(z, Ibr[c]);
      if (pos.get(br.toBus) === c) {
        V[c] = { re: br.ratio * (V[parent[c]].re - drop.re), im: br.ratio * (V[parent[c]].im - drop.im) };
      } else {
        V[c] = { re: V[parent[c]].re / br.ratio - drop.re, im: V[parent[c]].im / br.ratio - drop.im };
      }
    }
  }
  let lossesPu = 0;
  for (let k = 1; k < order.length; k += 1) lossesPu += feeder.branches[via[order[k]]].rPu * abs2(Ibr[order[k]]);
  // Slack power = V0 · conj(total current drawn at the root).
  const root = order[0];
  const rootBus = feeder.buses[root];
  let i0: C = conj(div({ re: (rootBus.pLoadMw + rootBus.shuntGMw * abs2(V[root])) / base, im: (rootBus.qLoadMvar - rootBus.shuntBMvar * abs2(V[root])) / base }, V[root]));
  for (let k = 1; k < order.length; k += 1) {
    const c = order[k];
    if (parent[c] !== root) continue;
    const br = feeder.branches[via[c]];
    const fromRoot = pos.get(br.toBus) === c ? Ibr[c] : { re: Ibr[c].re / br.ratio, im: Ibr[c].im / br.ratio };
    i0 = { re: i0.re + fromRoot.re, im: i0.im + fromRoot.im };
  }
  const s0 = mul(V[root], conj(i0));
  return { vPu: new Map(ids.map((id, i) => [id, Math.sqrt(abs2(V[i]))])), lossesPu, slackP: s0.re * base, slackQ: s0.im * base };
}
