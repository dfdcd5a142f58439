import { describe, expect, it } from 'vitest';
import * as directions from '../../../src/flex/directions/index.ts';
import * as hull from '../../../src/flex/hull/index.ts';

describe('flex/hull and flex/directions public API', () => {
  it('hull exports are pinned', () => {
    expect(Object.keys(hull).sort()).toEqual(['DEFAULT_HULL_TOLERANCE', 'affineRank', 'convexHullOf', 'distanceToHull', 'hullContains', 'hullHalfspaces']);
  });
  it('directions exports are pinned', () => {
    expect(Object.keys(directions).sort()).toEqual([
      'MAX_ADAPTIVE_AXES', 'MAX_DIRECTIONS', 'angleGridDirections', 'defaultDirectionBudget', 'defaultRoundSize', 'directionsNd',
      'kroneckerDirections', 'normalizeDirections', 'refinementDirections', 'sphereDirections3d', 'startingDirections',
    ]);
  });
});
