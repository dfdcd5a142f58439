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
import { readJsonFile } from '../common/readJsonFile.js';
import { parseV2gScenario, prepareV2gInput } from './v2gScenario.js';

/** Bundled scenario names (files in `scenarios/`). */
export { BUNDLED_EQUILIBRIUM_SCENARIOS };

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Social cost by component, $/h (docs/static-equilibria.md §1.6). */
export interface EquilibriumSocialCost {
  readonly generationUsdPerH: number;
  readonly sheddingUsdPerH: number;
  readonly travelUsdPerH: number;
  readonly energyUsdPerH: number;
  readonly totalUsdPerH: number;
}

/**
 * The fields both models report (keys are part of the CLI contract: docs/outputs.md,
 * schemas in src/cli/outputs/equilibrium.ts). The study period is 1 h, so MW = MWh.
 */
interface EquilibriumSummaryBase {
  readonly scenario: string;
  readonly status: 'converged' | 'not-converged';
  /** Equilibrium residual reached (relative). */
  readonly residual: number;
  readonly iterations: number;
  readonly residualHistory: readonly number[];
  readonly loadShedMw: number;
  readonly maxDlmpUsdPerMwh: number;
  /** Bus of `maxDlmpUsdPerMwh` (the lowest bus number on a tie). */
  readonly maxDlmpBus: number;
  readonly stationVisitShare: number;
  readonly v2gPathShare: number;
  readonly chargedMwh: number;
  readonly dischargedMwh: number;
  readonly socialCost: EquilibriumSocialCost;
}

/** Summary of a seed-000 V2G market equilibrium; `details` has stations, dominant paths, reroute, DLMPs. */
export interface V2gEquilibriumSummary extends EquilibriumSummaryBase {
  readonly kind: 'v2g-market-equilibrium';
  readonly v2g: boolean;
  /** Shed energy over the 1-h study period, MWh; price-sensitive demand at the reference price and the part priced out (MW, MWh). */
  readonly loadShedMwh: number;
  readonly priceSensitiveRefMw: number;
  readonly unservedPriceSensitiveMw: number;
  readonly unservedPriceSensitiveMwh: number;
  readonly residuals: V2gEquilibriumResult['residuals'];
  readonly details: V2gEquilibriumResult;
}

/** Summary of a seed-002 generalized Wardrop equilibrium; `details` has stations, generators, tolls. */
export interface GweEquilibriumSummary extends EquilibriumSummaryBase {
  readonly kind: 'generalized-wardrop-equilibrium';
  readonly v2g: false;
  readonly residuals: GweResult['residuals'];
  readonly details: GweResult;
}

/** The stable summary that `ev-cosim equilibrium --json` prints, by model `kind`. */
export type EquilibriumSummary = V2gEquilibriumSummary | GweEquilibriumSummary;

/** The bus with the highest DLMP (lowest bus number on a tie). */
function maxDlmpBus(dlmpUsdPerMwhByBus: Record<string, number>): number {
  let best = NaN;
  let bestValue = -Infinity;
  for (const [bus, value] of Object.entries(dlmpUsdPerMwhByBus)) {
    if (value > bestValue || (value === bestValue && Number(bus) < best)) [best, bestValue] = [Number(bus), value];
  }
  return best;
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
 * @throws InputError for bad files/fields; SolverError when a solver fails. A seed-000 run that stays above
 *   tolerance is returned with `status: 'not-converged'` and the residual reached (the CLI exits 2).
 * @example
 * const summary = await runEquilibriumScenario('siouxfalls-ieee123-stress', { v2g: true });
 * summary.loadShedMw; // 0 with V2G
 */
export async function runEquilibriumScenario(nameOrPath: string, options: RunEquilibriumOptions = {}): Promise<EquilibriumSummary> {
  const path = resolveEquilibriumScenario(nameOrPath);
  const raw = readJsonFile(path);
  const kind = raw !== null && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
  if (kind === 'generalized-wardrop-equilibrium') {
    if (options.v2g === true) throw new InputError({ source: path, field: '--v2g', value: 'on' }, 'the seed-002 model has no V2G');
    const scenario = parseGweScenario(raw, path);
    // Not converged is a result too (status and residual reached): the CLI prints it and exits 2.
    const r = await solveGweScenario(scenario, path, { tolerance: options.tolerance, maxIterations: options.maxIterations, throwOnNonConvergence: false });
    return {
      scenario: scenario.name, kind, v2g: false, status: r.status, residual: r.residual, residuals: { ...r.residuals },
      iterations: r.iterations, residualHistory: r.residualHistory, loadShedMw: r.loadShedMw,
      maxDlmpUsdPerMwh: r.maxDlmpUsdPerMwh, maxDlmpBus: maxDlmpBus(r.dlmpUsdPerMwhByBus),
      // Every seed-002 agent charges at one of the stations, and the model has no V2G.
      stationVisitShare: 1, v2gPathShare: 0, chargedMwh: r.chargedMwh, dischargedMwh: 0,
      socialCost: {
        generationUsdPerH: r.socialCost.generationUsdPerH, sheddingUsdPerH: 0, travelUsdPerH: r.socialCost.travelUsdPerH,
        energyUsdPerH: r.socialCost.energyUsdPerH, totalUsdPerH: r.socialCost.totalUsdPerH,
      },
      details: r,
    };
  }
  if (kind !== 'v2g-market-equilibrium') {
    throw new InputError({ source: path, field: 'kind', value: kind }, "must be 'v2g-market-equilibrium' or 'generalized-wardrop-equilibrium'");
  }
  const scenario = parseV2gScenario(raw, path);
  const v2g = options.v2g ?? scenario.v2g;
  const input = prepareV2gInput(scenario, path, v2g);
  // Not converged is a result too (status and residual reached): the CLI prints it and exits 2.
  const r = await solveV2gEquilibrium(input, {
    tolerance: options.tolerance ?? scenario.solver.tolerance,
    maxIterations: options.maxIterations ?? scenario.solver.maxIterations,
    throwOnNonConvergence: false,
  });
  return {
    scenario: scenario.name, kind, v2g, status: r.status, residual: r.residual, residuals: { ...r.residuals },
    iterations: r.iterations, residualHistory: r.residualHistory, loadShedMw: r.loadShedMw,
    loadShedMwh: r.loadShedMwh, priceSensitiveRefMw: r.priceSensitiveRefMw,
    unservedPriceSensitiveMw: r.unservedPriceSensitiveMw, unservedPriceSensitiveMwh: r.unservedPriceSensitiveMwh,
    maxDlmpUsdPerMwh: r.maxDlmpUsdPerMwh, maxDlmpBus: maxDlmpBus(r.dlmpUsdPerMwhByBus),
    stationVisitShare: r.stationVisitShare, v2gPathShare: r.v2gPathShare, chargedMwh: r.chargedMwh, dischargedMwh: r.dischargedMwh,
    socialCost: { ...r.socialCost },
    details: r,
  };
}
