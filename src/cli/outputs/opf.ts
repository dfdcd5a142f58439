/**
 * What `ev-cosim opf --json` and `ev-cosim opf --pf --json` print (one JSON object on
 * stdout), as strict schemas: docs/outputs.md is generated from them and the CLI tests
 * parse real outputs with them. Buses are the feeder data's own bus numbers; the OPF
 * is the SOCP branch-flow relaxation or LinDistFlow of docs/model.md §3; DLMPs and
 * their components as in §3.5.
 */
import { z } from 'zod';
import type { OutputDoc } from '../../common/outputDoc.js';
import { numberByBus, objectByBus } from '../../common/outputFields.js';

const busId = z.number().int();

const dlmpComponents = z.strictObject({
  energyUsdPerMwh: z.number().describe('energy component (substation price), $/MWh'),
  lossUsdPerMwh: z.number().describe('loss component, $/MWh'),
  congestionUsdPerMwh: z.number().describe('branch-rating congestion component, $/MWh'),
  voltageUsdPerMwh: z.number().describe('voltage-limit component, $/MWh'),
});

/** `ev-cosim opf <feeder> --json`. */
export const OPF_JSON_SCHEMA = z.strictObject({
  mode: z.literal('opf').describe('`opf` (the `--pf` variant prints `pf`)'),
  feeder: z.string().describe('feeder name'),
  formulation: z.enum(['socp', 'lindistflow']).describe('SOCP branch-flow relaxation or lossless LinDistFlow'),
  status: z.enum(['optimal', 'inexact']).describe('`inexact`: the cone relaxation is not tight (cone gap above tolerance); the point is printed for diagnosis and the exit code is 2'),
  message: z.string().optional().describe('solver remark, when there is one'),
  objectiveUsdPerH: z.number().describe('import cost + DG cost + shedding penalty, $/h'),
  lossesKw: z.number().describe('series losses Σ r·ℓ, kW (0 for LinDistFlow)'),
  importMw: z.number().describe('active power drawn from the substation, MW'),
  importMvar: z.number().describe('reactive power drawn from the substation, Mvar'),
  minVoltagePu: z.number().describe('lowest voltage magnitude among energised buses, pu'),
  minVoltageBus: busId.describe('bus with the lowest voltage'),
  maxDlmpUsdPerMwh: z.number().describe('highest active-power DLMP, $/MWh'),
  maxDlmpBus: busId.describe('bus with the highest DLMP (the lowest bus number on a tie)'),
  maxConeGapPu2: z.number().describe('largest cone gap |P² + Q² − v·ℓ| over branches, pu² (0 for LinDistFlow)'),
  lpSolves: z.number().int().describe('LP solves (1 + cut rounds)'),
  islands: z.number().int().describe('islands solved (more than 1 after outages)'),
  shedKw: z.number().describe('household load shed, kW'),
  shedKwByBus: numberByBus('load shed by bus, kW (buses with shedding only)'),
  dlmpUsdPerMwhByBus: numberByBus('active-power DLMP by bus, $/MWh'),
  qDlmpUsdPerMvarhByBus: numberByBus('reactive-power DLMP by bus, $/Mvarh'),
  dlmpComponentsByBus: objectByBus(dlmpComponents, 'active-power DLMP by bus split into components that sum to it, $/MWh'),
  voltagePuByBus: numberByBus('voltage magnitude by bus, pu (0 in de-energised islands)'),
  dispatch: z.array(z.strictObject({
    id: z.string().describe('generator id (substation, DG, PV)'),
    bus: busId.describe('bus of the generator'),
    pMw: z.number().describe('active set-point, MW'),
    qMvar: z.number().describe('reactive set-point, Mvar'),
  })).describe('generator set-points'),
  stationReactiveMvarByBus: numberByBus('reactive output (+ = injected) of inverter-capable injections by bus, Mvar'),
  branches: z.array(z.strictObject({
    id: z.number().int().describe('branch id of the feeder data'),
    fromBus: busId.describe('sending bus (nearer the island root)'),
    toBus: busId.describe('receiving bus'),
    pMw: z.number().describe('sending-end active power, MW (negative = reverse flow)'),
    qMvar: z.number().describe('sending-end reactive power, Mvar'),
    currentSqPu2: z.number().describe('squared current magnitude ℓ, pu²'),
    coneGapPu2: z.number().describe('cone gap |P² + Q² − v·ℓ| of this branch, pu²'),
  })).describe('branch flows, in tree orientation'),
});

/** `ev-cosim opf <feeder> --pf --json`. */
export const POWER_FLOW_JSON_SCHEMA = z.strictObject({
  mode: z.literal('pf').describe('`pf`: backward/forward-sweep power flow'),
  feeder: z.string().describe('feeder name'),
  status: z.literal('converged').describe('always `converged` (otherwise nothing is printed and the exit code is 2)'),
  iterations: z.number().int().describe('backward/forward sweeps'),
  lossesKw: z.number().describe('total series losses, kW'),
  importMw: z.number().describe('active power drawn from the substation (slack), MW'),
  importMvar: z.number().describe('reactive power drawn from the substation (slack), Mvar'),
  minVoltagePu: z.number().describe('lowest voltage magnitude among supplied buses, pu'),
  minVoltageBus: busId.describe('bus with the lowest voltage'),
  unsuppliedBuses: z.array(busId).describe('buses in islands without the substation'),
  unsuppliedLoadMw: z.number().describe('net load of the unsupplied buses, MW'),
  voltagePuByBus: numberByBus('voltage magnitude by bus, pu (0 for unsupplied buses)'),
  branches: z.array(z.strictObject({
    id: z.number().int().describe('branch id of the feeder data'),
    fromBus: busId.describe('sending bus (tree orientation)'),
    toBus: busId.describe('receiving bus'),
    pMw: z.number().describe('sending-end active power, MW (negative = reverse flow)'),
    qMvar: z.number().describe('sending-end reactive power, Mvar'),
    lossesKw: z.number().describe('series losses r·ℓ, kW'),
  })).describe('all branches, in feeder order'),
});

/** The printed `opf --json` object. */
export type OpfJson = z.output<typeof OPF_JSON_SCHEMA>;
/** The printed `opf --pf --json` object. */
export type PowerFlowJson = z.output<typeof POWER_FLOW_JSON_SCHEMA>;

/** Outputs of `ev-cosim opf`. */
export const OPF_OUTPUT_DOCS: readonly OutputDoc[] = [
  {
    command: 'ev-cosim opf --json',
    target: 'stdout',
    format: 'json',
    description: 'One OPF of a feeder (bundled name, MATPOWER file, CSV folder or feeder study JSON): cost, losses, voltages, DLMPs with their components, dispatch and branch flows.',
    schema: OPF_JSON_SCHEMA,
  },
  {
    command: 'ev-cosim opf --pf --json',
    target: 'stdout',
    format: 'json',
    description: 'One power flow of the feeder at its data loads (no optimisation): losses, import, voltages and branch flows.',
    schema: POWER_FLOW_JSON_SCHEMA,
  },
];
