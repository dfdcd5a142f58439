import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { directionsNd, type DirectionKind } from '../../../src/flex/directions/directionsNd.ts';
import { kroneckerDirections } from '../../../src/flex/directions/kroneckerDirections.ts';
import { sphereDirections3d } from '../../../src/flex/directions/sphereDirections3d.ts';

function distinctUnit(dirs: number[][], n: number): void {
  // One assertion per property (not per vector) keeps this fast.
  expect(dirs.every((d) => d.length === n)).toBe(true);
  expect(Math.max(...dirs.map((d) => Math.abs(Math.hypot(...d) - 1)))).toBeLessThan(1e-14);
  expect(new Set(dirs.map((d) => d.map((x) => x.toFixed(9)).join(','))).size).toBe(dirs.length);
}

function hasAxes(dirs: number[][], n: number): boolean {
  for (let i = 0; i < n; i++) {
    for (const s of [1, -1]) {
      if (!dirs.some((d) => d.every((x, j) => Math.abs(x - (j === i ? s : 0)) < 1e-15))) return false;
    }
  }
  return true;
}

describe('directionsNd', () => {
  it('n = 3 default is exactly sphereDirections3d (26, same order)', () => {
    expect(directionsNd(3)).toEqual(sphereDirections3d());
  });

  it('angleGrid at 45°: 3^n − 1 distinct unit directions including ±axes, n = 1…5', () => {
    for (let n = 1; n <= 5; n++) {
      const dirs = directionsNd(n);
      expect(dirs).toHaveLength(3 ** n - 1);
      distinctUnit(dirs, n);
      expect(hasAxes(dirs, n)).toBe(true);
    }
  });

  it('axesDiagonals: 2n + 2^n directions (2 for n = 1): ±e_i then (±1,…,±1)/√n', () => {
    for (let n = 2; n <= 6; n++) {
      const dirs = directionsNd(n, { kind: 'axesDiagonals' });
      expect(dirs).toHaveLength(2 * n + 2 ** n);
      distinctUnit(dirs, n);
      expect(hasAxes(dirs, n)).toBe(true);
      const diagonalError = Math.max(...dirs.slice(2 * n).flat().map((x) => Math.abs(Math.abs(x) - 1 / Math.sqrt(n))));
      expect(diagonalError).toBeLessThan(1e-15);
    }
    expect(directionsNd(1, { kind: 'axesDiagonals' })).toEqual([[1], [-1]]);
  });

  it('cube: every non-zero {−1,0,1}^n vector normalized, 3^n − 1', () => {
    const dirs = directionsNd(3, { kind: 'cube' });
    expect(dirs).toHaveLength(26);
    distinctUnit(dirs, 3);
    expect(dirs.some((d) => d.every((x) => Math.abs(x - 1 / Math.sqrt(3)) < 1e-15))).toBe(true);
  });

  it('kronecker: count unit vectors, deterministic for a seed, different for another seed', () => {
    const a = directionsNd(6, { kind: 'kronecker', count: 100, seed: 4 });
    expect(a).toHaveLength(100);
    distinctUnit(a, 6);
    expect(directionsNd(6, { kind: 'kronecker', count: 100, seed: 4 })).toEqual(a);
    expect(kroneckerDirections(6, 100, 5)).not.toEqual(a);
    expect(directionsNd(2, { kind: 'kronecker' })).toHaveLength(8);
  });

  it('kronecker directions cover the sphere: mean ≈ 0 and every coordinate\'s mean square ≈ 1/n (2000 in 3-D, ±0.05)', () => {
    const dirs = kroneckerDirections(3, 2000);
    for (let j = 0; j < 3; j++) {
      const mean = dirs.reduce((s, d) => s + d[j], 0) / dirs.length;
      const meanSq = dirs.reduce((s, d) => s + d[j] ** 2, 0) / dirs.length;
      expect(Math.abs(mean)).toBeLessThan(0.05);
      expect(Math.abs(meanSq - 1 / 3)).toBeLessThan(0.05);
    }
  });

  it('bad input: InputError naming the field and value', () => {
    expect(() => directionsNd(0)).toThrow(/directionsNd: n = 0/);
    expect(() => directionsNd(2.5)).toThrow(InputError);
    expect(() => directionsNd(3, { kind: 'spiral' as DirectionKind })).toThrow(/options.kind = "spiral"/);
    expect(() => directionsNd(3, { kind: 'kronecker', count: 0 })).toThrow(/count = 0/);
    expect(() => directionsNd(3, { kind: 'kronecker', seed: 0.5 })).toThrow(/seed = 0.5/);
    expect(() => directionsNd(3, { stepDeg: -1 })).toThrow(/stepDeg = -1/);
    expect(() => directionsNd(20, { kind: 'cube' })).toThrow(/limit/);
    expect(() => directionsNd(12)).toThrow(/limit/);
  });
});
