import { describe, expect, it } from 'vitest';
import { orientFeeder } from '../../../src/grid/data/orientFeeder.ts';
import { radialTrees } from '../../../src/grid/data/radialTrees.ts';
import { branch, smallFeeder } from '../feederFixtures.ts';

describe('orientFeeder', () => {
  it('returns the same object when every branch already points away from the slack', () => {
    const feeder = smallFeeder();
    expect(orientFeeder(feeder)).toBe(feeder);
  });

  it('flips reversed branches, moving a ratio a to 1/a with z·a², and leaves open branches alone', () => {
    const feeder = smallFeeder({
      branches: [branch(1, 1, 2), branch(2, 3, 2, 0.02, 0.04, { ratio: 0.9 }), branch(3, 4, 3), branch(4, 2, 5), branch(5, 5, 4, 1, 1, { inService: false })],
    });
    const oriented = orientFeeder(feeder);
    expect(oriented.branches[1]).toMatchObject({ fromBus: 2, toBus: 3 });
    expect(oriented.branches[1].ratio).toBeCloseTo(1 / 0.9, 14);
    expect(oriented.branches[1].rPu).toBeCloseTo(0.02 * 0.81, 14);
    expect(oriented.branches[1].xPu).toBeCloseTo(0.04 * 0.81, 14);
    expect(oriented.branches[2]).toMatchObject({ fromBus: 3, toBus: 4, ratio: 1, rPu: 0.01 });
    expect(oriented.branches[4]).toBe(feeder.branches[4]);
    expect([...radialTrees(oriented)[0].reversed].every((r) => r === 0)).toBe(true);
    expect(feeder.branches[1].fromBus).toBe(3); // input untouched
  });
});
