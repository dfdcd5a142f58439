/**
 * A fixed-ratio branch written against the tree's orientation: the OPF must see the exact
 * equivalent (ratio 1/a, impedance z·a², docs/model.md §3.1), so the same physical feeder written
 * either way gives the same optimum, and the OPF voltages agree with the power flow's sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import { runPowerFlow } from '../../../src/grid/powerflow/runPowerFlow.ts';

const base = loadBundledFeeder('case33bw');
const a = 1.03;
const target = base.branches.findIndex((br) => br.fromBus === 2 && br.toBus === 3);
// the same regulator written from bus 2 to bus 3 (as the tree runs) and from bus 3 to bus 2 (its exact equivalent)
const forward: Feeder = { ...base, branches: base.branches.map((br, i) => (i === target ? { ...br, ratio: a } : br)) };
const backward: Feeder = {
  ...base,
  branches: base.branches.map((br, i) =>
    i === target ? { ...br, fromBus: br.toBus, toBus: br.fromBus, rPu: br.rPu * a * a, xPu: br.xPu * a * a, ratio: 1 / a } : br),
};

describe('regulator branch written against the tree orientation', () => {
  let f: OpfSession;
  let b: OpfSession;
  beforeAll(async () => {
    f = await OpfSession.create(forward);
    b = await OpfSession.create(backward);
  });
  afterAll(() => {
    f.dispose();
    b.dispose();
  });

  it('gives the same objective (1e-9 relative), voltages (1e-7 pu) and DLMPs (1e-6 $/MWh) as the forward one', () => {
    const rf = f.solve({ loadScale: 1.1 });
    const rb = b.solve({ loadScale: 1.1 });
    expect(rf.status).toBe('optimal');
    expect(rb.status).toBe('optimal');
    expect(Math.abs(rb.objectiveUsdPerH - rf.objectiveUsdPerH)).toBeLessThan(1e-9 * rf.objectiveUsdPerH);
    for (const bus of base.buses) {
      expect(Math.abs(rb.voltagePu[bus.id] - rf.voltagePu[bus.id])).toBeLessThan(1e-7);
      expect(Math.abs(rb.dlmpP[bus.id] - rf.dlmpP[bus.id])).toBeLessThan(1e-6);
    }
  });

  it('OPF voltages of the backward data match the power flow at the same loads (1e-6 pu, no DG, nothing shed)', () => {
    const r = b.solve({});
    expect(r.shedKw).toBe(0);
    const pf = runPowerFlow(backward);
    for (const bus of base.buses) expect(Math.abs(r.voltagePu[bus.id] - pf.voltagePu[bus.id])).toBeLessThan(1e-6);
  });
});
