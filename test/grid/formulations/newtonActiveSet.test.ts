/**
 * The Newton step's active set read off the cut rows (newtonActiveSet.ts): sets held by a
 * nonbasic cut row with their multipliers from the cut duals, and sets the iterate violates with
 * multiplier 0. References: the documented rules evaluated by hand on a two-bus feeder with one
 * generator (row duals and normalisations chosen, sums worked out below).
 */
import { describe, expect, it } from 'vitest';
import { CUT_CONE, CUT_COST, CUT_RATING } from '../../../src/grid/formulations/distFlowCutRows.ts';
import type { DistFlowLayout } from '../../../src/grid/formulations/distFlowLp.ts';
import { newtonActiveSet, type ActiveSetSource } from '../../../src/grid/formulations/newtonActiveSet.ts';
import type { NetworkTemplate } from '../../../src/grid/templates/networkTemplate.ts';

// Two buses (0 the root, 1 below it), one generator; the layout of distFlowLp.ts for n = 2, m = 1.
const layout = {
  colV: 0, colP: 2, colQ: 4, colL: 6, colShed: 8, colQInv: 10, colShedStation: 12, colPg: 14, colQg: 15, colZ: 16,
  numCols: 17, rowBalP: 0, rowBalQ: 2, rowDrop: 4, numRows: 6,
} as unknown as DistFlowLayout;
const net = (rateSq: number): NetworkTemplate => ({
  nBus: 2, parent: Int32Array.of(-1, 0), rateSqPu: Float64Array.of(Infinity, rateSq), genBus: Int32Array.of(0), genC2UsdPerHPu2: Float64Array.of(2),
}) as unknown as NetworkTemplate;
const BASIC = 1;
const AT_LOWER = 0;

/** An iterate: v₀ = 0.9, P₁ = 0.3, Q₁ = 0.1, ℓ₁ and the generator's p, z as given. */
function iterate(l1: number, pg: number, z: number): Float64Array {
  const x = new Float64Array(layout.numCols);
  x[layout.colV] = 0.9;
  x[layout.colP + 1] = 0.3;
  x[layout.colQ + 1] = 0.1;
  x[layout.colL + 1] = l1;
  x[layout.colPg] = pg;
  x[layout.colZ] = z;
  return x;
}

function colStatusWithL(status: number): Int32Array {
  const s = new Int32Array(layout.numCols);
  s[layout.colL + 1] = status;
  return s;
}

describe('Newton active set from the cut rows', () => {
  it('nonbasic cut rows: cone μ = Σ y·(−ℓ coefficient)/v_a, rating μ = y/(2S̄), cost μ = −y; basic rows ignored (1e-12)', () => {
    const source: ActiveSetSource = {
      net: net(4), layout, withLosses: true, tol: { relTol: 1e-9 },
      rows: { kind: [CUT_CONE, CUT_RATING, CUT_COST, CUT_CONE, CUT_CONE], target: [1, 1, 0, 1, 1], coefL: [-0.5, 0, 0, -0.25, -0.4] },
    };
    const rowStatus = new Int32Array(layout.numRows + 5);
    rowStatus.set([AT_LOWER, AT_LOWER, AT_LOWER, BASIC, AT_LOWER], layout.numRows);
    const rowDual = new Float64Array(layout.numRows + 5);
    rowDual.set([-2, -3, 4, -5, -1], layout.numRows);
    const x = iterate(0.1 / 0.9, 0.5, 0.5); // on the cone and on the cost epigraph
    const active = newtonActiveSet(source, x, rowDual, rowStatus, colStatusWithL(BASIC));
    expect(active.coneBus).toEqual([1]);
    expect(active.ratingBus).toEqual([1]);
    expect(active.costGen).toEqual([0]);
    // (−2·0.5 − 1·0.4)/0.9 ; −3/(2·√4) ; −4
    expect(Math.abs(active.coneMu[0] - -1.4 / 0.9)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(active.ratingMu[0] - -0.75)).toBeLessThanOrEqual(1e-12);
    expect(active.costMu).toEqual([-4]);
  });

  it('without binding rows: a cone, rating or cost violated beyond tolerance is active with μ = 0', () => {
    const source: ActiveSetSource = { net: net(0.01), layout, withLosses: true, tol: { relTol: 1e-9 }, rows: { kind: [], target: [], coefL: [] } };
    // P² + Q² − v·ℓ = 0.9·1e-3; |S| = √0.1 > 0.1; c2·p² − z = 1e-3.
    const x = iterate(0.1 / 0.9 - 1e-3, 0.5, 0.5 - 1e-3);
    const active = newtonActiveSet(source, x, new Float64Array(layout.numRows), new Int32Array(layout.numRows), colStatusWithL(BASIC));
    expect(active).toEqual({ coneBus: [1], coneMu: [0], ratingBus: [1], ratingMu: [0], costGen: [0], costMu: [0] });
  });

  it('no cone where ℓ is nonbasic or without losses, and nothing within tolerance', () => {
    const rows = { kind: [CUT_CONE], target: [1], coefL: [-0.5] };
    const rowStatus = new Int32Array(layout.numRows + 1);
    const rowDual = new Float64Array(layout.numRows + 1).fill(-1);
    const violated = iterate(0.1 / 0.9 - 1e-3, 0.5, 0.5);
    const atL = newtonActiveSet({ net: net(4), layout, withLosses: true, tol: { relTol: 1e-9 }, rows }, violated, rowDual, rowStatus, colStatusWithL(AT_LOWER));
    expect(atL.coneBus).toEqual([]);
    const lossless = newtonActiveSet({ net: net(4), layout, withLosses: false, tol: { relTol: 1e-9 }, rows: { kind: [], target: [], coefL: [] } }, violated, rowDual, rowStatus, colStatusWithL(BASIC));
    expect(lossless.coneBus).toEqual([]);
    // Cone gap 0.9·1e-12 pu² and cost gap 1e-12 $/h: below the tolerances (≈ 6e-9 and 1e-9).
    const within = newtonActiveSet({ net: net(4), layout, withLosses: true, tol: { relTol: 1e-9 }, rows: { kind: [], target: [], coefL: [] } }, iterate(0.1 / 0.9 - 1e-12, 0.5, 0.5 - 1e-12), rowDual, rowStatus, colStatusWithL(BASIC));
    expect(within).toEqual({ coneBus: [], coneMu: [], ratingBus: [], ratingMu: [], costGen: [], costMu: [] });
  });
});
