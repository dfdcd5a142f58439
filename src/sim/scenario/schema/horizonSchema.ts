/**
 * Scenario section `horizon`: clock time, intervals and the loading step δ
 * (docs/model.md §2 "Dynamic network loading", §4, §6).
 */
import { z } from 'zod';
import { CLOCK_TIME_PATTERN } from '../../clock/clockTime.js';

/** Schema of `horizon`. */
export const horizonSchema = z
  .strictObject({
    start: z
      .string()
      .regex(CLOCK_TIME_PATTERN, 'must be a time of day HH:MM (24 h)')
      .describe('Clock time at which interval 0 starts, `HH:MM` (24 h), e.g. `"17:00"`.'),
    intervalMin: z
      .number()
      .positive()
      .max(1440)
      .describe('Length Δt of one price/reporting interval, minutes (docs/model.md §4: 10); at most 1,440 (a day; docs/limits.md).'),
    intervals: z
      .number()
      .int()
      .positive()
      .max(1000)
      .describe('Number of intervals of the study window; departures happen in these intervals only (the tail that follows has none, see `clearanceMin`).'),
    stepSec: z
      .number()
      .min(1)
      .max(3600)
      .describe(
        'Network-loading time step δ, seconds (docs/model.md §2: 30–60 s), 1 to 3,600. `intervalMin · 60` and `clearanceMin · 60` must be whole multiples of it.',
      ),
    clearanceMin: z
      .number()
      .nonnegative()
      .max(10080)
      .default(360)
      .describe(
        'Longest tail, minutes (at most 10,080 = a week): after the study window (`intervals`) the run continues interval by interval with no new departures until every vehicle has arrived and every station service has ended (docs/model.md §4 "Window and tail"). Every tail interval gets its OPF and is reported with `phase: "tail"`; the run stops at the first interval boundary where the network is clear. Not clear after `ceil(clearanceMin / intervalMin)` tail intervals → status `not-converged`. In the tail, household load scale, outages, fixed tariffs and coupons hold their last window value.',
      ),
  })
  .describe('Time horizon: start clock time, intervals and loading step.');

/** A parsed `horizon`. */
export type Horizon = z.output<typeof horizonSchema>;
