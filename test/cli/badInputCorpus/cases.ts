/**
 * The bad-input corpus (issue 14): inputs a user can build, across all six commands and
 * every input format, with the exit code and the one-line message each must give
 * (docs/exit-codes.md). `args` builds the command line in a fresh workspace (./workspace.ts);
 * `message` must match the one stderr line; `writes` names what the command may leave
 * behind (default: the workspace is unchanged).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/cli.ts';
import type { Workspace } from './workspace.ts';

/** One corpus case. */
export interface BadInputCase {
  readonly name: string;
  /** Format or area, for the per-format count. */
  readonly format: 'scenario-json' | 'set' | 'matpower' | 'csv-feeder' | 'tntp' | 'csv-demand' | 'flex-options' | 'out' | 'options' | 'study-json' | 'equilibrium-json';
  readonly args: (ws: Workspace) => string[];
  readonly code: 1 | 2;
  /** Must match the single stderr line (file, field and value named). */
  readonly message: RegExp;
  /** Paths (relative to the workspace) the command may create or change, e.g. `out/` for exit 2 with results written. */
  readonly writes?: readonly string[];
  /** Run in a child process with the workspace as working directory (for relative paths such as `--out .`). */
  readonly spawn?: boolean;
  /** Working directory of a spawned case, relative to the workspace (default: the workspace). */
  readonly cwd?: string;
}

/** 3 intervals of the reference case: fast runs for the cases that get past validation. */
export const SHORT = ['--set', 'horizon.intervals=3', '--set', 'demand.profile=[0.8,0.9,1]', '--set', 'feeder.loadScale=1'];

type Edit = (s: Record<string, any>) => void;

/** Write the reference scenario edited by `edit` as `bad.json` and return its path. */
function scenarioWith(ws: Workspace, edit: Edit): string {
  const s = ws.scenario();
  delete s.$schema;
  edit(s);
  ws.writeScenario('bad.json', s);
  return ws.path('bad.json');
}

/** A scenario edit checked by both `validate` and `run` (one case each). */
function both(name: string, edit: Edit, message: RegExp, format: BadInputCase['format'] = 'scenario-json'): BadInputCase[] {
  return [
    { name: `validate: ${name}`, format, code: 1, message, args: (ws) => ['validate', scenarioWith(ws, edit)] },
    { name: `run: ${name}`, format, code: 1, message, args: (ws) => ['run', scenarioWith(ws, edit), '--out', ws.path('out'), '--json'] },
  ];
}

/** A `--set` override checked by `validate` and `run`. */
function bothSet(name: string, sets: string[], message: RegExp): BadInputCase[] {
  const flags = sets.flatMap((s) => ['--set', s]);
  return [
    { name: `validate --set: ${name}`, format: 'set', code: 1, message, args: (ws) => ['validate', ws.path('s.json'), ...flags] },
    { name: `run --set: ${name}`, format: 'set', code: 1, message, args: (ws) => ['run', ws.path('s.json'), '--out', ws.path('out'), ...flags] },
  ];
}

/** A scenario file with raw text (syntax errors). */
function rawScenario(name: string, text: string, message: RegExp): BadInputCase[] {
  return [
    { name: `validate: ${name}`, format: 'scenario-json', code: 1, message, args: (ws) => (ws.write('raw.json', text), ['validate', ws.path('raw.json')]) },
    { name: `run: ${name}`, format: 'scenario-json', code: 1, message, args: (ws) => (ws.write('raw.json', text), ['run', ws.path('raw.json'), '--out', ws.path('out')]) },
  ];
}

/** A MATPOWER file for `opf` (text edited from the tiny case). */
function matpower(name: string, edit: (m: string) => string, message: RegExp): BadInputCase {
  return { name: `opf .m: ${name}`, format: 'matpower', code: 1, message, args: (ws) => (ws.write('bad.m', edit(ws.read('tiny.m'))), ['opf', ws.path('bad.m'), '--json']) };
}

/** The case33bw CSV folder for `opf`, one file edited. */
function csvFeeder(name: string, file: string, edit: (text: string) => string, message: RegExp): BadInputCase {
  return { name: `opf CSV: ${name}`, format: 'csv-feeder', code: 1, message, args: (ws) => (ws.write(`feeder/${file}`, edit(ws.read(`feeder/${file}`))), ['opf', ws.path('feeder'), '--json']) };
}

/** A TNTP network or trip file for `assign`, edited. */
function tntp(name: string, file: 'nd_net.tntp' | 'nd_trips.tntp', edit: (text: string) => string, message: RegExp): BadInputCase {
  return {
    name: `assign TNTP: ${name}`, format: 'tntp', code: 1, message,
    args: (ws) => (ws.write(file, edit(ws.read(file))), ['assign', ws.path('nd_net.tntp'), '--trips', ws.path('nd_trips.tntp'), '--json']),
  };
}

