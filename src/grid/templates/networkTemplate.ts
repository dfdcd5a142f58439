/**
 * Network template: the numbers of one feeder topology, per unit, indexed by bus
 * position — what every branch-flow formulation needs and nothing solver-specific
 * (docs/architecture.md: "a template extracts the parameters from the data and never refers
 * to model variables", after PowerModels' `constraint_template.jl`).
 *
 * Each bus position `b` that is not the root of its island owns exactly one
 * incoming branch (the branch joining it to its parent), so branch quantities are
 * stored per *receiving bus position*: `rPu[b]`, `xPu[b]`, `tauSq[b]`, `rateSqPu[b]`.
 */
import type { Feeder, SheddingConvention } from '../model/feeder.js';
import { radialTrees } from '../data/radialTrees.js';

/** Numbers of one topology (one set of outaged branches). All powers per unit on `baseMva`. */
export interface NetworkTemplate {
  readonly baseMva: number;
  /** Number of buses (= feeder.buses.length). */
  readonly nBus: number;
  /** Feeder bus id by position. */
  readonly busIds: Int32Array;
  /** Every bus position, island by island, each island in BFS order (root first). */
  readonly order: Int32Array;
  /** Parent bus position, −1 at an island root. */
  readonly parent: Int32Array;
  /** Index into `feeder.branches` of the incoming branch, −1 at a root. */
  readonly branchIndex: Int32Array;
  /** Island number of each bus position. */
  readonly island: Int32Array;
  /** Root bus position of each island. */
  readonly islandRoot: Int32Array;
  /** 1 where the island holds the slack bus. */
  readonly islandHasSlack: Uint8Array;
  /** Incoming-branch series resistance / reactance, pu (0 at roots). */
  readonly rPu: Float64Array;
  readonly xPu: Float64Array;
  /** Squared effective regulator ratio of the incoming branch (1 without one). */
  readonly tauSq: Float64Array;
  /** Squared sending-end apparent-power rating, pu² (Infinity when unrated). */
  readonly rateSqPu: Float64Array;
  /** Shunt conductance (MW consumed at 1 pu) and susceptance (MVAr injected at 1 pu), pu. */
  readonly shuntGPu: Float64Array;
  readonly shuntBPu: Float64Array;
  /** Squared voltage limits, pu². The slack bus has both set to `slackVSqPu`. */
  readonly vMinSqPu: Float64Array;
  readonly vMaxSqPu: Float64Array;
  /** Household load at nominal scale, pu. */
  readonly pLoadPu: Float64Array;
  readonly qLoadPu: Float64Array;
  /** Shed Q per shed P at each bus (the household load's Q/P ratio; 0 without load). */
  readonly shedQRatio: Float64Array;
  /** Shedding penalty, $/h per pu of shed load. */
  readonly shedCostUsdPerHPu: number;
  /** What may be shed at a bus (docs/model.md §3.6). */
  readonly sheddingConvention: SheddingConvention;
  /** Generators: bus position, limits (pu), cost c1 ($/h per pu) and c2 ($/h per pu²). */
  readonly genIds: readonly string[];
  readonly genBus: Int32Array;
  readonly genIsSubstation: Uint8Array;
  readonly genPMinPu: Float64Array;
  readonly genPMaxPu: Float64Array;
  readonly genQMinPu: Float64Array;
  readonly genQMaxPu: Float64Array;
  readonly genC1UsdPerHPu: Float64Array;
  readonly genC2UsdPerHPu2: Float64Array;
  /** Bus position of each feeder bus id (ids are small integers in every bundled case). */
  readonly positionOfBus: ReadonlyMap<number, number>;
}

/**
 * Build the numbers of `feeder` for the topology left after `outagedBranches`.
 *
 * Steps: 1. split into radial islands with `radialTrees` (grid-data); 2. store
 * each bus's incoming branch (r, x, ratio², rating²) by receiving-bus position,
 * inverting the ratio where the tree runs against the data's orientation;
 * 3. convert loads, shunts, limits and generator data to per unit and costs to
 * $/h per pu.
 *
 * @param outagedBranches branch ids out of service (docs/model.md §3 stress features)
 * @example
 * const net = buildNetworkTemplate(feeder, []);
 * net.order[0] === net.islandRoot[0];
 */
