/**
 * Interval template: the per-interval numbers (demand, sheddable load and its
 * power factor, inverter reactive range, import price) a formulation writes into
 * its persistent model as bounds, costs and coefficients — no solver variables here
 * (docs/architecture.md).
 */
import { InputError } from '../../common/errors.js';
import type { FeederInterval } from '../model/injection.js';
import type { NetworkTemplate } from './networkTemplate.js';

/** Per-interval numbers, per unit, indexed by bus position (generator arrays by generator). */
export interface IntervalTemplate {
  /** Fixed active / reactive demand: scaled household load + fixed station power (+ = consumption). */
  readonly pDemandPu: Float64Array;
  readonly qDemandPu: Float64Array;
  /** Largest active power that may be shed at the bus under the feeder's shedding convention. */
  readonly shedMaxPu: Float64Array;
  /** Reactive power shed per unit of active power shed at the bus (its coefficient in the reactive balance). */
  readonly shedQPerP: Float64Array;
  /**
   * Largest station consumption that may be shed as a separate, pure-P column: 0 under
   * every convention (station charging is shed through `shedMaxPu` with the bus's
   * net power factor, or not at all); kept so the LP layout stays fixed.
   */
  readonly stationShedMaxPu: Float64Array;
  /** Scaled household active / reactive load (≥ 0 P in every bundled case), pu. */
  readonly householdPPu: Float64Array;
  readonly householdQPu: Float64Array;
  /** Station charging at the bus: Σ of the positive injection P, pu (V2G exports not included). */
  readonly stationChargePu: Float64Array;
  /** Reactive range of inverter-capable injections: |Q| ≤ Σ √(S² − P²). */
  readonly qInverterMaxPu: Float64Array;
  /** Linear cost of each generator in this interval, $/h per pu (the substations' import price may change per interval). */
  readonly genC1UsdPerHPu: Float64Array;
  /** 1 where the island has no generator and no injecting device (everything there is shed). */
  readonly islandWithoutResources: Uint8Array;
}

/**
 * Turn a {@link FeederInterval} into per-unit demand vectors.
 *
 * Steps: 1. scale household P and Q by `loadScale` (default 1); 2. add each
 * injection at its bus (unknown bus or NaN → `InputError`); an injection with
 * `sMaxMva` adds its P and contributes `√(S² − P²)` of reactive range
 * (0 when |P| ≥ S: the inverter is saturated by active power), and its `qMvar` is
 * ignored because Q is then an OPF decision (seed 001); 3. the sheddable load by
 * the feeder's shedding convention (docs/model.md §3.6): `constant-pf` — up to
 * `max(0, Pnet)` at `Qnet/Pnet` (Pnet, Qnet: the bus's household + fixed station
 * consumption; inverter Q excluded), `household-only` — up to the household P at its
 * own Q/P, `p-only` — up to `max(0, Pnet)` with no Q; 4. the interval's
 * generator costs (`importPriceUsdPerMwh` replaces the substations' linear cost);
 * 5. mark islands with no generator and no injecting device.
 *
 * Because the station's P is given per interval, its capability disc reduces
 * exactly to a reactive bound — no polygon needed.
 *
 * @param output optional buffers reused between intervals (hot path of the co-simulator)
 * @example
 * const t = buildIntervalTemplate(net, { loadScale: 1.2, injections: [{ bus: 18, pMw: 0.5, sMaxMva: 0.6 }] });
 * t.shedMaxPu[net.positionOfBus.get(18)!]; // household + 0.5 MW station, per unit
 */
