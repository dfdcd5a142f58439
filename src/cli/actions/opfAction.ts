/**
 * What `ev-cosim opf` does once its options are parsed (loaded lazily by `../commands/opf.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim opf <feeder>`: one OPF (or power flow) of a feeder — a bundled name
 * (`case33bw`, `ieee123`), a MATPOWER `.m` file, a CSV directory, or a feeder
 * study JSON (`src/grid/problems/feederStudy.ts`) whose intervals are solved in order on one
 * warm session. Buses are named by the data's own bus numbers. Exit codes: 0 ok, 1 bad input,
 * 2 infeasible / inexact relaxation / cut limit / power flow not converged.
 */
import { InputError, SolverError } from '../../common/errors.js';
import {
  loadFeeder, loadFeederStudy, OpfSession, runPowerFlow,
  type DlmpComponents, type Feeder, type FeederInterval, type FormulationName, type OpfOptions, type OpfResult, type PowerFlowResult,
} from '../../grid/index.js';
import { isHighsError } from '../../grid/solver/highsError.js';
import type { OpfHorizonJson, OpfIntervalJson, OpfJson, PowerFlowJson } from '../outputs/opf.js';

/** Options of `ev-cosim opf` as commander parses them. */
export interface OpfCommandOptions {
  pf?: boolean;
  formulation?: string;
  json?: boolean;
}

/** A printed (non-failed) OPF status. */
type PrintedStatus = OpfIntervalJson['status'];

/**
 * Run `ev-cosim opf` (registered in `commands/opf.ts`): print the summary or, with
 * `--json`, one object (fields: src/cli/outputs/opf.ts, docs/outputs.md). A study with
 * several intervals is solved in order on one warm session and printed as one
 * `opf-horizon` object (a compact table per interval in text mode).
 */
export async function runOpfCommand(spec: string, options: OpfCommandOptions): Promise<void> {
  if (options.formulation !== undefined && options.formulation !== 'socp' && options.formulation !== 'lindistflow') {
    throw new InputError({ source: 'ev-cosim opf', field: '--formulation', value: options.formulation }, 'must be socp or lindistflow');
  }
  const { feeder, intervals, studyOptions } = loadInput(spec);
  if (options.pf) {
    if (intervals.length > 1) {
      throw new InputError({ source: spec, field: 'intervals', value: intervals.length }, '--pf runs one power flow: give a study with one interval');
    }
    const pf = runPowerFlow(feeder, intervals[0]);
    if (!pf.converged) throw new SolverError('ev-cosim opf --pf', 'not converged', `power flow did not converge after ${pf.iterations} sweeps`, pf.mismatchMw);
    writeOut(options.json ? JSON.stringify(powerFlowJson(feeder, pf)) : powerFlowSummary(feeder, pf));
    return;
  }
  const formulation = (options.formulation ?? studyOptions.formulation ?? 'socp') as FormulationName;
  const opf = await OpfSession.create(feeder, { ...studyOptions, formulation });
  let results: OpfResult[];
  try {
    results = intervals.map((interval, t) => solveInterval(opf, interval, t, intervals.length));
  } finally {
    opf.dispose();
  }
  // Nothing partial is printed as if it were a result: a failed interval stops the study.
  results.forEach((r, t) => {
    if (r.status === 'infeasible' || r.status === 'error') {
      const at = results.length > 1 ? ` in interval ${t}` : '';
      throw new SolverError('ev-cosim opf', r.status, `${r.message ?? 'no operating point'}${at}`);
    }
  });
  if (results.length === 1) {
    writeOut(options.json ? JSON.stringify(opfJson(feeder, results[0])) : opfSummary(feeder, results[0]));
  } else {
    writeOut(options.json ? JSON.stringify(horizonJson(feeder, formulation, results)) : horizonSummary(feeder, results));
  }
  const t = results.findIndex((r) => r.status !== 'optimal');
  if (t >= 0) {
    // Printed for diagnosis, but never passed off as a physical point.
    const r = results[t];
    const at = results.length > 1 ? ` (interval ${t})` : '';
    throw new SolverError('ev-cosim opf', r.status, `${r.message ?? 'cone relaxation not tight'}${at}`, r.maxConeGapPu);
  }
}

/** One interval on the warm session; an exception of HiGHS itself becomes a solver failure naming the interval (exit 2). */
function solveInterval(opf: OpfSession, interval: FeederInterval, t: number, count: number): OpfResult {
  try {
    return opf.solve(interval);
  } catch (error) {
    if (!isHighsError(error)) throw error;
    const at = count > 1 ? ` in interval ${t}` : '';
    throw new SolverError('ev-cosim opf', 'error', `HiGHS refused the model${at} (${error.message}); a load, injection or limit far out of range is the usual cause`);
  }
}

