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
      .default(1e-3)
      .describe('Relative DUE gap Σ f·(g − c_min) / Σ f·c_min at which the traffic equilibrium stops.'),
    dueMaxIterations: z.number().int().positive().default(200).describe('Iteration limit of one DUE solve.'),
    coneTolerancePu: z
      .number()
      .positive()
      .default(1e-6)
      .describe('Largest accepted cone gap |P² + Q² − v·ℓ| of the SOCP OPF, pu.'),
    fixedPointTolerance: z
      .number()
      .positive()
      .default(1e-3)
      .describe('Price fixed point: stop when max |F(ω) − ω| over stations and tariffs ≤ this, ¥/kWh.'),
    damping: z
      .number()
      .min(0)
      .max(0.99)
      .default(0.3)
      .describe('Price fixed point: share of the old price kept, ω ← damping·ω + (1 − damping)·F(ω).'),
    maxRounds: z.number().int().positive().default(30).describe('Price fixed point: rounds per interval before reporting non-convergence.'),
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
