import { InputError } from '../../common/errors.js';
import { busNetLoad } from '../data/busNetLoad.js';
import { radialTrees } from '../data/radialTrees.js';
import type { Feeder } from '../model/feeder.js';
import type { FeederInterval } from '../model/injection.js';
import type { PowerFlowBranch, PowerFlowResult } from './powerFlowResult.js';
import { sweepDistFlow, type SweepTree } from './sweepDistFlow.js';

/** Options of `runPowerFlow`. */
export interface PowerFlowOptions {
  /** Stop when no branch's sending-end P or Q changes by more than this between sweeps, MW. Default 1e-9. */
  readonly toleranceMw?: number;
  /** Sweep limit. Default 100. */
  readonly maxIterations?: number;
}

/**
 * Power flow of a radial feeder by backward/forward sweep in DistFlow branch-power form
 * (Baran & Wu 1989; docs/model.md §3 "Reference values"), for validating OPF points.
 *
 * 1. Trees: `radialTrees(feeder, interval.outagedBranches)`; only the slack's island is
 *    solved. Other islands are reported as unsupplied (`unsuppliedBuses`, voltage 0).
 * 2. Bus loads: household P, Q × `loadScale` plus injections (positive = consumption;
 *    inverter injections with `sMaxMva` count with their fixed `qMvar`, default 0).
 *    Shunts: consumption `shuntGMw·v` and injection `shuntBMvar·v` (v = |V|²).
 *    Generators other than the slack produce nothing here: pass DG output as negative injections.
 * 3. `sweepDistFlow` iterates: backward `ℓ = (P² + Q²)/v`, `P_ij = P_j,down + r ℓ`;
 *    forward `v_j = a²·(v_i − 2(r P + x Q) + (r² + x²) ℓ)` with the branch's fixed ratio `a`.
 * 4. Results in MW/MVAr/kW and pu by data bus id.
 *
 * Non-convergence (e.g. voltage collapse under extreme load) returns `converged: false`;
 * callers that need a point throw `SolverError`.
 *
 * @param feeder - a validated feeder.
 * @param interval - load scale, injections, outages (default: nominal load).
 * @param options - tolerance and iteration limit (see `PowerFlowOptions`).
 * @returns voltages, flows, losses, slack power (see `PowerFlowResult`).
 * @throws InputError for bad interval data (unknown bus, NaN, unknown outage id).
 * @example
 * const pf = runPowerFlow(loadBundledFeeder('case33bw'));
 * pf.lossesKw; // ≈ 202.68
 * pf.minVoltageBus; // 18
 */
export function runPowerFlow(feeder: Feeder, interval: FeederInterval = {}, options: PowerFlowOptions = {}): PowerFlowResult {
  const toleranceMw = options.toleranceMw ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100;
  if (!(toleranceMw > 0) || !Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InputError({ source: 'grid/powerflow', field: 'options', value: { toleranceMw, maxIterations } }, 'toleranceMw must be > 0 and maxIterations a positive integer');
  }
  const base = feeder.baseMva;
  const trees = radialTrees(feeder, interval.outagedBranches ?? []);
  const load = busNetLoad(feeder, interval);
  const slackTree = trees.find((t) => t.hasSlack);
  if (slackTree === undefined) {
    throw new InputError({ source: feeder.source, field: 'slackBus', value: feeder.slackBus }, 'missing slack: no bus has this id');
  }
  const n = slackTree.busIds.length;

  // Tree arrays in pu. A branch whose data orientation is reversed is replaced by its
  // exact equivalent seen from the parent (ratio 1/a, impedance z·a², see orientFeeder).
  const tree: SweepTree = {
    parent: slackTree.parent,
    rPu: new Float64Array(n),
    xPu: new Float64Array(n),
    ratioSq: new Float64Array(n).fill(1),
    pLoadPu: new Float64Array(n),
    qLoadPu: new Float64Array(n),
    gShuntPu: new Float64Array(n),
    bShuntPu: new Float64Array(n),
  };
  for (let i = 0; i < n; i += 1) {
    const bus = feeder.buses[slackTree.busPosition[i]];
    tree.pLoadPu[i] = load.pMw[slackTree.busPosition[i]] / base;
    tree.qLoadPu[i] = load.qMvar[slackTree.busPosition[i]] / base;
    tree.gShuntPu[i] = bus.shuntGMw / base;
    tree.bShuntPu[i] = bus.shuntBMvar / base;
    if (i === 0) continue;
    const branch = feeder.branches[slackTree.branchIndex[i]];
    const a = slackTree.reversed[i] ? 1 / branch.ratio : branch.ratio;
    const zScale = slackTree.reversed[i] ? branch.ratio * branch.ratio : 1;
    tree.rPu[i] = branch.rPu * zScale;
    tree.xPu[i] = branch.xPu * zScale;
    tree.ratioSq[i] = a * a;
  }

  const sweep = sweepDistFlow(tree, {
    slackVoltageSq: feeder.slackVoltagePu * feeder.slackVoltagePu,
    tolerancePu: toleranceMw / base,
    maxIterations,
  });

  const voltagePu: Record<number, number> = {};
  for (const bus of feeder.buses) voltagePu[bus.id] = 0;
  let minVoltagePu = Infinity;
  let minVoltageBus = slackTree.rootBus;
  for (let i = 0; i < n; i += 1) {
    const vPu = Math.sqrt(Math.max(sweep.vSq[i], 0));
    voltagePu[slackTree.busIds[i]] = vPu;
    if (vPu < minVoltagePu) {
      minVoltagePu = vPu;
      minVoltageBus = slackTree.busIds[i];
    }
  }

  const branches: PowerFlowBranch[] = feeder.branches.map((b) => ({
    id: b.id, fromBus: b.fromBus, toBus: b.toBus, pMw: 0, qMvar: 0, currentSqPu: 0, lossesKw: 0, energized: false,
  }));
  let lossesKw = 0;
  for (let i = 1; i < n; i += 1) {
    const b = slackTree.branchIndex[i];
    const lossKw = tree.rPu[i] * sweep.currentSq[i] * base * 1000;
    lossesKw += lossKw;
    // Report ℓ on the data's impedance side: the equivalent's current is 1/a times it when reversed.
    const currentSqPu = slackTree.reversed[i] ? sweep.currentSq[i] * feeder.branches[b].ratio ** 2 : sweep.currentSq[i];
    branches[b] = {
      id: feeder.branches[b].id,
      fromBus: slackTree.busIds[slackTree.parent[i]],
      toBus: slackTree.busIds[i],
      pMw: sweep.pSendPu[i] * base,
      qMvar: sweep.qSendPu[i] * base,
      currentSqPu,
      lossesKw: lossKw,
      energized: true,
    };
  }

  const unsuppliedBuses: number[] = [];
  let unsuppliedLoadMw = 0;
  for (const island of trees) {
    if (island.hasSlack) continue;
    for (let i = 0; i < island.busIds.length; i += 1) {
      unsuppliedBuses.push(island.busIds[i]);
      unsuppliedLoadMw += load.pMw[island.busPosition[i]];
    }
  }

  return {
    converged: sweep.converged,
    iterations: sweep.iterations,
    mismatchMw: sweep.changePu * base,
    voltagePu,
    minVoltagePu,
    minVoltageBus,
    lossesKw,
    slackPMw: sweep.slackPPu * base,
    slackQMvar: sweep.slackQPu * base,
    branches,
    unsuppliedBuses: unsuppliedBuses.sort((a, b) => a - b),
    unsuppliedLoadMw,
  };
}
