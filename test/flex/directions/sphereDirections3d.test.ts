import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { sphereDirections3d } from '../../../src/flex/directions/sphereDirections3d.ts';

function minPairDistance(dirs: number[][]): number {
  let best = Infinity;
  for (let i = 0; i < dirs.length; i++) {
    for (let j = i + 1; j < dirs.length; j++) best = Math.min(best, Math.hypot(...dirs[i].map((x, t) => x - dirs[j][t])));
  }
  return best;
}

describe('sphereDirections3d', () => {
  const dirs = sphereDirections3d();

  it('45° gives 26 = 1 + 3·8 + 1 directions', () => {
    expect(dirs).toHaveLength(26);
  });

  it('all unit norm (1e-15) and pairwise distinct (min distance > 0.5)', () => {
    for (const d of dirs) {
      expect(d).toHaveLength(3);
      expect(Math.abs(Math.hypot(...d) - 1)).toBeLessThan(1e-15);
    }
    // Neighbours on the 45° grid are at least 2·sin(22.5°)·sin(45°) ≈ 0.54 apart.
    expect(minPairDistance(dirs)).toBeGreaterThan(0.5);
  });

  it('includes ±e_x, ±e_y, ±e_z exactly', () => {
    for (const axis of [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]]) {
      expect(dirs.some((d) => d.every((x, j) => x === axis[j]))).toBe(true);
    }
  });

  it('follows seed 003 §2: a = (sin α sin β, sin α cos β, cos α), α outer, β inner, poles once', () => {
    const rad = Math.PI / 180;
    const expected: number[][] = [[0, 0, 1]];
    for (const a of [45, 90, 135]) {
      for (let b = 0; b < 360; b += 45) expected.push([Math.sin(a * rad) * Math.sin(b * rad), Math.sin(a * rad) * Math.cos(b * rad), Math.cos(a * rad)]);
    }
    expected.push([0, 0, -1]);
    expect(dirs).toHaveLength(expected.length);
    dirs.forEach((d, i) => d.forEach((x, j) => expect(x).toBeCloseTo(expected[i][j], 14)));
  });

  it('is symmetric: the opposite of every direction is in the set', () => {
    for (const d of dirs) expect(dirs.some((e) => e.every((x, j) => Math.abs(x + d[j]) < 1e-12))).toBe(true);
  });

  it('other steps: 90° → 6 (the axes), 30° → 2 + 5·12 = 62, 180° → the 2 poles', () => {
    expect(sphereDirections3d(90)).toHaveLength(6);
    expect(sphereDirections3d(30)).toHaveLength(62);
    expect(sphereDirections3d(180)).toEqual([[0, 0, 1], [0, 0, -1]]);
  });

  it('bad step: InputError naming stepDeg', () => {
    for (const bad of [0, -45, 200, Number.NaN, Infinity]) expect(() => sphereDirections3d(bad)).toThrow(InputError);
    expect(() => sphereDirections3d(0)).toThrow(/stepDeg = 0/);
  });
});
