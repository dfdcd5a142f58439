/**
 * zod schemas of the `ev-cosim flex` JSON (`--json` on stdout and `flex.json`): every
 * field described with its unit (docs/outputs.md is generated from these; the tests
 * parse real outputs with them). Vocabulary: src/common/outputDoc.ts.
 */
import { z } from 'zod';
import { byId, clockField } from '../../common/outputFields.js';
import { MAX_NAMED_RANK } from './flexCsvSchemas.js';

const byStation = <T extends z.ZodType>(value: T, what: string) => byId('station', value, `${what}, keyed by station id`);

const REJECTIONS = ['due-not-converged', 'opf-not-exact', 'opf-infeasible', 'shed', 'curtailed'] as const;
const rejectionSchema = z.enum(REJECTIONS).describe('`due-not-converged` (a DUE, price fixed point or clearance missed its tolerance), `opf-not-exact` (an OPF interval inexact or at its cut limit), `opf-infeasible` (an OPF without solution), `shed` (household load shed), `curtailed` (EV charging curtailed)');

/** Runs of the sweep not in a tier, by reason. */
export const rejectedCountsSchema = z.strictObject({
  dueNotConverged: z.number().int().nonnegative().describe('runs whose DUE, price fixed point or clearance missed its tolerance'),
  opfNotExact: z.number().int().nonnegative().describe('runs with an OPF interval that is inexact (relaxation not tight) or stopped at its cut limit'),
  opfInfeasible: z.number().int().nonnegative().describe('runs with an OPF interval without solution'),
  shed: z.number().int().nonnegative().describe('runs that shed household load in some interval (above the shed tolerance)'),
  curtailed: z.number().int().nonnegative().describe('runs in which the OPF curtailed EV charging in some interval (above the shed tolerance)'),
  overBudget: z.number().int().nonnegative().describe('runs the grid serves whose subsidy exceeds the tier\'s budget'),
});

/** Coupons of one station, one value per interval. */
export const stationCouponsSchema = z.strictObject({
  chargeYuanPerKwh: z.array(z.number().nonnegative()).describe('charging discount ψ_ch per interval (index = interval, clock in `clocks`), ¥/kWh'),
  v2gYuanPerVisit: z.array(z.number().nonnegative()).describe('V2G participation bonus ψ_v2g per interval (index = interval), ¥ per visit'),
});

/** One point: a re-simulated co-simulation run read at t*. */
export const flexPointSchema = z.strictObject({
  netMw: byStation(z.number(), 'net load at t* of each axis station (charge − V2G; + = consumption, − = net V2G injection), MW'),
  subsidyYuan: z.number().nonnegative().describe('subsidy actually paid to drivers in this run, ¥'),
  dueRelativeGap: z.number().nonnegative().describe('final relative gap of the run\'s dynamic user equilibrium (dimensionless)'),
  coupons: byStation(stationCouponsSchema, 'the full coupon book of the run (every station, not only the axes)'),
  opfStatus: z.enum(['optimal', 'inexact', 'cut-limit', 'infeasible', 'error']).describe('worst OPF status over every interval of the run, window and tail (optimal < inexact < cut-limit < infeasible < error); an admissible point has `optimal`'),
  shedMw: z.number().nonnegative().describe('largest household load shed in one interval of the run, MW (an admissible point: at most the shed tolerance, default 1e-6 MW)'),
  curtailedMw: z.number().nonnegative().describe('largest EV charging curtailment by the OPF in one interval of the run, MW (an admissible point: at most the shed tolerance)'),
  rejection: rejectionSchema.optional().describe('why the grid does not serve the run (absent when it does; docs/flexibility.md §1)'),
});

