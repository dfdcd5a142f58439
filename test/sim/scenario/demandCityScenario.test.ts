import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/sim/run/resolveScenario.ts';
import { runCosim } from '../../../src/sim/run/runCosim.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';

const FILE = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'siouxfalls-ieee123-evening-peak.json');

describe('scenarios/siouxfalls-ieee123-evening-peak.json (city-scale bundled study)', () => {
  const { scenario, baseDir } = readScenarioFile(FILE, []);

  it('should validate: Sioux Falls with its own trip table, ieee123, 6+ en-route and some destination stations, calibration written', () => {
    const resolved = resolveScenario(scenario, baseDir, FILE);
    expect(scenario.traffic.network).toBe('SiouxFalls');
    expect(scenario.feeder.case).toBe('ieee123');
    expect(resolved.demand).toHaveLength(528); // the TNTP table's non-zero OD pairs
    const enRoute = scenario.stations.filter((s) => s.kind !== 'destination');
    const homes = scenario.stations.filter((s) => s.kind === 'destination');
    expect(enRoute.length).toBeGreaterThanOrEqual(6);
    expect(homes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(scenario.stations.map((s) => s.bus)).size).toBe(scenario.stations.length);
    expect(scenario.prices.charge.mode).toBe('fixed');
    expect((scenario as { calibration?: string[] }).calibration?.length ?? 0).toBeGreaterThanOrEqual(4);
  });

  it('should depart the published Sioux Falls total (360,600 veh/h) × profile × scale in every interval (rel. 1e-12)', () => {
    const { demand } = resolveScenario(scenario, baseDir, FILE);
    const profile = scenario.demand.profile!;
    for (let t = 0; t < scenario.horizon.intervals; t++) {
      const total = demand.reduce((sum, d) => sum + d.vehPerHByInterval[t], 0);
      expect(Math.abs(total / (360_600 * profile[t] * scenario.demand.scale) - 1)).toBeLessThan(1e-12);
    }
  });

  // The whole run (one DUE at city scale, 30+ OPFs) takes tens of seconds: opt-in.
  describe.skipIf(process.env.EV_COSIM_LONG !== '1')('run (EV_COSIM_LONG=1)', () => {
    it('should run with status ok: no load shed, DUE converged, the network clear', async () => {
      const result = await runCosim(scenario, { baseDir, source: FILE });
      expect(result.status).toBe('ok');
      expect(result.cleared).toBe(true);
      for (const r of result.intervals) {
        expect(r.opf.shedKw).toBe(0);
        expect(r.dueConverged).toBe(true);
      }
      // stressed: some interval brings a bus to within 0.5 % of its lower voltage limit
      const closest = Math.min(...result.intervals.map((r) => r.opf.minVoltagePu - result.busVMinPu[result.busIds.indexOf(r.opf.minVoltageBus)]));
      expect(closest).toBeLessThan(0.005);
    }, 300_000);
  });
});
