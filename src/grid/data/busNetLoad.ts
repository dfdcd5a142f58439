import { InputError } from '../../common/errors.js';
import type { Feeder } from '../model/feeder.js';
import type { FeederInterval } from '../model/injection.js';
import { busIndexById } from './busIndexById.js';

/** Net fixed load per bus position, MW and MVAr (positive = consumption). */
export interface BusNetLoad {
  readonly pMw: Float64Array;
  readonly qMvar: Float64Array;
}

/**
 * Sum the fixed consumption at every bus for one interval (docs/model.md §3 "Multi-period", §4):
 * household load × `loadScale` plus the interval's injections (positive = charging,
 * negative = V2G). An inverter injection (`sMaxMva` given) counts with its `qMvar`
 * (default 0) as fixed here; the OPF treats its Q as a decision instead.
 *
 * 1. Check `loadScale` (finite, ≥ 0) and every injection (known bus, finite numbers).
 * 2. p = pLoadMw·loadScale + Σ pMw; q = qLoadMvar·loadScale + Σ qMvar, by bus position.
 *
 * @param feeder - the feeder (bus positions as in `feeder.buses`).
 * @param interval - load scale and injections; default: nominal loads, no injection.
 * @param output - optional caller-owned buffers of length `feeder.buses.length` to fill.
 * @returns p (MW) and q (MVAr) per bus position.
 * @throws InputError for an unknown bus, a NaN/infinite value or a negative load scale.
 * @example
 * const { pMw } = busNetLoad(feeder, { loadScale: 1.2, injections: [{ bus: 30, pMw: 2.4 }] });
 */
export function busNetLoad(feeder: Feeder, interval: FeederInterval = {}, output?: BusNetLoad): BusNetLoad {
  const n = feeder.buses.length;
  const pMw = output?.pMw ?? new Float64Array(n);
  const qMvar = output?.qMvar ?? new Float64Array(n);
  const scale = interval.loadScale ?? 1;
  if (!Number.isFinite(scale) || scale < 0) {
    throw new InputError({ source: feeder.source, field: 'interval.loadScale', value: scale }, 'must be a finite number ≥ 0');
  }
  for (let i = 0; i < n; i += 1) {
    pMw[i] = feeder.buses[i].pLoadMw * scale;
    qMvar[i] = feeder.buses[i].qLoadMvar * scale;
  }
  const injections = interval.injections ?? [];
  if (injections.length === 0) return { pMw, qMvar };
  const positionOf = busIndexById(feeder);
  injections.forEach((injection, k) => {
    const at = positionOf.get(injection.bus);
    if (at === undefined) {
      throw new InputError({ source: feeder.source, field: `injections[${k}].bus`, value: injection.bus }, 'unknown bus');
    }
    const q = injection.qMvar ?? 0;
    for (const [key, value] of [['pMw', injection.pMw], ['qMvar', q]] as const) {
      if (!Number.isFinite(value)) {
        throw new InputError({ source: feeder.source, field: `injections[${k}].${key}`, value }, 'must be a finite number');
      }
    }
    pMw[at] += injection.pMw;
    qMvar[at] += q;
  });
  return { pMw, qMvar };
}
