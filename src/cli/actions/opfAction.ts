/**
 * What `ev-cosim opf` does once its options are parsed (loaded lazily by `../commands/opf.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim opf <feeder>`: one OPF (or power flow) of a feeder — a bundled name
 * (`case33bw`, `ieee123`), a MATPOWER `.m` file, a CSV directory, or a feeder
 * study JSON (`src/grid/problems/feederStudy.ts`). Buses are named by the
 * data's own bus numbers. Exit codes: 0 ok, 1 bad input, 2 infeasible /
 * inexact relaxation / power flow not converged.
 */
import { InputError, SolverError } from '../../common/errors.js';
import {
  loadFeeder, loadFeederStudy, OpfSession, runPowerFlow,
  type Feeder, type FeederInterval, type FormulationName, type OpfResult, type PowerFlowResult,
} from '../../grid/index.js';
import type { OpfJson, PowerFlowJson } from '../outputs/opf.js';

/** Options of `ev-cosim opf` as commander parses them. */
export interface OpfCommandOptions {
  pf?: boolean;
  formulation?: string;
  json?: boolean;
}

/**
 * Run `ev-cosim opf` (registered in `commands/opf.ts`): print the summary or, with
 * `--json`, one object (fields: src/cli/outputs/opf.ts, docs/outputs.md).
 */
export async function runOpfCommand(spec: string, options: OpfCommandOptions): Promise<void> {
  if (options.formulation !== undefined && options.formulation !== 'socp' && options.formulation !== 'lindistflow') {
    throw new InputError({ source: 'ev-cosim opf', field: '--formulation', value: options.formulation }, 'must be socp or lindistflow');
  }
  const { feeder, interval, formulation: studyFormulation } = /\.json$/i.test(spec)
    ? loadFeederStudy(spec)
    : { feeder: loadFeeder(spec), interval: {} as FeederInterval, formulation: undefined };
  if (options.pf) {
    const pf = runPowerFlow(feeder, interval);
    if (!pf.converged) throw new SolverError('ev-cosim opf --pf', 'not converged', `power flow did not converge after ${pf.iterations} sweeps`, pf.mismatchMw);
    writeOut(options.json ? JSON.stringify(powerFlowJson(feeder, pf)) : powerFlowSummary(feeder, pf));
    return;
  }
  const formulation = (options.formulation ?? studyFormulation ?? 'socp') as FormulationName;
  const opf = await OpfSession.create(feeder, { formulation });
  let result: OpfResult;
  try {
    result = opf.solve(interval);
  } finally {
    opf.dispose();
  }
  if (result.status === 'infeasible' || result.status === 'error') {
    throw new SolverError('ev-cosim opf', result.status, result.message ?? 'no operating point');
  }
  writeOut(options.json ? JSON.stringify(opfJson(feeder, result)) : opfSummary(feeder, result));
  if (result.status === 'inexact') {
    // Printed for diagnosis, but never passed off as a physical point.
    throw new SolverError('ev-cosim opf', 'inexact', result.message ?? 'cone relaxation not tight', result.maxConeGapPu);
  }
}

function writeOut(text: string): void {
  process.stdout.write(`${text}\n`);
}

function round(x: number, digits = 6): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}

function roundRecord(rec: Record<number, number>, digits = 6): Record<string, number> {
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, round(v, digits)]));
}

/** The `--json` object of an OPF run (schema and field docs: src/cli/outputs/opf.ts). */
function opfJson(feeder: Feeder, r: OpfResult): OpfJson {
  const dlmpByBus = roundRecord(r.dlmpP);
  // The maximum of the printed (rounded) prices, so that a reader finds it in the map.
  const maxDlmp = extremes(dlmpByBus).max;
  return {
    mode: 'opf',
    feeder: feeder.name,
    formulation: r.formulation,
    // Infeasible and error results are thrown before printing (runOpfCommand).
    status: r.status as OpfJson['status'],
    ...(r.message === undefined ? {} : { message: r.message }),
    objectiveUsdPerH: round(r.objectiveUsdPerH),
    lossesKw: round(r.lossesKw),
    importMw: round(r.importMw),
    importMvar: round(r.importMvar),
    minVoltagePu: round(r.minVoltagePu, 8),
    minVoltageBus: r.minVoltageBus,
    maxDlmpUsdPerMwh: maxDlmp[1],
    maxDlmpBus: maxDlmp[0],
    maxConeGapPu2: r.maxConeGapPu,
    lpSolves: r.lpSolves,
    islands: r.islands,
    shedKw: round(r.shedKw),
    shedKwByBus: roundRecord(r.shedKwByBus),
    dlmpUsdPerMwhByBus: dlmpByBus,
    qDlmpUsdPerMvarhByBus: roundRecord(r.dlmpQ),
    dlmpComponentsByBus: Object.fromEntries(Object.entries(r.dlmpComponents).map(([k, c]) => [k, {
      energyUsdPerMwh: round(c.energy), lossUsdPerMwh: round(c.loss), congestionUsdPerMwh: round(c.congestion), voltageUsdPerMwh: round(c.voltage),
    }])),
    voltagePuByBus: roundRecord(r.voltagePu, 8),
    dispatch: r.dispatch.map((d) => ({ id: d.id, bus: d.bus, pMw: round(d.pMw), qMvar: round(d.qMvar) })),
    stationReactiveMvarByBus: roundRecord(r.stationQMvar),
    branches: r.branches.map((b) => ({
      id: b.id, fromBus: b.fromBus, toBus: b.toBus, pMw: round(b.pMw), qMvar: round(b.qMvar), currentSqPu2: round(b.currentSqPu, 9), coneGapPu2: b.coneGapPu,
    })),
  };
}

