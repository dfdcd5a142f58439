import { describe, expect, it } from 'vitest';
import { BUNDLED_NETWORKS, loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';

const total = (d: { vehPerH: number }[]) => d.reduce((s, x) => s + x.vehPerH, 0);

describe('loadBundledNetwork', () => {
  it('loads every bundled network with the README sizes and totals', () => {
    const facts: Record<string, [number, number, number, number, number]> = {
      // nodes, links, zones, first thru node, total demand (README / file headers)
      SiouxFalls: [24, 76, 24, 1, 360600],
      Anaheim: [416, 914, 38, 39, 104694.40],
      ChicagoSketch: [933, 2950, 387, 1, 1260907.44],
      NguyenDupuis: [13, 19, 4, 1, 2000],
    };
    for (const name of BUNDLED_NETWORKS) {
      const { network, demand } = loadBundledNetwork(name);
      const [nodes, links, zones, firstThru, trips] = facts[name];
      expect([network.nodeIds.length, network.from.length, network.zoneCount, network.firstThruNode], name).toEqual([nodes, links, zones, firstThru]);
      expect(total(demand), name).toBeCloseTo(trips, 2);
    }
  });

  it('applies the README weights: Chicago 0.02 min/cent and 0.04 min/mile; none elsewhere', () => {
    const chicago = loadBundledNetwork('ChicagoSketch').network;
    expect(chicago.tollFactor).toBe(0.02);
    // 0.04 min/mile on a 0.86267-mile connector, whatever the internal km conversion.
    expect(chicago.distanceFactor * chicago.lengthKm[0]).toBeCloseTo(0.04 * 0.86267, 12);
    expect(loadBundledNetwork('SiouxFalls').network.tollFactor).toBe(0);
    expect(loadBundledNetwork('Anaheim').network.distanceFactor).toBe(0);
  });

  it('gives the Nguyen-Dupuis demand 1→2 400, 1→3 800, 4→2 600, 4→3 200 veh/h and free-flow minutes', () => {
    const { network, demand } = loadBundledNetwork('NguyenDupuis');
    expect(demand.map((d) => [d.origin, d.destination, d.vehPerH])).toEqual([[1, 2, 400], [1, 3, 800], [4, 2, 600], [4, 3, 200]]);
    expect([...network.freeFlowMin]).toEqual([7, 9, 9, 12, 3, 9, 5, 13, 5, 9, 9, 10, 9, 6, 9, 8, 7, 14, 11]);
    expect(network.capacity[0]).toBe(300);
  });

  it('works from another working directory', () => {
    const cwd = process.cwd();
    try {
      process.chdir('/');
      expect(loadBundledNetwork('SiouxFalls').network.from.length).toBe(76);
    } finally {
      process.chdir(cwd);
    }
  });
});
