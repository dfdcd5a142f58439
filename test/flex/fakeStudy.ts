/**
 * A whole flexibility study on the fake response (test fixture): the real search,
 * tier assembly and result types, with `fakeEvaluator` in place of the co-simulation.
 */
import { sphereDirections3d } from '../../src/flex/directions/sphereDirections3d.ts';
import { couponWindow, expandCoupons } from '../../src/flex/search/couponWindow.ts';
import { designProbes } from '../../src/flex/search/designPoints.ts';
import type { EvaluatedPoint, FlexEvaluator } from '../../src/flex/search/flexEvaluation.ts';
import { searchDirection } from '../../src/flex/search/searchDirection.ts';
import { assembleTiers } from '../../src/flex/sweep/assembleTiers.ts';
import type { FlexModelResult } from '../../src/flex/sweep/flexModelResult.ts';
import type { SweepRun } from '../../src/flex/sweep/runSweep.ts';
import type { FlexModel, SweepSpec } from '../../src/flex/sweep/sweepSpec.ts';
import { fakeEvaluator } from './fakeResponse.ts';

/** Variants of the fake study. */
export interface FakeStudyOptions {
  /** Stations spanning the region (indices of CS1, CS2, CS3) [all three]; `directions` then live in the full 3-station space. */
  readonly axes?: readonly number[];
  /**
   * Total station load fixed at this value, MW, by shifting every load by the same amount (the
   * STA situation of docs/flexibility.md §6): the region is flat, affine rank n − 1.
   */
  readonly constantTotalMw?: number;
  readonly model?: FlexModel;
}

/** Run the fake study for the 26 directions of the 45° grid (or `directions`). */
export async function fakeStudy(budgetsYuan: number[] = [300, 1000, 3000], directions: number[][] = sphereDirections3d(45), options: FakeStudyOptions = {}) {
  const fake = fakeEvaluator(3, 12, 6);
  const total = options.constantTotalMw;
  const evaluate: FlexEvaluator = total === undefined ? fake.evaluate : async (book) => {
    const e = await fake.evaluate(book);
    const shift = (e.netMw.reduce((a, b) => a + b, 0) - total) / e.netMw.length;
    return { ...e, netMw: e.netMw.map((v) => v - shift) };
  };
  // The fake responds to coupons in [t* − 3, t*] only: the window-only basis (span 'window') keeps the design small.
  const window = couponWindow({ stations: 3, intervals: 12, timeIndex: 6, blocks: 2, span: 'window' }, ['CS1', 'CS2', 'CS3']);
  const probes = designProbes(window, [0.25, 1]);
  const design: EvaluatedPoint[] = [];
  for (const p of probes) design.push({ ...(await evaluate(expandCoupons(window, p.x))), x: p.x });
  const searches = [];
  for (const a of directions) searches.push(await searchDirection(evaluate, window, a, budgetsYuan, { probes, evaluated: design }));
  const model = options.model ?? 'dta';
  const spec: SweepSpec = {
    scenarioFile: '/scenarios/fake.json', overrides: [], model, timeIndex: 6, window: {}, levels: [0.25, 1], controls: {},
    directions, budgetsYuan,
  };
  const run: SweepRun = { spec, design, directions: directions.map((a) => [...a]), searches, runs: { design: probes.length, search: fake.calls() - probes.length }, resumed: 0 };
  const axes = options.axes ?? [0, 1, 2];
  const result: FlexModelResult = {
    model, timeIndex: 6, time: '18:00', intervalMin: 10, intervals: 12, stations: ['CS1', 'CS2', 'CS3'], buses: [22, 16, 30],
    axes, window, run, tiers: assembleTiers(run, axes), wallMs: 0,
  };
  return { fake: { evaluate, calls: fake.calls }, window, result };
}
