/**
 * Build everything a co-simulation needs once — road network with stations, OD
 * demand, feeder, persistent OPF session, coupling tables — and run it as often
 * as needed (the flexibility module calls `run` with new coupons thousands of
 * times). No result files are written here.
 */
import { InputError, SolverError } from '../../common/errors.js';
import { OpfSession } from '../../grid/problems/opfSession.js';
import type { Feeder } from '../../grid/model/feeder.js';
import { solveDue } from '../../traffic/dynamic/solveDue.js';
import type { DueResult, DynamicDemand } from '../../traffic/dynamic/dueTypes.js';
import type { Network } from '../../traffic/network/network.js';
import { parseClockTime } from '../clock/clockTime.js';
import { initialPriceBook, isDlmpLinked, type PriceBook, type Tariffs } from '../coupling/priceBook.js';
import { atStationBuses } from '../coupling/stationBusMap.js';
import { compileTariff } from '../coupling/tariffRule.js';
import { expandPerInterval, holdLastPerStation } from '../scenario/schema/perInterval.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { initialCosimState, type CosimContext, type CouponBook } from './cosimContext.js';
import type { CosimResult, GridPort, IntervalResult, LinkTable, TrafficPort } from './cosimTypes.js';
import { assembleCosimResult } from './assembleCosimResult.js';
import { resolveScenario } from './resolveScenario.js';
import { runTicks } from './runTicks.js';
import type { SizeEstimate } from './sizeEstimate.js';
import { trajectoryClearance } from './trajectoryClearance.js';
import { stationServiceRecord } from '../scenario/schema/stationSchema.js';

/** Options of `prepareCosim`. */
export interface PrepareCosimOptions {
  /** Folder against which relative network / feeder paths resolve; default the cwd. */
  readonly baseDir?: string;
  /** Scenario file name used in error messages; default `'<scenario>'`. */
  readonly source?: string;
  /**
   * Replace the OPF by this port (tests and benches of the traffic side; no OPF session is
   * created). Default: the feeder's OPF.
   */
  readonly grid?: GridPort;
  /** Run above the size limit (`--allow-large`, docs/limits.md); default false: refuse with an `InputError`. */
  readonly allowLarge?: boolean;
}

/** Options of one run. */
export interface CosimRunOptions {
  /** Coupons per station per interval (index `s * intervals + t`), replacing the scenario's. */
  readonly coupons?: CouponBook;
  /** DUE result to warm-start the first traffic solve (e.g. a previous run's `lastDue`). */
  readonly warmStart?: DueResult;
  /** Progress callback after each interval. */
  readonly onInterval?: (result: IntervalResult) => void;
  /** Progress callback after every DUE iteration (its number, 0 = the starting point, and relative gap), e.g. for a progress line. */
  readonly onDueIteration?: (iteration: number, relativeGap: number) => void;
  /**
   * Reuse the prepared OPF session (warm LP bases from earlier runs) instead of a
   * fresh one. Faster for many runs, but HiGHS warm starts make results agree only
   * to solver tolerance, not bit for bit, between runs. Default false (deterministic).
   */
  readonly reuseGridSession?: boolean;
}

/** A prepared co-simulation. */
export interface PreparedCosim {
  readonly scenario: Scenario;
  /** Road network with the stations inserted. */
  readonly network: Network;
  /** Feeder with the scenario's DGs and overrides. */
  readonly feeder: Feeder;
  readonly stationIds: readonly string[];
  /** Coupons of the scenario file (index `s * intervals + t`, window intervals). */
  readonly scenarioCoupons: CouponBook;
  /** Window intervals (`horizon.intervals`) and the longest tail after them (`horizon.clearanceMin`). */
  readonly windowIntervals: number;
  readonly tailIntervals: number;
  /** Input warnings of `resolveScenario` (e.g. a station no trip can use), one line each. */
  readonly warnings: readonly string[];
  /** Estimated size of one run (docs/limits.md). */
  readonly size: SizeEstimate;
  /** Run the horizon (deterministic for given coupons and warm start). */
  run(options?: CosimRunOptions): Promise<CosimResult>;
  /** Release the OPF models. */
  dispose(): void;
}

