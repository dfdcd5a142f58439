/**
 * What `ev-cosim assign` does once its options are parsed (loaded lazily by `../commands/assign.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim assign <network>`: static user equilibrium (Algorithm B) of a bundled
 * network (`SiouxFalls`, `Anaheim`, `ChicagoSketch`, `NguyenDupuis`) or a TNTP
 * `_net.tntp` file, with its trip table found beside it (`_trips.tntp`) or given by
 * `--trips`. Exit codes: 0 converged, 1 bad input, 2 gap target not reached.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { InputError, SolverError } from '../../common/errors.js';
import {
  BUNDLED_NETWORKS, bundledNetworkFiles, readTntpNetwork, readTntpTrips, solveStaticUe,
  type BundledNetworkName, type Network, type StaticUeResult, type UeIterationRecord,
} from '../../traffic/index.js';
import type { AssignFlowsRow, AssignJson } from '../outputs/assign.js';

/** Options of `ev-cosim assign` as commander parses them. */
export interface AssignCommandOptions {
  trips?: string;
  gap: string;
  maxIter: string;
  flows?: string;
  json?: boolean;
  tollFactor?: string;
  distanceFactor?: string;
}


function parseNumber(raw: string | undefined, flag: string, check: (x: number) => boolean, rule: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !check(value)) throw new InputError({ source: 'ev-cosim assign', field: flag, value: raw }, rule);
  return value;
}

function resolveFiles(spec: string, options: AssignCommandOptions) {
  const bundled = BUNDLED_NETWORKS.find((name) => name.toLowerCase() === spec.toLowerCase());
  const tollFactor = parseNumber(options.tollFactor, '--toll-factor', Number.isFinite, 'must be a number');
  const distanceFactor = parseNumber(options.distanceFactor, '--distance-factor', Number.isFinite, 'must be a number');
  if (bundled !== undefined) {
    const files = bundledNetworkFiles(bundled as BundledNetworkName);
    return {
      netPath: files.netPath,
      tripsPath: options.trips ?? files.tripsPath,
      readOptions: { ...files.options, ...(tollFactor !== undefined && { tollFactor }), ...(distanceFactor !== undefined && { distanceFactor }) },
    };
  }
  if (!existsSync(spec)) {
    throw new InputError({ source: 'ev-cosim assign', field: '<network>', value: spec }, `neither a bundled network (${BUNDLED_NETWORKS.join(', ')}) nor an existing file`);
  }
  let tripsPath = options.trips;
  if (tripsPath === undefined) {
    const guess = spec.replace(/_net(\.tntp|\.txt)$/i, '_trips$1');
    if (guess === spec || !existsSync(guess)) {
      throw new InputError({ source: 'ev-cosim assign', field: '--trips', value: guess === spec ? undefined : guess }, `no trip table found beside ${spec}; give one with --trips`);
    }
    tripsPath = guess;
  }
  return { netPath: spec, tripsPath, readOptions: { tollFactor, distanceFactor } };
}

/**
 * Run `ev-cosim assign` (registered in `commands/assign.ts`): print the summary or, with
 * `--json`, one object; `--flows` writes the link CSV (fields: src/cli/outputs/assign.ts).
 */
export function runAssignCommand(spec: string, options: AssignCommandOptions): void {
  const started = performance.now();
  const gapTarget = parseNumber(options.gap, '--gap', (x) => x >= 0 && Number.isFinite(x), 'must be a number ≥ 0')!;
  const maxIterations = parseNumber(options.maxIter, '--max-iter', (x) => Number.isInteger(x) && x >= 0, 'must be an integer ≥ 0')!;
  const { netPath, tripsPath, readOptions } = resolveFiles(spec, options);
  if (options.flows !== undefined) checkFlowsTarget(options.flows); // before the solve, not after it
  const network = readTntpNetwork(netPath, readOptions);
  const demand = readTntpTrips(tripsPath);
  const progress = process.stderr.isTTY === true;
  const onIteration = (r: UeIterationRecord): void => {
    if (progress) process.stderr.write(`\rassign ${network.name}: iteration ${r.iteration}  gap ${r.relativeGap.toExponential(2)}  ${r.seconds.toFixed(2)} s   `);
  };
  const result = solveStaticUe(network, demand, { gapTarget, maxIterations, onIteration, demandSource: tripsPath });
  if (progress) process.stderr.write('\n');
  if (options.flows !== undefined && result.converged) writeFlows(options.flows, network, result);
  const summary: AssignJson = {
    network: network.name,
    netFile: netPath,
    tripsFile: tripsPath,
    nodes: network.nodeIds.length,
    links: network.from.length,
    zones: network.zoneCount,
    objectiveVehMinPerH: result.objective,
    relativeGap: result.relativeGap,
    relativeGapTarget: gapTarget,
    averageExcessCostMin: result.averageExcessCostMin,
    iterations: result.iterations,
    converged: result.converged,
    wallMs: performance.now() - started,
    flowsFile: options.flows !== undefined && result.converged ? options.flows : null,
  };
  process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : textSummary(summary));
  if (!result.converged) {
    throw new SolverError('ev-cosim assign', 'not converged',
      `relative gap ${result.relativeGap.toExponential(3)} > target ${gapTarget} after ${result.iterations} iterations${options.flows ? '; no flows written' : ''}`,
      result.relativeGap);
  }
}

/** Column order of the `--flows` CSV (schema: src/cli/outputs/assign.ts). */
const FLOWS_COLUMNS: readonly (keyof AssignFlowsRow)[] = ['fromNode', 'toNode', 'flowVehPerH', 'costMin'];

/** `--flows` must name a file in an existing folder (not a folder), so a bad path is refused before the solve. */
function checkFlowsTarget(path: string): void {
  const fail = (reason: string): never => {
    throw new InputError({ source: 'ev-cosim assign', field: '--flows', value: path }, reason);
  };
  if (existsSync(path) && statSync(path).isDirectory()) fail('is a folder; give a file path for the CSV');
  const parent = dirname(resolve(path));
  if (!existsSync(parent)) fail(`its folder ${parent} does not exist`);
  if (!statSync(parent).isDirectory()) fail(`${parent} is a file, not a folder`);
}

function writeFlows(path: string, network: Network, result: StaticUeResult): void {
  const cost = result.classLinkCostsMin[0];
  const rows = Array.from(network.from, (f, a): AssignFlowsRow => ({
    fromNode: network.nodeIds[f], toNode: network.nodeIds[network.to[a]], flowVehPerH: result.linkFlows[a], costMin: cost[a],
  }));
  try {
    writeFileSync(path, stringify(rows, { header: true, columns: [...FLOWS_COLUMNS] }));
  } catch (error) {
    throw new InputError({ source: 'ev-cosim assign', field: '--flows', value: path }, `cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function textSummary(s: AssignJson): string {
  return [
    `network            ${s.network} (${s.nodes} nodes, ${s.links} links, ${s.zones} zones)`,
    `iterations         ${s.iterations}${s.converged ? '' : ' (gap target NOT reached)'}`,
    `relative gap       ${s.relativeGap.toExponential(3)} (target ${s.relativeGapTarget})`,
    `avg excess cost    ${s.averageExcessCostMin.toExponential(3)} min`,
    `Beckmann objective ${s.objectiveVehMinPerH.toPrecision(15)} veh·min/h (TNTP units)`,
    `wall time          ${s.wallMs.toFixed(1)} ms`,
    ...(s.flowsFile !== null ? [`flows written to   ${s.flowsFile}`] : []),
    '',
  ].join('\n');
}