export function buildIntervalTemplate(net: NetworkTemplate, interval: FeederInterval = {}, output?: IntervalTemplate): IntervalTemplate {
  const n = net.nBus;
  const base = net.baseMva;
  const f64 = (): Float64Array => new Float64Array(n);
  const out: IntervalTemplate = output ?? {
    pDemandPu: f64(), qDemandPu: f64(), shedMaxPu: f64(), shedQPerP: f64(), stationShedMaxPu: f64(),
    householdPPu: f64(), householdQPu: f64(), stationChargePu: f64(), qInverterMaxPu: f64(),
    genC1UsdPerHPu: new Float64Array(net.genBus.length), islandWithoutResources: new Uint8Array(net.islandRoot.length),
  };
  const scale = interval.loadScale ?? 1;
  if (!Number.isFinite(scale) || scale < 0) {
    throw new InputError({ source: 'grid/opf', field: 'loadScale', value: scale }, 'must be a finite number ≥ 0');
  }
  for (let b = 0; b < n; b++) {
    out.householdPPu[b] = net.pLoadPu[b] * scale;
    out.householdQPu[b] = net.qLoadPu[b] * scale;
    out.pDemandPu[b] = out.householdPPu[b];
    out.qDemandPu[b] = out.householdQPu[b];
    out.stationChargePu[b] = 0;
    out.stationShedMaxPu[b] = 0;
    out.qInverterMaxPu[b] = 0;
  }
  const hasInjector = new Uint8Array(net.islandRoot.length);
  for (const [k, inj] of (interval.injections ?? []).entries()) {
    const b = net.positionOfBus.get(inj.bus);
    if (b === undefined) throw new InputError({ source: 'grid/opf', field: `injections[${k}].bus`, value: inj.bus }, 'no such bus in the feeder');
    const pPu = inj.pMw / base;
    const qPu = (inj.qMvar ?? 0) / base;
    if (!Number.isFinite(pPu) || !Number.isFinite(qPu)) {
      throw new InputError({ source: 'grid/opf', field: `injections[${k}]`, value: inj }, 'pMw and qMvar must be finite');
    }
    out.pDemandPu[b] += pPu;
    if (pPu > 0) out.stationChargePu[b] += pPu;
    else if (pPu < 0) hasInjector[net.island[b]] = 1;
    if (inj.sMaxMva !== undefined) {
      const sPu = inj.sMaxMva / base;
      if (!(sPu >= 0)) throw new InputError({ source: 'grid/opf', field: `injections[${k}].sMaxMva`, value: inj.sMaxMva }, 'must be ≥ 0');
      out.qInverterMaxPu[b] += Math.sqrt(Math.max(0, sPu * sPu - pPu * pPu));
      if (sPu > 0) hasInjector[net.island[b]] = 1;
    } else {
      out.qDemandPu[b] += qPu;
    }
  }
  sheddableLoad(net, out);
  const price = interval.importPriceUsdPerMwh;
  if (price !== undefined && !Number.isFinite(price)) {
    throw new InputError({ source: 'grid/opf', field: 'importPriceUsdPerMwh', value: price }, 'must be a finite number');
  }
  for (let g = 0; g < net.genBus.length; g++) {
    out.genC1UsdPerHPu[g] = price !== undefined && net.genIsSubstation[g] ? price * base : net.genC1UsdPerHPu[g];
    if (net.genPMaxPu[g] > 0 || net.genQMaxPu[g] > 0 || net.genQMinPu[g] < 0) hasInjector[net.island[net.genBus[g]]] = 1;
  }
  for (let t = 0; t < hasInjector.length; t++) out.islandWithoutResources[t] = hasInjector[t] ? 0 : 1;
  return out;
}

/**
 * Net consumption (pu) below which a bus is treated as not consuming under `constant-pf` and
 * `p-only` (1 W on a 10 MVA base): keeps Qnet/Pnet, an LP coefficient, bounded.
 */
const MIN_SHEDDABLE_PU = 1e-7;

/** Step 3 of {@link buildIntervalTemplate}: shed limit and shed Q/P per bus by convention. */
function sheddableLoad(net: NetworkTemplate, out: IntervalTemplate): void {
  const convention = net.sheddingConvention;
  for (let b = 0; b < net.nBus; b++) {
    if (convention === 'household-only') {
      out.shedMaxPu[b] = Math.max(0, out.householdPPu[b]);
      out.shedQPerP[b] = net.shedQRatio[b];
      continue;
    }
    const pNet = out.pDemandPu[b];
    const sheddable = pNet > MIN_SHEDDABLE_PU;
    out.shedMaxPu[b] = sheddable ? pNet : 0;
    out.shedQPerP[b] = convention === 'constant-pf' && sheddable ? out.qDemandPu[b] / pNet : 0;
  }
}
