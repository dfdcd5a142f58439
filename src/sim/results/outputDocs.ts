/**
 * What `ev-cosim run` writes and prints, as schemas (docs/outputs.md is generated from
 * these; tests hold real outputs against them).
 */
import type { OutputDoc } from '../../common/outputDoc.js';
import { cosimSummarySchema } from './summarySchema.js';
import { busesCsvSchema, linksCsvSchema, stationsCsvSchema, systemCsvSchema } from './tableSchemas.js';
import { validateReportSchema } from './validateSchema.js';

const RUN = 'ev-cosim run';

/** Outputs of `ev-cosim run` and `ev-cosim validate`. */
export const RUN_OUTPUT_DOCS: readonly OutputDoc[] = [
  {
    command: RUN,
    target: 'stdout',
    format: 'json',
    description: 'With `--json`: one JSON object, the run summary (the same object as `summary.json`, with `files` filled in).',
    schema: cosimSummarySchema,
  },
  {
    command: RUN,
    target: 'summary.json',
    format: 'json',
    description: 'The run summary: status, horizon, stations with their energy, one entry per interval, horizon totals, problems, wall time and the files written.',
    schema: cosimSummarySchema,
  },
  {
    command: RUN,
    target: 'stations.csv',
    format: 'csv',
    description: 'One row per interval × station: power, vehicles in service / waiting / arriving, tariffs, coupons and the DLMP at the station bus.',
    schema: stationsCsvSchema,
  },
  {
    command: RUN,
    target: 'buses.csv',
    format: 'csv',
    description: 'One row per interval × feeder bus: voltage, active and reactive DLMP, load shed and station net load at the bus.',
    schema: busesCsvSchema,
  },
  {
    command: RUN,
    target: 'links.csv',
    format: 'csv',
    description: 'One row per interval × road link (stations inserted as links): inflow and experienced travel time.',
    schema: linksCsvSchema,
  },
  {
    command: RUN,
    target: 'system.csv',
    format: 'csv',
    description: 'One row per interval: OPF status, feeder totals and extremes, and the convergence figures of the DUE, the OPF relaxation and the price fixed point.',
    schema: systemCsvSchema,
  },
  {
    command: 'ev-cosim validate',
    target: 'stdout',
    format: 'json',
    description: 'With `--json`: one JSON object describing what the scenario resolves to (network, feeder, stations), printed only when it is valid.',
    schema: validateReportSchema,
  },
];