// Sizes of a region of affine rank k ≥ 4 (studies with more than three axis stations).
const higherVolumes = Object.fromEntries(
  Array.from({ length: MAX_NAMED_RANK - 3 }, (_, i) => i + 4).map((k) => [`volumeMw${k}`, z.number().nonnegative().optional().describe(`${k}-D volume of the tier's hull when its affine rank is ${k}, MW^${k}`)]),
) as Record<`volumeMw${number}`, z.ZodOptional<z.ZodNumber>>;

/** The size of a region under the key of its own dimension (only one is present). */
export const regionMeasureShape = {
  lengthMw: z.number().nonnegative().optional().describe('length of the tier\'s hull when its affine rank is 1 (a segment: one station, or collinear points), MW'),
  areaMw2: z.number().nonnegative().optional().describe('area of the tier\'s hull when its affine rank is 2 (two stations, or a flat region in three stations such as the STA plane), MW²'),
  volumeMw3: z.number().nonnegative().optional().describe('volume of the tier\'s hull when its affine rank is 3 (full-dimensional in three stations), MW³'),
  ...higherVolumes,
};

const rangeSchema = z.strictObject({
  minNetMw: z.number().describe('lowest net load of the station over the tier\'s hull points, MW'),
  maxNetMw: z.number().describe('highest net load of the station over the tier\'s hull points, MW'),
});

/** One subsidy tier. */
export const flexTierSchema = z.strictObject({
  budgetYuan: z.number().positive().describe('subsidy budget F_max of the tier, ¥'),
  affineRank: z.number().int().nonnegative().nullable().describe('affine rank of the tier\'s hull: the number of stations when full-dimensional, one less when flat; null when the tier has no admissible point (dimensionless)'),
  ...regionMeasureShape,
  increasePct: z.number().optional().describe('growth of the hull\'s size over the previous tier, % (absent for the first tier or when the rank changed)'),
  constantTotalMw: z.number().optional().describe('when the region is flat on Σ P = const (the STA case), that total station net load, MW'),
  ranges: byStation(rangeSchema, 'range of each axis station\'s net load over the tier'),
  vertices: z.array(flexPointSchema).describe('hull vertices of the tier, each a re-simulated point'),
  facets: z.array(z.array(z.number().int().nonnegative())).describe('boundary facets of the hull as indices into `vertices` (triangles in 3-D, polygon edges when flat)'),
  points: z.array(flexPointSchema).describe('the tier\'s boundary point per searched direction (order of `directions`): the admissible run with the least aᵀP; empty when the tier has no admissible point'),
  innerVolume: z.number().nonnegative().describe('size of the tier\'s hull (the inner approximation) in the full dimension n of the axes, MW^n: its volume when full-dimensional, 0 when the hull is flat (then its own size is under `areaMw2` / `lengthMw`)'),
  outerVolume: z.number().nonnegative().nullable().describe('volume of the outer bound over the axes, MW^n (a region that provably contains every point the grid can serve; the same for every tier); null when not computed'),
  volumeRatio: z.number().nonnegative().nullable().describe('innerVolume / outerVolume (dimensionless, ≤ 1): how much of the outer bound the inner hull covers; null without an outer bound or with a zero outer volume'),
  admissiblePoints: z.number().int().nonnegative().describe('distinct admissible load vectors of the tier: every run of the sweep the grid serves within the budget (design, searches, adaptive rounds), deduplicated to 1e-9 MW'),
  outsideOuter: z.number().int().nonnegative().nullable().describe('admissible points of the tier outside the outer region by more than 1e-6 MW: must be 0 (otherwise a warning is printed); null without an outer bound'),
  rejected: rejectedCountsSchema.describe('distinct runs (coupon books) of the sweep that are not points of this tier, by reason'),
});

const runsSchema = z.strictObject({
  design: z.number().int().nonnegative().describe('co-simulation runs of the design probes in this call (0 when resumed)'),
  search: z.number().int().nonnegative().describe('co-simulation runs of the direction searches in this call'),
  perPoint: z.number().nonnegative().describe('runs per reported point (design + search over tiers × directions)'),
  resumedTasks: z.number().int().nonnegative().describe('sweep tasks taken from the results file (`--resume`)'),
});

