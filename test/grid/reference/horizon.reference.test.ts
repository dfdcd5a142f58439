/**
 * A 12-interval horizon on case33bw (two DGs, 3.6 MVA rating on branch 1) with EV station loads at
 * buses 16, 22 and 30 (30 with an inverter), heavy enough in intervals 7–9 to force shedding:
 * one warm OpfSession against the conic reference interval by interval, with the
 * `constant-pf` shedding convention (issue 11's default).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { case33WithDgs, horizon33 } from './referenceCases.ts';
import { compareWithReference, solveReferenceSocp, type DlmpError } from './scsDistFlow.ts';

describe('case33bw 12-interval horizon with EV loads and shedding: engine vs conic reference (constant-pf)', () => {
  const feeder = case33WithDgs();
  const intervals = horizon33();
  const results: OpfResult[] = [];
  const errors: DlmpError[] = [];
  beforeAll(async () => {
    const opf = await OpfSession.create(feeder);
    for (const it of intervals) results.push(opf.solve(it));
    opf.dispose();
    for (const [t, it] of intervals.entries()) errors.push(compareWithReference(feeder, results[t], await solveReferenceSocp(feeder, it, { shedding: 'constant-pf' })));
  });
  afterAll(() => {
    // The figures behind a failure, one line per interval.
    const rows = errors.map((e, t) => `t=${t} shed=${e.reference.shedKw.toFixed(1)}kW dP=${e.maxAbsP.toExponential(2)}@${e.busP} dQ=${e.maxAbsQ.toExponential(2)}@${e.busQ} obj=${e.objectiveRel.toExponential(2)}`);
    if (errors.some((e) => e.maxAbsP >= 0.1 || e.maxAbsQ >= 0.1)) console.info(rows.join('\n'));
  });

  it('the reference is certified in every interval and sheds load in intervals 7–9 only', () => {
    errors.forEach((e, t) => {
      expect(e.reference.status, `t=${t}`).toBe('optimal');
      expect(e.reference.accuracy.polished, `t=${t}`).toBe(true);
      expect(e.reference.shedKw > 1, `t=${t}`).toBe(t >= 7 && t <= 9);
    });
  });

  it('engine status optimal and objective within 1e-6 relative of the reference in every interval', () => {
    results.forEach((r, t) => expect(r.status, `t=${t}`).toBe('optimal'));
    errors.forEach((e, t) => expect(e.objectiveRel, `t=${t}`).toBeLessThan(1e-6));
  });

  it('engine shed kW per bus within 1 kW of the reference in every interval (the split between buses is priced weakly)', () => {
    results.forEach((r, t) => {
      const ref = errors[t].reference.shedKwByBus;
      for (const b of feeder.buses) expect(Math.abs((r.shedKwByBus[b.id] ?? 0) - (ref[b.id] ?? 0)), `t=${t} bus ${b.id}`).toBeLessThan(1);
    });
  });

  it('P-DLMPs within 0.1 $/MWh of the reference at every bus and interval', () => {
    errors.forEach((e, t) => expect(e.maxAbsP, `t=${t}, worst at bus ${e.busP}`).toBeLessThan(0.1));
  });

  it('Q-DLMPs within 0.1 $/MVArh of the reference at every bus and interval', () => {
    errors.forEach((e, t) => expect(e.maxAbsQ, `t=${t}, worst at bus ${e.busQ}`).toBeLessThan(0.1));
  });
});

describe.each(['household-only', 'p-only'] as const)('case33bw horizon shedding intervals 7–9, feeder sheddingConvention %s: engine vs conic reference', (convention) => {
  const feeder = { ...case33WithDgs(), sheddingConvention: convention };
  const intervals = horizon33().slice(7, 10);
  const errors: DlmpError[] = [];
  const results: OpfResult[] = [];
  beforeAll(async () => {
    const opf = await OpfSession.create(feeder);
    for (const it of intervals) results.push(opf.solve(it));
    opf.dispose();
    for (const [t, it] of intervals.entries()) errors.push(compareWithReference(feeder, results[t], await solveReferenceSocp(feeder, it, { shedding: convention })));
  });

  it('reference certified, engine optimal, objective within 1e-6 relative', () => {
    errors.forEach((e, t) => {
      expect(e.reference.accuracy.polished, `t=${t + 7}`).toBe(true);
      expect(e.reference.shedKw, `t=${t + 7}`).toBeGreaterThan(1);
      expect(results[t].status, `t=${t + 7}`).toBe('optimal');
      expect(e.objectiveRel, `t=${t + 7}`).toBeLessThan(1e-6);
    });
  });

  it('P- and Q-DLMPs within 0.1 $/MWh ($/MVArh) of the reference', () => {
    errors.forEach((e, t) => {
      expect(e.maxAbsP, `t=${t + 7}, bus ${e.busP}`).toBeLessThan(0.1);
      expect(e.maxAbsQ, `t=${t + 7}, bus ${e.busQ}`).toBeLessThan(0.1);
    });
  });
});
