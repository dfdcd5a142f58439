/**
 * Property on the real engines through the CLI: for random small coupled cases
 * (DLMP-linked tariffs, fixed-point feedback), the price fixed point either
 * converges with every residual ≤ tolerance (exit 0, status ok or shed) or the run
 * reports a failure (status "not-converged" or "inexact", exit 2).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERENCE, runMain } from '../../helpers/cli.ts';

const RUNS = process.env.EV_COSIM_LONG ? 25 : 3;

describe('runCosim fixed point on random small coupled cases (real engines)', () => {
  it('converges within tolerance (exit 0) or reports not-converged (exit 2)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          markup: fc.double({ min: 0.5, max: 3, noNaN: true }),
          damping: fc.double({ min: 0, max: 0.9, noNaN: true }),
          maxRounds: fc.integer({ min: 1, max: 6 }),
          tolerance: fc.constantFrom(1e-4, 1e-3, 1e-2, 1e-1),
          scale: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
          chargers: fc.integer({ min: 5, max: 60 }),
        }),
        async (p) => {
          const out = join(mkdtempSync(join(tmpdir(), 'prop-')), 'out');
          const { code, stdout } = await runMain([
            'run', REFERENCE, '--out', out, '--json',
            '--set', 'horizon.intervals=2', '--set', 'horizon.stepSec=60', '--set', 'demand.profile=[1,1]', '--set', 'feeder.loadScale=1',
            '--set', `demand.scale=${p.scale}`, '--set', `stations.CS2.chargers=${p.chargers}`,
            '--set', `prices.charge={"mode":"dlmp","markupYuanPerKWh":${p.markup}}`, '--set', 'feedback=fixed-point',
            '--set', `solver={"damping":${p.damping},"maxRounds":${p.maxRounds},"fixedPointTolerance":${p.tolerance}}`,
          ]);
          const summary = JSON.parse(stdout);
          const residuals: number[] = summary.intervals.map((i: { fixedPointResidualYuanPerKwh: number }) => i.fixedPointResidualYuanPerKwh);
          if (code === 0) {
            expect(['ok', 'shed']).toContain(summary.status);
            for (const r of residuals) expect(r).toBeLessThanOrEqual(p.tolerance);
          } else {
            expect(code).toBe(2);
            expect(['not-converged', 'inexact']).toContain(summary.status);
            expect(summary.problems.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: RUNS, seed: 3 },
    );
  });
});
