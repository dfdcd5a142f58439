import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { LinkKind } from '../../../src/traffic/network/network.ts';
import { buildTrafficInputs } from '../../../src/sim/run/buildTrafficInputs.ts';
import { parseScenario } from '../../../src/sim/scenario/parseScenario.ts';
import { applyOverrides } from '../../../src/sim/scenario/applyOverrides.ts';
import { minimalScenario } from '../fixtures/minimalScenario.ts';

const scenario = (...sets: string[]) => parseScenario(applyOverrides(minimalScenario(), sets, 't.json'), 't.json');

describe('buildTrafficInputs', () => {
  it('should scale the Nguyen-Dupuis OD table (1→2 400, 1→3 800, 4→2 600, 4→3 200 veh/h) by profile × scale', () => {
    const { demand } = buildTrafficInputs(scenario('demand.profile=[0.5,1,2]', 'demand.scale=1.5'), '.', 't.json');
    const od12 = demand.find((d) => d.origin === 1 && d.destination === 2)!;
    expect(od12.vehPerHByInterval).toEqual([300, 600, 1200]);
    expect(demand.map((d) => d.vehPerHByInterval[1]).reduce((a, b) => a + b, 0)).toBeCloseTo(2000 * 1.5, 9);
  });
  it('should use an explicit OD table (per-interval rates scaled by scale only)', () => {
    const { demand } = buildTrafficInputs(
      scenario('demand.od=[{"origin":1,"destination":3,"vehPerHByInterval":[10,20,30]},{"origin":4,"destination":2,"vehPerH":100}]', 'demand.profile=[1,0,1]', 'demand.scale=2'),
      '.', 't.json',
    );
    expect(demand).toEqual([
      { origin: 1, destination: 3, vehPerHByInterval: [20, 40, 60] },
      { origin: 4, destination: 2, vehPerHByInterval: [200, 0, 200] },
    ]);
  });
  it('should insert the stations in scenario order with charge / V2G / bypass links', () => {
    const { network } = buildTrafficInputs(scenario(), '.', 't.json');
    expect(network.stations.map((s) => s.id)).toEqual(['CS1']);
    expect(network.kind[network.stationChargeLink[0]]).toBe(LinkKind.charge);
    expect(network.capacity[network.stationChargeLink[0]]).toBe(10);
    expect(network.capacity[network.stationV2gLink[0]]).toBe(5);
  });
  it('should name the scenario field for an unknown station node', () => {
    expect(() => buildTrafficInputs(scenario('stations.0.node=99'), '.', 't.json')).toThrow(InputError);
    expect(() => buildTrafficInputs(scenario('stations.0.node=99'), '.', 't.json')).toThrow(/^t\.json: stations\[0\] \(CS1\)\.node = 99/);
  });
});
