/**
 * Interval template: the per-interval numbers (demand, sheddable load, inverter
 * reactive range) a formulation writes into its persistent model as bounds —
 * no solver variables here (docs/architecture.md).
 */
import { InputError } from '../../common/errors.js';
import type { FeederInterval } from '../model/injection.js';
import type { NetworkTemplate } from './networkTemplate.js';

/** Per-interval numbers, per unit, indexed by bus position. */
export interface IntervalTemplate {
  /** Fixed active / reactive demand: scaled household load + fixed station power (+ = consumption). */
  readonly pDemandPu: Float64Array;
  readonly qDemandPu: Float64Array;
  /** Largest household active load that may be shed (sheds Q at the household Q/P ratio). */
  readonly shedMaxPu: Float64Array;
  /** Largest station (injection) consumption that may be shed, as pure active power. */
  readonly stationShedMaxPu: Float64Array;
  /** Reactive range of inverter-capable injections: |Q| ≤ Σ √(S² − P²). */
  readonly qInverterMaxPu: Float64Array;
  /** 1 where the island has no generator and no injecting device (everything there is shed). */
  readonly islandWithoutResources: Uint8Array;
}

/**
 * Turn a {@link FeederInterval} into per-unit demand vectors.
 *
 * Steps: 1. scale household P and Q by `loadScale` (default 1); household load
 * may be shed at its own Q/P ratio, station consumption as pure P (so shedding a
 * station never frees reactive power it did not draw); 2. add each
 * injection at its bus (unknown bus or NaN → `InputError`); an injection with
 * `sMaxMva` adds its P and contributes `√(S² − P²)` of reactive range
 * (0 when |P| ≥ S: the inverter is saturated by active power), and its `qMvar` is
 * ignored because Q is then an OPF decision (seed 001); 3. mark islands with no
 * generator and no injecting device.
 *
 * Because the station's P is given per interval, its capability disc reduces
 * exactly to a reactive bound — no polygon needed.
 *
 * @param output optional buffers reused between intervals (hot path of the co-simulator)
 * @example
 * const t = buildIntervalTemplate(net, { loadScale: 1.2, injections: [{ bus: 18, pMw: 0.5, sMaxMva: 0.6 }] });
 */
export function buildIntervalTemplate(net: NetworkTemplate, interval: FeederInterval = {}, output?: IntervalTemplate): IntervalTemplate {
  const n = net.nBus;
  const base = net.baseMva;
  const out: IntervalTemplate = output ?? {
    pDemandPu: new Float64Array(n), qDemandPu: new Float64Array(n), shedMaxPu: new Float64Array(n), stationShedMaxPu: new Float64Array(n),
    qInverterMaxPu: new Float64Array(n), islandWithoutResources: new Uint8Array(net.islandRoot.length),
  };
  const scale = interval.loadScale ?? 1;
  if (!Number.isFinite(scale) || scale < 0) {
    throw new InputError({ source: 'grid/opf', field: 'loadScale', value: scale }, 'must be a finite number ≥ 0');
  }
  const consumption = out.stationShedMaxPu;
  for (let b = 0; b < n; b++) {
    out.pDemandPu[b] = net.pLoadPu[b] * scale;
    out.qDemandPu[b] = net.qLoadPu[b] * scale;
    out.shedMaxPu[b] = Math.max(0, out.pDemandPu[b]);
    consumption[b] = 0;
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
    if (pPu > 0) consumption[b] += pPu;
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
  for (let g = 0; g < net.genBus.length; g++) {
    if (net.genPMaxPu[g] > 0 || net.genQMaxPu[g] > 0 || net.genQMinPu[g] < 0) hasInjector[net.island[net.genBus[g]]] = 1;
  }
  for (let t = 0; t < hasInjector.length; t++) out.islandWithoutResources[t] = hasInjector[t] ? 0 : 1;
  return out;
}