/** The `--pf --json` object (schema: src/cli/outputs/opf.ts). */
function powerFlowJson(feeder: Feeder, pf: PowerFlowResult): PowerFlowJson {
  return {
    mode: 'pf',
    feeder: feeder.name,
    status: 'converged',
    iterations: pf.iterations,
    lossesKw: round(pf.lossesKw),
    importMw: round(pf.slackPMw),
    importMvar: round(pf.slackQMvar),
    minVoltagePu: round(pf.minVoltagePu, 8),
    minVoltageBus: pf.minVoltageBus,
    unsuppliedBuses: [...pf.unsuppliedBuses],
    unsuppliedLoadMw: round(pf.unsuppliedLoadMw),
    voltagePuByBus: roundRecord(pf.voltagePu, 8),
    branches: pf.branches.map((b) => ({ id: b.id, fromBus: b.fromBus, toBus: b.toBus, pMw: round(b.pMw), qMvar: round(b.qMvar), lossesKw: round(b.lossesKw) })),
  };
}

function extremes(rec: Record<string, number>): { min: [number, number]; max: [number, number] } {
  let min: [number, number] = [NaN, Infinity];
  let max: [number, number] = [NaN, -Infinity];
  for (const [k, v] of Object.entries(rec)) {
    if (v < min[1]) min = [Number(k), v];
    if (v > max[1]) max = [Number(k), v];
  }
  return { min, max };
}

function opfSummary(feeder: Feeder, r: OpfResult): string {
  const p = extremes(r.dlmpP);
  const q = extremes(r.dlmpQ);
  const top = Object.entries(r.dlmpP).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const lines = [
    `${feeder.name}: ${r.formulation === 'socp' ? 'SOCP branch-flow' : 'LinDistFlow'} OPF — ${r.status}${r.message ? ` (${r.message})` : ''}`,
    `  LP solves ${r.lpSolves}, max cone gap ${r.maxConeGapPu.toExponential(2)} pu², islands ${r.islands}`,
    `  objective ${r.objectiveUsdPerH.toFixed(2)} $/h   import ${r.importMw.toFixed(4)} MW / ${r.importMvar.toFixed(4)} Mvar`,
    `  losses ${r.lossesKw.toFixed(2)} kW   shed ${r.shedKw.toFixed(2)} kW`,
    `  min voltage ${r.minVoltagePu.toFixed(5)} pu at bus ${r.minVoltageBus}`,
    `  DLMP P: ${p.min[1].toFixed(3)} $/MWh (bus ${p.min[0]}) … ${p.max[1].toFixed(3)} $/MWh (bus ${p.max[0]})`,
    `  DLMP Q: ${q.min[1].toFixed(3)} $/Mvarh (bus ${q.min[0]}) … ${q.max[1].toFixed(3)} $/Mvarh (bus ${q.max[0]})`,
    '  highest DLMPs (energy + loss + congestion + voltage):',
    ...top.map(([bus, v]) => {
      const c = r.dlmpComponents[Number(bus)];
      return `    bus ${bus.padStart(4)}  ${v.toFixed(3).padStart(10)} = ${c.energy.toFixed(3)} + ${c.loss.toFixed(3)} + ${c.congestion.toFixed(3)} + ${c.voltage.toFixed(3)}`;
    }),
    '  dispatch:',
    ...r.dispatch.map((d) => `    ${d.id} (bus ${d.bus}): ${d.pMw.toFixed(4)} MW, ${d.qMvar.toFixed(4)} Mvar`),
  ];
  const stations = Object.entries(r.stationQMvar);
  if (stations.length > 0) lines.push(`  station reactive output: ${stations.map(([b, v]) => `bus ${b} ${v.toFixed(4)} Mvar`).join(', ')}`);
  return lines.join('\n');
}

function powerFlowSummary(feeder: Feeder, pf: PowerFlowResult): string {
  return [
    `${feeder.name}: power flow (backward/forward sweep) — converged in ${pf.iterations} sweeps`,
    `  import ${pf.slackPMw.toFixed(4)} MW / ${pf.slackQMvar.toFixed(4)} Mvar   losses ${pf.lossesKw.toFixed(2)} kW`,
    `  min voltage ${pf.minVoltagePu.toFixed(5)} pu at bus ${pf.minVoltageBus}`,
    ...(pf.unsuppliedBuses.length > 0 ? [`  unsupplied buses: ${pf.unsuppliedBuses.join(', ')} (${pf.unsuppliedLoadMw.toFixed(4)} MW)`] : []),
  ].join('\n');
}
