/**
 * What `ev-cosim equilibrium` does once its options are parsed (loaded lazily by `../commands/equilibrium.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim equilibrium <scenario> [--v2g on|off] [--json]`: solve a static coupled
 * equilibrium (seed 000 V2G market equilibrium or seed 002 generalized Wardrop
 * equilibrium) and print a summary or one JSON object.
 */
import { EXIT_SOLVER_FAILURE, InputError } from '../../common/errors.js';
import { runEquilibriumScenario, type EquilibriumSummary } from '../../equilibrium/runEquilibriumScenario.js';
import type { V2gDominantPath } from '../../equilibrium/v2gReport.js';

/** Options of `ev-cosim equilibrium` as commander parses them. */
export interface EquilibriumOptions {
  readonly v2g?: string;
  readonly json?: boolean;
  readonly tolerance?: string;
  readonly maxIterations?: string;
}

/** Path and route flows are typed arrays; print them as JSON lists (docs/outputs.md). */
const typedArraysAsLists = (_key: string, value: unknown): unknown => (value instanceof Float64Array ? Array.from(value) : value);

const f = (x: number, digits = 3): string => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(digits));

function summaryText(s: EquilibriumSummary): string {
  const c = s.socialCost;
  const lines = [
    `${s.scenario} (${s.kind}${s.kind === 'v2g-market-equilibrium' ? `, V2G ${s.v2g ? 'on' : 'off'}` : ''})`,
    `  status ${s.status}, residual ${s.residual.toExponential(2)} after ${s.iterations} iterations`,
    `  load shed ${f(s.loadShedMw)} MW, max DLMP ${f(s.maxDlmpUsdPerMwh)} $/MWh at bus ${s.maxDlmpBus}`,
    ...(s.kind === 'v2g-market-equilibrium'
      ? [`  load shed ${f(s.loadShedMwh)} MWh; price-sensitive demand priced out ${f(s.unservedPriceSensitiveMw)} MW = ${f(s.unservedPriceSensitiveMwh)} MWh of ${f(s.priceSensitiveRefMw)} MW at the reference price`]
      : []),
    `  EV station visits ${(100 * s.stationVisitShare).toFixed(1)} %, V2G paths ${(100 * s.v2gPathShare).toFixed(1)} %`,
    `  charged ${f(s.chargedMwh)} MWh, discharged ${f(s.dischargedMwh)} MWh`,
    `  social cost ${f(c.totalUsdPerH)} $/h = generation ${f(c.generationUsdPerH)} + shedding ${f(c.sheddingUsdPerH)} + travel ${f(c.travelUsdPerH)} + energy ${f(c.energyUsdPerH)}`,
  ];
  if (s.kind === 'v2g-market-equilibrium') {
    const d = s.details;
    lines.push(`  waiting ${f(d.waitingVehH)} veh·h, service ${f(d.serviceVehH)} veh·h, active V2G OD pairs: ${d.activeV2gOdPairs.join(', ') || 'none'}`);
    for (const st of d.stations) {
      lines.push(`  ${st.id} (node ${st.node}, bus ${st.bus}): net ${f(st.netMw)} MW, visits ${f(st.visitsVehPerH)} veh/h, price ${f(st.priceUsdPerMwh)} $/MWh`);
    }
    const show = (label: string, p: V2gDominantPath): string => {
      const c = p.cost;
      return `  ${label} ${p.od}: ${p.nodes} (pattern ${p.pattern}, ${(100 * p.flowShare).toFixed(1)} % of EVs, ${f(c.totalUsd)} $ = time ${f(c.timeUsd)} + wait ${f(c.waitUsd)} + service ${f(c.serviceUsd)} + energy ${f(c.energyUsd)} + degradation ${f(c.degradationUsd)})`;
    };
    if (d.reroute !== null) {
      lines.push(show('dominant path', d.reroute.dominant));
      if (d.reroute.dominantV2g !== null) lines.push(show('dominant V2G path', d.reroute.dominantV2g));
    }
  } else {
    const d = s.details;
    for (const st of d.stations) {
      lines.push(`  ${st.id} (node ${st.node}, bus ${st.bus}): ${f(st.arrivalsVehPerH)} veh/h, ${f(st.chargingKw)} of ${f(st.capacityKw)} kW, DLMP ${f(st.dlmpUsdPerMwh)} $/MWh, congestion ${f(st.congestionPriceUsd)} $/vehicle, capacity price ${st.capacityPriceUsdPerKwh.toFixed(4)} $/kWh`);
    }
    lines.push(`  Wardrop gap over all routes ${d.residuals.wardrop.toExponential(2)} (${d.routeCount} routes, ${d.columnRounds} column-generation rounds), road tolls: ${d.roadTolls.map((t) => `${t.link} ${f(t.tollUsd)} $`).join(', ') || 'none'}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Run `ev-cosim equilibrium <scenario>` (registered in `commands/equilibrium.ts`): print the
 * summary or, with `--json`, one object (fields: src/cli/outputs/equilibrium.ts).
 */
export async function equilibriumCommand(scenario: string, options: EquilibriumOptions): Promise<void> {
  if (options.v2g !== undefined && options.v2g !== 'on' && options.v2g !== 'off') {
    throw new InputError({ source: 'ev-cosim equilibrium', field: '--v2g', value: options.v2g }, "must be 'on' or 'off'");
  }
  const num = (v: string | undefined, field: string): number | undefined => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0) throw new InputError({ source: 'ev-cosim equilibrium', field, value: v }, 'must be a positive number');
    return x;
  };
  const summary = await runEquilibriumScenario(scenario, {
    v2g: options.v2g === undefined ? undefined : options.v2g === 'on',
    tolerance: num(options.tolerance, '--tolerance'),
    maxIterations: num(options.maxIterations, '--max-iterations'),
  });
  process.stdout.write(options.json === true ? `${JSON.stringify(summary, typedArraysAsLists)}\n` : summaryText(summary));
  if (summary.status === 'not-converged') {
    // The result is printed (one JSON object with the residual reached); the exit code says it is not an equilibrium.
    process.stderr.write(`ev-cosim: solver failure: ${summary.scenario}: not-converged: equilibrium residual above tolerance after ${summary.iterations} iterations (gap reached ${summary.residual.toExponential(3)})\n`);
    process.exitCode = EXIT_SOLVER_FAILURE;
  }
}
