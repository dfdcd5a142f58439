/**
 * zod schemas of the CSV tables `ev-cosim flex` writes: the keys are the columns in
 * order, each described with its unit; one value per cell, vectors in long format
 * (one row per station, interval…). Values are as a CSV reader with number casting
 * gives them (`csv-parse` `cast: true`): numbers, strings, `''` for an empty cell.
 */
import { z } from 'zod';
import { clockField } from '../../common/outputFields.js';

/**
 * Highest rank k whose `volumeMw<k>` the schemas know: six stations, the largest bundled
 * scenario (already 3^6 − 1 = 728 directions on the 45° grid, docs/flexibility.md §4).
 */
export const MAX_NAMED_RANK = 6;

const model = z.enum(['dta', 'sta']).describe('traffic model: dta (dynamic) or sta (static, 30-min intervals)');
const budgetYuan = z.number().positive().describe('subsidy budget F_max of the tier, ¥');
const station = z.string().describe('station id');
const bus = z.number().int().describe('feeder bus of the station');
const orEmpty = (value: z.ZodNumber, what: string) => z.union([value, z.literal('')]).describe(what);

/** `tiers.csv`: one row per model and tier. */
export const tiersCsvSchema = z.strictObject({
  model,
  interval: z.number().int().nonnegative().describe('t*, interval index in this model\'s intervals (0-based)'),
  clock: clockField('start of t*'),
  budgetYuan,
  stationCount: z.number().int().positive().describe('stations spanning the region (its dimension n)'),
  affineRank: orEmpty(z.number().int().nonnegative(), 'affine rank of the tier\'s hull: n when full-dimensional, n − 1 when flat; empty when the tier has no admissible point'),
  lengthMw: orEmpty(z.number().nonnegative(), 'length of the hull when its affine rank is 1, MW; empty otherwise'),
  areaMw2: orEmpty(z.number().nonnegative(), 'area of the hull when its affine rank is 2 (e.g. the flat STA region of three stations), MW²; empty otherwise'),
  volumeMw3: orEmpty(z.number().nonnegative(), 'volume of the hull when its affine rank is 3 (full-dimensional in three stations), MW³; empty otherwise'),
  increasePct: orEmpty(z.number(), 'growth of the hull\'s size over the previous tier, %; empty for the first tier or a rank change'),
  constantTotalMw: orEmpty(z.number(), 'total station net load when the region is flat on Σ P = const, MW; empty otherwise'),
  vertexCount: z.number().int().nonnegative().describe('hull vertices (rows of vertices.csv per station)'),
  pointCount: z.number().int().nonnegative().describe('boundary points, one per searched direction (0 when the tier has no admissible point)'),
  innerVolume: z.number().nonnegative().describe('size of the hull in the full dimension n of the axes, MW^n: its volume when full-dimensional, 0 when flat'),
  outerVolume: orEmpty(z.number().nonnegative(), 'volume of the outer bound over the axes, MW^n (the same for every tier); empty when not computed'),
  volumeRatio: orEmpty(z.number().nonnegative(), 'innerVolume / outerVolume (dimensionless); empty without an outer bound or with a zero outer volume'),
  admissiblePoints: z.number().int().nonnegative().describe('distinct admissible load vectors of the tier (every run the grid serves within the budget)'),
  outsideOuter: orEmpty(z.number().int().nonnegative(), 'admissible points outside the outer region by more than 1e-6 MW (must be 0); empty without an outer bound'),
  rejectedDueNotConverged: z.number().int().nonnegative().describe('runs not in the tier because a DUE, price fixed point or clearance missed its tolerance'),
  rejectedOpfNotExact: z.number().int().nonnegative().describe('runs not in the tier because an OPF interval was inexact or at its cut limit'),
  rejectedOpfInfeasible: z.number().int().nonnegative().describe('runs not in the tier because an OPF interval had no solution'),
  rejectedShed: z.number().int().nonnegative().describe('runs not in the tier because household load was shed'),
  rejectedCurtailed: z.number().int().nonnegative().describe('runs not in the tier because EV charging was curtailed'),
  rejectedOverBudget: z.number().int().nonnegative().describe('runs the grid serves whose subsidy exceeds the tier\'s budget'),
  // Only written when more than three stations span the region: volumeMw4 … volumeMw<n>.
  ...higherVolumeColumns(),
});