/** A CSV departure table used by the scenario (`demand.csvFile`), edited. */
function csvDemand(name: string, edit: (text: string) => string, message: RegExp): BadInputCase[] {
  const setup = (ws: Workspace): string => {
    ws.write('demand.csv', edit(ws.read('demand.csv')));
    return scenarioWith(ws, (s) => { s.demand = { csvFile: 'demand.csv' }; });
  };
  return [
    { name: `validate CSV demand: ${name}`, format: 'csv-demand', code: 1, message, args: (ws) => ['validate', setup(ws)] },
    { name: `run CSV demand: ${name}`, format: 'csv-demand', code: 1, message, args: (ws) => ['run', setup(ws), '--out', ws.path('out')] },
  ];
}

/** The reference OD table (docs/model.md §6), as inline `demand.od`. */
const REFERENCE_OD = [
  { origin: 1, destination: 2, vehPerH: 400 }, { origin: 1, destination: 3, vehPerH: 800 },
  { origin: 4, destination: 2, vehPerH: 600 }, { origin: 4, destination: 3, vehPerH: 200 },
];

/** A bundled equilibrium scenario edited, written as `eq.json`. */
function equilibriumCase(name: string, bundled: string, edit: Edit, message: RegExp): BadInputCase[] {
  return [{
    name: `equilibrium: ${name}`, format: 'equilibrium-json', code: 1, message,
    args: (ws) => {
      const e = JSON.parse(readFileSync(join(ROOT, 'scenarios', bundled), 'utf8')) as Record<string, any>;
      edit(e);
      ws.writeScenario('eq.json', e);
      return ['equilibrium', ws.path('eq.json'), '--json'];
    },
  }];
}

const replaceLine = (from: RegExp, to: string) => (text: string): string => text.replace(from, to);