const planSchema = z.strictObject({
  need: z.strictObject({
    station: z.string().describe('station id of the first need'),
    bus: z.number().int().describe('feeder bus of that station'),
    op: z.enum(['<=', '>=']).describe('cap (`<=`) or floor (`>=`) on the net load'),
    limitMw: z.number().describe('limit on the net load at t*, MW (negative: net V2G injection)'),
    interval: z.number().int().nonnegative().describe('t*, interval index (0-based)'),
    clock: clockField('start of t*'),
  }).describe('the first grid need of `--need`'),
  needs: z.array(z.strictObject({
    text: z.string().describe('the need as given to `--need`'),
    stations: z.array(z.string()).describe('stations whose net loads the need sums (a bus: every station on it)'),
    bus: z.number().int().describe('feeder bus of the need'),
    op: z.enum(['<=', '>=']).describe('cap (`<=`) or floor (`>=`)'),
    limitMw: z.number().describe('limit on the summed net load at t*, MW'),
    loadMw: z.number().nullable().describe('verified net load at t* in the plan\'s re-simulated run, MW; null without a plan'),
    met: z.boolean().describe('the verified load meets the need'),
  })).describe('every `--need` (all must hold) with its verified load'),
  subsidyYuan: z.number().nullable().describe('subsidy actually paid by the plan\'s run, ¥; null when no admissible book found meets the needs'),
  tierYuan: z.number().nullable().describe('cheapest tier whose budget covers the subsidy (and whose hull contains the point, when one does), ¥; null when none'),
  budgetYuan: z.number().nullable().describe('same as `tierYuan`'),
  coupons: z.record(z.string(), z.strictObject({
    chargeYuanPerKwh: z.array(z.number()).describe('charging discount per interval, ¥/kWh'),
    v2gYuanPerVisit: z.array(z.number()).describe('V2G bonus per interval, ¥ per visit'),
  })).nullable().describe('the plan\'s coupon book (the offer to make), keyed by station id; null without a plan'),
  inTierHull: z.boolean().describe('the plan\'s point lies in the chosen tier\'s inner hull'),
  inSmallerTierHulls: z.array(z.number()).describe('budgets of the smaller tiers whose hulls contain the point, ¥ (empty: none)'),
  point: flexPointSchema.nullable().describe('the plan\'s run (a re-simulated, admissible co-simulation); null when none'),
  stationNetMw: z.number().nullable().describe('net load of the first need\'s station at the plan\'s point, MW; null when none'),
  tiers: z.array(z.strictObject({
    budgetYuan: z.number().describe('budget of the tier, ¥'),
    canMeet: z.boolean().describe('some admissible run within this budget meets every need'),
    containsPoint: z.boolean().describe('the plan\'s point lies in this tier\'s hull'),
  })).describe('per tier: can it meet the needs, does its hull contain the plan\'s point'),
  runs: z.number().int().nonnegative().describe('co-simulation runs spent by the planner (shrink + model + polish), each verified'),
  shrinkRuns: z.number().int().nonnegative().describe('runs of the scale bisection on the cheapest need-meeting runs (shrink step)'),
  modelRuns: z.number().int().nonnegative().describe('runs of the response-model LP steps'),
  polishRuns: z.number().int().nonnegative().describe('runs of the coordinate polish'),
  summary: z.string().describe('the plan in one sentence'),
});

