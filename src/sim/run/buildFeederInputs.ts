/**
 * Scenario → grid engine inputs: the feeder with the scenario's DGs, prices and
 * penalty applied, and the outages per interval (docs/model.md §3 stress features).
 * Checks every bus and branch the scenario names against the feeder.
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../../common/errors.js';
import { BUNDLED_FEEDERS, loadFeeder } from '../../grid/io/loadFeeder.js';
import type { Feeder, FeederGenerator } from '../../grid/model/feeder.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';

/** What the OPF needs from the scenario's grid side. */
export interface FeederInputs {
  readonly feeder: Feeder;
  /** Outaged branch ids per interval. */
  readonly outages: number[][];
}

/**
 * Load and adapt the feeder.
 *
 * 1. `feeder.case`: bundled name, else a path relative to `baseDir`.
 * 2. Append `feeder.dgs` as generators; override the substation price and the
 *    shedding penalty when given.
 * 3. Check DG buses and outaged branch ids exist (station buses are checked by
 *    the station ↔ bus mapping).
 *
 * @param scenario - validated scenario.
 * @param baseDir - folder of the scenario file.
 * @param source - scenario file name for errors.
 * @throws InputError naming the scenario file and field.
 * @example
 * const { feeder, outages } = buildFeederInputs(scenario, 'scenarios', 'scenarios/x.json');
 */
export function buildFeederInputs(scenario: Scenario, baseDir: string, source: string): FeederInputs {
  const spec = scenario.feeder.case;
  const bundled = (BUNDLED_FEEDERS as readonly string[]).includes(spec);
  const base = loadFeeder(bundled || isAbsolute(spec) ? spec : resolve(baseDir, spec));
  const busIds = new Set(base.buses.map((b) => b.id));
  const branchIds = new Set(base.branches.map((b) => b.id));
  const dgs: FeederGenerator[] = scenario.feeder.dgs.map((dg, i) => {
    if (!busIds.has(dg.bus)) throw new InputError({ source, field: `feeder.dgs[${i}] (${dg.id}).bus`, value: dg.bus }, 'bus is not on the feeder');
    return {
      id: dg.id,
      kind: dg.kind,
      bus: dg.bus,
      pMinMw: dg.pMinMw,
      pMaxMw: dg.pMaxMw,
      qMinMvar: dg.qMinMvar,
      qMaxMvar: dg.qMaxMvar,
      costUsdPerMwh: dg.costUsdPerMwh,
      costUsdPerMw2h: dg.costUsdPerMw2h,
    };
  });
  const importPrice = scenario.feeder.importPriceUsdPerMwh;
  const generators = base.generators.map((g) =>
    g.kind === 'substation' && importPrice !== undefined ? { ...g, costUsdPerMwh: importPrice, costUsdPerMw2h: 0 } : g,
  );
  const feeder: Feeder = {
    ...base,
    generators: [...generators, ...dgs],
    sheddingPenaltyUsdPerMwh: scenario.feeder.sheddingPenaltyUsdPerMwh ?? base.sheddingPenaltyUsdPerMwh,
  };
  const n = scenario.horizon.intervals;
  const outages: number[][] = Array.from({ length: n }, () => []);
  scenario.feeder.outages.forEach((o, i) => {
    if (!branchIds.has(o.branch)) throw new InputError({ source, field: `feeder.outages[${i}].branch`, value: o.branch }, 'no such branch in the feeder');
    for (let t = o.fromInterval; t <= (o.toInterval ?? n - 1); t++) outages[t].push(o.branch);
  });
  return { feeder, outages };
}
