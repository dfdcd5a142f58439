import { describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import { feederPaths } from '../../../src/sim/report/feederPaths.ts';

describe('feederPaths on IEEE 33-bus (Baran & Wu 1989)', () => {
  const feeder = loadBundledFeeder('case33bw');
  const buses = feeder.buses.map((b) => b.id);
  const { paths, unreachable } = feederPaths(feeder);

  it('gives the main feeder 1–18 and the laterals 2–22, 3–25, 6–33 (the published one-line diagram)', () => {
    expect(paths.map((p) => [p.buses[0], p.buses[p.buses.length - 1]])).toEqual([[1, 18], [2, 22], [3, 25], [6, 33]]);
    expect(paths[0].buses).toEqual(Array.from({ length: 18 }, (_, k) => k + 1));
    expect(paths[3].buses).toEqual([6, 26, 27, 28, 29, 30, 31, 32, 33]);
    expect(unreachable).toEqual([]);
  });

  it('joins only buses connected by an in-service branch, and visits every bus once beyond its junction', () => {
    const connected = new Set(feeder.branches.filter((b) => b.inService).flatMap((b) => [`${b.fromBus}-${b.toBus}`, `${b.toBus}-${b.fromBus}`]));
    for (const p of paths) for (let k = 1; k < p.buses.length; k++) expect(connected.has(`${p.buses[k - 1]}-${p.buses[k]}`)).toBe(true);
    const visited = paths.flatMap((p, i) => (i === 0 ? p.buses : p.buses.slice(1)));
    expect([...visited].sort((a, b) => a - b)).toEqual(buses);
  });

  it('measures electrical distance Σ|Z| in ohms from the published line data (1e-3 Ω)', () => {
    // Σ √(r² + x²) over lines 1-2 … 17-18 and 1-2, 2-19 … 21-22 of Baran & Wu's table, Ω.
    expect(paths[0].distanceOhm[1]).toBeCloseTo(0.10349, 3);
    expect(paths[0].distanceOhm[17]).toBeCloseTo(14.6811, 3);
    expect(paths[1].distanceOhm[4]).toBeCloseTo(4.1599, 3);
  });

  it('drops an outaged branch: buses behind it are unreachable and no path crosses it', () => {
    const branch23 = feeder.branches.find((b) => b.fromBus === 2 && b.toBus === 3)!;
    const cut = feederPaths(feeder, [branch23.id]);
    expect(cut.unreachable).toHaveLength(33 - 6);
    expect(cut.paths.flatMap((p) => p.buses).sort((a, b) => a - b)).toEqual([1, 2, 19, 20, 21, 22]);
  });
});
