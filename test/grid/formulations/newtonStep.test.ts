/**
 * The Newton step of the cut loop (kktNewtonPoint.ts, docs/model.md §3.3) only places cuts and
 * pins interior inverter Q for an LP whose result is kept when the pinned columns' reduced
 * costs vanish; the answer must be the cut loop's answer. References: the same loop with the
 * Newton step off (Kelley + dual-point cuts, an independent path to the optimum through HiGHS)
 * and, for the sparse solver, dense Gaussian elimination with partial pivoting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistFlowModel } from '../../../src/grid/formulations/distFlowInternals.ts';
import { sparseSolveDynamic, type SparseRows } from '../../../src/grid/formulations/sparseLuSolve.ts';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { CASE33BW_WARM_INTERVALS, expectSameOptima, solveAllWith } from './switchedSolve.ts';

const solveAll = (feeder: Feeder, intervals: FeederInterval[], newton: boolean): Promise<OpfResult[]> =>
  solveAllWith((on) => { DistFlowModel.newtonStepDefault = on; }, newton, feeder, intervals);

/** Dense Gaussian elimination with partial pivoting (independent reference). */
function denseSolve(a: number[][], f: number[]): number[] {
  const n = f.length;
  const m = a.map((row, i) => [...row, f[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i][k]) > Math.abs(m[p][k])) p = i;
    [m[k], m[p]] = [m[p], m[k]];
    for (let i = k + 1; i < n; i++) {
      const t = m[i][k] / m[k][k];
      for (let j = k; j <= n; j++) m[i][j] -= t * m[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n];
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j];
    x[i] = s / m[i][i];
  }
  return x;
}

describe('Newton step of the cut loop', () => {
  const stations = (pMw: number): FeederInterval['injections'] => [35, 60, 95].map((bus) => ({ bus, pMw, sMaxMva: 1.2 }));
  const cases: [string, Feeder, FeederInterval[]][] = [
    ['ieee123, station inverter Q, load ±3 % warm', loadBundledFeeder('ieee123'), [1, 1.03, 0.98, 1.01, 0.97, 1.02].map((loadScale) => ({ loadScale, injections: stations(0.1) }))],
    ['case33bw, station loads and inverter Q warm', loadBundledFeeder('case33bw'), CASE33BW_WARM_INTERVALS],
  ];
  for (const [label, feeder, intervals] of cases) {
    it(`${label}: same status, objective within 1e-8 relative and P/Q-DLMPs within 1e-3 $/MWh as without it`, async () => {
      expectSameOptima(await solveAll(feeder, intervals, true), await solveAll(feeder, intervals, false));
    });
  }

  it('ieee123 with interior inverter Q: warm intervals after the first two need at most 2 LPs (Kelley alone needs ≥ 5)', async () => {
    const intervals = [1, 1.03, 0.98, 1.01, 0.97, 1.02, 0.99].map((loadScale) => ({ loadScale, injections: stations(0.1) }));
    const withIt = await solveAll(loadBundledFeeder('ieee123'), intervals, true);
    const without = await solveAll(loadBundledFeeder('ieee123'), intervals, false);
    for (let k = 2; k < intervals.length; k++) {
      expect(withIt[k].lpSolves).toBeLessThanOrEqual(2);
      expect(without[k].lpSolves).toBeGreaterThanOrEqual(5);
    }
  });

  it('sparse LU with dynamic pivots solves random saddle-point systems like dense elimination (1e-9 relative)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (nx, nc, seed) => {
        let s = seed + 1;
        const rnd = (): number => ((s = (1103515245 * s + 12345) % 2147483648) / 2147483648) - 0.5;
        const m = Math.min(nc, nx);
        const n = nx + m;
        // [H Aᵀ; A 0] with H diagonal ≥ 0.5 and A of full row rank (a unit block plus noise).
        const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
        for (let i = 0; i < nx; i++) a[i][i] = 1 + rnd();
        for (let k = 0; k < m; k++) {
          for (let j = 0; j < nx; j++) {
            const v = j === k ? 2 + rnd() : Math.abs(rnd()) < 0.15 ? rnd() : 0;
            a[nx + k][j] = v;
            a[j][nx + k] = v;
          }
        }
        const f = Array.from({ length: n }, () => rnd());
        const rows: SparseRows = a.map((row) => new Map(row.flatMap((v, j) => (v !== 0 ? [[j, v] as [number, number]] : []))));
        const got = sparseSolveDynamic(rows, Float64Array.from(f));
        const want = denseSolve(a, f);
        expect(got).toBeDefined();
        const scale = Math.max(1, ...want.map(Math.abs));
        want.forEach((w, i) => expect(Math.abs(got![i] - w)).toBeLessThanOrEqual(1e-9 * scale));
      }),
      { numRuns: 200 },
    );
  });
});
