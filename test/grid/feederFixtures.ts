/** Small hand-built feeders for grid tests (not a test file itself). */
import type { Feeder, FeederBranch, FeederBus, FeederGenerator } from '../../src/grid/model/feeder.ts';

/** A bus with the given load (MW, MVAr) and default limits 0.9–1.1 pu. */
export function bus(id: number, pLoadMw = 0, qLoadMvar = 0, extra: Partial<FeederBus> = {}): FeederBus {
  return { id, pLoadMw, qLoadMvar, shuntBMvar: 0, shuntGMw: 0, vMinPu: 0.9, vMaxPu: 1.1, ...extra };
}

/** An in-service branch with r, x in pu. */
export function branch(id: number, fromBus: number, toBus: number, rPu = 0.01, xPu = 0.01, extra: Partial<FeederBranch> = {}): FeederBranch {
  return { id, fromBus, toBus, rPu, xPu, rateMva: Infinity, ratio: 1, inService: true, ...extra };
}

/** The substation generator at `busId`. */
export function substation(busId: number, extra: Partial<FeederGenerator> = {}): FeederGenerator {
  return { id: 'sub', kind: 'substation', bus: busId, pMinMw: 0, pMaxMw: 100, qMinMvar: -100, qMaxMvar: 100, costUsdPerMwh: 20, costUsdPerMw2h: 0, ...extra };
}

/**
 * A 5-bus line/branching feeder: 1 (slack) — 2 — 3 — 4, and 2 — 5; base 10 MVA.
 * Override any field through `extra`.
 */
export function smallFeeder(extra: Partial<Feeder> = {}): Feeder {
  return {
    name: 'small',
    source: 'test/small-feeder',
    baseMva: 10,
    baseKv: 12.66,
    buses: [bus(1), bus(2, 0.1, 0.05), bus(3, 0.2, 0.1), bus(4, 0.1, 0.02), bus(5, 0.3, 0.1)],
    branches: [branch(1, 1, 2), branch(2, 2, 3), branch(3, 3, 4), branch(4, 2, 5)],
    generators: [substation(1)],
    slackBus: 1,
    slackVoltagePu: 1,
    sheddingPenaltyUsdPerMwh: 1000,
    ...extra,
  };
}
