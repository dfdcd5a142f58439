/**
 * What `ev-cosim assign` prints with `--json` and writes with `--flows`, as strict
 * schemas: docs/outputs.md is generated from them and the CLI tests parse real outputs
 * with them. Costs are TNTP generalized costs in minutes,
 * c = t(x) + tollFactor·toll + distanceFactor·length (docs/model.md §2.8).
 */
import { z } from 'zod';
import type { OutputDoc } from '../../common/outputDoc.js';

/** `ev-cosim assign <network> --json`. */
export const ASSIGN_JSON_SCHEMA = z.strictObject({
  network: z.string().describe('network name'),
  netFile: z.string().describe('path of the TNTP network file read'),
  tripsFile: z.string().describe('path of the TNTP trip table read'),
  nodes: z.number().int().describe('road nodes'),
  links: z.number().int().describe('road links'),
  zones: z.number().int().describe('zones (trip origins and destinations)'),
  objectiveVehMinPerH: z.number().describe('Beckmann objective Σ ∫₀^x t + Σ fixed cost·x, veh·min/h (TNTP units)'),
  relativeGap: z.number().describe('relative gap (Σ x·c − Σ d·c_min) / Σ x·c reached'),
  relativeGapTarget: z.number().describe('relative gap asked for (`--gap`)'),
  averageExcessCostMin: z.number().describe('average excess cost (Σ x·c − Σ d·c_min) / Σ d, min per vehicle'),
  iterations: z.number().int().describe('outer iterations of Algorithm B'),
  converged: z.boolean().describe('true when the gap target was reached (else the exit code is 2)'),
  wallMs: z.number().describe('wall time of the command (reading the files and writing `--flows` included), ms'),
  flowsFile: z.string().nullable().describe('path of the `--flows` CSV written, or null (not asked, or not converged)'),
});

/** `ev-cosim assign <network> --flows <file>`: one row per link, in the order of the network file. */
export const ASSIGN_FLOWS_CSV_SCHEMA = z.strictObject({
  fromNode: z.coerce.number().int().describe('tail node of the link (the file\'s node number)'),
  toNode: z.coerce.number().int().describe('head node of the link'),
  flowVehPerH: z.coerce.number().describe('equilibrium link flow, veh/h'),
  costMin: z.coerce.number().describe('generalized link cost at that flow, min (the BPR travel time when toll and distance factors are 0)'),
});

/** The printed `assign --json` object. */
export type AssignJson = z.output<typeof ASSIGN_JSON_SCHEMA>;

/** One row of the `--flows` CSV (as written: numbers). */
export type AssignFlowsRow = z.output<typeof ASSIGN_FLOWS_CSV_SCHEMA>;

/** Outputs of `ev-cosim assign`. */
export const ASSIGN_OUTPUT_DOCS: readonly OutputDoc[] = [
  {
    command: 'ev-cosim assign --json',
    target: 'stdout',
    format: 'json',
    description: 'Static user equilibrium (Algorithm B) of a bundled or TNTP network: convergence, Beckmann objective and wall time.',
    schema: ASSIGN_JSON_SCHEMA,
  },
  {
    command: 'ev-cosim assign --flows <file>',
    target: '<file>',
    format: 'csv',
    description: 'One row per road link, in the order of the network file: the equilibrium flow and the link cost at that flow. Written only when the gap target is reached.',
    schema: ASSIGN_FLOWS_CSV_SCHEMA,
  },
];
