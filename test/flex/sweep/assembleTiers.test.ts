import { describe, expect, it } from 'vitest';
import { hullContains } from '../../../src/flex/hull/hullContains.ts';
import { projection } from '../../../src/flex/search/flexEvaluation.ts';
import { fakeStudy } from '../fakeStudy.ts';

describe('assembleTiers', () => {
  it('should give nested hulls: every smaller tier point inside each larger tier, volumes non-decreasing', async () => {
    const { result } = await fakeStudy();
    const tiers = result.tiers;
    expect(tiers.map((t) => t.budgetYuan)).toEqual([300, 1000, 3000]);
    for (let k = 1; k < tiers.length; k++) {
      expect(tiers[k].hull.volume).toBeGreaterThanOrEqual(tiers[k - 1].hull.volume);
      const pts = tiers[k].hullPoints.map((p) => [...p.netMw]);
      for (const p of tiers[k - 1].hullPoints) expect(hullContains(tiers[k].hull, pts, [...p.netMw])).toBe(true);
    }
    expect(tiers[2].hull.affineRank).toBe(3);
    expect(tiers[2].hull.volume).toBeGreaterThan(tiers[0].hull.volume);
  });
  it('should pick, per direction and budget, an admissible point no worse than any other admissible point of the pool', async () => {
    const { result } = await fakeStudy([500]);
    const pool = [...result.run.design, ...result.run.searches.flatMap((s) => s.evaluated)];
    result.tiers[0].directionPoints.forEach((p, d) => {
      const a = result.run.spec.directions[d];
      expect(p.subsidyYuan).toBeLessThanOrEqual(500);
      for (const q of pool) if (q.subsidyYuan <= 500) expect(projection(a, p.netMw)).toBeLessThanOrEqual(projection(a, q.netMw) + 1e-12);
    });
  });
  it('should report the volume increase between tiers in %', async () => {
    const { result } = await fakeStudy();
    const [t0, t1] = result.tiers;
    expect(t0.volumeIncreasePct).toBeUndefined();
    expect(t1.volumeIncreasePct).toBeCloseTo((100 * (t1.hull.volume - t0.hull.volume)) / t0.hull.volume, 9);
  });
});
