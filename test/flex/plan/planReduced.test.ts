/**
 * Tier planning on a reduced reference case (6 × 10-min intervals, 60-s steps, CS3 the only axis),
 * with real co-simulations: the plan is re-simulated, admissible and not beaten by an independent
 * search from the base (compassSearch.ts, no planner code). Default suite: the coupon window
 * t2–t3 as one block (8 components: a 9-run design), a 10-run bisection on CS1/CS2's charging
 * coupons together; EV_COSIM_LONG=1: the full-horizon basis (look-back 0, a block before and after
 * t*: 24 components) and a compass search of 50 distinct co-simulations over every component.
 * The sweep searches the one direction the need points to (−CS3) and has no outer bound: the plan
 * reads the sweep's runs and tiers only, and the planner is what is under test.
 * Bad `--need` input: exit 1, one message naming --need, no file touched.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGridNeeds } from '../../../src/flex/plan/gridNeed.ts';
import { planTier } from '../../../src/flex/plan/planTier.ts';
import { expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import { admissible } from '../../../src/flex/search/flexEvaluation.ts';
import { buildFlexProblem } from '../../../src/flex/sweep/flexProblem.ts';
import { runFlexStudy } from '../../../src/flex/sweep/runFlexStudy.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';
import { runMain } from '../../helpers/cli.ts';
import { bisectComponents, compassSearch } from './compassSearch.ts';

const OVERRIDES = ['horizon.intervals=6', 'horizon.stepSec=60', 'demand.profile=[0.7,0.8,0.9,1,1,1]', 'feeder.loadScale=1'];
const LONG = process.env.EV_COSIM_LONG === '1';

describe('ev-cosim flex --need: bad needs exit 1 before anything is written', () => {
  const cases: [string[], RegExp][] = [
    [['--need', 'bus5<=1'], /--need = "bus5<=1".*no station at bus 5/],
    [['--need', 'CS9<=1'], /--need = "CS9<=1".*"CS9" is not a station/],
    [['--need', 'CS3=<1'], /--need = "CS3=<1".*must look like/],
    [['--need', 'CS3<=0.1', '--need', 'CS3>=0.5'], /--need = "CS3>=0.5 and CS3<=0.1".*contradictory/],
  ];
  for (const [args, message] of cases) {
    it(`should reject ${args.filter((a) => a !== '--need').join(' ')} and leave an existing results.jsonl alone`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'flex-need-'));
      writeFileSync(join(out, 'results.jsonl'), 'keep\n');
      const fresh = join(out, 'fresh');
      const r = await runMain(['flex', ...args, '--out', fresh]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(readFileSync(join(out, 'results.jsonl'), 'utf8')).toBe('keep\n');
      expect(existsSync(fresh)).toBe(false);
      const again = await runMain(['flex', ...args, '--out', out]);
      expect(again.code).toBe(1);
      expect(readdirSync(out)).toEqual(['results.jsonl']);
      expect(readFileSync(join(out, 'results.jsonl'), 'utf8')).toBe('keep\n');
    });
  }
});

describe('tier plan on the reduced reference case (real co-simulations)', () => {
  it(`is re-simulated, admissible, and not beaten by an independent ${LONG ? 'compass search of 50 co-simulations' : '10-run bisection on CS1/CS2 charging coupons'} from the base (1 % or 1 ¥)`, async () => {
    const { file } = readScenarioFile();
    const [result] = await runFlexStudy({
      scenarioFile: file, overrides: OVERRIDES, models: ['dta'], timeIndex: 3, budgetsYuan: [300, 1000], stations: ['CS3'],
      directions: [[-1]], outerBound: false,
      ...(LONG ? { lookbackIntervals: 0 } : { lookbackIntervals: 1, blocks: 1, span: 'window' as const }),
      levels: [0.25], controls: { refineSteps: 0 }, workers: 1,
    });
    const { scenario } = readScenarioFile(file, OVERRIDES);
    const base = result.run.design[0];
    // a V2G need the base does not meet: 0.1 MW below the base load
    const limit = Math.round((base.netMw[2] - 0.1) * 1000) / 1000;
    const needs = parseGridNeeds([`CS3<=${limit}`], scenario);
    const problem = await buildFlexProblem(result.run.spec);
    try {
      const evaluate = problem.evaluator.evaluate;
      const plan = await planTier(result, needs, evaluate);
      expect(plan.point, plan.summary).toBeDefined();
      const point = plan.point!;
      expect(admissible(point, plan.tierYuan!)).toBe(true);
      // re-simulated: its coupons reproduce its loads and subsidy
      const again = await evaluate(expandCoupons(result.window, point.x));
      expect(again.netMw[2]).toBeCloseTo(point.netMw[2], 9);
      expect(again.subsidyYuan).toBeCloseTo(point.subsidyYuan, 6);
      expect(again.netMw[2]).toBeLessThanOrEqual(limit);
      const miss = (p: readonly number[]): number => Math.max(0, p[2] - limit);
      // default: 10-run bisection on the charging coupons of the other en-route stations together (pulling
      // charging away from CS3 is how this need is met); long: a 50-run compass search over every component
      const others = [...Array(result.window.components).keys()].filter((j) => /^CS[12] charge/.test(result.window.labels[j]));
      const rival: { subsidyYuan: number; x: number[]; runs?: number } | undefined = LONG
        ? await compassSearch(evaluate, result.window, miss, 50, undefined, 0.125)
        : await bisectComponents(evaluate, result.window, others, miss, 10);
      expect(rival, 'the independent search must find a book meeting the need, or the comparison is empty').toBeDefined();
      expect(plan.subsidyYuan!).toBeLessThanOrEqual(Math.max(rival!.subsidyYuan * 1.01, rival!.subsidyYuan + 1));
      if (LONG) expect(rival!.runs).toBeLessThanOrEqual(50);
      console.info(`reduced plan: ${plan.summary}; rival ${rival ? `${rival.subsidyYuan.toFixed(1)} ¥` : 'found none'}`);
    } finally {
      problem.prepared.dispose();
    }
  }, LONG ? 1_800_000 : 600_000);
});

