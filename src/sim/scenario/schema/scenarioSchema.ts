/**
 * The scenario file format (`scenarios/*.json`): one strict zod schema for the
 * whole study (docs/model.md §4, §6, §7). Unknown fields are errors; every field carries a
 * `.describe()` text from which `docs/scenario-reference.md` is generated.
 */
import { z } from 'zod';
import { classesSchema, demandSchema, trafficSchema } from './demandSchema.js';
import { feederSchema, MAX_LOAD_SCALE } from './feederSchema.js';
import { horizonSchema } from './horizonSchema.js';
import { couponSchema, pricesSchema } from './priceSchema.js';
import { feedbackSchema, solverSchema } from './solverSchema.js';
import { stationSchema } from './stationSchema.js';

const baseSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path of the JSON Schema (editor support only; ignored).'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, ".", "_" or "-"')
      .optional()
      .describe('Scenario name, used for the default output folder `out/<name>` (absent: the file name without `.json`).'),
    description: z.string().optional().describe('What the study is about (free text).'),
    calibration: z
      .array(z.string())
      .optional()
      .describe('How the scenario was calibrated: what was varied, what was measured (free text, one item per line).'),
    seed: z
      .number()
      .int()
      .nonnegative()
      .max(2 ** 32 - 1)
      .default(0)
      .describe('Random seed (0 to 2³² − 1). The engines are deterministic; the seed is recorded in the results for reproducibility.'),
    horizon: horizonSchema,
    traffic: trafficSchema,
    classes: classesSchema,
    demand: demandSchema.default({ scale: 1 }),
    stations: z.array(stationSchema).min(1).describe('Charging / V2G stations (at least one).'),
    prices: pricesSchema,
    coupons: z.array(couponSchema).default([]).describe('Coupons per station (stations not listed get none).'),
    feeder: feederSchema,
    feedback: feedbackSchema.default('next-tick'),
    solver: solverSchema.default({
      dueGapTolerance: 1e-4,
      dueMaxIterations: 200,
      fixedPointTolerance: 1e-3,
      damping: 0.3,
      maxRounds: 30,
    }),
  })
  .describe('An ev-cosim co-simulation scenario.');

type Base = z.output<typeof baseSchema>;

/**
 * Cross-field checks that need several sections: per-interval array lengths,
 * whole loading steps per interval, unique station ids/nodes, coupons naming a
 * station, outage interval ranges. Each issue carries the path of the bad field.
 */
function checkConsistency(s: Base, ctx: z.RefinementCtx): void {
  const n = s.horizon.intervals;
  const issue = (path: (string | number)[], message: string): void => {
    ctx.addIssue({ code: 'custom', path, message });
  };
  const lengthOk = (value: number | readonly number[] | undefined, path: (string | number)[]): void => {
    if (Array.isArray(value) && value.length !== n) issue(path, `must have one value per interval (${n}), got ${value.length}`);
  };
  const stepsPer = (minutes: number): number => (minutes * 60) / s.horizon.stepSec;
  if (!isWhole(stepsPer(s.horizon.intervalMin))) {
    issue(['horizon', 'stepSec'], `does not divide the interval (${s.horizon.intervalMin} min = ${s.horizon.intervalMin * 60} s) into whole steps`);
  }
  if (s.horizon.clearanceMin !== undefined && !isWhole(stepsPer(s.horizon.clearanceMin))) {
    issue(['horizon', 'clearanceMin'], `${s.horizon.clearanceMin * 60} s is not a whole number of steps of ${s.horizon.stepSec} s`);
  }
  lengthOk(s.demand.profile, ['demand', 'profile']);
  s.demand.od?.forEach((e, i) => lengthOk(e.vehPerHByInterval, ['demand', 'od', i, 'vehPerHByInterval']));
  lengthOk(s.feeder.loadScale, ['feeder', 'loadScale']);
  const peakScale = Math.max(...(typeof s.feeder.loadScale === 'number' ? [s.feeder.loadScale] : s.feeder.loadScale)) * s.feeder.loadMultiplier;
  if (peakScale > MAX_LOAD_SCALE) {
    issue(['feeder', 'loadMultiplier'], `times the largest feeder.loadScale gives ${peakScale}: the household load multiplier may be at most ${MAX_LOAD_SCALE} (docs/limits.md)`);
  }
  if (s.prices.charge.mode === 'fixed') lengthOk(s.prices.charge.yuanPerKWh, ['prices', 'charge', 'yuanPerKWh']);
  if (s.prices.v2g.mode === 'fixed') lengthOk(s.prices.v2g.yuanPerKWh, ['prices', 'v2g', 'yuanPerKWh']);

  const ids = new Set<string>();
  const nodes = new Set<number>();
  s.stations.forEach((st, i) => {
    if (ids.has(st.id)) issue(['stations', i, 'id'], `duplicate station id "${st.id}"`);
    if (nodes.has(st.node)) issue(['stations', i, 'node'], `node ${st.node} already has a station`);
    ids.add(st.id);
    nodes.add(st.node);
  });
  const couponed = new Set<string>();
  s.coupons.forEach((c, i) => {
    if (!ids.has(c.station)) issue(['coupons', i, 'station'], `unknown station "${c.station}"`);
    if (couponed.has(c.station)) issue(['coupons', i, 'station'], `station "${c.station}" listed twice`);
    couponed.add(c.station);
    lengthOk(c.chargeYuanPerKWh, ['coupons', i, 'chargeYuanPerKWh']);
    lengthOk(c.v2gYuanPerVisit, ['coupons', i, 'v2gYuanPerVisit']);
  });
  s.feeder.outages.forEach((o, i) => {
    if (o.fromInterval >= n) issue(['feeder', 'outages', i, 'fromInterval'], `must be < intervals (${n})`);
    if (o.toInterval !== undefined && (o.toInterval < o.fromInterval || o.toInterval >= n)) {
      issue(['feeder', 'outages', i, 'toInterval'], `must be in [fromInterval, intervals − 1] = [${o.fromInterval}, ${n - 1}]`);
    }
  });
}

function isWhole(x: number): boolean {
  return Math.abs(x - Math.round(x)) < 1e-9 && Math.round(x) >= 0;
}

/**
 * Schema of a whole scenario file.
 *
 * @example
 * const scenario = scenarioSchema.parse(JSON.parse(text)); // throws ZodError on bad input
 */
export const scenarioSchema = baseSchema.superRefine(checkConsistency);

/** A validated scenario (defaults filled in). */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