/**
 * Prepare a co-simulation.
 *
 * 1. `resolveScenario`: network + stations, demand per interval, feeder + DGs /
 *    overrides, outages, station ↔ bus mapping (every reference checked).
 * 2. One persistent `OpfSession` (formulation and cone tolerance from the scenario).
 * 3. Tariffs; when one follows the DLMP, an OPF of interval 0 without station load
 *    gives the starting DLMPs (the feeder before any EV arrives).
 * 4. The time axis: the window (`horizon.intervals`) and the longest tail
 *    (`ceil(clearanceMin / intervalMin)` intervals, zero demand). The DUE covers both; the
 *    tail holds the last window value of household load scale, outages, fixed tariffs and
 *    coupons (docs/model.md §4 "Window and tail").
 *
 * @param scenario - validated scenario.
 * @throws InputError for nodes, buses or branches not in the network / feeder.
 * @example
 * const sim = await prepareCosim(scenario, { baseDir: 'scenarios' });
 * const a = await sim.run();
 * const b = await sim.run({ coupons: { chargeYuanPerKWh, v2gYuanPerVisit }, warmStart: a.lastDue as DueResult });
 * sim.dispose();
 */
export async function prepareCosim(scenario: Scenario, options: PrepareCosimOptions = {}): Promise<PreparedCosim> {
  const baseDir = options.baseDir ?? process.cwd();
  const source = options.source ?? '<scenario>';
  const h = scenario.horizon;
  const windowIntervals = h.intervals;
  const tailIntervals = Math.ceil(h.clearanceMin / h.intervalMin - 1e-9);
  // the traffic model, the price book and every per-interval input cover window + tail
  const intervals = windowIntervals + tailIntervals;
  const stepsPerInterval = Math.round((h.intervalMin * 60) / h.stepSec);
  const resolved = resolveScenario(scenario, baseDir, source, { allowLarge: options.allowLarge === true });
  const { network, feeder, map } = resolved;
  const demand = withTail(resolved.demand, intervals);
  const outages = Array.from({ length: intervals }, (_, t) => resolved.outages[Math.min(t, windowIntervals - 1)]);
  // per-interval import prices, the last window value held in the tail (undefined: the feeder's flat price)
  const importPrice = resolved.importPriceUsdPerMwh;
  const importPriceUsdPerMwh = importPrice === undefined
    ? undefined
    : Float64Array.from({ length: intervals }, (_, t) => importPrice[Math.min(t, windowIntervals - 1)]);
  const loadScale = expandPerInterval(scenario.feeder.loadScale, intervals).map((x) => x * scenario.feeder.loadMultiplier);
  const { coneTolerancePu, coneRelTolerance, maxCutRounds } = scenario.solver;
  const opfOptions = { formulation: scenario.feeder.formulation, coneTolerancePu, coneRelTolerance, maxCutRounds };
  const tariffs: Tariffs = {
    charge: compileTariff(scenario.prices.charge, intervals, scenario.prices.yuanPerUsd),
    v2g: compileTariff(scenario.prices.v2g, intervals, scenario.prices.yuanPerUsd),
  };
  const stations = scenario.stations.length;
  const baseDlmp = new Float64Array(stations);
  // Every run starts from a session with the same history (created, then the base
  // solve when a tariff follows the DLMP), so runs are bit-for-bit reproducible.
  const override = options.grid;
  const freshSession = async (): Promise<GridSession> => {
    const created: GridSession = override === undefined ? await OpfSession.create(feeder, opfOptions) : { solve: override, dispose: () => {} };
    if (isDlmpLinked(tariffs)) {
      const base = created.solve({
        loadScale: loadScale[0], outagedBranches: outages[0],
        ...(importPriceUsdPerMwh === undefined ? {} : { importPriceUsdPerMwh: importPriceUsdPerMwh[0] }),
      });
      if (base.status === 'infeasible' || base.status === 'error') {
        created.dispose();
        // the start prices of a DLMP-linked tariff need this OPF: without it there is nothing to run (docs/exit-codes.md)
        throw new SolverError('sim/run', 'infeasible', `${h.start} (interval 0): the OPF without station load, which sets the start prices of the DLMP-linked tariffs, is ${base.status} (${base.message ?? 'no solution'}); nothing was simulated or written`);
      }
      atStationBuses(map, base.dlmpP, baseDlmp);
    }
    return created;
  };
  const session = await freshSession();
  let sessionUsed = false;
  const startBook = initialPriceBook(tariffs, baseDlmp, intervals);
  const scenarioCoupons = couponBook(scenario, windowIntervals);
  const clearance = trajectoryClearance(network, { stepSec: h.stepSec, stepsPerInterval, windowIntervals, propagation: scenario.traffic.propagation, loading: scenario.traffic.loading });
  const links: LinkTable = {
    fromNode: Int32Array.from(network.from, (i) => network.nodeIds[i]),
    toNode: Int32Array.from(network.to, (i) => network.nodeIds[i]),
    kind: Array.from(network.kind, (k) => ['road', 'charge', 'v2g', 'bypass'][k]),
  };
  const rates = {
    chargeKw: Float64Array.from(scenario.stations, (s) => s.chargeKw),
    v2gKw: Float64Array.from(scenario.stations, (s) => stationServiceRecord(s).v2gKw),
  };

  const run = async (runOptions: CosimRunOptions = {}): Promise<CosimResult> => {
    const began = performance.now();
    if (runOptions.coupons !== undefined) checkCoupons(runOptions.coupons, stations * windowIntervals);
    const windowCoupons = runOptions.coupons ?? scenarioCoupons;
    const coupons: CouponBook = {
      chargeYuanPerKWh: holdLastPerStation(windowCoupons.chargeYuanPerKWh, windowIntervals, intervals),
      v2gYuanPerVisit: holdLastPerStation(windowCoupons.v2gYuanPerVisit, windowIntervals, intervals),
    };
    const traffic: TrafficPort<DueResult> = (book: PriceBook, warmStart, committedIntervals) =>
      blameScenario(source, () => solveDue(
        {
          network,
          demand,
          shares: { charging: scenario.classes.chargingShare, v2g: scenario.classes.v2gShare },
          intervalMin: h.intervalMin,
          intervals,
          stepSec: h.stepSec,
          valueOfTimeYuanPerH: scenario.classes.valueOfTimeYuanPerH,
          // Copies: the book is updated in place by the feedback after this solve.
          prices: { chargeYuanPerKWh: book.chargeYuanPerKWh.slice(), v2gYuanPerKWh: book.v2gYuanPerKWh.slice() },
          coupons: { chargeYuanPerKWh: coupons.chargeYuanPerKWh, v2gYuanPerVisit: coupons.v2gYuanPerVisit },
          propagation: scenario.traffic.propagation,
          loading: scenario.traffic.loading,
        },
        {
          gapTolerance: scenario.solver.dueGapTolerance,
          maxIterations: scenario.solver.dueMaxIterations,
          warmStart,
          ...(committedIntervals > 0 ? { committedIntervals } : {}),
          ...(runOptions.onDueIteration === undefined ? {} : { onIteration: runOptions.onDueIteration }),
        },
      ));
    // The prepared session serves the first run; later runs get a fresh one with the same
    // history, unless the caller trades reproducibility for speed (`reuseGridSession`).
    const grid = runOptions.reuseGridSession || !sessionUsed ? session : await freshSession();
    sessionUsed = true;
    const ctx: CosimContext<DueResult> = {
      intervals,
      windowIntervals,
      replan: scenario.traffic.replan,
      clearance,
      stepsPerInterval,
      rates,
      map,
      tariffs,
      feedback: scenario.feedback,
      fixedPoint: { tolerance: scenario.solver.fixedPointTolerance, damping: scenario.solver.damping, maxRounds: scenario.solver.maxRounds },
      loadScale,
      outages,
      importPriceUsdPerMwh,
      coupons,
      traffic,
      grid: (interval) => grid.solve(interval),
      timing: { trafficMs: 0, gridMs: 0, couplingMs: 0, totalMs: 0, dueSolves: 0, opfSolves: 0 },
    };
    const book: PriceBook = { chargeYuanPerKWh: startBook.chargeYuanPerKWh.slice(), v2gYuanPerKWh: startBook.v2gYuanPerKWh.slice() };
    let state;
    try {
      const held = isDlmpLinked(tariffs) ? baseDlmp : undefined;
      state = runTicks(ctx, initialCosimState(book, runOptions.warmStart, held), {
        startMin: parseClockTime(h.start),
        intervalMin: h.intervalMin,
        intervals,
      }, runOptions.onInterval);
    } finally {
      if (grid !== session) grid.dispose();
    }
    ctx.timing.totalMs = performance.now() - began;
    return assembleCosimResult(ctx, state, {
      busIds: feeder.buses.map((b) => b.id),
      busVMinPu: Float64Array.from(feeder.buses, (b) => b.vMinPu),
      intervalMin: h.intervalMin,
      stepSec: h.stepSec,
      links,
    });
  };

  return {
    scenario,
    network,
    feeder,
    stationIds: map.stationIds,
    scenarioCoupons,
    windowIntervals,
    tailIntervals,
    warnings: resolved.warnings,
    size: resolved.size,
    run,
    dispose: () => session.dispose(),
  };
}