export const CASES: readonly BadInputCase[] = [
  // ---- scenario JSON: syntax ----
  ...rawScenario('empty file', '', /raw\.json: .*(empty|line 1)/),
  ...rawScenario('trailing comma', '{\n  "name": "x",\n}\n', /raw\.json: line 2, column 14: not valid JSON: trailing comma before "}"/),
  ...rawScenario('not an object', '[1, 2, 3]\n', /raw\.json: \(root\) = \[1,2,3\]: /),
  ...rawScenario('unterminated string', '{"name": "abc\n', /raw\.json: line 1, column \d+: /),
  ...rawScenario('a huge one-line file with an error at the end', `{"name": "${'x'.repeat(5000)}" "horizon": 1}`, /raw\.json: line 1, column 50\d\d: .{0,200}$/),
  {
    name: 'validate: a missing scenario file', format: 'scenario-json', code: 1,
    message: /missing\.json: file not found/, args: (ws) => ['validate', ws.path('missing.json')],
  },
  {
    name: 'validate: a folder given as scenario', format: 'scenario-json', code: 1,
    message: /notes: .*(folder|directory|not a (regular )?file)/i, args: (ws) => ['validate', ws.path('notes')],
  },
  // ---- scenario JSON: schema ----
  ...both('a share above 1', (s) => { s.classes.chargingShare = 2; }, /bad\.json: classes\.chargingShare = 2: /),
  ...both('a misspelt field', (s) => { s.stations[0].chargerz = s.stations[0].chargers; delete s.stations[0].chargers; }, /bad\.json: stations\[0\]\.chargerz: unknown field "chargerz" \(did you mean "chargers"\?\)/),
  ...both('a string instead of a number', (s) => { s.horizon.intervalMin = '10'; }, /bad\.json: horizon\.intervalMin = "10": /),
  ...both('a missing required section', (s) => { delete s.horizon; }, /bad\.json: horizon: is required/),
  ...both('a bad clock time', (s) => { s.horizon.start = '25:00'; }, /bad\.json: horizon\.start = "25:00": /),
  ...both('a negative number of chargers', (s) => { s.stations[1].chargers = -5; }, /bad\.json: stations\[1\]\.chargers = -5: /),
  ...both('an unknown station node', (s) => { s.stations[1].node = 42; }, /bad\.json: stations\[1\] \(CS2\)\.node = 42: no such node/),
  ...both('a station bus outside the feeder', (s) => { s.stations[0].bus = 99; }, /bad\.json: stations\[0\] \(CS1\)\.bus = 99: /),
  ...both('two stations with one id', (s) => { s.stations[1].id = 'CS1'; }, /bad\.json: stations\[1\]\.id = "CS1": /),
  ...both('a profile of the wrong length', (s) => { s.demand.profile = [1, 1]; }, /bad\.json: demand\.profile.*(length|12|intervals)/),
  ...both('an unknown bundled network', (s) => { s.traffic.network = 'Atlantis'; }, /bad\.json: traffic\.network = "Atlantis": /),
  ...both('an unknown bundled feeder', (s) => { s.feeder.case = 'case999'; }, /(bad\.json: feeder\.case = ".*case999"|case999): not a bundled feeder \(case33bw, ieee123\), nor an existing \.m file or CSV directory/),
  ...both('an outage of a branch that does not exist', (s) => { s.feeder.outages = [{ branch: 500 }]; }, /bad\.json: feeder\.outages\[0\]\.branch = 500: /),
  ...both('a DG at a bus outside the feeder', (s) => { s.feeder.dgs[0].bus = 77; }, /bad\.json: feeder\.dgs\[0\].*bus = 77: /),
  ...both('pMinMw above pMaxMw', (s) => { s.feeder.dgs[0].pMinMw = 2; }, /bad\.json: feeder\.dgs\[0\]\.pMaxMw = 0\.6: pMinMw must be ≤ pMaxMw/),
  ...both('a step that does not divide the interval', (s) => { s.horizon.stepSec = 7; }, /bad\.json: horizon\.stepSec = 7: does not divide the interval/),
  ...both('an unknown price mode', (s) => { s.prices.charge = { mode: 'auction' }; }, /bad\.json: prices\.charge(\.mode)? = .*auction/),
  ...both('an OD pair with no path', (s) => { s.demand = { od: [...REFERENCE_OD, { origin: 2, destination: 1, vehPerH: 100 }] }; }, /bad\.json: demand\.od\[4\].*(2.*1|path)/),
  ...both('origin = destination', (s) => { s.demand = { od: [...REFERENCE_OD, { origin: 1, destination: 1, vehPerH: 100 }] }; }, /bad\.json: demand\.od\[4\].*(origin|destination)/),
  ...both('an OD node that is not on the network', (s) => { s.demand = { od: [{ origin: 1, destination: 99, vehPerH: 100 }] }; }, /bad\.json: demand\.od\[0\]\.destination = 99: /),
  ...both('a demand scale of 1e308', (s) => { s.demand.scale = 1e308; }, /bad\.json: demand\.scale = 1e\+308: /),
  ...both('a feeder load scale of 1e308', (s) => { s.feeder.loadScale = 1e308; }, /bad\.json: feeder\.loadScale = 1e\+308: /),
  ...both('a service time of 1e308', (s) => { s.stations[0].chargeServiceMin = 1e308; }, /bad\.json: stations\[0\]\.chargeServiceMin = 1e\+308: /),
  ...both('zero chargers and ports everywhere', (s) => { for (const st of s.stations) { st.chargers = 0; if ('v2gPorts' in st) st.v2gPorts = 0; } }, /bad\.json: .*chargers.*= 0/),
  ...both('a trips file that does not exist', (s) => { s.demand = { tripsFile: 'nope_trips.tntp' }; }, /(bad\.json: demand\.tripsFile = "nope_trips\.tntp"|nope_trips\.tntp): /),
  ...both('a feeder .m file that does not exist', (s) => { s.feeder.case = 'nope.m'; }, /(bad\.json: feeder\.case = ".*nope\.m"|nope\.m): not a bundled feeder/),
  ...['validate', 'run'].map((command): BadInputCase => ({
    name: `${command}: a road network file with a bad link row names that file`, format: 'tntp', code: 1, message: /broken_net\.tntp: line \d+: .*lots/,
    args: (ws) => {
      ws.write('broken_net.tntp', ws.read('nd_net.tntp').replace(/\t1\t5\t300\t/, '\t1\t5\tlots\t'));
      const file = scenarioWith(ws, (s) => { s.traffic.network = 'broken_net.tntp'; s.demand = { tripsFile: 'nd_trips.tntp', profile: s.demand.profile }; });
      return command === 'run' ? ['run', file, '--out', ws.path('out')] : ['validate', file];
    },
  })),
  // ---- --set overrides ----
  ...bothSet('no "=" in the override', ['demand.scale'], /^ev-cosim: bad input: --set "demand\.scale": expected path=value/),
  ...bothSet('an unknown top-level path', ['demand.scael=2'], /s\.json: demand\.scael: unknown field "scael"/),
  ...bothSet('a value that is not JSON nor a word', ['demand.profile=[1,2'], /--set "demand\.profile=\[1,2": the value starts like JSON but is not valid JSON/),
  ...bothSet('an index out of range', ['stations[9].chargers=3'], /--set "stations\[9\]\.chargers=3": stations = "9": no such element in .*s\.json/),
  ...bothSet('a station id that does not exist', ['stations.CS9.chargers=3'], /--set "stations\.CS9\.chargers=3": stations = "CS9": no such element in .*s\.json: give an index 0…5 \(5 appends\) or an id \(CS1, CS2, CS3, H2, H3\)/),
  ...bothSet('an empty path', ['=3'], /--set "=3": expected path=value/),
  ...bothSet('a path into a number', ['demand.scale.x=1'], /--set "demand\.scale\.x=1": demand\.scale = 1: is not an object/),
  ...bothSet('a value of the wrong type', ['horizon.intervals="many"'], /horizon\.intervals = "many": /),
  ...bothSet('a NaN', ['demand.scale=NaN'], /demand\.scale = "?NaN"?: /),
  ...bothSet('an Infinity', ['classes.valueOfTimeYuanPerH=Infinity'], /classes\.valueOfTimeYuanPerH = "?Infinity"?: /),
  // ---- MATPOWER ----
  matpower('baseMVA missing', (m) => m.replace(/mpc\.baseMVA = 10;\n/, ''), /bad\.m: .*baseMVA.*(missing|required)/),
  matpower('baseMVA as a string', (m) => m.replace('mpc.baseMVA = 10;', "mpc.baseMVA = '10';"), /bad\.m: line 3: mpc\.baseMVA = "'10'": must be a plain number/),
  matpower('a bus row with too few columns', (m) => m.replace('3 1 0.5 0.2 0 0 1 1 0 12.66 1 1.1  0.9;', '3 1 0.5;'), /bad\.m: .*(line \d+|mpc\.bus|row 3).*(column|3)/),
  matpower('a non-number in a matrix', (m) => m.replace('1 2 0.01 0.02', '1 2 abc 0.02'), /bad\.m: .*(line \d+|mpc\.branch).*abc/),
  matpower('a branch to an unknown bus', (m) => m.replace('2 3 0.02 0.04', '2 9 0.02 0.04'), /bad\.m: .*(branch|line \d+).*9/),
  matpower('no slack bus', (m) => m.replace('  1 3 0   0', '  1 1 0   0'), /bad\.m: .*(slack|type|reference)/),
  matpower('a loop (not radial)', (m) => m.replace('mpc.branch = [\n', 'mpc.branch = [\n  1 3 0.01 0.02 0 0 0 0 0 0 1 -360 360;\n'), /bad\.m: .*(radial|loop|cycle)/),
  matpower('a NaN load', (m) => m.replace('2 1 1.5 0.5', '2 1 NaN 0.5'), /bad\.m: .*(NaN|Pd)/),
  matpower('a gencost with a huge ones()', (m) => m.replace('  2 0 0 2 20 0;\n', '  ones(1e11,1)*[2 0 0 2 20 0];\n'), /bad\.m: .*(gencost|ones|1e11|line \d+)/),
  matpower('no bus matrix at all', () => "function mpc = x\nmpc.baseMVA = 10;\n", /bad\.m: .*mpc\.bus/),
  matpower('a binary file', () => '\u0000\u0001\u0002garbage\u0000', /bad\.m: /),
  { name: 'opf: a feeder that is neither bundled nor a file', format: 'matpower', code: 1, message: /nope-feeder.*(bundled|file|not found|no such)/i, args: () => ['opf', 'nope-feeder'] },
  { name: 'opf: an unknown formulation', format: 'options', code: 1, message: /--formulation = "acopf": must be socp or lindistflow/, args: () => ['opf', 'case33bw', '--formulation', 'acopf'] },
  // ---- case33bw CSV ----
  csvFeeder('a negative reactance', 'branch.csv', replaceLine(/^1,2,0\.0922,0\.0470,/m, '1,2,0.0922,-0.0470,'), /feeder[/\\]branch\.csv: (row|line) \d+: x_ohm = -0\.047: /),
  csvFeeder('a non-number resistance', 'branch.csv', replaceLine(/^2,3,0\.4930,/m, '2,3,abc,'), /feeder[/\\]branch\.csv: (row|line) \d+: r_ohm = "?abc"?: /),
  csvFeeder('a missing column', 'bus.csv', (t) => t.replace('Pd_kW,', 'Pload,'), /feeder[/\\]bus\.csv: .*Pd_kW/),
  csvFeeder('a row with one column too many', 'bus.csv', (t) => t.replace('\n2,1,100,60,', '\n2,1,100,60,7,'), /feeder[/\\]bus\.csv: .*line 3/),
  csvFeeder('a branch to an unknown bus', 'branch.csv', replaceLine(/^3,4,/m, '3,77,'), /feeder[/\\]branch\.csv: .*77/),
  csvFeeder('an empty bus file', 'bus.csv', () => '', /feeder[/\\]bus\.csv: /),
  { name: 'opf CSV: a folder without branch.csv', format: 'csv-feeder', code: 1, message: /notes.*(branch\.csv|bus\.csv|not a feeder|MATPOWER)/, args: (ws) => ['opf', ws.path('notes')] },
  // ---- study JSON ----
  { name: 'opf study: a missing feeder', format: 'study-json', code: 1, message: /study\.json: feeder/, args: (ws) => (ws.write('study.json', '{"intervals": [{}]}'), ['opf', ws.path('study.json')]) },
  { name: 'opf study: a bad interval field', format: 'study-json', code: 1, message: /study\.json: intervals\[0\]\.loadScale = -1: /, args: (ws) => (ws.write('study.json', '{"feeder": "case33bw", "intervals": [{"loadScale": -1}]}'), ['opf', ws.path('study.json')]) },
  { name: 'opf study: a syntax error', format: 'study-json', code: 1, message: /study\.json: line 1, column \d+: /, args: (ws) => (ws.write('study.json', '{"feeder": case33bw}'), ['opf', ws.path('study.json')]) },
  { name: 'opf study: a feeder file with an error names the feeder file', format: 'study-json', code: 1, message: /bad\.m: /, args: (ws) => (ws.write('bad.m', ws.read('tiny.m').replace('mpc.bus = [', 'mpc.bus = [\n x;')), ws.write('study.json', '{"feeder": "bad.m", "intervals": [{}]}'), ['opf', ws.path('study.json')]) },
  { name: 'opf --pf on a study with two intervals', format: 'study-json', code: 1, message: /study\.json: intervals = 2: --pf runs one power flow/, args: (ws) => (ws.write('study.json', '{"feeder": "case33bw", "intervals": [{}, {}]}'), ['opf', ws.path('study.json'), '--pf']) },
  // the study schema has no upper bound on these yet: HiGHS refuses the model, reported as a solver failure, exit 2 (docs/exit-codes.md)
  { name: 'opf study: a load scale of 1e308', format: 'study-json', code: 1, message: /study\.json: intervals\[0\]\.loadScale = 1e\+308: /, args: (ws) => (ws.write('study.json', '{"feeder": "case33bw", "intervals": [{"loadScale": 1e308}]}'), ['opf', ws.path('study.json'), '--json']) },
  { name: 'opf study: an injection of 1e300 MW', format: 'study-json', code: 1, message: /study\.json: intervals\[0\]\.injections\[0\]\.pMw = 1e\+300: /, args: (ws) => (ws.write('study.json', '{"feeder": "case33bw", "intervals": [{"injections": [{"bus": 18, "pMw": 1e300}]}]}'), ['opf', ws.path('study.json'), '--json']) },
  { name: 'opf study: an injection at a bus not on the feeder', format: 'study-json', code: 1, message: /study\.json: intervals\[0\]\.injections\[0\]\.bus = 999: no such bus in the feeder/, args: (ws) => (ws.write('study.json', '{"feeder": "case33bw", "intervals": [{"injections": [{"bus": 999, "pMw": 1}]}]}'), ['opf', ws.path('study.json')]) },
  { name: 'opf study: vMinPu above vMaxPu', format: 'study-json', code: 1, message: /study\.json: voltageLimits\.vMinPu = 1\.2: exceeds voltageLimits\.vMaxPu = 0\.9/, args: (ws) => (ws.write('study.json', '{"feeder": "case33bw", "voltageLimits": {"vMinPu": 1.2, "vMaxPu": 0.9}, "intervals": [{}]}'), ['opf', ws.path('study.json')]) },
  // ---- TNTP ----
  tntp('a link row with a non-number capacity', 'nd_net.tntp', replaceLine(/\t1\t5\t300\t/, '\t1\t5\tlots\t'), /nd_net\.tntp: line \d+: .*lots/),
  tntp('a link to a node beyond the declared count', 'nd_net.tntp', replaceLine(/\t1\t5\t300\t/, '\t1\t55\t300\t'), /nd_net\.tntp: line \d+: .*55/),
  // in a child process: before the reader bounds the count by the file size, this aborted V8 (out of memory)
  { ...tntp('a huge declared node count', 'nd_net.tntp', replaceLine(/<NUMBER OF NODES> 13/, '<NUMBER OF NODES> 2000000000'), /nd_net\.tntp: .*NUMBER OF NODES.*2000000000/), spawn: true },
  tntp('no metadata end', 'nd_net.tntp', replaceLine(/<END OF METADATA>/, ''), /nd_net\.tntp: .*END OF METADATA/),
  tntp('a negative free-flow time', 'nd_net.tntp', replaceLine(/\t1\t5\t300\t1\t7\t/, '\t1\t5\t300\t1\t-7\t'), /nd_net\.tntp: line \d+: .*-7/),
  tntp('a trip row that is not "dest : flow"', 'nd_trips.tntp', replaceLine(/2 :    400\.0;/, '2 ::: x;'), /nd_trips\.tntp: line \d+: /),
  tntp('a trip to an unknown zone', 'nd_trips.tntp', replaceLine(/2 :    400\.0;/, '9 :    400.0;'), /nd_trips\.tntp: line \d+: .*9/),
  tntp('a negative trip flow', 'nd_trips.tntp', replaceLine(/2 :    400\.0;/, '2 :    -400.0;'), /nd_trips\.tntp: line \d+: .*-400/),
  tntp('an empty trips file', 'nd_trips.tntp', () => '', /nd_trips\.tntp: /),
  { name: 'assign: a network that is neither bundled nor a file', format: 'tntp', code: 1, message: /<network> = "Atlantis": neither a bundled network/, args: () => ['assign', 'Atlantis'] },
  { name: 'assign: no trip table beside the network', format: 'tntp', code: 1, message: /--trips.*no trip table found/, args: (ws) => (ws.write('lonely_net.tntp', ws.read('nd_net.tntp')), ['assign', ws.path('lonely_net.tntp')]) },
  { name: 'assign: a trips path that does not exist', format: 'tntp', code: 1, message: /nope_trips\.tntp: /, args: (ws) => ['assign', ws.path('nd_net.tntp'), '--trips', ws.path('nope_trips.tntp')] },
  { name: 'assign: --gap -1', format: 'options', code: 1, message: /--gap = "-1": must be a number ≥ 0/, args: () => ['assign', 'NguyenDupuis', '--gap', '-1'] },
  { name: 'assign: --max-iter 1.5', format: 'options', code: 1, message: /--max-iter = "1\.5": must be an integer ≥ 0/, args: () => ['assign', 'NguyenDupuis', '--max-iter', '1.5'] },
  { name: 'assign: --toll-factor abc', format: 'options', code: 1, message: /--toll-factor = "abc": /, args: () => ['assign', 'NguyenDupuis', '--toll-factor', 'abc'] },
  { name: 'assign: --flows into a folder that does not exist, refused before solving', format: 'out', code: 1, message: /--flows = ".*nowhere[/\\]flows\.csv": /, args: (ws) => ['assign', 'NguyenDupuis', '--flows', ws.path('nowhere/flows.csv')] },
  { name: 'assign: --flows onto a folder', format: 'out', code: 1, message: /--flows = ".*notes": /, args: (ws) => ['assign', 'NguyenDupuis', '--flows', ws.path('notes')] },
  // ---- CSV demand ----
  ...csvDemand('a departure outside the window', replaceLine(/^1,2,17:00,40,$/m, '1,2,23:00,40,'), /demand\.csv: (row|line) \d+: departure = "?23:00"?: /),
  ...csvDemand('negative vehicles', replaceLine(/^1,2,17:00,40,$/m, '1,2,17:00,-40,'), /demand\.csv: (row|line) \d+: vehicles = "?-40"?: /),
  ...csvDemand('an unknown class', replaceLine(/^1,2,17:00,40,$/m, '1,2,17:00,40,truck'), /demand\.csv: (row|line) \d+: class = "?truck"?: /),
  ...csvDemand('a missing column', (t) => t.replace('origin,destination,departure,vehicles,class', 'origin,destination,vehicles,class'), /demand\.csv: .*departure/),
  ...csvDemand('an unknown origin node', replaceLine(/^1,2,17:00,40,$/m, '77,2,17:00,40,'), /demand\.csv: (row|line) \d+: origin = "?77"?: /),
  // ---- flex options (checked before any file is touched) ----
  { name: 'flex: --time 99', format: 'flex-options', code: 1, message: /time = "?99"?: must be an interval index/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--time', '99'] },
  { name: 'flex: --stations CS9', format: 'flex-options', code: 1, message: /"CS9": not a station of the scenario/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--stations', 'CS9'] },
  { name: 'flex: a sweep over the size limit with 2 workers (memory × workers)', format: 'flex-options', code: 1, message: /s\.json: size: estimated peak memory .* exceeds the limit .* × 2 workers; .*--allow-large/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--workers', '2', '--force-workers', '--set', 'horizon.stepSec=1', '--set', 'horizon.clearanceMin=10000'] },
  { name: 'flex: --executor cluster', format: 'flex-options', code: 1, message: /--executor = "?cluster"?: must be inline, local or queue/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--executor', 'cluster'] },
  { name: 'flex: --lookback -1', format: 'flex-options', code: 1, message: /--lookback = "?-1"?: /, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--lookback', '-1'] },
  { name: 'flex: a budget of 0', format: 'flex-options', code: 1, message: /--budgets = 0: each budget must be > 0/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--budgets', '1000,0'] },
  { name: 'flex: a budget that is not a number', format: 'flex-options', code: 1, message: /--budgets = "?abc"?: /, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--budgets', 'abc'] },
  { name: 'flex: an unknown model', format: 'flex-options', code: 1, message: /--model = "xta": must be dta, sta or both/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--model', 'xta'] },
  { name: 'flex: a need at a bus without a station', format: 'flex-options', code: 1, message: /--need.*no station at bus 5/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--need', 'bus5<=1'] },
  { name: 'flex: a need that does not parse', format: 'flex-options', code: 1, message: /--need = "CS3 about 2": /, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--need', 'CS3 about 2'] },
  { name: 'flex: --workers 0', format: 'flex-options', code: 1, message: /--workers = "?0"?: /, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--workers', '0'] },
  { name: 'flex: --time 99 keeps an existing results.jsonl', format: 'flex-options', code: 1, message: /time = "?99"?: must be an interval index/, args: (ws) => (ws.write('old.jsonl', '{"old":true}\n'), ['flex', ws.path('s.json'), '--out', ws.path('notes'), '--resume', ws.path('old.jsonl'), '--time', '99']) },
  { name: 'flex: a scenario with a schema error', format: 'flex-options', code: 1, message: /bad\.json: classes\.chargingShare = 2: /, args: (ws) => ['flex', scenarioWith(ws, (s) => { s.classes.chargingShare = 2; }), '--out', ws.path('flexout')] },
  // ---- checked coupon books (--books, --random-books; docs/flexibility.md §3) ----
  { name: 'flex: --books a file that is not JSON', format: 'flex-options', code: 1, message: /books\.json: line 1, column \d+: not valid JSON/, args: (ws) => (ws.write('books.json', '{"books": [}'), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json')]) },
  { name: 'flex: --books a missing file', format: 'flex-options', code: 1, message: /nobooks\.json: .*not found/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('nobooks.json')] },
  { name: 'flex: --books with an unknown station', format: 'flex-options', code: 1, message: /books\.json: books\[0\]\.coupons\.CS9: not a station of the scenario/, args: (ws) => (ws.write('books.json', JSON.stringify({ books: [{ coupons: { CS9: { chargeYuanPerKwh: [1] } } }] })), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json')]) },
  { name: 'flex: --books with one value too few', format: 'flex-options', code: 1, message: /books\.json: books\[0\]\.coupons\.CS1\.chargeYuanPerKwh = 3: must hold one value per interval/, args: (ws) => (ws.write('books.json', JSON.stringify({ books: [{ coupons: { CS1: { chargeYuanPerKwh: [0, 1, 0] } } }] })), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json')]) },
  { name: 'flex: --books with a negative coupon', format: 'flex-options', code: 1, message: /books\.json: books\[1\]\.coupons\.CS2\.v2gYuanPerVisit\[4\] = -5: /, args: (ws) => (ws.write('books.json', JSON.stringify({ books: [{ coupons: {} }, { coupons: { CS2: { v2gYuanPerVisit: [0, 0, 0, 0, -5, 0, 0, 0, 0, 0, 0, 0] } } }] })), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json')]) },
  { name: 'flex: --books with a coupon above its bound', format: 'flex-options', code: 1, message: /books\.json: books\[0\]\.coupons\.CS1\.chargeYuanPerKwh\[2\] = 2\.5: must be ≤ 2/, args: (ws) => (ws.write('books.json', JSON.stringify({ books: [{ coupons: { CS1: { chargeYuanPerKwh: [0, 0, 2.5, 0, 0, 0, 0, 0, 0, 0, 0, 0] } } }] })), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json')]) },
  { name: 'flex: --books with a misspelt key', format: 'flex-options', code: 1, message: /books\.json: books\[0\]\.coupon: unknown field "coupon"/, args: (ws) => (ws.write('books.json', JSON.stringify({ books: [{ coupon: {} }] })), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json')]) },
  { name: 'flex: --books with no book', format: 'flex-options', code: 1, message: /books\.json: books = \[\]: must list at least one book/, args: (ws) => (ws.write('books.json', JSON.stringify({ books: [] })), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json')]) },
  { name: 'flex: --books with --model both', format: 'flex-options', code: 1, message: /books = .*books\.json.*DTA region only/, args: (ws) => (ws.write('books.json', JSON.stringify({ books: [{ coupons: {} }] })), ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('books.json'), '--model', 'both']) },
  { name: 'flex: --books and --random-books together', format: 'flex-options', code: 1, message: /--books = .*: give either --books or --random-books/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--books', ws.path('b.json'), '--random-books', '10'] },
  { name: 'flex: --random-books 0', format: 'flex-options', code: 1, message: /randomBooks = 0: must be a whole number of books/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--random-books', '0'] },
  { name: 'flex: --random-books not a number', format: 'flex-options', code: 1, message: /--random-books = "many": is not a number/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--random-books', 'many'] },
  { name: 'flex: --seed without --random-books', format: 'flex-options', code: 1, message: /--seed = "?7"?: seeds --random-books/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--seed', '7'] },
  { name: 'flex: --random-books with a fractional seed', format: 'flex-options', code: 1, message: /seed = 1\.5: must be an integer/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--random-books', '5', '--seed', '1.5'] },
  { name: 'flex: --outside-tolerance below 0', format: 'flex-options', code: 1, message: /outsideTolerance = -1: must be a distance ≥ 0/, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('flexout'), '--random-books', '5', '--outside-tolerance', '-1'] },
  { name: 'flex: --books bad keeps an existing results.jsonl', format: 'flex-options', code: 1, message: /books\.json: books\[0\]\.coupons\.CS9: not a station/, args: (ws) => (ws.write('old.jsonl', '{"old":true}\n'), ws.write('books.json', JSON.stringify({ books: [{ coupons: { CS9: {} } }] })), ['flex', ws.path('s.json'), '--out', ws.path('notes'), '--resume', ws.path('old.jsonl'), '--books', ws.path('books.json')]) },
  { name: 'flex: --out a folder with the user\'s notes', format: 'out', code: 1, message: /notes.*(not empty|holds|other files|not written by)/i, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('notes')] },
  { name: 'flex: --out an existing file', format: 'out', code: 1, message: /file\.txt.*(file|exists|not a folder)/i, args: (ws) => ['flex', ws.path('s.json'), '--out', ws.path('file.txt')] },
  // ---- unsafe --out targets (run) ----
  { name: 'run --out an existing file', format: 'out', code: 1, message: /file\.txt.*(file|exists|not a folder)/i, args: (ws) => ['run', ws.path('s.json'), '--out', ws.path('file.txt')] },
  { name: 'run --out a folder with the user\'s notes', format: 'out', code: 1, message: /notes.*(not empty|holds|other files|not written by)/i, args: (ws) => ['run', ws.path('s.json'), '--out', ws.path('notes')] },
  { name: 'run --out under a file', format: 'out', code: 1, message: /file\.txt.*(file|not a folder|ENOTDIR)/i, args: (ws) => ['run', ws.path('s.json'), '--out', ws.path('file.txt/out')] },
  { name: 'run --out the workspace holding the scenario', format: 'out', code: 1, message: /(not empty|holds|other files|not written by)/i, args: (ws) => ['run', ws.path('s.json'), '--out', ws.dir] },
  { name: 'run --out the scenario file itself', format: 'out', code: 1, message: /s\.json.*(file|exists|not a folder)/i, args: (ws) => ['run', ws.path('s.json'), '--out', ws.path('s.json')] },
  { name: 'run --out . (spawned in the workspace)', format: 'out', code: 1, message: /--out = "\.": is the current folder or one of its parents/, spawn: true, args: () => ['run', 's.json', '--out', '.'] },
  { name: 'run --out .. (spawned in notes/)', format: 'out', code: 1, message: /--out = "\.\.": is the current folder or one of its parents/, spawn: true, cwd: 'notes', args: () => ['run', '../s.json', '--out', '..'] },
  { name: 'run --out a folder with notes, --force', format: 'out', code: 1, message: /notes.*(not empty|holds|other files|not written by)/i, args: (ws) => ['run', ws.path('s.json'), '--out', ws.path('notes'), '--force'] },
  // ---- equilibrium ----
  { name: 'equilibrium: an unknown scenario name', format: 'equilibrium-json', code: 1, message: /atlantis/i, args: () => ['equilibrium', 'atlantis'] },
  { name: 'equilibrium: --v2g maybe', format: 'options', code: 1, message: /--v2g = "maybe": must be 'on' or 'off'/, args: () => ['equilibrium', 'gwe-ieee33', '--v2g', 'maybe'] },
  { name: 'equilibrium: --tolerance -1', format: 'options', code: 1, message: /--tolerance = "-1": must be a positive number/, args: () => ['equilibrium', 'gwe-ieee33', '--tolerance', '-1'] },
  { name: 'equilibrium: --max-iterations 0', format: 'options', code: 1, message: /--max-iterations = "0": must be a positive number/, args: () => ['equilibrium', 'gwe-ieee33', '--max-iterations', '0'] },
  { name: 'equilibrium: a syntax error', format: 'equilibrium-json', code: 1, message: /eq\.json: line 1, column \d+: /, args: (ws) => (ws.write('eq.json', '{"kind": }'), ['equilibrium', ws.path('eq.json')]) },
  { name: 'equilibrium: a schema error', format: 'equilibrium-json', code: 1, message: /eq\.json: /, args: (ws) => (ws.write('eq.json', '{"kind": "generalized-wardrop", "name": 3}'), ['equilibrium', ws.path('eq.json')]) },
  ...equilibriumCase('v2g: a station at an unknown node', 'siouxfalls-ieee123-base.json', (e) => { e.stations[0].node = 9999; }, /eq\.json: stations\[0\]\.node = 9999: /),
  ...equilibriumCase('v2g: a battery too small for any path', 'siouxfalls-ieee123-base.json', (e) => { e.ev.batteryKwh = 0.5; }, /eq\.json: (ods = "\d+->\d+"|ev\.batteryKwh = 0\.5): /),
  ...equilibriumCase('v2g: an outaged line that is not on the feeder', 'siouxfalls-ieee123-base.json', (e) => { e.grid.outagedLines = [[1, 999]]; }, /eq\.json: grid\.outagedLines\[0\] = .*999.*: /),
  ...equilibriumCase('gwe: a station bus outside the feeder', 'gwe-ieee33.json', (e) => { e.stations[0].bus = 999; }, /eq\.json: stations\[0\]\.bus = 999: /),
  ...equilibriumCase('gwe: an unknown feeder', 'gwe-ieee33.json', (e) => { e.feeder = 'case999'; }, /eq\.json: feeder = "case999": .*not a bundled feeder/),
  ...equilibriumCase('gwe: a negative vehicle rate', 'gwe-ieee33.json', (e) => { e.agents.vehPerH = -5; }, /eq\.json: agents\.vehPerH = -5: /),
  // ---- options of every command (commander) ----
  { name: 'run: an unknown option', format: 'options', code: 1, message: /unknown option '--nope'/, args: () => ['run', '--nope'] },
  { name: 'opf: a missing argument', format: 'options', code: 1, message: /missing required argument 'feeder'/, args: () => ['opf'] },
  { name: 'validate: two arguments', format: 'options', code: 1, message: /too many arguments for 'validate'/, args: () => ['validate', 'a', 'b'] },
  { name: 'flex: --budgets without a value', format: 'options', code: 1, message: /--budgets <list>' argument missing/, args: () => ['flex', '--budgets'] },
  { name: 'assign: a misspelt option', format: 'options', code: 1, message: /unknown option '--gapp'.*--gap/, args: () => ['assign', 'SiouxFalls', '--gapp', '1'] },
  { name: 'an unknown command', format: 'options', code: 1, message: /unknown command 'rnu'/, args: () => ['rnu'] },
];
