/**
 * The engine's OPF (OpfSession, default options) against the independent conic reference on
 * single intervals of issue 11: case33bw with two DGs and a binding branch rating, and ieee123
 * with a binding voltage floor. Tolerances in the test names are the targets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { case33WithDgs, CASE33_RATING_MVA, ieee123WithVoltageLimit, IEEE123_VMIN_PU } from './referenceCases.ts';
import { compareWithReference, solveReferenceSocp, type ReferenceSolution } from './scsDistFlow.ts';

interface Pair { feeder: Feeder; opf: OpfSession; result: OpfResult; ref: ReferenceSolution }

async function pair(feeder: Feeder): Promise<Pair> {
  const [opf, ref] = await Promise.all([OpfSession.create(feeder), solveReferenceSocp(feeder)]);
  return { feeder, opf, result: opf.solve(), ref };
}

describe.each([
  ['case33bw + 2 DGs + binding 3.6 MVA rating on branch 1', case33WithDgs],
  ['ieee123 + DG at bus 61 + binding 0.94 pu voltage floor', ieee123WithVoltageLimit],
] as const)('%s: engine vs conic reference', (_name, build) => {
  let p: Pair;
  beforeAll(async () => {
    p = await pair(build());
  });
  afterAll(() => p.opf.dispose());

  it('the reference is certified and the case binds what it should', () => {
    expect(p.ref.status).toBe('optimal');
    expect(p.ref.accuracy.polished).toBe(true);
    expect(p.ref.shedKw).toBeLessThan(1e-6);
    if (p.feeder.name === 'case33bw') {
      expect(Math.abs(Math.hypot(p.ref.pMwByBranch[1], p.ref.qMvarByBranch[1]) - CASE33_RATING_MVA)).toBeLessThan(1e-9);
    } else {
      expect(Math.min(...Object.values(p.ref.voltagePu))).toBeCloseTo(IEEE123_VMIN_PU, 9);
    }
  });

  it('engine status optimal, objective within 1e-6 relative of the reference', () => {
    expect(p.result.status).toBe('optimal');
    const e = compareWithReference(p.feeder, p.result, p.ref);
    expect(e.objectiveRel).toBeLessThan(1e-6);
  });

  it('P-DLMPs within 0.01 $/MWh of the reference at every bus', () => {
    const e = compareWithReference(p.feeder, p.result, p.ref);
    expect(e.maxAbsP, `worst at bus ${e.busP}`).toBeLessThan(0.01);
  });

  it('Q-DLMPs within 0.01 $/MVArh of the reference at every bus', () => {
    const e = compareWithReference(p.feeder, p.result, p.ref);
    expect(e.maxAbsQ, `worst at bus ${e.busQ}`).toBeLessThan(0.01);
  });

  it('voltages within 1e-5 pu of the reference at every bus', () => {
    const e = compareWithReference(p.feeder, p.result, p.ref);
    expect(e.maxAbsVoltagePu).toBeLessThan(1e-5);
  });
});
