/**
 * `ev-cosim assign <network>`: static user equilibrium (Algorithm B) of a bundled
 * network (`SiouxFalls`, `Anaheim`, `ChicagoSketch`, `NguyenDupuis`) or a TNTP
 * `_net.tntp` file, with its trip table found beside it (`_trips.tntp`) or given by
 * `--trips`. Exit codes: 0 converged, 1 bad input, 2 gap target not reached.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { InputError, SolverError } from '../../common/errors.js';
import {
  BUNDLED_NETWORKS, bundledNetworkFiles, readTntpNetwork, readTntpTrips, solveStaticUe,
  type BundledNetworkName, type Network, type StaticUeResult, type UeIterationRecord,
} from '../../traffic/index.js';

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

export function runAssignCommand(spec: string, options: AssignCommandOptions): void {
  const started = performance.now();
  const gapTarget = parseNumber(options.gap, '--gap', (x) => x >= 0 && Number.isFinite(x), 'must be a number ≥ 0')!;
  const maxIterations = parseNumber(options.maxIter, '--max-iter', (x) => Number.isInteger(x) && x >= 0, 'must be an integer ≥ 0')!;
  const { netPath, tripsPath, readOptions } = resolveFiles(spec, options);
  const network = readTntpNetwork(netPath, readOptions);
  const demand = readTntpTrips(tripsPath);
  const progress = process.stderr.isTTY === true;
  const onIteration = (r: UeIterationRecord): void => {
    if (progress) process.stderr.write(`\rassign ${network.name}: iteration ${r.iteration}  gap ${r.relativeGap.toExponential(2)}  ${r.seconds.toFixed(2)} s   `);
  };
  const result = solveStaticUe(network, demand, { gapTarget, maxIterations, onIteration, demandSource: tripsPath });
  if (progress) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  if (options.flows !== undefined && result.converged) writeFlows(options.flows, network, result);
  const summary = {
    network: network.name,
    netFile: netPath,
    tripsFile: tripsPath,
    nodes: network.nodeIds.length,
    links: network.from.length,
    zones: network.zoneCount,
    objective: result.objective,
    relativeGap: result.relativeGap,
    averageExcessCostMin: result.averageExcessCostMin,
    iterations: result.iterations,
    converged: result.converged,
    gapTarget,
    seconds,
    flowsFile: options.flows !== undefined && result.converged ? options.flows : null,
  };
  process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : textSummary(summary));
  if (!result.converged) {
    throw new SolverError('ev-cosim assign', 'not converged',
      `relative gap ${result.relativeGap.toExponential(3)} > target ${gapTarget} after ${result.iterations} iterations${options.flows ? '; no flows written' : ''}`,
      result.relativeGap);
  }
}

function writeFlows(path: string, network: Network, result: StaticUeResult): void {
  const cost = result.classLinkCostsMin[0];
  const rows = Array.from(network.from, (f, a) => [network.nodeIds[f], network.nodeIds[network.to[a]], result.linkFlows[a], cost[a]]);
  try {
    writeFileSync(path, stringify(rows, { header: true, columns: ['init_node', 'term_node', 'flow', 'cost'] }));
  } catch (error) {
    throw new InputError({ source: 'ev-cosim assign', field: '--flows', value: path }, `cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function textSummary(s: { network: string; nodes: number; links: number; zones: number; objective: number; relativeGap: number;
  averageExcessCostMin: number; iterations: number; converged: boolean; seconds: number; flowsFile: string | null }): string {
  return [
    `network            ${s.network} (${s.nodes} nodes, ${s.links} links, ${s.zones} zones)`,
    `iterations         ${s.iterations}${s.converged ? '' : ' (gap target NOT reached)'}`,
    `relative gap       ${s.relativeGap.toExponential(3)}`,
    `avg excess cost    ${s.averageExcessCostMin.toExponential(3)} min`,
    `Beckmann objective ${s.objective.toPrecision(15)} (veh·min/h, TNTP units)`,
    `wall time          ${s.seconds.toFixed(3)} s`,
    ...(s.flowsFile !== null ? [`flows written to   ${s.flowsFile}`] : []),
    '',
  ].join('\n');
}
