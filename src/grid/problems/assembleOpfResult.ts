/**
 * Turn a formulation's per-unit, position-indexed solution into an
 * {@link OpfResult} keyed by the data's bus ids in MW / kW / pu / $/MWh.
 */
import type { BranchFlowSolution, FormulationName } from '../formulations/branchFlowFormulation.js';
import type { DlmpBreakdown } from '../dlmp/decomposeDlmp.js';
import type { Feeder } from '../model/feeder.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { BusShedding, DlmpComponents, IslandSummary, OpfBranch, OpfResult } from './opfResult.js';

/** Inputs of {@link assembleOpfResult}. */
export interface AssembleOpfInput {
  readonly feeder: Feeder;
  readonly net: NetworkTemplate;
  readonly interval: IntervalTemplate;
  readonly solution: BranchFlowSolution;
  /** Undefined when the solve produced no point. */
  readonly dlmp: DlmpBreakdown | undefined;
  readonly formulation: FormulationName;
}

/**
 * Build the user-facing result.
 *
 * Shedding: the shed P of a bus is split between households and EV charging pro rata to
 * their positive consumption at the bus (household P vs Σ positive station P), all to
 * households under `household-only` (station charging is not sheddable there); the shed Q
 * (shed P × the interval's shed Q/P) follows the same shares.
 *
 * @example
 * const result = assembleOpfResult({ feeder, net, interval, solution, dlmp, formulation: 'socp' });
 */
