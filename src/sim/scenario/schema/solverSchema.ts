/**
 * Scenario sections `solver` and `feedback`: tolerances of the DUE, the OPF
 * cone approximation and the price fixed point (docs/model.md §2 DUE gap, §3 cone gap, §4).
 */
import { z } from 'zod';

/** Schema of `solver`. */
export const solverSchema = z
  .strictObject({
    dueGapTolerance: z
      .number()
      .positive()
      .max(1)
      .default(1e-4)
      .describe('Relative DUE gap (at most 1) Σ f·(g − c_min) / Σ f·|c_min| at which the traffic equilibrium stops (default 1e-4: at 1e-3 the station load of one interval can move by a few tenths of a MW and change which grid limit binds).'),
    dueMaxIterations: z.number().int().positive().max(100_000).default(200).describe('Iteration limit of one DUE solve (at most 100,000).'),
    coneTolerancePu: z
      .number()
      .positive()
      .max(1)
      .optional()
      .describe(
        'Absolute cone tolerance |P² + Q² − v·ℓ| of the SOCP OPF, pu² (at most 1). Absent (default): the scale-aware criterion `coneRelTolerance` (docs/model.md §3.3); set, it replaces it (an absolute 1e-6 pu² gives DLMP errors of ~0.02 $/MWh on lightly loaded branches).',
      ),
    coneRelTolerance: z
      .number()
      .positive()
      .max(1)
      .optional()
      .describe('Relative tolerance of the OPF cut loop on cones, ratings and quadratic costs, at most 1 (absent: the grid default 1e-9, DLMPs to 0.01 $/MWh).'),
    maxCutRounds: z.number().int().positive().max(10_000).optional().describe('Most LP solves per interval in the OPF cut loop, at most 10,000 (absent: the grid default 60); an interval that needs more is `cut-limit`.'),
    fixedPointTolerance: z
      .number()
      .positive()
      .max(1000)
      .default(1e-3)
      .describe('Price fixed point: stop when max |F(ω) − ω| over stations and tariffs ≤ this, ¥/kWh (at most 1,000).'),
    damping: z
      .number()
      .min(0)
      .max(0.99)
      .default(0.3)
      .describe('Price fixed point: share of the old price kept, ω ← damping·ω + (1 − damping)·F(ω).'),
    maxRounds: z.number().int().positive().max(10_000).default(30).describe('Price fixed point: rounds per interval before reporting non-convergence (at most 10,000).'),
  })
  .describe('Solver tolerances and limits.');

/** Schema of `feedback`. */
export const feedbackSchema = z
  .enum(['next-tick', 'fixed-point'])
  .describe(
    '`next-tick`: DLMPs of interval t set the DLMP-linked prices of interval t+1 (the residual reported is the price lag |F(ω_t) − ω_t|). `fixed-point`: inside each interval, DUE → OPF → prices is iterated with damping until the residual ≤ `solver.fixedPointTolerance`.',
  );

/** Parsed sections. */
export type ScenarioSolver = z.output<typeof solverSchema>;
export type FeedbackMode = z.output<typeof feedbackSchema>;
