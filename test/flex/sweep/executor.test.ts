/**
 * The shared base equilibrium of the pool: a thread that adopts another thread's base
 * (without its loading checkpoint) evaluates coupon books exactly as the thread that solved it,
 * and runs no base of its own. Two separately prepared problems stand in for two threads.
 */
import { describe, expect, it } from 'vitest';
import { expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import { shareableBase } from '../../../src/flex/search/cosimEvaluator.ts';
import { buildFlexProblem } from '../../../src/flex/sweep/flexProblem.ts';
import { checkFlexStudyOptions } from '../../../src/flex/sweep/runFlexStudy.ts';

// Reduced reference scenario (as in runFlexStudy.test.ts): 4 intervals of 10 min, 60-s loading steps.
const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'];

describe('shared base equilibrium', () => {
  it('should evaluate books bit for bit like the thread that solved the base, with no base run of its own', async () => {
    const [spec] = checkFlexStudyOptions({ overrides: SMALL, timeIndex: 3, stations: ['CS1', 'CS3'], lookbackIntervals: 1, blocks: 1, span: 'window', levels: [0.25, 1] });
    const solver = await buildFlexProblem(spec);
    const adopter = await buildFlexProblem(spec);
    try {
      const own = await solver.evaluator.base();
      expect(own).toBeDefined();
      const shared = shareableBase(own!);
      expect(shared.checkpoint).toBeUndefined();
      // what a worker receives: a structured clone
      adopter.evaluator.adoptBase(structuredClone(shared));
      // the base itself and two probes with coupons (one strong, so the equilibrium moves)
      const books = [0, 1, solver.probes.length - 1].map((i) => expandCoupons(solver.window, solver.probes[i].x));
      for (const book of books) {
        const a = await solver.evaluator.evaluate(book);
        const b = await adopter.evaluator.evaluate(book);
        expect(b).toEqual(a);
      }
      expect(solver.evaluator.runs()).toBe(1 + books.length);
      expect(adopter.evaluator.runs()).toBe(books.length);
      // a second adoption does not replace the base
      adopter.evaluator.adoptBase({ ...shared, paths: [] });
      expect(await adopter.evaluator.evaluate(books[2])).toEqual(await solver.evaluator.evaluate(books[2]));
    } finally {
      solver.prepared.dispose();
      adopter.prepared.dispose();
    }
  }, 120_000);
});
