import { InputError } from '../../common/errors.js';
import { SHEDDING_CONVENTIONS, type Feeder } from '../model/feeder.js';
import { radialTrees } from './radialTrees.js';

/** Options of `validateFeeder`. */
export interface ValidateFeederOptions {
  /**
   * Branch ids declared out of service. When at least one is given, islands are
   * allowed (each will be solved with its own resources); otherwise every bus must
   * be connected to the slack. Default: none.
   */
  readonly outagedBranches?: readonly number[];
}

/**
 * Check a feeder at the boundary (docs/model.md §7: bad input stops with one message naming
 * file, field and value). Readers call it; code past it trusts the types.
 *
 * Checks, in order:
 * 1. `baseMva` positive and finite; `slackVoltagePu` positive and finite; shedding penalty finite ≥ 0,
 *    shedding convention (when given) one of `SHEDDING_CONVENTIONS`.
 * 2. Buses: integer, unique ids; finite loads and shunts; `0 < vMinPu ≤ vMaxPu`, finite.
 * 3. Slack bus present in the bus list.
 * 4. Branches: unique ids, known end buses, finite `rPu, xPu ≥ 0`, finite `ratio > 0`,
 *    `rateMva > 0` (`Infinity` = unrated).
 * 5. Generators: known bus, finite limits with `pMinMw ≤ pMaxMw` and `qMinMvar ≤ qMaxMvar`, finite costs.
 * 6. Topology (`radialTrees`): no cycle among in-service, non-outaged branches; and, when
 *    no outage is declared, every bus connected to the slack.
 *
 * @param feeder - the feeder to check.
 * @param options - declared outages (see `ValidateFeederOptions`).
 * @throws InputError at the first violation, naming `feeder.source`, the field and the value.
 * @example
 * validateFeeder(readCase33bwCsv('scenarios/data/grid/case33bw')); // passes
 * validateFeeder(feeder, { outagedBranches: [7] }); // islands allowed
 */
export function validateFeeder(feeder: Feeder, options: ValidateFeederOptions = {}): void {
  const source = feeder.source;
  const fail = (field: string, value: unknown, reason: string): never => {
    throw new InputError({ source, field, value }, reason);
  };
  const finite = (field: string, value: number): void => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, value, 'must be a finite number');
  };

  finite('baseMva', feeder.baseMva);
  if (feeder.baseMva <= 0) fail('baseMva', feeder.baseMva, 'must be > 0');
  finite('slackVoltagePu', feeder.slackVoltagePu);
  if (feeder.slackVoltagePu <= 0) fail('slackVoltagePu', feeder.slackVoltagePu, 'must be > 0');
  finite('sheddingPenaltyUsdPerMwh', feeder.sheddingPenaltyUsdPerMwh);
  if (feeder.sheddingPenaltyUsdPerMwh < 0) fail('sheddingPenaltyUsdPerMwh', feeder.sheddingPenaltyUsdPerMwh, 'must be ≥ 0');
  if (feeder.sheddingConvention !== undefined && !SHEDDING_CONVENTIONS.includes(feeder.sheddingConvention)) {
    fail('sheddingConvention', feeder.sheddingConvention, `must be one of ${SHEDDING_CONVENTIONS.join(', ')}`);
  }

  const busIds = new Set<number>();
  for (const bus of feeder.buses) {
    if (!Number.isInteger(bus.id)) fail('bus id', bus.id, 'must be an integer');
    if (busIds.has(bus.id)) fail(`bus ${bus.id}: id`, bus.id, 'duplicate bus id');
    busIds.add(bus.id);
    for (const key of ['pLoadMw', 'qLoadMvar', 'shuntBMvar', 'shuntGMw', 'vMinPu', 'vMaxPu'] as const) {
      finite(`bus ${bus.id}: ${key}`, bus[key]);
    }
    if (bus.vMinPu <= 0) fail(`bus ${bus.id}: vMinPu`, bus.vMinPu, 'must be > 0');
    if (bus.vMinPu > bus.vMaxPu) fail(`bus ${bus.id}: vMinPu`, bus.vMinPu, `lower limit above vMaxPu = ${bus.vMaxPu}`);
  }
  if (feeder.buses.length === 0) fail('buses', 0, 'the feeder has no bus');
  if (!busIds.has(feeder.slackBus)) {
    fail('slackBus', feeder.slackBus, 'missing slack: no bus has this id (exactly one bus must be the slack/substation)');
  }

  const branchIds = new Set<number>();
  for (const branch of feeder.branches) {
    const at = `branch ${branch.id}`;
    if (branchIds.has(branch.id)) fail(`${at}: id`, branch.id, 'duplicate branch id');
    branchIds.add(branch.id);
    if (!busIds.has(branch.fromBus)) fail(`${at}: fromBus`, branch.fromBus, 'unknown bus');
    if (!busIds.has(branch.toBus)) fail(`${at}: toBus`, branch.toBus, 'unknown bus');
    finite(`${at}: rPu`, branch.rPu);
    finite(`${at}: xPu`, branch.xPu);
    if (branch.rPu < 0) fail(`${at}: rPu`, branch.rPu, 'must be ≥ 0');
    if (branch.xPu < 0) fail(`${at}: xPu`, branch.xPu, 'must be ≥ 0');
    finite(`${at}: ratio`, branch.ratio);
    if (branch.ratio <= 0) fail(`${at}: ratio`, branch.ratio, 'must be > 0');
    if (Number.isNaN(branch.rateMva) || branch.rateMva <= 0) {
      fail(`${at}: rateMva`, branch.rateMva, 'must be > 0 (Infinity when unrated)');
    }
  }

  for (const gen of feeder.generators) {
    const at = `generator ${gen.id}`;
    if (!busIds.has(gen.bus)) fail(`${at}: bus`, gen.bus, 'unknown bus');
    for (const key of ['pMinMw', 'pMaxMw', 'qMinMvar', 'qMaxMvar', 'costUsdPerMwh', 'costUsdPerMw2h'] as const) {
      finite(`${at}: ${key}`, gen[key]);
    }
    if (gen.pMinMw > gen.pMaxMw) fail(`${at}: pMinMw`, gen.pMinMw, `lower limit above pMaxMw = ${gen.pMaxMw}`);
    if (gen.qMinMvar > gen.qMaxMvar) fail(`${at}: qMinMvar`, gen.qMinMvar, `lower limit above qMaxMvar = ${gen.qMaxMvar}`);
  }

  const outaged = options.outagedBranches ?? [];
  const trees = radialTrees(feeder, outaged);
  if (outaged.length === 0 && trees.length > 1) {
    const island = trees[1];
    fail(
      `bus ${island.rootBus}`,
      'not connected',
      `not connected to the slack bus ${feeder.slackBus} by in-service branches ` +
        `(${trees.length - 1} island(s) without the slack; declare outages to allow islands)`,
    );
  }
}
