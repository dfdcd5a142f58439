import { describe, expect, it } from 'vitest';
import type { DesignProbe } from '../../../src/flex/search/designPoints.ts';
import type { EvaluatedPoint } from '../../../src/flex/search/flexEvaluation.ts';
import { greedyCandidate, responseSegments } from '../../../src/flex/search/surrogateCandidate.ts';

const ok = { dueGap: 0, converged: true, feasible: true };
const probe = (component: number, level: number, value: number): DesignProbe => {
  const x = [0, 0];
  if (component >= 0) x[component] = value;
  return { component, level, x };
};

describe('responseSegments / greedyCandidate', () => {
  // Two coupons on a 1-station axis a = [1]: component 0 lowers P by 1 MW for 100 ¥ at
  // level 0.5 and by 1.5 MW for 300 ¥ at level 1; component 1 by 0.5 MW for 25 ¥, then worsens.
  const probes = [probe(-1, 0, 0), probe(0, 0.5, 1), probe(0, 1, 2), probe(1, 0.5, 10), probe(1, 1, 20)];
  const evaluated: EvaluatedPoint[] = [
    { ...ok, netMw: [2], subsidyYuan: 0, x: [0, 0] },
    { ...ok, netMw: [1], subsidyYuan: 100, x: [1, 0] },
    { ...ok, netMw: [0.5], subsidyYuan: 300, x: [2, 0] },
    { ...ok, netMw: [1.5], subsidyYuan: 25, x: [0, 10] },
    { ...ok, netMw: [1.8], subsidyYuan: 80, x: [0, 20] },
  ];
  it('should rank improving pieces by MW per ¥ and drop pieces that do not improve', () => {
    const pieces = responseSegments([1], probes, evaluated);
    // −0.5/25 = −0.02, −1/100 = −0.01, −0.5/200 = −0.0025; component 1's second piece (+0.3 MW) is dropped.
    expect(pieces.map((p) => [p.component, p.from, p.to])).toEqual([[1, 0, 10], [0, 0, 1], [0, 1, 2]]);
    expect(pieces[2].gainMw).toBeCloseTo(-0.5, 12);
    expect(pieces[2].costYuan).toBeCloseTo(200, 12);
  });
  it('should fill the budget greedily and take the last piece in part', () => {
    const pieces = responseSegments([1], probes, evaluated);
    const c = greedyCandidate(pieces, 2, 225); // 25 + 100 + half of 200
    expect(c.x[1]).toBe(10);
    expect(c.x[0]).toBeCloseTo(1.5, 12);
    expect(c.costYuan).toBeCloseTo(225, 12);
    expect(c.gainMw).toBeCloseTo(-0.5 - 1 - 0.25, 12);
  });
  it('should merge a piece that is better per ¥ than its predecessor (concave envelope)', () => {
    const ev = evaluated.map((e) => ({ ...e }));
    ev[2] = { ...ok, netMw: [-3], subsidyYuan: 300, x: [2, 0] }; // second piece −4 MW / 200 ¥ beats −1 / 100
    const pieces = responseSegments([1], probes, ev).filter((p) => p.component === 0);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({ from: 0, to: 2, costYuan: 300 });
    expect(pieces[0].gainMw).toBeCloseTo(-5, 12);
  });
});
