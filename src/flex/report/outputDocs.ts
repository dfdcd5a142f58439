/**
 * What `ev-cosim flex` writes and prints, as schemas (docs/outputs.md is generated from
 * these; tests hold real outputs against them). Not described here: `report.html`,
 * `projection-<model>.svg` (pictures) and `results.jsonl` (internal resume log).
 */
import type { OutputDoc } from '../../common/outputDoc.js';
import { couponsCsvSchema, pointsCsvSchema, rangesCsvSchema, tiersCsvSchema, verticesCsvSchema } from './flexCsvSchemas.js';
import { flexJsonSchema, flexStdoutSchema } from './flexJsonSchema.js';

const command = 'ev-cosim flex';

/** Outputs of `ev-cosim flex`. */
export const FLEX_OUTPUT_DOCS: readonly OutputDoc[] = [
  {
    command,
    target: 'stdout',
    format: 'json',
    description: 'With `--json`: the object of flex.json plus `files`, the paths written. One model: that model\'s object; `--model both`: `{ model: "both", scenario, models: { dta, sta }, comparison, files }`.',
    schema: flexStdoutSchema,
  },
  {
    command,
    target: 'flex.json',
    format: 'json',
    description: 'The flexible operation region per subsidy tier: for each model t*, the axis stations, the coupon window, every tier\'s hull of all admissible runs (size under the key of its own dimension, affine rank, ranges, vertices, facets), its inner volume beside the outer bound\'s volume and their ratio, the admissible point count and the rejected runs by reason, and boundary points, each point a re-simulated co-simulation with its coupons, OPF status, shed and curtailment.',
    schema: flexJsonSchema,
  },
  {
    command,
    target: 'tiers.csv',
    format: 'csv',
    description: 'One row per model and subsidy tier: the size of the region in the column of its own dimension (volumeMw3 when full in three stations, areaMw2 when flat), its affine rank and growth over the previous tier (seed 003 §3.1 table), the inner volume in the axes\' dimension, the outer bound\'s volume and their ratio, admissible points, points outside the outer bound (must be 0) and rejected runs per reason.',
    schema: tiersCsvSchema,
  },
  {
    command,
    target: 'ranges.csv',
    format: 'csv',
    description: 'One row per model, tier and axis station: how far the station\'s net load at t* can be moved within the budget.',
    schema: rangesCsvSchema,
  },
  {
    command,
    target: 'points.csv',
    format: 'csv',
    description: 'One row per model, tier, boundary point (one per search direction) and axis station: the station\'s net load at that point, with the point\'s subsidy, DUE gap, OPF status, shed and curtailment.',
    schema: pointsCsvSchema,
  },
  {
    command,
    target: 'vertices.csv',
    format: 'csv',
    description: 'One row per model, tier, hull vertex and axis station: the station\'s net load at that vertex, with the vertex\'s subsidy, DUE gap, OPF status, shed and curtailment.',
    schema: verticesCsvSchema,
  },
  {
    command,
    target: 'coupons.csv',
    format: 'csv',
    description: 'One row per model, tier, point / vertex / plan, station and interval of the coupon window: the coupons that reproduce that point when offered.',
    schema: couponsCsvSchema,
  },
];