function higherVolumeColumns(): Record<string, z.ZodOptional<z.ZodUnion<readonly [z.ZodNumber, z.ZodLiteral<''>]>>> {
  const columns: Record<string, z.ZodOptional<z.ZodUnion<readonly [z.ZodNumber, z.ZodLiteral<''>]>>> = {};
  for (let k = 4; k <= MAX_NAMED_RANK; k++) {
    columns[`volumeMw${k}`] = z.union([z.number().nonnegative(), z.literal('')]).optional()
      .describe(`only with more than three stations (columns up to volumeMw<n>): ${k}-D volume of the hull when its affine rank is ${k}, MW^${k}; empty otherwise`);
  }
  return columns;
}

/** `ranges.csv`: one row per model, tier and axis station. */
export const rangesCsvSchema = z.strictObject({
  model,
  budgetYuan,
  station,
  bus,
  minNetMw: z.number().describe('lowest net load of the station at t* over the tier\'s hull points, MW'),
  maxNetMw: z.number().describe('highest net load of the station at t* over the tier\'s hull points, MW'),
});

const netMw = z.number().describe('net load of the station at t* (charge − V2G; + = consumption), MW');
const subsidyYuan = z.number().nonnegative().describe('subsidy actually paid in the point\'s run, ¥ (the point\'s value, repeated on each of its station rows)');
const dueRelativeGap = z.number().nonnegative().describe('final DUE relative gap of the point\'s run (dimensionless; repeated on each station row)');
const opfStatus = z.enum(['optimal', 'inexact', 'cut-limit', 'infeasible', 'error']).describe('worst OPF status over every interval of the point\'s run (repeated on each station row; `optimal` for an admissible point)');
const shedMw = z.number().nonnegative().describe('largest household load shed in one interval of the point\'s run, MW (repeated on each station row)');
const curtailedMw = z.number().nonnegative().describe('largest EV charging curtailment in one interval of the point\'s run, MW (repeated on each station row)');

/** `points.csv`: one row per model, tier, direction point and axis station. */
export const pointsCsvSchema = z.strictObject({
  model,
  budgetYuan,
  point: z.number().int().nonnegative().describe('index of the point = index of its direction in flex.json `directions`'),
  station,
  bus,
  directionComponent: z.number().describe('component of the unit search direction on this station (dimensionless)'),
  netMw,
  subsidyYuan,
  dueRelativeGap,
  opfStatus,
  shedMw,
  curtailedMw,
});

/** `vertices.csv`: one row per model, tier, hull vertex and axis station. */
export const verticesCsvSchema = z.strictObject({
  model,
  budgetYuan,
  vertex: z.number().int().nonnegative().describe('index of the vertex (order of flex.json `tiers[].vertices`)'),
  station,
  bus,
  netMw,
  subsidyYuan,
  dueRelativeGap,
  opfStatus,
  shedMw,
  curtailedMw,
});

/** `coupons.csv`: the coupons of every point, vertex and plan, one row per station and window interval. */
export const couponsCsvSchema = z.strictObject({
  model,
  budgetYuan,
  role: z.enum(['point', 'vertex', 'plan']).describe('whose coupons: a direction point, a hull vertex, or the tier plan of `--need`'),
  index: z.number().int().nonnegative().describe('the `point` of points.csv or the `vertex` of vertices.csv (0 for the plan)'),
  station: z.string().describe('station offered the coupons (every station, not only the axes)'),
  bus,
  interval: z.number().int().nonnegative().describe('arrival interval the coupon applies to (0-based; only intervals of the coupon window, coupons are zero elsewhere)'),
  clock: clockField('start of that interval'),
  chargeYuanPerKwh: z.number().nonnegative().describe('charging discount ψ_ch, ¥/kWh'),
  v2gYuanPerVisit: z.number().nonnegative().describe('V2G participation bonus ψ_v2g, ¥ per visit'),
});
