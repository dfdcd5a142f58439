import { describe, expect, it } from 'vitest';
import { busNetLoad } from '../../../src/grid/data/busNetLoad.ts';
import { smallFeeder } from '../feederFixtures.ts';

describe('busNetLoad', () => {
  it('returns nominal loads by bus position without an interval', () => {
    const { pMw, qMvar } = busNetLoad(smallFeeder());
    expect([...pMw]).toEqual([0, 0.1, 0.2, 0.1, 0.3]);
    expect([...qMvar]).toEqual([0, 0.05, 0.1, 0.02, 0.1]);
  });

  it('scales household load and sums injections per bus (positive = consumption)', () => {
    const { pMw, qMvar } = busNetLoad(smallFeeder(), {
      loadScale: 2,
      injections: [{ bus: 3, pMw: 0.5 }, { bus: 3, pMw: -0.2, qMvar: -0.1, sMaxMva: 0.3 }, { bus: 5, pMw: -1 }],
    });
    expect(pMw[2]).toBeCloseTo(0.4 + 0.5 - 0.2, 15);
    expect(qMvar[2]).toBeCloseTo(0.2 - 0.1, 15);
    expect(pMw[4]).toBeCloseTo(0.6 - 1, 15);
  });

  it('fills caller-owned buffers', () => {
    const output = { pMw: new Float64Array(5), qMvar: new Float64Array(5) };
    expect(busNetLoad(smallFeeder(), {}, output).pMw).toBe(output.pMw);
    expect(output.pMw[4]).toBe(0.3);
  });

  it('rejects unknown buses, NaN and negative scales', () => {
    expect(() => busNetLoad(smallFeeder(), { injections: [{ bus: 8, pMw: 1 }] })).toThrow(/injections\[0\]\.bus = 8: unknown bus/);
    expect(() => busNetLoad(smallFeeder(), { injections: [{ bus: 2, pMw: 1, qMvar: Number.NaN }] })).toThrow(/qMvar = NaN/);
    expect(() => busNetLoad(smallFeeder(), { loadScale: Number.NaN })).toThrow(/loadScale = NaN/);
  });
});