/** A feeder (bundled, MATPOWER, CSV) as one default interval, or a study file with its horizon and options. */
function loadInput(spec: string): { feeder: Feeder; intervals: readonly FeederInterval[]; studyOptions: OpfOptions } {
  if (!/\.json$/i.test(spec)) return { feeder: loadFeeder(spec, { source: 'ev-cosim opf', field: '<feeder>' }), intervals: [{}], studyOptions: {} };
  const study = loadFeederStudy(spec);
  return { feeder: study.feeder, intervals: study.intervals, studyOptions: study.options };
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

/** The `--json` object of a single OPF (schema and field docs: src/cli/outputs/opf.ts). */
function opfJson(feeder: Feeder, r: OpfResult): OpfJson {
  return { mode: 'opf', feeder: feeder.name, formulation: r.formulation, ...intervalJson(r, 0) };
}

/** The `--json` object of a study with several intervals. */
function horizonJson(feeder: Feeder, formulation: FormulationName, results: readonly OpfResult[]): OpfHorizonJson {
  const firstBad = results.find((r) => r.status !== 'optimal');
  return {
    mode: 'opf-horizon',
    feeder: feeder.name,
    formulation,
    status: (firstBad?.status ?? 'optimal') as PrintedStatus,
    intervalCount: results.length,
    lpSolves: results.reduce((sum, r) => sum + r.lpSolves, 0),
    intervals: results.map((r, t) => intervalJson(r, t)),
  };
}

function componentsJson(c: DlmpComponents): OpfJson['dlmpComponentsByBus'][string] {
  return {
    energyUsdPerMwh: round(c.energy), lossUsdPerMwh: round(c.loss), congestionUsdPerMwh: round(c.congestion),
    voltageUsdPerMwh: round(c.voltage), scarcityUsdPerMwh: round(c.scarcity),
  };
}

function qComponentsJson(c: DlmpComponents): OpfJson['qDlmpComponentsByBus'][string] {
  return {
    energyUsdPerMvarh: round(c.energy), lossUsdPerMvarh: round(c.loss), congestionUsdPerMvarh: round(c.congestion),
    voltageUsdPerMvarh: round(c.voltage), scarcityUsdPerMvarh: round(c.scarcity),
  };
}

/** The fields of one interval. */
function intervalJson(r: OpfResult, interval: number): OpfIntervalJson {
  const dlmpByBus = roundRecord(r.dlmpP);
  // The maximum of the printed (rounded) prices, so that a reader finds it in the map.
  const maxDlmp = extremes(dlmpByBus).max;
  const shed = Object.values(r.shedByBus);
  return {
    interval,
    // Infeasible and error results are thrown before printing (runOpfCommand).
    status: r.status as PrintedStatus,
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
    maxConeGapBranch: r.maxConeGapBranch,
    currentBoxBinding: [...r.currentBoxBinding],
    lpSolves: r.lpSolves,
    islands: r.islands,
    shedKw: round(r.shedKw),
    shedKvar: round(shed.reduce((sum, b) => sum + b.qKvar, 0)),
    householdShedKw: round(r.householdShedKw),
    householdShedKvar: round(r.householdShedKvar),
    evCurtailedKw: round(r.evCurtailedKw),
    shedKwByBus: roundRecord(r.shedKwByBus),
    shedByBus: Object.fromEntries(Object.entries(r.shedByBus).map(([k, b]) => [k, {
      pKw: round(b.pKw), qKvar: round(b.qKvar), householdKw: round(b.householdKw), evKw: round(b.evKw),
    }])),
    islandSummary: r.islandSummary.map((i) => ({
      rootBus: i.rootBus, buses: i.buses, loadMw: round(i.loadMw), shedMw: round(i.shedMw), shedMvar: round(i.shedMvar),
      importMw: round(i.importMw), status: i.status,
    })),
    dlmpUsdPerMwhByBus: dlmpByBus,
    qDlmpUsdPerMvarhByBus: roundRecord(r.dlmpQ),
    dlmpComponentsByBus: Object.fromEntries(Object.entries(r.dlmpComponents).map(([k, c]) => [k, componentsJson(c)])),
    qDlmpComponentsByBus: Object.fromEntries(Object.entries(r.dlmpQComponents).map(([k, c]) => [k, qComponentsJson(c)])),
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

function components(c: DlmpComponents): string {
  return `${c.energy.toFixed(3)} + ${c.loss.toFixed(3)} + ${c.congestion.toFixed(3)} + ${c.voltage.toFixed(3)} + ${c.scarcity.toFixed(3)}`;
}

function opfSummary(feeder: Feeder, r: OpfResult): string {
  const p = extremes(r.dlmpP);
  const q = extremes(r.dlmpQ);
  const top = Object.entries(r.dlmpP).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const lines = [
    `${feeder.name}: ${r.formulation === 'socp' ? 'SOCP branch-flow' : 'LinDistFlow'} OPF — ${r.status}${r.message ? ` (${r.message})` : ''}`,
    `  LP solves ${r.lpSolves}, max cone gap ${r.maxConeGapPu.toExponential(2)} pu², islands ${r.islands}`,
    `  objective ${r.objectiveUsdPerH.toFixed(2)} $/h   import ${r.importMw.toFixed(4)} MW / ${r.importMvar.toFixed(4)} Mvar`,
    `  losses ${r.lossesKw.toFixed(2)} kW   shed ${r.shedKw.toFixed(2)} kW (households ${r.householdShedKw.toFixed(2)} kW / ${r.householdShedKvar.toFixed(2)} kvar, EV charging ${r.evCurtailedKw.toFixed(2)} kW)`,
    `  min voltage ${r.minVoltagePu.toFixed(5)} pu at bus ${r.minVoltageBus}`,
    `  DLMP P: ${p.min[1].toFixed(3)} $/MWh (bus ${p.min[0]}) … ${p.max[1].toFixed(3)} $/MWh (bus ${p.max[0]})`,
    `  DLMP Q: ${q.min[1].toFixed(3)} $/Mvarh (bus ${q.min[0]}) … ${q.max[1].toFixed(3)} $/Mvarh (bus ${q.max[0]})`,
    '  highest DLMPs, P and Q (energy + loss + congestion + voltage + scarcity):',
    ...top.map(([bus, v]) => {
      const b = Number(bus);
      return `    bus ${bus.padStart(4)}  P ${v.toFixed(3).padStart(10)} = ${components(r.dlmpComponents[b])}` +
        `   Q ${r.dlmpQ[b].toFixed(3).padStart(9)} = ${components(r.dlmpQComponents[b])}`;
    }),
    '  dispatch:',
    ...r.dispatch.map((d) => `    ${d.id} (bus ${d.bus}): ${d.pMw.toFixed(4)} MW, ${d.qMvar.toFixed(4)} Mvar`),
  ];
  const stations = Object.entries(r.stationQMvar);
  if (stations.length > 0) lines.push(`  station reactive output: ${stations.map(([b, v]) => `bus ${b} ${v.toFixed(4)} Mvar`).join(', ')}`);
  const shed = Object.entries(r.shedByBus);
  if (shed.length > 0) lines.push(`  shed by bus: ${shed.map(([b, s]) => `${b}: ${s.pKw.toFixed(1)} kW / ${s.qKvar.toFixed(1)} kvar`).join(', ')}`);
  if (r.islands > 1) {
    lines.push(...r.islandSummary.map((i) => `  island at bus ${i.rootBus}: ${i.buses} buses, load ${i.loadMw.toFixed(4)} MW, shed ${i.shedMw.toFixed(4)} MW / ${i.shedMvar.toFixed(4)} Mvar, import ${i.importMw.toFixed(4)} MW, ${i.status}`));
  }
  return lines.join('\n');
}

/** Text mode of a study with several intervals: one compact table row per interval, then where shedding happened. */
function horizonSummary(feeder: Feeder, results: readonly OpfResult[]): string {
  const head = ['t', 'status', 'LPs', 'cost $/h', 'import MW', 'losses kW', 'shed kW', 'EV cut kW', 'min V pu (bus)', 'DLMP P $/MWh min…max'];
  const rows = results.map((r, t) => {
    const p = extremes(r.dlmpP);
    return [String(t), r.status, String(r.lpSolves), r.objectiveUsdPerH.toFixed(2), r.importMw.toFixed(4), r.lossesKw.toFixed(2),
      r.shedKw.toFixed(2), r.evCurtailedKw.toFixed(2), `${r.minVoltagePu.toFixed(5)} (${r.minVoltageBus})`, `${p.min[1].toFixed(3)}…${p.max[1].toFixed(3)}`];
  });
  const width = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]): string => `  ${cells.map((c, k) => (k < 2 ? c.padEnd(width[k]) : c.padStart(width[k]))).join('  ')}`;
  const lpSolves = results.reduce((sum, r) => sum + r.lpSolves, 0);
  const out = [
    `${feeder.name}: ${results[0].formulation === 'socp' ? 'SOCP branch-flow' : 'LinDistFlow'} OPF, ${results.length} intervals on one warm session, ${lpSolves} LP solves`,
    line(head),
    ...rows.map(line),
  ];
  results.forEach((r, t) => {
    const shed = Object.entries(r.shedByBus);
    if (shed.length > 0) out.push(`  t ${t} shed by bus: ${shed.map(([b, s]) => `${b}: ${s.pKw.toFixed(1)} kW / ${s.qKvar.toFixed(1)} kvar`).join(', ')}`);
    if (r.message !== undefined) out.push(`  t ${t}: ${r.message}`);
  });
  return out.join('\n');
}

function powerFlowSummary(feeder: Feeder, pf: PowerFlowResult): string {
  return [
    `${feeder.name}: power flow (backward/forward sweep) — converged in ${pf.iterations} sweeps`,
    `  import ${pf.slackPMw.toFixed(4)} MW / ${pf.slackQMvar.toFixed(4)} Mvar   losses ${pf.lossesKw.toFixed(2)} kW`,
    `  min voltage ${pf.minVoltagePu.toFixed(5)} pu at bus ${pf.minVoltageBus}`,
    ...(pf.unsuppliedBuses.length > 0 ? [`  unsupplied buses: ${pf.unsuppliedBuses.join(', ')} (${pf.unsuppliedLoadMw.toFixed(4)} MW)`] : []),
  ].join('\n');
}