/** What a run needs of an OPF session. */
interface GridSession {
  solve: GridPort;
  dispose(): void;
}

/** Boundary check of caller-supplied coupons: length stations × intervals, finite, ≥ 0. */
function checkCoupons(coupons: CouponBook, length: number): void {
  for (const key of ['chargeYuanPerKWh', 'v2gYuanPerVisit'] as const) {
    const values = coupons[key];
    if (values.length !== length) {
      throw new InputError({ source: 'sim/prepareCosim', field: `coupons.${key}.length`, value: values.length }, `must be stations × intervals = ${length}`);
    }
    for (let i = 0; i < length; i++) {
      if (!(Number.isFinite(values[i]) && values[i] >= 0)) {
        throw new InputError({ source: 'sim/prepareCosim', field: `coupons.${key}[${i}]`, value: values[i] }, 'must be a finite number ≥ 0');
      }
    }
  }
}

/**
 * Run `solve`, re-labelling a traffic-engine `InputError` (e.g. an OD pair whose
 * charging travellers can reach no station) with the scenario file, so the user
 * knows which file to fix; the engine's own message is kept.
 */
function blameScenario<T>(source: string, solve: () => T): T {
  try {
    return solve();
  } catch (error) {
    if (error instanceof InputError && !error.message.startsWith(source)) {
      throw new InputError({ source, field: 'stations / demand' }, error.message);
    }
    throw error;
  }
}

/** Demand over window + tail: the tail intervals have none. */
function withTail(demand: readonly DynamicDemand[], intervals: number): DynamicDemand[] {
  return demand.map((d) => ({
    ...d,
    vehPerHByInterval: Array.from({ length: intervals }, (_, t) => d.vehPerHByInterval[t] ?? 0),
  }));
}

function couponBook(scenario: Scenario, intervals: number): CouponBook {
  const stations = scenario.stations.length;
  const chargeYuanPerKWh = new Float64Array(stations * intervals);
  const v2gYuanPerVisit = new Float64Array(stations * intervals);
  for (const c of scenario.coupons) {
    const s = scenario.stations.findIndex((st) => st.id === c.station);
    chargeYuanPerKWh.set(expandPerInterval(c.chargeYuanPerKWh, intervals), s * intervals);
    v2gYuanPerVisit.set(expandPerInterval(c.v2gYuanPerVisit, intervals), s * intervals);
  }
  return { chargeYuanPerKWh, v2gYuanPerVisit };
}
