/**
 * Admissibility = the grid serves the run (issue 12 item 1): the grid record and rejection
 * reason of `evaluationOf` on hand-built co-simulation results, whose expected values are
 * read off the construction (worst status, largest shed), not computed by the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluationOf, gridRecordOf } from '../../../src/flex/search/cosimEvaluator.ts';
import { admissible, gridServed, rejectionOf, type EvaluatedPoint } from '../../../src/flex/search/flexEvaluation.ts';
import type { CosimResult, CosimStatus, OpfStatus } from '../../../src/sim/index.ts';

interface FakeInterval {
  readonly status?: OpfStatus;
  /** Household shed, kW (as `householdShedKw`), or only the total `shedKw` when `splitShed` is false. */
  readonly shedKw?: number;
  readonly curtailedKw?: number;
  readonly splitShed?: boolean;
  readonly phase?: 'window' | 'tail';
}

/** A co-simulation result of one station with the given intervals (only what `evaluationOf` reads). */
function fakeResult(intervals: FakeInterval[], statuses: CosimStatus[] = ['ok'], netMw = 0.5): CosimResult {
  const one = (v: number) => Float64Array.of(v);
  return {
    status: statuses[0],
    statuses,
    problems: [],
    windowIntervals: intervals.filter((i) => i.phase !== 'tail').length,
    stationIds: ['CS1'],
    intervals: intervals.map((i, t) => ({
      index: t, phase: i.phase ?? 'window', netMw: one(netMw), chargeArrivalsVeh: one(10), v2gArrivalsVeh: one(2), dueGap: 1e-4,
      opf: {
        status: i.status ?? 'optimal',
        shedKw: (i.shedKw ?? 0) + (i.curtailedKw ?? 0),
        ...(i.splitShed === false ? {} : { householdShedKw: i.shedKw ?? 0, evCurtailedKw: i.curtailedKw ?? 0 }),
      },
    })),
  } as unknown as CosimResult;
}

const coupons = { chargeYuanPerKWh: Float64Array.of(0.5, 0.5, 0.5), v2gYuanPerVisit: Float64Array.of(10, 10, 10) };

describe('evaluationOf: the grid record over every interval, window and tail', () => {
  it('should take the worst OPF status and the largest shed and curtailment of any interval, the tail included', () => {
    const r = fakeResult([{ shedKw: 3 }, { status: 'inexact', curtailedKw: 40 }, { phase: 'tail', status: 'cut-limit', shedKw: 250 }]);
    expect(gridRecordOf(r)).toEqual({ opfStatus: 'cut-limit', shedMw: 0.25, curtailedMw: 0.04 });
  });
  it('should read the total shed when the engine does not split household and EV', () => {
    expect(gridRecordOf(fakeResult([{ shedKw: 7, splitShed: false }])).shedMw).toBeCloseTo(0.007, 15);
  });
  it('should reject a run that sheds only in its tail, and accept one that sheds ≤ the 1e-6 MW tolerance', () => {
    const tail = evaluationOf(fakeResult([{}, {}, { phase: 'tail', shedKw: 0.5 }]), coupons, 0, [20]);
    expect(tail.rejection).toBe('shed');
    expect(tail.feasible).toBe(true); // the OPF solved: the load is a meaningful response, but not admissible
    expect(admissible({ ...tail, x: [] }, 1e9)).toBe(false);
    const tiny = evaluationOf(fakeResult([{ shedKw: 0.0009 }]), coupons, 0, [20]);
    expect(tiny.rejection).toBeUndefined();
    expect(gridServed(tiny)).toBe(true);
  });
  it('should honour a looser shed tolerance given to the evaluator', () => {
    const r = fakeResult([{ shedKw: 20 }]);
    expect(evaluationOf(r, coupons, 0, [20]).rejection).toBe('shed');
    expect(evaluationOf(r, coupons, 0, [20], 0.05).rejection).toBeUndefined();
  });
  it('should reject an inexact or cut-limit interval as opf-not-exact, and curtailment as curtailed', () => {
    expect(evaluationOf(fakeResult([{}, { status: 'inexact' }]), coupons, 0, [20]).rejection).toBe('opf-not-exact');
    expect(evaluationOf(fakeResult([{ phase: 'tail', status: 'cut-limit' }]), coupons, 0, [20]).rejection).toBe('opf-not-exact');
    expect(evaluationOf(fakeResult([{ curtailedKw: 12 }]), coupons, 0, [20]).rejection).toBe('curtailed');
  });
  it('should name a missed DUE first, before a shed in the same run', () => {
    const e = evaluationOf(fakeResult([{ shedKw: 100 }], ['not-converged', 'shed']), coupons, 0, [20]);
    expect(e.converged).toBe(false);
    expect(e.rejection).toBe('due-not-converged');
  });
  it('should give a run stopped at an OPF without solution the reason opf-infeasible, no load and no finite subsidy', () => {
    const e = evaluationOf(fakeResult([{}, { status: 'infeasible' }], ['infeasible']), coupons, 0, [20]);
    expect(e).toMatchObject({ opfStatus: 'infeasible', rejection: 'opf-infeasible', feasible: false });
    expect(e.netMw.every(Number.isNaN)).toBe(true);
    expect(admissible({ ...e, x: [] }, Number.MAX_VALUE)).toBe(false);
  });
  it('should pay 3 intervals × (10 charging visits × 0.5 ¥/kWh × 20 kWh + 2 V2G visits × 10 ¥) = 360 ¥ for a served run', () => {
    const e = evaluationOf(fakeResult([{}, {}, {}]), coupons, 1, [20]);
    expect(e.rejection).toBeUndefined();
    expect(e.opfStatus).toBe('optimal');
    expect(e.subsidyYuan).toBeCloseTo(3 * (10 * 0.5 * 20 + 2 * 10), 9);
  });
});

describe('rejectionOf / admissible (property)', () => {
  const record = fc.record({
    converged: fc.boolean(),
    opfStatus: fc.constantFrom<OpfStatus>('optimal', 'inexact', 'cut-limit', 'infeasible', 'error'),
    shedMw: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
    curtailedMw: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
  });
  it('should serve a run exactly when converged, optimal, shed ≤ 1e-6 MW and curtailed ≤ 1e-6 MW', () => {
    fc.assert(fc.property(record, (r) => {
      const served = r.converged && r.opfStatus === 'optimal' && r.shedMw <= 1e-6 && r.curtailedMw <= 1e-6;
      expect(rejectionOf(r) === undefined).toBe(served);
    }));
  });
  it('should make admissibility monotone in the budget: admissible for F ⇒ admissible for every F\' ≥ F', () => {
    fc.assert(fc.property(record, fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (r, subsidy, f, extra) => {
      const rejection = rejectionOf(r);
      const p: EvaluatedPoint = { netMw: [0], subsidyYuan: subsidy, dueGap: 0, feasible: true, ...r, ...(rejection ? { rejection } : {}), x: [] };
      if (admissible(p, f)) expect(admissible(p, f + extra)).toBe(true);
      expect(admissible(p, f)).toBe(rejection === undefined && subsidy <= f);
    }));
  });
});
