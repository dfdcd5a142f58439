/**
 * A persistent branch-flow OPF of one feeder (docs/model.md §3): build the model once per
 * topology, then solve interval after interval with only bounds changed and the
 * simplex warm-started — the entry point of the co-simulator and the
 * flexibility module, which call it thousands of times.
 */
import type { BranchFlowFormulation, FormulationName } from '../formulations/branchFlowFormulation.js';
import { formulationFactory } from '../formulations/formulationRegistry.js';
import { decomposeDlmp } from '../dlmp/decomposeDlmp.js';
import { validateFeeder } from '../data/validateFeeder.js';
import type { Feeder } from '../model/feeder.js';
import type { FeederInterval } from '../model/injection.js';
import { loadHighs, type HighsRuntime } from '../solver/loadHighs.js';
import { buildIntervalTemplate, type IntervalTemplate } from '../templates/intervalTemplate.js';
import { buildNetworkTemplate, type NetworkTemplate } from '../templates/networkTemplate.js';
import { assembleOpfResult } from './assembleOpfResult.js';
import type { OpfOptions, OpfResult } from './opfResult.js';

/** Models kept per session (one per distinct outage set); the least recently built is dropped beyond. */
const MAX_TOPOLOGIES = 16;

interface Topology {
  readonly net: NetworkTemplate;
  readonly formulation: BranchFlowFormulation;
  readonly buffer: IntervalTemplate;
}

/**
 * Persistent OPF of one feeder.
 *
 * Steps of {@link OpfSession.solve}: 1. pick (or build once) the model of the
 * interval's topology — outages split the feeder into islands, each solved with
 * its own resources in the same LP; 2. write the interval's demand and inverter
 * ranges as bounds (templates → formulation); 3. solve with the formulation's
 * cut loop, warm; 4. decompose the DLMPs; 5. assemble the result by bus id.
 *
 * @example
 * const opf = await OpfSession.create(loadBundledFeeder('case33bw'));
 * const r = opf.solve({ loadScale: 1.1, injections: [{ bus: 30, pMw: 0.4 }] });
 * r.dlmpP[30]; // $/MWh
 * opf.dispose();
 */
export class OpfSession {
  private readonly topologies = new Map<string, Topology>();
  private disposed = false;

  private constructor(
    /** The feeder this session solves. */
    readonly feeder: Feeder,
    private readonly highs: HighsRuntime,
    private readonly options: OpfOptions,
  ) {}

  /** The formulation in use. */
  get formulation(): FormulationName {
    return this.options.formulation ?? 'socp';
  }

  /**
   * Load HiGHS (once per process), validate the feeder and build the model of the
   * intact topology.
   *
   * @throws InputError for an invalid feeder (see `validateFeeder`).
   */
  static async create(feeder: Feeder, options: OpfOptions = {}): Promise<OpfSession> {
    validateFeeder(feeder);
    const highs = await loadHighs();
    const session = new OpfSession(feeder, highs, options);
    session.topology([]);
    return session;
  }

  /**
   * Solve one interval (synchronous, warm-started).
   *
   * @param interval load scale, station injections (+ = consumption), outaged branch ids
   * @throws InputError for an unknown bus or branch id, or NaN in the interval
   */
  solve(interval: FeederInterval = {}): OpfResult {
    if (this.disposed) throw new Error('grid/problems/opfSession: solve() after dispose()');
    const topo = this.topology(interval.outagedBranches ?? []);
    const it = buildIntervalTemplate(topo.net, interval, topo.buffer);
    topo.formulation.update(it);
    const solution = topo.formulation.solve();
    // DLMPs also for non-physical points (inexact, cut-limit): the status says they are not exact.
    const ok = solution.status === 'optimal' || solution.status === 'inexact' || solution.status === 'cut-limit';
    const dlmp = ok ? decomposeDlmp(topo.net, it, solution) : undefined;
    return assembleOpfResult({ feeder: this.feeder, net: topo.net, interval: it, solution, dlmp, formulation: this.formulation });
  }

  /** Release every native model. */
  dispose(): void {
    for (const t of this.topologies.values()) t.formulation.dispose();
    this.topologies.clear();
    this.disposed = true;
  }

  private topology(outaged: readonly number[]): Topology {
    const key = [...new Set(outaged)].sort((a, b) => a - b).join(',');
    const known = this.topologies.get(key);
    if (known !== undefined) return known;
    if (key !== '') validateFeeder(this.feeder, { outagedBranches: outaged });
    const net = buildNetworkTemplate(this.feeder, outaged);
    const formulation = formulationFactory(this.formulation)(this.highs, net, {
      coneTolerancePu: this.options.coneTolerancePu,
      coneRelTolerance: this.options.coneRelTolerance,
      maxCutRounds: this.options.maxCutRounds,
    });
    const topo: Topology = { net, formulation, buffer: buildIntervalTemplate(net, {}) };
    if (this.topologies.size >= MAX_TOPOLOGIES) {
      // Drop the oldest outage topology; the intact one stays (it is the common case).
      for (const [oldKey, old] of this.topologies) {
        if (oldKey === '') continue;
        old.formulation.dispose();
        this.topologies.delete(oldKey);
        break;
      }
    }
    this.topologies.set(key, topo);
    return topo;
  }
}
