import { describe, expect, it } from 'vitest';
import { cosimTick } from '../../../src/sim/run/cosimTick.ts';
import { runTicks } from '../../../src/sim/run/runTicks.ts';
import { assembleCosimResult } from '../../../src/sim/run/assembleCosimResult.ts';
import { fakeContext } from '../fixtures/fakeContext.ts';

const tick = (index: number) => ({ index, startMin: 1020 + 10 * index, start: `17:${index}0` });

describe('cosimTick', () => {
  it('should run traffic → station power → OPF with the station loads at the mapped buses', () => {
    const { ctx, state, grid } = fakeContext({ dlmp: false });
    cosimTick(ctx, state, tick(0));
    const r = state.results[0];
    // 20 vehicles × 60 kW − 5 × 40 kW at bus 2; 10 × 60 kW at bus 3.
    expect(r.chargeMw[0]).toBeCloseTo(1.2, 12);
    expect(r.netMw[0]).toBeCloseTo(1.0, 12);
    expect(r.netMw[1]).toBeCloseTo(0.6, 12);
    expect(grid.calls[0].injections).toEqual([{ bus: 2, pMw: r.netMw[0] }, { bus: 3, pMw: r.netMw[1] }]);
    expect(r.dlmpAtStationUsdPerMwh[0]).toBeCloseTo(20 + 100 * 1.0, 9);
    expect(r.rounds).toBe(1);
    expect(r.fixedPointResidual).toBe(0);
  });

  it('should solve the DUE once when prices are fixed (cache) and warm-start nothing else', () => {
    const { ctx, state, traffic, horizon } = fakeContext({ dlmp: false });
    runTicks(ctx, state, horizon);
    expect(traffic.calls).toBe(1);
    expect(state.results).toHaveLength(4);
  });

  it('next-tick: the DLMPs of interval t set the price of t+1 and the residual is the lag', () => {
    const { ctx, state, horizon, traffic } = fakeContext({ feedback: 'next-tick' });
    runTicks(ctx, state, horizon);
    const [r0, r1] = state.results;
    // interval 0 uses the starting price (DLMP 20 → 2.0 ¥/kWh); interval 1 uses F(DLMP of interval 0).
    expect(r0.chargePriceYuanPerKWh[0]).toBeCloseTo(2.0, 12);
    const expected = 1.856 + (r0.dlmpAtStationUsdPerMwh[0] * 7.2) / 1000;
    expect(r1.chargePriceYuanPerKWh[0]).toBeCloseTo(expected, 12);
    expect(r0.fixedPointResidual).toBeCloseTo(Math.abs(expected - 2.0), 12);
    expect(r0.rounds).toBe(1);
    expect(traffic.warmStarts).toBe(traffic.calls - 1);
  });

  it('fixed-point: iterates inside the tick until the price residual is within tolerance', () => {
    const { ctx, state, horizon, meta } = fakeContext({ feedback: 'fixed-point', tolerance: 1e-9 });
    runTicks(ctx, state, horizon);
    const result = assembleCosimResult(ctx, state, meta);
    expect(result.status).toBe('ok');
    // Interval 0 starts from the DLMP without station load and must iterate; later ones start at the previous fixed point.
    expect(result.intervals[0].rounds).toBeGreaterThan(3);
    for (const r of result.intervals) {
      expect(r.fixedPointConverged).toBe(true);
      expect(r.fixedPointResidual).toBeLessThanOrEqual(1e-9);
      // Independent check of the fixed point: ω = markup + (20 + slope·P(ω))·7.2/1000 with P from the fake traffic.
      const omega = r.chargePriceYuanPerKWh[0];
      const p = (20 * Math.exp(-0.5 * (omega - 2)) * 60 - 5 * 40) / 1000;
      expect(1.856 + ((20 + 100 * p) * 7.2) / 1000).toBeCloseTo(omega, 7);
    }
  });

  it('fixed-point: reports non-convergence when maxRounds is reached', () => {
    const { ctx, state, horizon, meta } = fakeContext({ feedback: 'fixed-point', tolerance: 1e-12, maxRounds: 2 });
    runTicks(ctx, state, horizon);
    const result = assembleCosimResult(ctx, state, meta);
    expect(result.status).toBe('not-converged');
    expect(result.intervals[0].fixedPointConverged).toBe(false);
    expect(result.intervals[0].rounds).toBe(2);
    expect(result.problems[0]).toMatch(/price fixed point did not converge in 2 rounds/);
  });

  it('an infeasible OPF stops the run there with status infeasible (not bad input), earlier intervals kept', () => {
    const { ctx, state, horizon, meta } = fakeContext({ dlmp: false });
    let calls = 0;
    const failing = { ...ctx, grid: (i: Parameters<typeof ctx.grid>[0]) => (++calls === 3 ? { ...ctx.grid(i), status: 'infeasible' as const, message: 'no point' } : ctx.grid(i)) };
    runTicks(failing, state, horizon);
    const result = assembleCosimResult(failing, state, meta);
    expect(result.status).toBe('infeasible');
    expect(result.intervals).toHaveLength(2);
    expect(calls).toBe(3);
    expect(result.problems[0]).toMatch(/17:20: OPF infeasible \(no point\); the run stops/);
  });

  it('should report link values of the interval and be deterministic', () => {
    const a = fakeContext({ feedback: 'fixed-point' });
    const b = fakeContext({ feedback: 'fixed-point' });
    runTicks(a.ctx, a.state, a.horizon);
    runTicks(b.ctx, b.state, b.horizon);
    expect(a.state.results.map((r) => Array.from(r.netMw))).toEqual(b.state.results.map((r) => Array.from(r.netMw)));
    expect(Array.from(a.state.results[2].linkInflowVehPerH)).toEqual([100, 100]);
  });
});
