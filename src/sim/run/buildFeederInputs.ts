/**
 * Scenario → grid engine inputs: the feeder with the scenario's DGs, prices and
 * penalty applied, and the outages per interval (docs/model.md §3 stress features).
 * Checks every bus and branch the scenario names against the feeder.
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../../common/errors.js';
import { BUNDLED_FEEDERS, loadFeeder } from '../../grid/io/loadFeeder.js';
import { applyFeederChanges } from '../../grid/problems/study/applyFeederChanges.js';
import type { Feeder, FeederGenerator } from '../../grid/model/feeder.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';

/** What the OPF needs from the scenario's grid side. */
export interface FeederInputs {
  readonly feeder: Feeder;
  /** Outaged branch ids per interval. */
  readonly outages: number[][];
  /**
   * Substation import price per interval, $/MWh, when `feeder.importPriceUsdPerMwh` is an
   * array (the OPF interval's `importPriceUsdPerMwh`); undefined when the price is flat (it is
   * then the feeder's substation cost).
   */
  readonly importPriceUsdPerMwh?: Float64Array;
}

/**
 * Load and adapt the feeder.
 *
 * 1. `feeder.case`: bundled name, else a path relative to `baseDir`.
 * 2. Append `feeder.dgs` as generators; override the substation price (a per-interval
 *    price sets the feeder's cost to interval 0's and is returned per interval) and its
 *    limits, voltage limits, branch ratings, the shedding convention and penalty
 *    (grid's `applyFeederChanges`: lower ≤ upper, known buses and branches).
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
  const n = scenario.horizon.intervals;
  const sf = scenario.feeder;
  const priceSpec = sf.importPriceUsdPerMwh;
  if (Array.isArray(priceSpec) && priceSpec.length !== n) {
    throw new InputError({ source, field: 'feeder.importPriceUsdPerMwh', value: priceSpec }, `must have one value per interval (${n}), got ${priceSpec.length}`);
  }
  if (sf.sheddingPenaltyUsdPerMwh !== undefined && sf.shedding?.penaltyUsdPerMwh !== undefined) {
    throw new InputError({ source, field: 'feeder.sheddingPenaltyUsdPerMwh', value: sf.sheddingPenaltyUsdPerMwh }, 'give either feeder.sheddingPenaltyUsdPerMwh or feeder.shedding.penaltyUsdPerMwh, not both');
  }
  const importPrice = Array.isArray(priceSpec) ? priceSpec[0] : priceSpec;
  const generators = base.generators.map((g) =>
    g.kind === 'substation' && importPrice !== undefined ? { ...g, costUsdPerMwh: importPrice, costUsdPerMw2h: 0 } : g,
  );
  const changed = applyFeederChanges({ ...base, generators }, {
    ...(sf.substation === undefined ? {} : { substation: sf.substation }),
    ...(sf.voltageLimits === undefined ? {} : { voltageLimits: sf.voltageLimits }),
    ...(sf.branchRatings === undefined ? {} : { branchRatings: sf.branchRatings }),
    shedding: { ...sf.shedding, penaltyUsdPerMwh: sf.shedding?.penaltyUsdPerMwh ?? sf.sheddingPenaltyUsdPerMwh },
  }, source, 'feeder.');
  const feeder: Feeder = { ...changed, generators: [...changed.generators, ...dgs] };
  const outages: number[][] = Array.from({ length: n }, () => []);
  scenario.feeder.outages.forEach((o, i) => {
    if (!branchIds.has(o.branch)) throw new InputError({ source, field: `feeder.outages[${i}].branch`, value: o.branch }, 'no such branch in the feeder');
    for (let t = o.fromInterval; t <= (o.toInterval ?? n - 1); t++) outages[t].push(o.branch);
  });
  return { feeder, outages, ...(Array.isArray(priceSpec) ? { importPriceUsdPerMwh: Float64Array.from(priceSpec) } : {}) };
}
