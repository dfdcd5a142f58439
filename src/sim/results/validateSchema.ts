/**
 * The schema of `ev-cosim validate --json`: what a scenario resolves to, without
 * running it (docs/outputs.md is generated from it; tests parse real output with it).
 */
import { z } from 'zod';
import { clockField } from '../../common/outputFields.js';

/** The `validate --json` object. */
export const validateReportSchema = z.strictObject({
  status: z.literal('ok').describe('Always `ok` (an invalid scenario prints one error line on stderr and exits 1 instead)'),
  scenario: z.string().describe('Scenario name (file name without `.json`)'),
  scenarioFile: z.string().describe('Scenario file as given on the command line'),
  horizon: z
    .strictObject({
      startAt: clockField('Start of interval 0'),
      intervalMin: z.number().describe('Length of one interval, min'),
      intervals: z.int().positive().describe('Number of intervals'),
      stepSec: z.number().describe('Loading step of the traffic model, s'),
    })
    .describe('Time horizon'),
  network: z
    .strictObject({
      name: z.string().describe('Road network name'),
      nodeCount: z.int().nonnegative().describe('Road nodes, including the virtual station nodes'),
      linkCount: z.int().nonnegative().describe('Links, including the station charge / V2G / bypass links'),
      odPairCount: z.int().nonnegative().describe('Origin–destination pairs with demand'),
    })
    .describe('Road network with the stations inserted'),
  feeder: z
    .strictObject({
      name: z.string().describe('Feeder name'),
      busCount: z.int().nonnegative().describe('Feeder buses'),
      branchCount: z.int().nonnegative().describe('Feeder branches, including normally-open ties'),
      generatorCount: z.int().nonnegative().describe('Substation connections, DGs and PV units'),
    })
    .describe('Feeder with the scenario\'s DGs and overrides'),
  stations: z
    .array(
      z.strictObject({
        station: z.string().describe('Station id'),
        node: z.int().describe('Road node of the station'),
        bus: z.int().describe('Feeder bus of the station'),
      }),
    )
    .describe('Stations in scenario order'),
  size: z
    .strictObject({
      memoryMb: z.number().nonnegative().describe('Estimated peak memory of one run, MB (docs/limits.md)'),
      cpuSec: z.number().nonnegative().describe('Estimated CPU time of one run, s (rough: the DUE iterations vary)'),
      memoryLimitMb: z.number().positive().describe('Limit of the estimated memory above which a run needs --allow-large, MB'),
      cpuLimitSec: z.number().positive().describe('Limit of the estimated CPU time above which a run needs --allow-large, s'),
      loadingSteps: z.int().nonnegative().describe('Loading steps the traffic model is expected to simulate (window + tail, longer while heavy demand drains)'),
      pathLinks: z.number().nonnegative().describe('Estimated links over all DUE paths'),
      odClassGroups: z.int().nonnegative().describe('OD pair × user class groups with demand'),
      vehicles: z.number().nonnegative().describe('Vehicles departing in the window, all classes'),
    })
    .describe('Size estimate of one run (docs/limits.md "Size guard")'),
  warnings: z
    .array(z.string())
    .describe('Input warnings that do not stop a run, e.g. a station no charging or V2G trip can use (also printed on stderr)'),
});

/** The `validate --json` object. */
export type ValidateReport = z.output<typeof validateReportSchema>;