export function buildNetworkTemplate(feeder: Feeder, outagedBranches: readonly number[] = []): NetworkTemplate {
  const nBus = feeder.buses.length;
  const base = feeder.baseMva;
  const trees = radialTrees(feeder, outagedBranches);
  const busIds = new Int32Array(nBus);
  const positionOfBus = new Map<number, number>();
  feeder.buses.forEach((bus, b) => {
    busIds[b] = bus.id;
    positionOfBus.set(bus.id, b);
  });

  const order = new Int32Array(nBus);
  const parent = new Int32Array(nBus).fill(-1);
  const branchIndex = new Int32Array(nBus).fill(-1);
  const island = new Int32Array(nBus).fill(-1);
  const islandRoot = new Int32Array(trees.length);
  const islandHasSlack = new Uint8Array(trees.length);
  const rPu = new Float64Array(nBus);
  const xPu = new Float64Array(nBus);
  const tauSq = new Float64Array(nBus).fill(1);
  const rateSqPu = new Float64Array(nBus).fill(Infinity);
  let k = 0;
  trees.forEach((tree, t) => {
    islandRoot[t] = tree.busPosition[0];
    islandHasSlack[t] = tree.hasSlack ? 1 : 0;
    for (let i = 0; i < tree.busIds.length; i++) {
      const b = tree.busPosition[i];
      order[k++] = b;
      island[b] = t;
      const p = tree.parent[i];
      if (p < 0) continue;
      parent[b] = tree.busPosition[p];
      const br = feeder.branches[tree.branchIndex[i]];
      branchIndex[b] = tree.branchIndex[i];
      // The ratio scales the data's to-end; when the tree runs from the data's to-end
      // towards its from-end, the exact equivalent seen from the parent has ratio 1/a and
      // impedance z·a² (the same rule as `orientFeeder` and `runPowerFlow`).
      const zScale = tree.reversed[i] ? br.ratio * br.ratio : 1;
      rPu[b] = br.rPu * zScale;
      xPu[b] = br.xPu * zScale;
      const tau = tree.reversed[i] ? 1 / br.ratio : br.ratio;
      tauSq[b] = tau * tau;
      const rate = br.rateMva / base;
      rateSqPu[b] = Number.isFinite(rate) && rate > 0 ? rate * rate : Infinity;
    }
  });
  if (k !== nBus) throw new Error(`grid/templates/networkTemplate: radialTrees covered ${k} of ${nBus} buses`);

  const shuntGPu = new Float64Array(nBus);
  const shuntBPu = new Float64Array(nBus);
  const vMinSqPu = new Float64Array(nBus);
  const vMaxSqPu = new Float64Array(nBus);
  const pLoadPu = new Float64Array(nBus);
  const qLoadPu = new Float64Array(nBus);
  const shedQRatio = new Float64Array(nBus);
  const slackPos = positionOfBus.get(feeder.slackBus) ?? -1;
  feeder.buses.forEach((bus, b) => {
    shuntGPu[b] = bus.shuntGMw / base;
    shuntBPu[b] = bus.shuntBMvar / base;
    vMinSqPu[b] = bus.vMinPu * bus.vMinPu;
    vMaxSqPu[b] = bus.vMaxPu * bus.vMaxPu;
    pLoadPu[b] = bus.pLoadMw / base;
    qLoadPu[b] = bus.qLoadMvar / base;
    shedQRatio[b] = bus.pLoadMw > 0 ? bus.qLoadMvar / bus.pLoadMw : 0;
  });
  if (slackPos >= 0) {
    const vs = feeder.slackVoltagePu * feeder.slackVoltagePu;
    vMinSqPu[slackPos] = vs;
    vMaxSqPu[slackPos] = vs;
  }

  const gens = feeder.generators;
  const nGen = gens.length;
  const genBus = new Int32Array(nGen);
  const genIsSubstation = new Uint8Array(nGen);
  const genPMinPu = new Float64Array(nGen);
  const genPMaxPu = new Float64Array(nGen);
  const genQMinPu = new Float64Array(nGen);
  const genQMaxPu = new Float64Array(nGen);
  const genC1UsdPerHPu = new Float64Array(nGen);
  const genC2UsdPerHPu2 = new Float64Array(nGen);
  gens.forEach((g, i) => {
    genBus[i] = positionOfBus.get(g.bus) ?? -1;
    genIsSubstation[i] = g.kind === 'substation' ? 1 : 0;
    genPMinPu[i] = g.pMinMw / base;
    genPMaxPu[i] = g.pMaxMw / base;
    genQMinPu[i] = g.qMinMvar / base;
    genQMaxPu[i] = g.qMaxMvar / base;
    genC1UsdPerHPu[i] = g.costUsdPerMwh * base;
    genC2UsdPerHPu2[i] = g.costUsdPerMw2h * base * base;
  });
  if (genBus.some((b) => b < 0)) throw new Error('grid/templates/networkTemplate: generator at an unknown bus (validate the feeder first)');

  return {
    baseMva: base, nBus, busIds, order, parent, branchIndex, island, islandRoot, islandHasSlack,
    rPu, xPu, tauSq, rateSqPu, shuntGPu, shuntBPu, vMinSqPu, vMaxSqPu, pLoadPu, qLoadPu, shedQRatio,
    shedCostUsdPerHPu: feeder.sheddingPenaltyUsdPerMwh * base,
    sheddingConvention: feeder.sheddingConvention ?? 'constant-pf',
    genIds: gens.map((g) => g.id), genBus, genIsSubstation, genPMinPu, genPMaxPu, genQMinPu, genQMaxPu,
    genC1UsdPerHPu, genC2UsdPerHPu2, positionOfBus,
  };
}
