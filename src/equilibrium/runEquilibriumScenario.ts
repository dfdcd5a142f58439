/**
 * Resolve and run a static-equilibrium scenario (seed 000 V2G market equilibrium or
 * seed 002 generalized Wardrop equilibrium) and return the stable machine-readable
 * summary that `ev-cosim equilibrium --json` prints.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../common/errors.js';
import { BUNDLED_EQUILIBRIUM_SCENARIOS } from './bundledEquilibriumScenarios.js';
import { parseGweScenario } from './gweScenario.js';
import { solveGweScenario, type GweResult } from './solveGweScenario.js';
import { solveV2gEquilibrium, type V2gEquilibriumResult } from './solveV2gEquilibrium.js';
import { parseV2gScenario, prepareV2gInput, readJsonFile } from './v2gScenario.js';

/** Bundled scenario names (files in `scenarios/`). */
export { BUNDLED_EQUILIBRIUM_SCENARIOS };

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Social cost by component, $/h. */
export interface EquilibriumSocialCost {
  readonly generation: number;
  readonly shedding: number;
  readonly travel: number;
  readonly energy: number;
  readonly total: number;
}

/** The stable summary (keys are part of the CLI contract). */
export interface EquilibriumSummary {
  readonly scenario: string;
  readonly kind: 'v2g-market-equilibrium' | 'generalized-wardrop-equilibrium';
  readonly v2g: boolean;
  readonly status: 'converged' | 'not-converged';
  readonly residual: number;
  readonly residuals: Record<string, number>;
  readonly iterations: number;
  readonly residualHistory: readonly number[];
  readonly loadShedMW: number;
  readonly maxDlmp: number;
  readonly stationVisitShare: number;
  readonly v2gPathShare: number;
  readonly chargedMWh: number;
  readonly dischargedMWh: number;
  readonly socialCost: EquilibriumSocialCost;
  /** Model-specific details (seed 000: stations, dominant paths, reroute, DLMPs; seed 002: stations, tolls). */
  readonly details: V2gEquilibriumResult | GweResult;
}

/** Options of `runEquilibriumScenario`. */
export interface RunEquilibriumOptions {
  /** Override the scenario's V2G switch (seed 000 only). */
  readonly v2g?: boolean;
  /** Override the solver tolerance / iteration limit. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/**
 * Path of a bundled name, or the argument itself when it is a file.
 * @example
 * resolveEquilibriumScenario('gwe-ieee33'); // …/scenarios/gwe-ieee33.json
 */
export function resolveEquilibriumScenario(nameOrPath: string): string {
  if ((BUNDLED_EQUILIBRIUM_SCENARIOS as readonly string[]).includes(nameOrPath)) return `${SCENARIO_DIR}${nameOrPath}.json`;
  if (existsSync(nameOrPath)) return nameOrPath;
  throw new InputError({ source: 'equilibrium', field: 'scenario', value: nameOrPath },
    `neither a bundled scenario (${BUNDLED_EQUILIBRIUM_SCENARIOS.join(', ')}) nor an existing file`);
}

/**
 * Run a scenario by bundled name or path.
 *
 * @throws InputError for bad files/fields; SolverError when not converged (with the residual reached).
 * @example
 * const summary = await runEquilibriumScenario('siouxfalls-ieee123-stress', { v2g: true });
 * summary.loadShedMW; // 0 with V2G
 */
export async function runEquilibriumScenario(nameOrPath: string, options: RunEquilibriumOptions = {}): Promise<EquilibriumSummary> {
  const path = resolveEquilibriumScenario(nameOrPath);
  const raw = readJsonFile(path);
  const kind = raw !== null && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
  if (kind === 'generalized-wardrop-equilibrium') {
    if (options.v2g === true) throw new InputError({ source: path, field: '--v2g', value: 'on' }, 'the seed-002 model has no V2G');
    const scenario = parseGweScenario(raw, path);
    const r = await solveGweScenario(scenario, path, { tolerance: options.tolerance, maxIterations: options.maxIterations });
    return {
      scenario: scenario.name, kind, v2g: false, status: r.status, residual: r.residual, residuals: { ...r.residuals },
      iterations: r.iterations, residualHistory: r.residualHistory, loadShedMW: r.loadShedMw, maxDlmp: r.maxDlmpUsdPerMwh,
      stationVisitShare: 1, v2gPathShare: 0, chargedMWh: r.chargedMwh, dischargedMWh: 0,
      socialCost: { generation: r.socialCost.generationUsdPerH, shedding: 0, travel: r.socialCost.travelUsdPerH, energy: r.socialCost.energyUsdPerH, total: r.socialCost.totalUsdPerH },
      details: r,
    };
  }
  if (kind !== 'v2g-market-equilibrium') {
    throw new InputError({ source: path, field: 'kind', value: kind }, "must be 'v2g-market-equilibrium' or 'generalized-wardrop-equilibrium'");
  }
  const scenario = parseV2gScenario(raw, path);
  const v2g = options.v2g ?? scenario.v2g;
  const input = prepareV2gInput(scenario, path, v2g);
  const r = await solveV2gEquilibrium(input, {
    tolerance: options.tolerance ?? scenario.solver.tolerance,
    maxIterations: options.maxIterations ?? scenario.solver.maxIterations,
  });
  const c = r.socialCost;
  return {
    scenario: scenario.name, kind, v2g, status: r.status, residual: r.residual, residuals: { ...r.residuals },
    iterations: r.iterations, residualHistory: r.residualHistory, loadShedMW: r.loadShedMw, maxDlmp: r.maxDlmpUsdPerMwh,
    stationVisitShare: r.stationVisitShare, v2gPathShare: r.v2gPathShare, chargedMWh: r.chargedMwh, dischargedMWh: r.dischargedMwh,
    socialCost: { generation: c.generationUsdPerH, shedding: c.sheddingUsdPerH, travel: c.travelUsdPerH, energy: c.energyUsdPerH, total: c.totalUsdPerH },
    details: r,
  };
}
