/**
 * Test helper: an independent compass search for the cheapest book meeting a need, written
 * for the tests (it shares no code with the planner).
 */
import { expandCoupons, type CouponWindow } from '../../../src/flex/search/couponWindow.ts';
import { gridServed, type FlexEvaluator } from '../../../src/flex/search/flexEvaluation.ts';

/**
 * Independent compass search written here (not the planner's code): minimise subsidy + 1e5 ¥/MW × miss
 * (a run the grid does not serve scores as a miss of 1 MW more) over the coupon components (default all)
 * from the base, steps `initialStep` (default ½), then halved, of each bound; `budget` distinct
 * co-simulations (a book already evaluated is looked up, not re-run, and does not count).
 * Returns the cheapest evaluated book that the grid serves and that meets every need (or undefined),
 * and the number of co-simulations run.
 */
export async function compassSearch(
  evaluate: FlexEvaluator, window: CouponWindow, meets: (netMw: readonly number[]) => number, budget: number,
  components: readonly number[] = [...Array(window.components).keys()], initialStep = 0.5,
): Promise<{ subsidyYuan: number; x: number[]; runs: number } | undefined> {
  let x = new Array(window.components).fill(0);
  let runs = 0;
  let best: { subsidyYuan: number; x: number[] } | undefined;
  const scores = new Map<string, number>();
  const score = async (v: number[]): Promise<number> => {
    const k = v.join(',');
    const known = scores.get(k);
    if (known !== undefined) return known;
    runs++;
    const e = await evaluate(expandCoupons(window, v));
    const miss = meets(e.netMw);
    const served = gridServed(e);
    if (miss === 0 && served && (!best || e.subsidyYuan < best.subsidyYuan)) best = { subsidyYuan: e.subsidyYuan, x: [...v] };
    const s = served ? e.subsidyYuan + 1e5 * miss : 1e5 * (miss + 1);
    scores.set(k, s);
    return s;
  };
  let fx = await score(x);
  for (let step = initialStep; runs < budget && step > 1e-3; step /= 2) {
    let moved = true;
    while (moved && runs < budget) {
      moved = false;
      for (const j of components) {
        if (runs >= budget) break;
        for (const dir of [1, -1]) {
          const v = [...x];
          v[j] = Math.min(window.upper[j], Math.max(0, v[j] + dir * step * window.upper[j]));
          if (v[j] === x[j] || runs >= budget) continue;
          const fv = await score(v);
          if (fv < fx) { x = v; fx = fv; moved = true; break; }
        }
      }
    }
  }
  return best && { ...best, runs };
}

/**
 * Independent bisection on a group of coupon components moved together (each at the same
 * fraction of its bound, the others 0): the smallest fraction whose real run the grid serves
 * and that meets the need, in `budget` runs.
 */
export async function bisectComponents(
  evaluate: FlexEvaluator, window: CouponWindow, group: readonly number[], meets: (netMw: readonly number[]) => number, budget: number,
): Promise<{ subsidyYuan: number; x: number[] } | undefined> {
  let lo = 0;
  let hi = 1;
  let best: { subsidyYuan: number; x: number[] } | undefined;
  for (let run = 0; run < budget; run++) {
    const f = run === 0 ? hi : (lo + hi) / 2;
    const x = new Array(window.components).fill(0);
    for (const j of group) x[j] = f * window.upper[j];
    const e = await evaluate(expandCoupons(window, x));
    const ok = meets(e.netMw) === 0 && gridServed(e);
    if (ok && (!best || e.subsidyYuan < best.subsidyYuan)) best = { subsidyYuan: e.subsidyYuan, x };
    if (run === 0 && !ok) return undefined;
    if (run > 0) {
      if (ok) hi = f;
      else lo = f;
    }
  }
  return best;
}