/** The checked books of a model (`--books`, `--random-books`; docs/flexibility.md §3 "Checked books"). */
const bookCheckSchema = z.strictObject({
  source: z.enum(['file', 'random']).describe('`file` (`--books`: the books as given) or `random` (`--random-books`: a seeded random search of full books)'),
  file: z.string().optional().describe('the books file (source `file`)'),
  seed: z.number().int().nonnegative().optional().describe('seed of the random search (source `random`)'),
  requested: z.number().int().nonnegative().describe('books in the file, or admissible books wanted at the largest budget (random)'),
  books: z.number().int().nonnegative().describe('books run to an answer'),
  admissible: z.number().int().nonnegative().describe('of them, admissible at the largest budget (the grid serves them, subsidy within it)'),
  runs: z.number().int().nonnegative().describe('co-simulation runs of the check in this call (a random book over the budget is scaled and run again, at most twice)'),
  outsideToleranceMw: z.number().nonnegative().describe('books farther than this outside a tier\'s hull of the sweep\'s own runs are listed in `outside`, MW'),
  tiers: z.array(z.strictObject({
    budgetYuan: z.number().positive().describe('budget of the tier, ¥'),
    admissibleBooks: z.number().int().nonnegative().describe('books admissible for the tier'),
    outsideBooks: z.number().int().nonnegative().describe('of them, outside the tier\'s hull of the sweep\'s runs by more than `outsideToleranceMw`'),
    farthestOutsideMw: z.number().nonnegative().nullable().describe('largest distance of an admissible book outside the sweep\'s hull of the tier (a proved upper bound), MW; 0 when none lies outside; null when the sweep found no point for the tier'),
    sweepInnerVolume: z.number().nonnegative().describe('the tier\'s inner volume from the sweep\'s runs alone, MW^n (the tier\'s `innerVolume` includes the admissible books)'),
  })).describe('per tier, ascending budget'),
  outside: z.array(z.strictObject({
    label: z.string().describe('the book\'s label (its `label` in the file, or `random book <n>`)'),
    book: z.number().int().nonnegative().describe('index of the book (0-based: file order, or the random search\'s book number)'),
    budgetYuan: z.number().positive().describe('the tier it lay outside of, ¥'),
    distanceMw: z.number().nonnegative().nullable().describe('distance to that tier\'s hull of the sweep\'s runs, upper bound, MW; null when the sweep found no point for the tier'),
    distanceLowerMw: z.number().nonnegative().nullable().describe('lower bound of the same distance (Frank–Wolfe duality gap), MW'),
    point: flexPointSchema.describe('the book\'s run: it is now a point of the tier (and of every larger one)'),
  })).describe('every admissible book and tier with the book outside the sweep\'s hull by more than the tolerance; each is now in the tier\'s reported hull'),
});

