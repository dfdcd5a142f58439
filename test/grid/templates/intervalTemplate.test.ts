import { describe, expect, it } from 'vitest';
import type { SheddingConvention } from '../../../src/grid/model/feeder.ts';
import { buildIntervalTemplate } from '../../../src/grid/templates/intervalTemplate.ts';
import { buildNetworkTemplate } from '../../../src/grid/templates/networkTemplate.ts';
import { smallFeeder } from '../feederFixtures.ts';

// smallFeeder (base 10 MVA): bus 3 carries 0.2 MW + j0.1 Mvar, bus 4 0.1 MW + j0.02 Mvar.
const at = (convention: SheddingConvention) => {
  const net = buildNetworkTemplate(smallFeeder({ sheddingConvention: convention }));
  const interval = buildIntervalTemplate(net, {
    loadScale: 2,
    importPriceUsdPerMwh: -15,
    injections: [
      { bus: 3, pMw: 0.1, qMvar: 0.05 }, // charging station with fixed Q
      { bus: 4, pMw: -0.3 }, // V2G exporting more than the (scaled) 0.2 MW household
      { bus: 5, pMw: 0.2, qMvar: 0.3, sMaxMva: 0.25 }, // inverter: its Q is an OPF decision, not demand
    ],
  });
  const pos = (id: number) => net.positionOfBus.get(id)!;
  return { net, interval, pos };
};

describe('buildIntervalTemplate: shedding conventions (pu on 10 MVA)', () => {
  it('constant-pf: shed up to the net consumption at its power factor; nothing where V2G exports more than the household draws', () => {
    const { interval: t, pos } = at('constant-pf');
    // Bus 3: Pnet = 0.4 + 0.1 = 0.5 MW, Qnet = 0.2 + 0.05 = 0.25 Mvar.
    expect(t.shedMaxPu[pos(3)]).toBeCloseTo(0.05, 15);
    expect(t.shedQPerP[pos(3)]).toBeCloseTo(0.5, 15);
    // Bus 4: Pnet = 0.2 − 0.3 < 0.
    expect(t.shedMaxPu[pos(4)]).toBe(0);
    expect(t.shedQPerP[pos(4)]).toBe(0);
    // Bus 5: Pnet = 0.6 + 0.2 = 0.8 MW; Qnet = household 0.2 only (the inverter's Q is a decision).
    expect(t.shedMaxPu[pos(5)]).toBeCloseTo(0.08, 15);
    expect(t.shedQPerP[pos(5)]).toBeCloseTo(0.2 / 0.8, 15);
    expect(t.stationChargePu[pos(3)]).toBeCloseTo(0.01, 15);
    expect(t.stationChargePu[pos(4)]).toBe(0);
    expect(Array.from(t.stationShedMaxPu).every((v) => v === 0)).toBe(true);
  });

  it('household-only: the household load at its own Q/P, whatever the stations do', () => {
    const { interval: t, pos } = at('household-only');
    expect(t.shedMaxPu[pos(3)]).toBeCloseTo(0.04, 15);
    expect(t.shedQPerP[pos(3)]).toBeCloseTo(0.5, 15);
    expect(t.shedMaxPu[pos(4)]).toBeCloseTo(0.02, 15);
    expect(t.shedQPerP[pos(4)]).toBeCloseTo(0.2, 15);
  });

  it('p-only: up to the net consumption, no Q', () => {
    const { interval: t, pos } = at('p-only');
    expect(t.shedMaxPu[pos(3)]).toBeCloseTo(0.05, 15);
    expect(t.shedMaxPu[pos(4)]).toBe(0);
    expect(Array.from(t.shedQPerP).every((v) => v === 0)).toBe(true);
  });

  it('writes the interval import price into the substation cost only ($/h per pu)', () => {
    const { net, interval: t } = at('constant-pf');
    net.genIsSubstation.forEach((isSub, g) => expect(t.genC1UsdPerHPu[g]).toBe(isSub ? -15 * 10 : net.genC1UsdPerHPu[g]));
    expect(buildIntervalTemplate(net, {}).genC1UsdPerHPu[0]).toBe(20 * 10);
  });

  it('rejects a non-finite import price with InputError', () => {
    const { net } = at('constant-pf');
    expect(() => buildIntervalTemplate(net, { importPriceUsdPerMwh: Number.NaN })).toThrow(/importPriceUsdPerMwh/);
  });
});
