/**
 * Window + tail, committed past and the status rules of the run loop (docs/model.md §4), on the
 * fake engines: where the run stops, which ticks call the traffic model, which DLMPs set prices,
 * and which status a run reports.
 */
import { describe, expect, it } from 'vitest';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { assembleCosimResult } from '../../../src/sim/run/assembleCosimResult.ts';
import type { OpfOutcome } from '../../../src/sim/run/cosimTypes.ts';
import { runTicks } from '../../../src/sim/run/runTicks.ts';
import { runStatuses } from '../../../src/sim/run/runStatus.ts';
import { cosimSummary } from '../../../src/sim/results/cosimSummary.ts';
import { parseScenario } from '../../../src/sim/scenario/parseScenario.ts';
import { expandPerInterval, holdLastPerStation } from '../../../src/sim/scenario/schema/perInterval.ts';
import { fakeContext, type FakeSetup } from '../fixtures/fakeContext.ts';
import { minimalScenario } from '../fixtures/minimalScenario.ts';

function run(setup: FakeSetup, grid?: (base: OpfOutcome, t: number) => OpfOutcome) {
  const f = fakeContext(setup);
  let t = -1;
  const calls: number[] = [];
  const ctx = {
    ...f.ctx,
    grid: (i: FeederInterval) => {
      t++;
      const base = f.ctx.grid(i);
      return grid === undefined ? base : grid(base, t);
    },
    traffic: (book: Parameters<typeof f.ctx.traffic>[0], warm: Parameters<typeof f.ctx.traffic>[1], committed: number) => {
      calls.push(committed);
      return f.ctx.traffic(book, warm, committed);
    },
  };
  runTicks(ctx, f.state, f.horizon);
  return { result: assembleCosimResult(ctx, f.state, f.meta), calls, spi: f.ctx.stepsPerInterval };
}

describe('window and tail', () => {
  it('runs the tail until the first interval boundary where the network is clear, then stops', () => {
    // fake trajectory clear at step 5·5 + 2 = 27: boundary 30 (start of interval 6) is the first clear one
    const { result } = run({ intervals: 3, tail: 5, clearStep: 27, dlmp: false });
    expect(result.intervals.map((r) => r.phase)).toEqual(['window', 'window', 'window', 'tail', 'tail', 'tail']);
    expect(result.cleared).toBe(true);
    expect(result.status).toBe('ok');
  });

  it('a network clear at the end of the window has no tail', () => {
    const { result } = run({ intervals: 3, tail: 5, clearStep: 15, dlmp: false });
    expect(result.intervals).toHaveLength(3);
    expect(result.cleared).toBe(true);
  });

  it('not clear within the longest tail → every tail interval, status not-converged with a problem line', () => {
    const { result } = run({ intervals: 2, tail: 3, clearStep: 'never', dlmp: false });
    expect(result.intervals).toHaveLength(5);
    expect(result.cleared).toBe(false);
    expect(result.status).toBe('not-converged');
    expect(result.problems.join('\n')).toMatch(/network not clear after the longest tail \(horizon\.clearanceMin\)/);
  });

  it('committed: tick t passes committedIntervals = t and the tail calls no traffic solve; whole-horizon passes 0', () => {
    const committed = run({ intervals: 3, tail: 3, clearStep: 'never', feedback: 'next-tick' });
    expect(committed.calls).toEqual([0, 1, 2]);
    const whole = run({ intervals: 3, tail: 3, clearStep: 'never', feedback: 'next-tick', replan: 'whole-horizon' });
    // prices change every tick (DLMP-linked), so every tick re-solves, the tail included
    expect(whole.calls).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('tail inputs hold the last window value (per-interval arrays and coupon books)', () => {
    expect(Array.from(expandPerInterval([0.9, 1, 1.1], 5))).toEqual([0.9, 1, 1.1, 1.1, 1.1]);
    expect(Array.from(holdLastPerStation(Float64Array.of(1, 2, 3, 4), 2, 4))).toEqual([1, 2, 2, 2, 3, 4, 4, 4]);
  });
});

describe('status', () => {
  it('an inexact interval does not feed its DLMPs into the prices: the last physical ones are held', () => {
    const { result } = run({ intervals: 4, feedback: 'next-tick' }, (base, t) => {
      if (t !== 1) return base;
      const dlmpP = Object.fromEntries(Object.keys(base.dlmpP).map((b) => [b, 5000]));
      return { ...base, status: 'inexact', dlmpP, maxConeGapPu: 0.3 };
    });
    const [r0, , r2] = result.intervals;
    // price of interval 2 = F(DLMP of interval 0), not F(5000 $/MWh)
    for (let s = 0; s < 2; s++) expect(r2.chargePriceYuanPerKWh[s]).toBeCloseTo(1.856 + (r0.dlmpAtStationUsdPerMwh[s] * 7.2) / 1000, 12);
    expect(result.status).toBe('inexact');
    expect(result.problems.join('\n')).toMatch(/17:10: OPF cone relaxation inexact .*do not feed the prices/);
  });

  it('shed: household load shed or EV charging curtailed → status shed with the MWh split first in the problems', () => {
    const { result } = run({ intervals: 3, dlmp: false }, (base, t) => (t === 1 ? { ...base, shedKw: 150, householdShedKw: 120, evCurtailedKw: 30 } : base));
    expect(result.status).toBe('shed');
    expect(result.statuses).toEqual(['shed']);
    // 120 kW and 30 kW for 10 min: 0.020 and 0.005 MWh
    expect(result.problems[0]).toBe('load shed: 20 kWh of household load shed and 5 kWh of EV charging curtailed (intervals above 0.001 kW)');
  });

  it('precedence infeasible > inexact > not-converged > shed > ok, every status listed', () => {
    const { result } = run({ intervals: 3, dlmp: false, clearStep: 'never' }, (base, t) => (t === 0 ? { ...base, status: 'cut-limit', shedKw: 10 } : base));
    expect(result.statuses).toEqual(['inexact', 'not-converged', 'shed']);
    expect(result.status).toBe('inexact');
    expect(runStatuses([], { infeasible: true, cleared: false })).toEqual(['infeasible']);
    expect(runStatuses([], { infeasible: false, cleared: true })).toEqual(['ok']);
  });

  it('a feeder with every bus shed prints null, never Infinity, NaN or −1, in the summary', () => {
    const { result } = run({ intervals: 2, dlmp: false }, (base) => ({ ...base, minVoltagePu: Infinity, minVoltageBus: -1, dlmpP: {}, shedKw: 3000 }));
    const raw = minimalScenario();
    (raw.horizon as Record<string, unknown>).intervals = 2;
    raw.stations = [{ ...(raw.stations as object[])[0], id: 'A', bus: 2 }, { ...(raw.stations as object[])[0], id: 'B', bus: 3, node: 9 }];
    const summary = cosimSummary(result, parseScenario(raw, 'fake.json'), { name: 'fake', file: '/tmp/fake.json' });
    expect(summary.intervals[0].minVoltagePu).toBeNull();
    expect(summary.intervals[0].minVoltageBus).toBeNull();
    expect(summary.totals.minVoltagePu).toBeNull();
    expect(summary.totals.maxDlmpUsdPerMwh).toBeNull();
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/Infinity|NaN|"minVoltageBus":-1/);
    // 3000 kW × 2 × 10 min = 1 MWh shed, all household (the engine gave no split)
    expect(summary.totals.householdShedMwh).toBeCloseTo(1, 12);
    expect(summary.status).toBe('shed');
  });
});