/** The object of one model. */
export const flexModelSchema = z.strictObject({
  model: z.enum(['dta', 'sta']).describe('traffic model: dynamic (dta) or static with 30-min intervals (sta)'),
  scenario: z.string().describe('scenario name'),
  interval: z.number().int().nonnegative().describe('t*, interval index in this model\'s intervals (0-based)'),
  clock: clockField('start of t*'),
  intervalMin: z.number().positive().describe('interval length of this model, min'),
  clocks: z.array(z.string()).describe('start HH:MM of every interval (index = interval): the time axis of the coupon arrays'),
  stations: z.array(z.string()).describe('stations spanning the region\'s axes (ids)'),
  buses: z.array(z.number().int()).describe('feeder bus of each axis station (order of `stations`)'),
  window: z.strictObject({
    blocks: z.array(z.strictObject({
      intervals: z.array(z.number().int().nonnegative()).describe('intervals of the block (0-based)'),
      clocks: z.array(z.string()).describe('start HH:MM of each of those intervals'),
    })).describe('coupon blocks: one coupon value per station × kind × block, on arrivals in these intervals'),
    components: z.array(z.string()).describe('labels of the searched coupon components, e.g. `CS3 charge t5–t6`'),
  }).describe('the coupon window of the search (docs/flexibility.md §3)'),
  directions: z.array(z.array(z.number())).describe('search directions a, unit vectors on the axis stations (dimensionless)'),
  base: flexPointSchema.describe('the run without coupons'),
  tiers: z.array(flexTierSchema).describe('subsidy tiers, ascending budget; hulls nested'),
  runs: runsSchema.describe('co-simulation effort'),
  narrowStations: z.array(z.strictObject({
    station: z.string().describe('station id'),
    rangeMw: z.number().nonnegative().describe('its range at the largest budget (max − min net load over that tier\'s admissible points), MW'),
  })).describe('axis stations that barely move: range at the largest budget below 5 % of the widest axis station\'s range (they make the n-D volume tiny; empty when none, always empty with one axis; docs/flexibility.md §5)'),
  plan: planSchema.optional().describe('tier planning of `--need`'),
  bookCheck: bookCheckSchema.optional().describe('checked books (`--books` or `--random-books`; absent otherwise): how many lay outside the sweep\'s hulls, by how much; every admissible one is in its tiers\' point sets'),
  deadLetters: z.array(z.strictObject({
    taskId: z.string().describe('the task\'s key in `results.jsonl`: `design:<probe>`, `direction:<index>`, `adaptive:<index>:<vector>` or `book:<index>:<hash>`'),
    kind: z.enum(['design', 'direction', 'book', 'evaluate']).describe('`design` (a design probe\'s run), `direction` (a direction\'s boundary search) or `book` (a checked book\'s run)'),
    probe: z.number().int().nonnegative().optional().describe('design probe index (a design task)'),
    direction: z.number().int().nonnegative().optional().describe('direction index as the sweep numbered it (a direction task): the start directions first, then the adaptive rounds\''),
    book: z.number().int().nonnegative().optional().describe('index of the checked book (a book task)'),
    attempts: z.number().int().positive().describe('attempts made (1 inline or on the local pool; the queue retries up to 3)'),
    reason: z.string().describe('error message of the last attempt'),
  })).optional().describe('sweep tasks that failed for good (dead letters; absent when every task finished): the sweep went on without them, so their points are missing from the tiers, and `flex` exits 2 (docs/flexibility.md §8, docs/distributed.md)'),
});

const dimensionLabel = z.string().describe('the region\'s dimension in words, e.g. `3-D volume`, `2-D area (flat in 3 stations)`');

/** A row of the static-vs-dynamic comparison. */
export const comparisonRowSchema = z.strictObject({
  model: z.enum(['dta', 'sta']).describe('traffic model'),
  budgetYuan: z.number().describe('subsidy budget, ¥'),
  affineRank: z.number().int().nonnegative().nullable().describe('affine rank of the hull; null when the tier has no admissible point (dimensionless)'),
  dimensionLabel,
  ...regionMeasureShape,
  constantTotalMw: z.number().optional().describe('total station net load when flat on Σ P = const, MW'),
  ranges: byStation(z.strictObject({
    minNetMw: z.number().describe('lowest net load, MW'),
    maxNetMw: z.number().describe('highest net load, MW'),
    halfWidthMw: z.number().nonnegative().describe('half the range, MW (the ± of seed 003 §3.3)'),
  }), 'range of each axis station'),
});

/** `--model both`. */
export const flexBothSchema = z.strictObject({
  model: z.literal('both').describe('both traffic models were swept'),
  scenario: z.string().describe('scenario name'),
  models: z.record(z.enum(['dta', 'sta']).meta({ title: 'model' }), flexModelSchema).describe('one object per model (`dta`, `sta`), each of the single-model shape'),
  comparison: z.array(comparisonRowSchema).describe('static vs dynamic per budget'),
});

/** `flex.json`: one model's object, or both models. */
export const flexJsonSchema = z.union([flexModelSchema, flexBothSchema]).describe('one model: that model\'s object; `--model both`: both objects and their comparison');

const files = z.array(z.string()).describe('paths of the files written to the output folder');

/** `ev-cosim flex --json` on stdout: `flex.json` plus the files written. */
export const flexStdoutSchema = z.union([
  flexModelSchema.extend({ files }),
  flexBothSchema.extend({ files }),
]).describe('the object of `flex.json` with `files`');