export function assembleOpfResult(input: AssembleOpfInput): OpfResult {
  const { feeder, net, interval, solution: s, dlmp, formulation } = input;
  const base = net.baseMva;
  const n = net.nBus;
  const ok = s.status === 'optimal' || s.status === 'inexact' || s.status === 'cut-limit';
  const voltagePu: Record<number, number> = {};
  const shedKwByBus: Record<number, number> = {};
  const shedByBus: Record<number, BusShedding> = {};
  const kw = base * 1000;
  let householdShedPu = 0;
  let householdShedQPu = 0;
  let evCurtailedPu = 0;
  const nIsl = net.islandRoot.length;
  const islandLoadPu = new Float64Array(nIsl);
  const islandShedPu = new Float64Array(nIsl);
  const islandShedQPu = new Float64Array(nIsl);
  const islandBuses = new Int32Array(nIsl);
  const stationQMvar: Record<number, number> = {};
  const dlmpP: Record<number, number> = {};
  const dlmpQ: Record<number, number> = {};
  const dlmpComponents: Record<number, DlmpComponents> = {};
  const dlmpQComponents: Record<number, DlmpComponents> = {};
  const branches: OpfBranch[] = [];
  let minVoltagePu = Infinity;
  let minVoltageBus = -1;
  let lossesPu = 0;
  let shedPu = 0;
  if (ok) {
    for (let k = 0; k < n; k++) {
      const b = net.order[k];
      const id = net.busIds[b];
      // An island without any resource is de-energised (all load shed): report 0 pu
      // like the power flow does, and keep it out of the minimum voltage.
      const dead = interval.islandWithoutResources[net.island[b]] === 1;
      const v = dead ? 0 : Math.sqrt(Math.max(0, s.vSqPu[b]));
      voltagePu[id] = v;
      if (!dead && v < minVoltagePu) {
        minVoltagePu = v;
        minVoltageBus = id;
      }
      const t = net.island[b];
      islandBuses[t]++;
      islandLoadPu[t] += interval.pDemandPu[b];
      if (s.shedPu[b] > 1e-12) {
        const pPu = s.shedPu[b];
        const qPu = pPu * interval.shedQPerP[b];
        const hh = Math.max(0, interval.householdPPu[b]);
        const ev = net.sheddingConvention === 'household-only' ? 0 : interval.stationChargePu[b];
        const hhShare = hh + ev > 0 ? hh / (hh + ev) : 1;
        shedKwByBus[id] = pPu * kw;
        shedByBus[id] = { pKw: pPu * kw, qKvar: qPu * kw, householdKw: pPu * hhShare * kw, evKw: pPu * (1 - hhShare) * kw };
        shedPu += pPu;
        householdShedPu += pPu * hhShare;
        householdShedQPu += qPu * hhShare;
        evCurtailedPu += pPu * (1 - hhShare);
        islandShedPu[t] += pPu;
        islandShedQPu[t] += qPu;
      }
      if (interval.qInverterMaxPu[b] > 0) stationQMvar[id] = s.qInverterPu[b] * base;
      if (dlmp !== undefined) {
        dlmpP[id] = dlmp.dlmpP[b];
        dlmpQ[id] = dlmp.dlmpQ[b];
        dlmpComponents[id] = {
          energy: dlmp.energyP[b], loss: dlmp.lossP[b], congestion: dlmp.congestionP[b], voltage: dlmp.voltageP[b], scarcity: dlmp.scarcityP[b],
        };
        dlmpQComponents[id] = {
          energy: dlmp.energyQ[b], loss: dlmp.lossQ[b], congestion: dlmp.congestionQ[b], voltage: dlmp.voltageQ[b], scarcity: dlmp.scarcityQ[b],
        };
      }
      const a = net.parent[b];
      if (a < 0) continue;
      lossesPu += net.rPu[b] * s.lSqPu[b];
      branches.push({
        id: feeder.branches[net.branchIndex[b]].id,
        fromBus: net.busIds[a],
        toBus: id,
        pMw: s.pFlowPu[b] * base,
        qMvar: s.qFlowPu[b] * base,
        currentSqPu: s.lSqPu[b],
        coneGapPu: s.coneGapPu[b],
      });
    }
  }
  let importMw = 0;
  let importMvar = 0;
  const islandImportMw = new Float64Array(nIsl);
  const dispatch = feeder.generators.map((g, i) => {
    const pMw = ok ? s.pGenPu[i] * base : NaN;
    const qMvar = ok ? s.qGenPu[i] * base : NaN;
    if (g.kind === 'substation') {
      importMw += pMw;
      importMvar += qMvar;
      islandImportMw[net.island[net.genBus[i]]] += pMw;
    }
    return { id: g.id, bus: g.bus, pMw, qMvar };
  });
  const islandSummary: IslandSummary[] = ok
    ? Array.from(net.islandRoot, (root, t) => ({
      rootBus: net.busIds[root],
      buses: islandBuses[t],
      loadMw: islandLoadPu[t] * base,
      shedMw: islandShedPu[t] * base,
      shedMvar: islandShedQPu[t] * base,
      importMw: islandImportMw[t],
      status: interval.islandWithoutResources[t] === 1 ? 'de-energised' as const : 'energised' as const,
    }))
    : [];
  return {
    status: s.status,
    ...(s.message === undefined ? {} : { message: s.message }),
    formulation,
    objectiveUsdPerH: s.objectiveUsdPerH,
    lossesKw: ok ? lossesPu * base * 1000 : NaN,
    importMw,
    importMvar,
    shedKw: ok ? shedPu * base * 1000 : NaN,
    shedKwByBus,
    householdShedKw: ok ? householdShedPu * kw : NaN,
    householdShedKvar: ok ? householdShedQPu * kw : NaN,
    evCurtailedKw: ok ? evCurtailedPu * kw : NaN,
    shedByBus,
    voltagePu,
    minVoltagePu: ok ? minVoltagePu : NaN,
    minVoltageBus,
    dlmpP,
    dlmpQ,
    dlmpComponents,
    dlmpQComponents,
    dispatch,
    stationQMvar,
    branches,
    maxConeGapPu: s.maxConeGapPu,
    maxConeGapBranch: s.maxConeGapBranchIndex === null ? null : feeder.branches[s.maxConeGapBranchIndex].id,
    currentBoxBinding: s.currentBoxBindingIndex.map((k) => feeder.branches[k].id),
    lpSolves: s.lpSolves,
    islands: net.islandRoot.length,
    islandSummary,
  };
}
