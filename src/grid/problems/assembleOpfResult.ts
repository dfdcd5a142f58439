/**
 * Turn a formulation's per-unit, position-indexed solution into an
 * {@link OpfResult} keyed by the data's bus ids in MW / kW / pu / $/MWh.
 */
import type { BranchFlowSolution, FormulationName } from '../formulations/branchFlowFormulation.js';
import type { DlmpBreakdown } from '../dlmp/decomposeDlmp.js';
import type { Feeder } from '../model/feeder.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { DlmpComponents, OpfBranch, OpfResult } from './opfResult.js';

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
 * @example
 * const result = assembleOpfResult({ feeder, net, interval, solution, dlmp, formulation: 'socp' });
 */
export function assembleOpfResult(input: AssembleOpfInput): OpfResult {
  const { feeder, net, interval, solution: s, dlmp, formulation } = input;
  const base = net.baseMva;
  const n = net.nBus;
  const ok = s.status === 'optimal' || s.status === 'inexact';
  const voltagePu: Record<number, number> = {};
  const shedKwByBus: Record<number, number> = {};
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
      if (s.shedPu[b] > 1e-12) {
        shedKwByBus[id] = s.shedPu[b] * base * 1000;
        shedPu += s.shedPu[b];
      }
      if (interval.qInverterMaxPu[b] > 0) stationQMvar[id] = s.qInverterPu[b] * base;
      if (dlmp !== undefined) {
        dlmpP[id] = dlmp.dlmpP[b];
        dlmpQ[id] = dlmp.dlmpQ[b];
        dlmpComponents[id] = { energy: dlmp.energyP[b], loss: dlmp.lossP[b], congestion: dlmp.congestionP[b], voltage: dlmp.voltageP[b] };
        dlmpQComponents[id] = { energy: dlmp.energyQ[b], loss: dlmp.lossQ[b], congestion: dlmp.congestionQ[b], voltage: dlmp.voltageQ[b] };
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
  const dispatch = feeder.generators.map((g, i) => {
    const pMw = ok ? s.pGenPu[i] * base : NaN;
    const qMvar = ok ? s.qGenPu[i] * base : NaN;
    if (g.kind === 'substation') {
      importMw += pMw;
      importMvar += qMvar;
    }
    return { id: g.id, bus: g.bus, pMw, qMvar };
  });
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
    lpSolves: s.lpSolves,
    islands: net.islandRoot.length,
  };
}
