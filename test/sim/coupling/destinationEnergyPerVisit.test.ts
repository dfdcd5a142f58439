/**
 * Energy per station visit (docs/model.md §2 "Destination charging") and the parsed form of
 * a destination station: en-route visits exchange kW × service time, destination visits
 * the class need. Reference values are the bundled scenario's numbers worked by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { energyPerVisitKwh } from '../../../src/sim/coupling/energyPerVisit.ts';
import { parseScenario } from '../../../src/sim/scenario/parseScenario.ts';
import { stationServiceRecord } from '../../../src/sim/scenario/schema/stationSchema.ts';
import { REFERENCE } from '../../helpers/cli.ts';

const scenario = parseScenario(JSON.parse(readFileSync(REFERENCE, 'utf8')), 'reference.json');
const byId = (id: string) => scenario.stations.find((s) => s.id === id)!;

describe('energyPerVisitKwh', () => {
  it('en route: 60 kW × 20 min = 20 kWh charged, 40 kW × 30 min = 20 kWh discharged, regular 0 (exact)', () => {
    expect(energyPerVisitKwh(byId('CS1'), 'charging', scenario.classes)).toBe(20);
    expect(energyPerVisitKwh(byId('CS1'), 'v2g', scenario.classes)).toBe(20);
    expect(energyPerVisitKwh(byId('CS1'), 'regular', scenario.classes)).toBe(0);
  });

  it('destination: the class need (12 kWh charging, 15 kWh V2G recharge), not kW × dwell (exact)', () => {
    expect(energyPerVisitKwh(byId('H2'), 'charging', scenario.classes)).toBe(12);
    expect(energyPerVisitKwh(byId('H3'), 'v2g', scenario.classes)).toBe(15);
    expect(energyPerVisitKwh(byId('H3'), 'regular', scenario.classes)).toBe(0);
  });
});

describe('parsed destination station', () => {
  it('keeps its fields as written; its service record is the en-route field set: service time = dwell, no V2G, no congestion term', () => {
    const h2 = byId('H2');
    expect(h2).toEqual({ kind: 'destination', id: 'H2', node: 2, bus: 25, chargers: 200, chargeKw: 7.4, dwellMin: 180, plugInShare: 0.4 });
    expect(stationServiceRecord(h2)).toEqual({
      chargers: 200, chargeKw: 7.4, chargeServiceMin: 180, v2gPorts: 0, v2gKw: 0, v2gServiceMin: 0, chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0,
    });
    expect(byId('CS1').kind).toBe('en-route'); // the default kind
  });
});
