/**
 * What the flexibility outer bound (docs/flexibility.md "Outer bound") needs from a scenario at
 * one interval t*: the EV demand groups with their free-flow times to every station, the
 * stations' servers, powers and service times, and the feeder of t* — plus the factory of the
 * feeder block (grid's `FeederLoadSupport`), so that src/flex reaches the grid only through
 * src/sim/index.ts.
 */
import { InputError } from '../../common/errors.js';
import { FeederLoadSupport, type SupportStation } from '../../grid/problems/feederLoadSupport.js';
import type { Feeder } from '../../grid/model/feeder.js';
import { shortestPathTree, createShortestPathTree } from '../../traffic/network/shortestPathTree.js';
import { expandPerInterval } from '../scenario/schema/perInterval.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { resolveScenario } from '../run/resolveScenario.js';

/** The feeder block of the outer-bound LP (grid's persistent support LP). */
export type StationFeederSupport = FeederLoadSupport;

/** One station as the outer bound sees it (scenario order). */
export interface OuterBoundStation {
  readonly id: string;
  readonly kind: 'en-route' | 'destination';
  readonly bus: number;
  /** Servers of the charge link (chargers) and of the V2G link (ports; 0 at destination stations). */
  readonly chargers: number;
  readonly v2gPorts: number;
  readonly chargeKw: number;
  readonly v2gKw: number;
  /** Minutes a vehicle draws power per visit: en route the service time; at a destination need / kW per class. */
  readonly chargeDrawMinByClass: { readonly charging: number; readonly v2g: number };
  readonly v2gServiceMin: number;
  /** Inverter apparent-power limit, MVA (absent: Q = 0). */
  readonly inverterSMaxMva?: number;
}

/**
 * Vehicles of one OD pair, class and departure interval that use a station: a charging-class
 * group uses one `charge` link (en route, or the home station at its destination), a V2G-class
 * group one `v2g` link en route; the V2G vehicles plugging in at home form a second group there.
 */
export interface OuterBoundGroup {
  readonly origin: number;
  readonly destination: number;
  readonly userClass: 'charging' | 'v2g';
  /** `charge` or `v2g`: the kind of station link the group's vehicles are served on. */
  readonly link: 'charge' | 'v2g';
  readonly departureInterval: number;
  /** Vehicles of the group (share × rate × Δt / 60). */
  readonly vehicles: number;
  /**
   * Per station (scenario order): free-flow minutes from the origin to the station's node, or
   * null when the group cannot be served there (wrong kind, unreachable, or its destination not
   * reachable after the station).
   */
  readonly freeFlowMinToStation: readonly (number | null)[];
}

/** Inputs of the outer-bound LP at t*. */
export interface OuterBoundInputs {
  readonly timeIndex: number;
  readonly intervalMin: number;
  readonly stepSec: number;
  readonly propagation: Scenario['traffic']['propagation'];
  readonly stations: readonly OuterBoundStation[];
  readonly groups: readonly OuterBoundGroup[];
  readonly feeder: Feeder;
  readonly loadScale: number;
  readonly outagedBranches: readonly number[];
  /** The co-simulation OPF's cone tolerance (scenario `solver.coneRelTolerance` / `coneTolerancePu`; empty: the OPF's defaults). */
  readonly opfConeTolerance: { readonly relTol?: number; readonly absTolPu?: number };
}

/**
 * Gather the outer bound's inputs at interval `timeIndex` (a window interval).
 *
 * 1. `resolveScenario`: network with stations, demand (scale and profile applied), feeder with
 *    DGs and overrides, outages.
 * 2. Groups per OD pair, class (charging λ, V2G φ; regular vehicles never load a station) and
 *    departure interval τ ≤ t* (later departures cannot load t*): vehicles = share·q_τ·Δt/60.
 *    Trips ending at a destination station's node: the share π plugs in there (charging class:
 *    only there; V2G class: after its en-route discharge), the rest as any trip.
 * 3. Free-flow shortest times (Dijkstra on τ_a; station links take 0) origin → station node, and
 *    station → destination reachability; an unreachable station is null for the group.
 * 4. The feeder at t*: household load scale (× loadMultiplier) and outaged branches.
 *
 * @throws InputError when `timeIndex` is outside the window.
 * @example
 * const inputs = outerBoundInputs(scenario, 'scenarios', 'scenarios/x.json', 6);
 * inputs.groups.length; // OD × class × departure interval (≤ t*) with vehicles
 */
