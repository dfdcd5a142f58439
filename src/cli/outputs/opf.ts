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
  energyUsdPerMwh: z.number().describe('energy component (marginal cost of the resource at the island root, e.g. the substation price), $/MWh'),
  lossUsdPerMwh: z.number().describe('loss component, $/MWh'),
  congestionUsdPerMwh: z.number().describe('branch-rating congestion component (branch ratings only), $/MWh'),
  voltageUsdPerMwh: z.number().describe('voltage-limit component, $/MWh'),
  scarcityUsdPerMwh: z.number().describe('resource-limit component: the limit dual of the resource pricing the island root (substation P bound, a DG/PV at Pmax rooting an island), $/MWh'),
});

const qDlmpComponents = z.strictObject({
  energyUsdPerMvarh: z.number().describe('energy component (marginal cost of reactive power at the island root), $/Mvarh'),
  lossUsdPerMvarh: z.number().describe('loss component, $/Mvarh'),
  congestionUsdPerMvarh: z.number().describe('branch-rating congestion component, $/Mvarh'),
  voltageUsdPerMvarh: z.number().describe('voltage-limit component, $/Mvarh'),
  scarcityUsdPerMvarh: z.number().describe('resource-limit component: the Q-limit dual of the root generator, or of the station inverters (|Q| ≤ √(S² − P²)) at a root without one, $/Mvarh'),
});

/** The fields of one OPF interval (shared by the single-interval object and each horizon entry). */
const OPF_INTERVAL_FIELDS = {
  interval: z.number().int().describe('interval of the study, 0-based (0 for a single OPF)'),
  status: z.enum(['optimal', 'inexact', 'cut-limit']).describe('`inexact`: the cone relaxation is not tight (cone gap above tolerance); `cut-limit`: the cut loop ran out of rounds; either way the point is printed for diagnosis and the exit code is 2'),
  message: z.string().optional().describe('solver remark, when there is one'),
  objectiveUsdPerH: z.number().describe('import cost + DG cost + shedding penalty, $/h'),
  lossesKw: z.number().describe('series losses Σ r·ℓ, kW (0 for LinDistFlow)'),
  importMw: z.number().describe('active power drawn from the substation, MW (negative = export)'),
  importMvar: z.number().describe('reactive power drawn from the substation, Mvar'),
  minVoltagePu: z.number().describe('lowest voltage magnitude among energised buses, pu'),
  minVoltageBus: busId.describe('bus with the lowest voltage'),
  maxDlmpUsdPerMwh: z.number().describe('highest active-power DLMP, $/MWh'),
  maxDlmpBus: busId.describe('bus with the highest DLMP (the lowest bus number on a tie)'),
  maxConeGapPu2: z.number().describe('largest cone gap |P² + Q² − v·ℓ| over branches, pu² (0 for LinDistFlow)'),
  maxConeGapBranch: z.number().int().nullable().describe('branch id with the largest cone gap (null when no branch has a gap)'),
  currentBoxBinding: z.array(z.number().int()).describe('branch ids whose squared current ℓ sits at the box the formulation sizes from the feeder (empty normally)'),
  lpSolves: z.number().int().describe('LP solves (1 + cut rounds)'),
  islands: z.number().int().describe('islands solved (more than 1 after outages)'),
  shedKw: z.number().describe('active power shed, households and EV charging together, kW'),
  shedKvar: z.number().describe('reactive power shed with it (by the shedding convention), kvar'),
  householdShedKw: z.number().describe('household load shed, kW (a bus\'s shed P is split between households and EV charging pro rata to their positive consumption there)'),
  householdShedKvar: z.number().describe('reactive household load shed, kvar (the household share of the shed Q)'),
  evCurtailedKw: z.number().describe('EV charging curtailed, kW (the EV share of the shed P)'),
  shedKwByBus: numberByBus('active power shed by bus, kW (buses with shedding only)'),
  shedByBus: objectByBus(z.strictObject({
    pKw: z.number().describe('active power shed, kW'),
    qKvar: z.number().describe('reactive power shed, kvar'),
    householdKw: z.number().describe('household part of `pKw`, kW'),
    evKw: z.number().describe('EV-charging part of `pKw`, kW'),
  }), 'shedding by bus, split into households and EV charging (buses with shedding only)'),
  islandSummary: z.array(z.strictObject({
    rootBus: busId.describe('root bus of the island (the slack, else its largest generator, else its lowest bus)'),
    buses: z.number().int().describe('number of buses in the island'),
    loadMw: z.number().describe('net consumption of the island (household load + station injections, + = consumption), MW'),
    shedMw: z.number().describe('active power shed in the island, MW'),
    shedMvar: z.number().describe('reactive power shed in the island, Mvar'),
    importMw: z.number().describe('power drawn from substations in the island, MW (0 without one)'),
    status: z.enum(['energised', 'de-energised']).describe('`de-energised`: the island has no resource and everything in it is shed'),
  })).describe('one entry per island, the slack\'s island first'),
  dlmpUsdPerMwhByBus: numberByBus('active-power DLMP by bus, $/MWh'),
  qDlmpUsdPerMvarhByBus: numberByBus('reactive-power DLMP by bus, $/Mvarh'),
  dlmpComponentsByBus: objectByBus(dlmpComponents, 'active-power DLMP by bus split into components that sum to it, $/MWh'),
  qDlmpComponentsByBus: objectByBus(qDlmpComponents, 'reactive-power DLMP by bus split into components that sum to it, $/Mvarh'),
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
};

