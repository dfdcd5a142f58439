import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { solveMultiClassUe } from '../../../src/traffic/static/solveMultiClassUe.ts';
import { solveStaticUe } from '../../../src/traffic/static/solveStaticUe.ts';
import { checkEquilibrium } from './equilibriumCheck.ts';

/** Two parallel links 1→2: A = 10 + 0.01x min with toll 5, B = 20 + 0.01x min, no toll. */
const tolled = () => buildNetwork({ name: 'toll', source: 'test', links: [
  { from: 1, to: 2, capacity: 1000, freeFlowMin: 10, bprB: 1, bprPower: 1, toll: 5 },
  { from: 1, to: 2, capacity: 2000, freeFlowMin: 20, bprB: 1, bprPower: 1 },
] });

describe('solveMultiClassUe', () => {
  it('two value-of-time classes on a tolled pair: the analytic equilibrium (class flows 600/0 and 400/1000)', () => {
    // Class 1 ignores the toll, class 2 weighs it 2 min per unit (θ = 0.5 per min).
    // Class 2 indifferent: 20 + 0.01 X_A = 20 + 0.01 X_B, X_A + X_B = 2000 → X_A = 1000;
    // class 1 then pays 20 on A < 30 on B, so all 600 use A.
    const r = solveMultiClassUe(tolled(), [
      { name: 'rich', demand: [{ origin: 1, destination: 2, vehPerH: 600 }], tollFactor: 0 },
      { name: 'poor', demand: [{ origin: 1, destination: 2, vehPerH: 1400 }], valueOfTimePerMin: 0.5 },
    ], { gapTarget: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.classLinkFlows[0][0]).toBeCloseTo(600, 6);
    expect(r.classLinkFlows[0][1]).toBeCloseTo(0, 6);
    expect(r.classLinkFlows[1][0]).toBeCloseTo(400, 6);
    expect(r.classLinkFlows[1][1]).toBeCloseTo(1000, 6);
    expect(r.classLinkCostsMin[1][0]).toBeCloseTo(30, 9);
    expect(r.classLinkCostsMin[0][0]).toBeCloseTo(20, 9);
    // Beckmann: ∫ t_A + ∫ t_B + class-2 toll minutes on A.
    expect(r.objective).toBeCloseTo(10 * 1000 + 0.005 * 1000 ** 2 + 20 * 1000 + 0.005 * 1000 ** 2 + 10 * 400, 6);
  });

  it('one class split in two identical classes gives the single-class equilibrium (Sioux Falls, 1e-9)', () => {
    const { network, demand } = loadBundledNetwork('SiouxFalls');
    const half = demand.map((od) => ({ ...od, vehPerH: od.vehPerH / 2 }));
    const multi = solveMultiClassUe(network, [{ name: 'a', demand: half }, { name: 'b', demand: half }], { gapTarget: 1e-9 });
    const single = solveStaticUe(network, demand, { gapTarget: 1e-9 });
    expect(multi.objective / 1e5).toBeCloseTo(single.objective / 1e5, 6);
    expect(checkEquilibrium(network, demand, multi.linkFlows).relativeGap).toBeLessThan(1e-8);
  });

  it('rejects no classes, bad weights and negative fixed costs', () => {
    expect(() => solveMultiClassUe(tolled(), [])).toThrow(InputError);
    expect(() => solveMultiClassUe(tolled(), [{ name: 'x', demand: [], tollFactor: Number.NaN }])).toThrow('classes[0] (x).tollFactor = NaN');
    expect(() => solveMultiClassUe(tolled(), [{ name: 'x', demand: [], tollFactor: -1 }])).toThrow('must be ≥ 0');
    expect(() => solveMultiClassUe(tolled(), [{ name: 'x', demand: [], extraCostMin: [0] }])).toThrow('extraCostMin.length = 1');
  });

  it('extraCostMin = Infinity forbids a link for a class', () => {
    const r = solveMultiClassUe(tolled(), [{ name: 'x', demand: [{ origin: 1, destination: 2, vehPerH: 100 }], extraCostMin: [Infinity, 0] }]);
    expect(r.linkFlows[0]).toBe(0);
    expect(r.linkFlows[1]).toBeCloseTo(100, 9);
  });
});