export function outerBoundInputs(scenario: Scenario, baseDir: string, source: string, timeIndex: number): OuterBoundInputs {
  const h = scenario.horizon;
  if (!(Number.isInteger(timeIndex) && timeIndex >= 0 && timeIndex < h.intervals)) {
    throw new InputError({ source, field: 'timeIndex', value: timeIndex }, `must be a window interval 0…${h.intervals - 1}`);
  }
  const { network, demand, feeder, outages } = resolveScenario(scenario, baseDir, source);
  const cls = scenario.classes;
  const stations: OuterBoundStation[] = scenario.stations.map((st) => {
    const destination = st.kind === 'destination';
    const drawMin = (needKwh: number | undefined): number => (destination ? ((needKwh ?? 0) / st.chargeKw) * 60 : (st as { chargeServiceMin: number }).chargeServiceMin);
    return {
      id: st.id,
      kind: destination ? 'destination' : 'en-route',
      bus: st.bus,
      chargers: st.chargers,
      v2gPorts: destination ? 0 : (st as { v2gPorts: number }).v2gPorts,
      chargeKw: st.chargeKw,
      v2gKw: destination ? 0 : (st as { v2gKw: number }).v2gKw,
      chargeDrawMinByClass: { charging: drawMin(cls.chargingEnergyNeedKwh), v2g: drawMin(cls.v2gEnergyNeedKwh) },
      v2gServiceMin: destination ? 0 : (st as { v2gServiceMin: number }).v2gServiceMin,
      ...(st.inverterSMaxMva === undefined ? {} : { inverterSMaxMva: st.inverterSMaxMva }),
    };
  });
  const nodeCount = network.nodeIds.length;
  const tree = createShortestPathTree(nodeCount);
  const after = createShortestPathTree(nodeCount);
  // Reachability of each destination from each en-route station's virtual node (out-links side).
  const reachAfter = scenario.stations.map((st, s) => {
    if (st.kind === 'destination') return undefined;
    shortestPathTree(network, network.freeFlowMin, network.stationVirtualNode[s], after);
    return Float64Array.from(after.cost);
  });
  const groups: OuterBoundGroup[] = [];
  const dtH = h.intervalMin / 60;
  for (const d of demand) {
    const o = network.nodeIndex.get(d.origin);
    const dest = network.nodeIndex.get(d.destination);
    if (o === undefined || dest === undefined || d.origin === d.destination) continue;
    shortestPathTree(network, network.freeFlowMin, o, tree);
    const toNode = (s: number): number => tree.cost[network.nodeIndex.get(scenario.stations[s].node) as number];
    const home = scenario.stations.findIndex((st) => st.kind === 'destination' && st.node === d.destination);
    const homeShare = home >= 0 ? (scenario.stations[home] as { plugInShare: number }).plugInShare : 0;
    const enRoute = (s: number): number | null => {
      if (scenario.stations[s].kind === 'destination') return null;
      const t = toNode(s);
      const back = (reachAfter[s] as Float64Array)[dest];
      return Number.isFinite(t) && Number.isFinite(back) ? t : null;
    };
    const atHome = (s: number): number | null => (s === home && Number.isFinite(toNode(s)) ? toNode(s) : null);
    const enRouteTimes = scenario.stations.map((_, s) => enRoute(s));
    const homeTimes = scenario.stations.map((_, s) => atHome(s));
    for (let tau = 0; tau <= timeIndex; tau++) {
      const rate = d.vehPerHByInterval[tau] ?? 0;
      if (!(rate > 0)) continue;
      const push = (userClass: 'charging' | 'v2g', link: 'charge' | 'v2g', vehicles: number, times: (number | null)[]): void => {
        if (vehicles > 0 && times.some((t) => t !== null)) {
          groups.push({ origin: d.origin, destination: d.destination, userClass, link, departureInterval: tau, vehicles, freeFlowMinToStation: times });
        }
      };
      const charging = cls.chargingShare * rate * dtH;
      const v2g = cls.v2gShare * rate * dtH;
      push('charging', 'charge', charging * (1 - homeShare), enRouteTimes);
      if (home >= 0) push('charging', 'charge', charging * homeShare, homeTimes);
      push('v2g', 'v2g', v2g, enRouteTimes);
      if (home >= 0) push('v2g', 'charge', v2g * homeShare, homeTimes);
    }
  }
  const loadScale = expandPerInterval(scenario.feeder.loadScale, h.intervals)[timeIndex] * scenario.feeder.loadMultiplier;
  return {
    timeIndex,
    intervalMin: h.intervalMin,
    stepSec: h.stepSec,
    propagation: scenario.traffic.propagation,
    stations,
    groups,
    feeder,
    loadScale,
    outagedBranches: outages[timeIndex] ?? [],
    opfConeTolerance: {
      ...(scenario.solver.coneRelTolerance === undefined ? {} : { relTol: scenario.solver.coneRelTolerance }),
      ...(scenario.solver.coneTolerancePu === undefined ? {} : { absTolPu: scenario.solver.coneTolerancePu }),
    },
  };
}

/**
 * The feeder block of the outer-bound LP: grid's `FeederLoadSupport` at t* with one net-load
 * column per station (scenario order), in the given MW ranges (the traffic relaxation's own
 * bounds; they must contain every load the co-simulation can produce).
 *
 * @example
 * const lp = createStationFeederSupport(inputs, inputs.stations.map(() => ({ pMinMw: -2, pMaxMw: 4 })));
 * lp.stationCols[0]; // column of station 0's net load, MW
 */
export function createStationFeederSupport(inputs: OuterBoundInputs, rangesMw: readonly { pMinMw: number; pMaxMw: number }[]): StationFeederSupport {
  const stations: SupportStation[] = inputs.stations.map((s, k) => ({
    bus: s.bus,
    pMinMw: rangesMw[k].pMinMw,
    pMaxMw: rangesMw[k].pMaxMw,
    ...(s.inverterSMaxMva === undefined ? {} : { sMaxMva: s.inverterSMaxMva }),
  }));
  return new FeederLoadSupport({
    feeder: inputs.feeder, loadScale: inputs.loadScale, outagedBranches: inputs.outagedBranches, stations, opfConeTolerance: inputs.opfConeTolerance,
  });
}
