/**
 * Feeders and intervals of the reference tests (not a test file): the issue-11 cases, and the
 * checks shared by several files (finite differences of an OPF's cost, AC power-flow re-check).
 */
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder, FeederGenerator } from '../../../src/grid/model/feeder.ts';
import type { BusInjection, FeederInterval } from '../../../src/grid/model/injection.ts';
import { runPowerFlow } from '../../../src/grid/powerflow/runPowerFlow.ts';
import type { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';

/** True when the long reference checks are requested. */
export const LONG = process.env.EV_COSIM_LONG === '1';

function dg(id: string, bus: number, costUsdPerMwh: number, costUsdPerMw2h: number, pMaxMw = 1, qMvar = 0.5): FeederGenerator {
  return { id, kind: 'dg', bus, pMinMw: 0, pMaxMw, qMinMvar: -qMvar, qMaxMvar: qMvar, costUsdPerMwh, costUsdPerMw2h };
}

/** Rating of branch 1 (bus 1 → 2) that binds in {@link case33WithDgs}, MVA. */
export const CASE33_RATING_MVA = 3.6;

/**
 * case33bw with two dispatchable DGs (bus 18: 30 $/MWh + 10 $/MW²h; bus 33: 35 + 5) and the
 * substation branch rated at 3.6 MVA, which binds (the DGs then run at interior set-points).
 *
 * @example
 * const f = case33WithDgs(); f.generators.length; // 3
 */
export function case33WithDgs(): Feeder {
  const base = loadBundledFeeder('case33bw');
  return {
    ...base,
    generators: [...base.generators, dg('dg18', 18, 30, 10), dg('dg33', 33, 35, 5)],
    branches: base.branches.map((b) => (b.id === 1 ? { ...b, rateMva: CASE33_RATING_MVA } : b)),
  };
}

/** Voltage floor of {@link ieee123WithVoltageLimit}, pu. */
export const IEEE123_VMIN_PU = 0.94;

/**
 * ieee123 with a 0.94 pu voltage floor (the power flow's minimum is 0.919 pu at bus 61) and a DG
 * at bus 61 (≤ 1 MW at 40 $/MWh, ±0.1 MVAr): the floor binds (at bus 66) with the DG's P interior
 * (≈ 0.73 MW) and its Q at the limit, so the voltage component carries the price.
 *
 * @example
 * ieee123WithVoltageLimit().buses.find((b) => b.id === 61)!.vMinPu; // 0.94
 */
export function ieee123WithVoltageLimit(): Feeder {
  const base = loadBundledFeeder('ieee123');
  return {
    ...base,
    buses: base.buses.map((b) => (b.id === base.slackBus ? b : { ...b, vMinPu: IEEE123_VMIN_PU })),
    generators: [...base.generators, dg('dg61', 61, 40, 0, 1, 0.1)],
  };
}

/**
 * 12 intervals on {@link case33WithDgs}: a load-scale profile and EV stations at buses 16, 22
 * and 30 (30 with an inverter), large enough in the evening peak (intervals 7–9) to force
 * shedding at the 0.9 pu floor.
 *
 * @example
 * horizon33().length; // 12
 */
export function horizon33(): FeederInterval[] {
  const scale = [0.6, 0.55, 0.55, 0.65, 0.8, 0.9, 1.0, 1.1, 1.2, 1.15, 0.95, 0.75];
  const ev16 = [0.05, 0, 0, 0.1, 0.2, 0.2, 0.3, 0.6, 0.9, 0.5, 0.3, 0.1];
  const ev22 = [0, 0, 0.1, 0.1, 0.2, 0.3, 0.3, 0.4, 0.5, 0.4, 0.2, 0.1];
  const ev30 = [0.1, 0.1, 0, 0.2, 0.4, 0.5, 0.8, 1.6, 2.2, 1.4, 0.6, 0.2];
  return scale.map((loadScale, t) => {
    const injections: BusInjection[] = [
      { bus: 16, pMw: ev16[t], qMvar: 0.2 * ev16[t] },
      { bus: 22, pMw: ev22[t] },
      { bus: 30, pMw: ev30[t], sMaxMva: ev30[t] + 0.3 },
    ];
    return { loadScale, injections };
  });
}

/**
 * Central finite differences of an OPF session's optimal cost with respect to extra demand at
 * `bus`: `(C(+ε) − C(−ε)) / 2ε` with ε MW of active (or MVAr of reactive) consumption added as an
 * injection, in $/MWh ($/MVArh).
 *
 * @example
 * fdDlmp(opf, {}, 18, 'p', 0.01); // ≈ r.dlmpP[18]
 */
export function fdDlmp(opf: OpfSession, interval: FeederInterval, bus: number, kind: 'p' | 'q', epsMw: number): number {
  const cost = (sign: number): number => {
    const extra: BusInjection = kind === 'p' ? { bus, pMw: sign * epsMw } : { bus, pMw: 0, qMvar: sign * epsMw };
    const r = opf.solve({ ...interval, injections: [...(interval.injections ?? []), extra] });
    if (r.status !== 'optimal') throw new Error(`fdDlmp: status ${r.status} at bus ${bus} ${kind} ${sign > 0 ? '+' : '−'}ε`);
    return r.objectiveUsdPerH;
  };
  return (cost(1) - cost(-1)) / (2 * epsMw);
}

/**
 * Largest |V_pf − V_opf| over energised buses when the AC power flow (backward/forward sweep)
 * is run at the OPF's dispatch: household load and station P as in `interval`, shed load removed
 * (at the bus's shed Q when the result reports it in `shedByBus`, else as pure P), DG set-points
 * and inverter Q as negative consumption, the substation as the slack.
 *
 * @example
 * powerFlowVoltageGap(feeder, interval, opf.solve(interval)); // pu
 */
export function powerFlowVoltageGap(feeder: Feeder, interval: FeederInterval, r: OpfResult): { maxAbsPu: number; bus: number; converged: boolean } {
  const injections: BusInjection[] = (interval.injections ?? []).map((inj) =>
    inj.sMaxMva === undefined ? { ...inj } : { bus: inj.bus, pMw: inj.pMw },
  );
  for (const [id, q] of Object.entries(r.stationQMvar)) injections.push({ bus: Number(id), pMw: 0, qMvar: -q });
  for (const d of r.dispatch) {
    const gen = feeder.generators.find((g) => g.id === d.id)!;
    if (gen.kind === 'substation' && gen.bus === feeder.slackBus) continue;
    injections.push({ bus: d.bus, pMw: -d.pMw, qMvar: -d.qMvar });
  }
  const shedByBus = (r as { shedByBus?: Record<number, { qKvar: number }> }).shedByBus ?? {};
  for (const [id, kw] of Object.entries(r.shedKwByBus)) {
    injections.push({ bus: Number(id), pMw: -kw / 1000, qMvar: -(shedByBus[Number(id)]?.qKvar ?? 0) / 1000 });
  }
  const pf = runPowerFlow(feeder, { ...interval, injections }, { toleranceMw: 1e-12, maxIterations: 500 });
  let maxAbsPu = 0;
  let bus = -1;
  for (const b of feeder.buses) {
    if (pf.unsuppliedBuses.includes(b.id)) continue;
    const d = Math.abs(pf.voltagePu[b.id] - r.voltagePu[b.id]);
    if (!(d <= maxAbsPu)) [maxAbsPu, bus] = [Number.isNaN(d) ? Number.MAX_VALUE : d, b.id];
  }
  return { maxAbsPu, bus, converged: pf.converged };
}