/** `ev-cosim opf <feeder> --json` (a feeder, or a study with one interval). */
export const OPF_JSON_SCHEMA = z.strictObject({
  mode: z.literal('opf').describe('`opf` (the `--pf` variant prints `pf`, a study with several intervals `opf-horizon`)'),
  feeder: z.string().describe('feeder name'),
  formulation: z.enum(['socp', 'lindistflow']).describe('SOCP branch-flow relaxation or lossless LinDistFlow'),
  ...OPF_INTERVAL_FIELDS,
});

/** One interval of `ev-cosim opf <study> --json` with several intervals. */
export const OPF_INTERVAL_JSON_SCHEMA = z.strictObject(OPF_INTERVAL_FIELDS);

/** `ev-cosim opf <study.json> --json` when the study has several intervals. */
export const OPF_HORIZON_JSON_SCHEMA = z.strictObject({
  mode: z.literal('opf-horizon').describe('`opf-horizon`: a study with several intervals, solved in order on one warm OPF session'),
  feeder: z.string().describe('feeder name'),
  formulation: z.enum(['socp', 'lindistflow']).describe('SOCP branch-flow relaxation or lossless LinDistFlow'),
  status: z.enum(['optimal', 'inexact', 'cut-limit']).describe('`optimal` when every interval is; else the first non-optimal status (exit code 2)'),
  intervalCount: z.number().int().describe('number of intervals'),
  lpSolves: z.number().int().describe('LP solves over the whole horizon'),
  intervals: z.array(OPF_INTERVAL_JSON_SCHEMA).describe('one entry per interval, in order, with the fields of a single `opf` result'),
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
/** One interval entry of the printed `opf-horizon` object. */
export type OpfIntervalJson = z.output<typeof OPF_INTERVAL_JSON_SCHEMA>;
/** The printed `opf --json` object of a study with several intervals. */
export type OpfHorizonJson = z.output<typeof OPF_HORIZON_JSON_SCHEMA>;
/** The printed `opf --pf --json` object. */
export type PowerFlowJson = z.output<typeof POWER_FLOW_JSON_SCHEMA>;

/** Outputs of `ev-cosim opf`. */
export const OPF_OUTPUT_DOCS: readonly OutputDoc[] = [
  {
    command: 'ev-cosim opf --json',
    target: 'stdout',
    format: 'json',
    description: 'One OPF of a feeder (bundled name, MATPOWER file, CSV folder or feeder study JSON with one interval): cost, losses, voltages, shedding by bus and island, DLMPs (P and Q) with their components, dispatch and branch flows.',
    schema: OPF_JSON_SCHEMA,
  },
  {
    command: 'ev-cosim opf <study.json> --json (several intervals)',
    target: 'stdout',
    format: 'json',
    description: 'A feeder study with a horizon of intervals (docs/feeder-study-reference.md), solved warm in one process: one entry per interval with the fields of a single OPF.',
    schema: OPF_HORIZON_JSON_SCHEMA,
  },
  {
    command: 'ev-cosim opf --pf --json',
    target: 'stdout',
    format: 'json',
    description: 'One power flow of the feeder at its data loads (no optimisation): losses, import, voltages and branch flows.',
    schema: POWER_FLOW_JSON_SCHEMA,
  },
];
