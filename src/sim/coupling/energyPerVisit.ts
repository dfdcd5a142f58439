/**
 * Energy exchanged per station visit (docs/model.md §2 "Destination charging", §4): the
 * factor of the accounting identity Σ interval station energy = Σ visits × energy per visit.
 */
import type { UserClass } from '../../traffic/dynamic/dueTypes.js';
import type { ScenarioClasses } from '../scenario/schema/demandSchema.js';
import type { ScenarioStation } from '../scenario/schema/stationSchema.js';

/**
 * kWh one visit of `userClass` exchanges at `station` (charged for a charge visit,
 * discharged for a V2G visit; always ≥ 0).
 *
 * - En-route station: charging class chargeKw · chargeServiceMin / 60 (a charge visit),
 *   V2G class v2gKw · v2gServiceMin / 60 (a V2G visit); regular 0.
 * - Destination station: the class need (`classes.chargingEnergyNeedKwh`,
 *   `classes.v2gEnergyNeedKwh`; a V2G vehicle recharges this much at home after its
 *   en-route discharge); regular 0.
 *
 * @example
 * energyPerVisitKwh(cs1, 'charging', classes); // 60 kW × 20 min = 20 kWh
 * energyPerVisitKwh(home2, 'v2g', classes);    // classes.v2gEnergyNeedKwh
 */
export function energyPerVisitKwh(station: ScenarioStation, userClass: UserClass, classes: ScenarioClasses): number {
  if (userClass === 'regular') return 0;
  if (station.kind === 'destination') {
    return (userClass === 'charging' ? classes.chargingEnergyNeedKwh : classes.v2gEnergyNeedKwh) ?? 0;
  }
  return userClass === 'charging' ? (station.chargeKw * station.chargeServiceMin) / 60 : (station.v2gKw * station.v2gServiceMin) / 60;
}
