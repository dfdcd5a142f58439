import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FLEX_OUTPUT_DOCS } from '../../src/flex/index.ts';
import { flexBothSchema, flexModelSchema } from '../../src/flex/report/flexJsonSchema.ts';
import { runMain, type CliOutcome } from '../helpers/cli.ts';

const flex = (args: string[]) => runMain(['flex', ...args]);

describe('ev-cosim flex: bad input exits 1 with a clear message before any run', () => {
  it('should reject a non-positive budget', async () => {
    const r = await flex(['--budgets', '1000,0', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--budgets = 0: each budget must be > 0/);
    expect(r.stdout).toBe('');
  });
  it('should reject an empty direction set', async () => {
    const r = await flex(['--directions', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--directions.*empty/);
  });
  it('should reject a time index outside the horizon, without a "preparing" line first', async () => {
    const r = await withTtyStderr(() => flex(['--time', '12']));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/time = 12: must be an interval index in \[0, 11\]/);
    expect(r.stderr).not.toMatch(/preparing/);
  });
  it('should reject a station not in the scenario', async () => {
    const r = await flex(['--stations', 'CS1,CS9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"CS9": not a station of the scenario \(CS1, CS2, CS3, H2, H3\)/);
  });
  it('should reject a need at a bus without a station', async () => {
    const r = await flex(['--need', 'bus5<=1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no station at bus 5/);
  });
  it('should reject an unknown model', async () => {
    const r = await flex(['--model', 'xta']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--model = "xta": must be dta, sta or both/);
  });
  it('should describe every option in --help', async () => {
    const r = await flex(['--help']);
    expect(r.code).toBe(0);
    for (const o of ['--budgets', '--directions', '--time', '--model', '--workers', '--out', '--resume', '--json', '--need']) expect(r.stdout).toContain(o);
  });
});

// Reference network, feeder and stations; 6 intervals of 10 min (17:00–18:00), 60-s loading steps; one axis station.
const REDUCED = [
  '--set', 'horizon.intervals=6', '--set', 'horizon.stepSec=60', '--set', 'demand.profile=[0.7,0.8,0.9,1,1,1]', '--set', 'feeder.loadScale=1',
  '--time', '3', '--budgets', '300,1000', '--stations', 'CS3', '--lookback', '0', '--levels', '0.25', '--refine', '0', '--workers', '1',
];

// One fresh sweep of both models (with a plan) is shared by the checks below; the others resume from its
// results.jsonl, so the file runs one DTA and one STA sweep instead of four DTA sweeps and one of both models.
describe('ev-cosim flex on a reduced reference scenario (one shared DTA + STA sweep)', () => {
  let out: string;
  let fresh: CliOutcome;
  let json: z.infer<typeof flexBothSchema> & { files: string[] };
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'flex-cli-'));
    fresh = await withTtyStderr(() => flex([...REDUCED, '--model', 'both', '--need', 'CS3<=0.2', '--out', out, '--json']));
    expect(fresh.code, fresh.stderr).toBe(0);
    const lines = fresh.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const stdoutDoc = FLEX_OUTPUT_DOCS.find((d) => d.target === 'stdout')!;
    json = flexBothSchema.extend({ files: z.array(z.string()) }).parse(stdoutDoc.schema.parse(JSON.parse(lines[0])));
  }, 600_000);

  it('should say "preparing" before the first progress bar, print one JSON object in the shared vocabulary, and write outputs matching their docs', () => {
    // On a terminal: the preparing line comes first, then the DTA bar, then STA's preparing line and bar.
    const preparingDta = fresh.stderr.indexOf('ev-cosim flex: preparing the DTA sweep of CS3');
    const barDta = fresh.stderr.indexOf('ev-cosim flex DTA |');
    const preparingSta = fresh.stderr.indexOf('ev-cosim flex: preparing the STA sweep');
    const barSta = fresh.stderr.indexOf('ev-cosim flex STA |');
    expect(preparingDta).toBe(0);
    expect(barDta).toBeGreaterThan(preparingDta);
    expect(preparingSta).toBeGreaterThan(barDta);
    expect(barSta).toBeGreaterThan(preparingSta);
    expect(json.scenario).toBe('nguyen-dupuis-ieee33-evening-peak');
    for (const model of ['dta', 'sta'] as const) {
      const m = json.models[model];
      expect(m.model).toBe(model);
      expect(m.stations).toEqual(['CS3']);
      expect(m.buses).toEqual([30]);
      expect(m.narrowStations).toEqual([]); // one axis: never narrow
      expect(m.tiers.map((t) => t.budgetYuan)).toEqual([300, 1000]);
      for (const t of m.tiers) {
        // One station: the region is a segment, measured by its length.
        expect(t.affineRank).toBe(1);
        expect(t.lengthMw).toBeCloseTo(t.ranges.CS3.maxNetMw - t.ranges.CS3.minNetMw, 12);
        expect(t).not.toHaveProperty('volumeMw3');
        for (const v of t.vertices) {
          expect(Object.keys(v.netMw)).toEqual(['CS3']);
          expect(v.subsidyYuan).toBeLessThanOrEqual(t.budgetYuan);
          expect(Object.keys(v.coupons)).toEqual(['CS1', 'CS2', 'CS3', 'H2', 'H3']);
        }
      }
      expect(m.plan!.need).toEqual({ station: 'CS3', bus: 30, op: '<=', limitMw: 0.2, interval: m.interval, clock: m.clock });
    }
    // 17:30 is interval 3 of the 10-min horizon and lies in the 17:30–18:00 static interval (6 × 10 min → 2 × 30 min).
    expect([json.models.dta.interval, json.models.dta.clock]).toEqual([3, '17:30']);
    expect([json.models.sta.interval, json.models.sta.clock]).toEqual([1, '17:30']);
    expect(json.comparison).toHaveLength(4);
    const written = ['flex.json', 'tiers.csv', 'ranges.csv', 'points.csv', 'vertices.csv', 'coupons.csv', 'report.html', 'projection-dta.svg', 'projection-sta.svg', 'results.jsonl'];
    for (const f of written) expect(existsSync(join(out, f)), f).toBe(true);
    expect(json.files.map((f) => f.slice(out.length + 1)).sort()).toEqual([...written].sort());
    // Every JSON and CSV file the command wrote, held against its documented schema.
    for (const d of FLEX_OUTPUT_DOCS.filter((x) => x.target !== 'stdout')) {
      const text = readFileSync(join(out, d.target), 'utf8');
      if (d.format === 'json') {
        d.schema.parse(JSON.parse(text));
        continue;
      }
      const columns = Object.keys((d.schema as z.ZodObject).shape);
      expect(text.split('\n')[0].split(','), d.target).toEqual(columns.slice(0, text.split('\n')[0].split(',').length));
      const rows = parse(text, { columns: true, cast: true }) as unknown[];
      expect(rows.length, d.target).toBeGreaterThan(0);
      for (const row of rows) d.schema.parse(row);
    }
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<title>nguyen-dupuis-ieee33-evening-peak — flexible operation region</title>');
  });

  it('should report inner/outer figures and rejected counts per tier, and OPF status, shed and curtailment per point (shed ≤ 1e-6 MW)', () => {
    for (const m of [json.models.dta, json.models.sta]) {
      for (const t of m.tiers) {
        expect(t.admissiblePoints).toBeGreaterThan(0);
        for (const p of [...t.vertices, ...t.points]) {
          expect(p).toMatchObject({ opfStatus: 'optimal' });
          expect(p).not.toHaveProperty('rejection');
          expect(p.shedMw).toBeLessThanOrEqual(1e-6);
          expect(p.curtailedMw).toBeLessThanOrEqual(1e-6);
        }
        // One axis: the inner "volume" is the segment's length; the outer bound, when computed, contains every point.
        expect(t.innerVolume).toBeCloseTo(t.lengthMw!, 12);
        if (t.outerVolume !== null) {
          expect(t.outsideOuter).toBe(0);
          expect(t.volumeRatio).toBeCloseTo(t.innerVolume / t.outerVolume, 12);
          expect(t.volumeRatio!).toBeLessThanOrEqual(1);
        }
        expect(Object.keys(t.rejected).sort()).toEqual(['curtailed', 'dueNotConverged', 'opfInfeasible', 'opfNotExact', 'overBudget', 'shed']);
      }
    }
    // The reduced evening case sheds household load in some DTA runs (measured 2026-12-01: 6 of 29): counted, never reported.
    expect(json.models.dta.tiers[0].rejected.shed).toBeGreaterThan(0);
  });

  it('should resume the DTA sweep from the shared results.jsonl without a new run and give the same tiers', async () => {
    const log = join(out, 'results.jsonl');
    // tasks per sweep spec in the log (one spec per model)
    const perSpec = new Map<string, number>();
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      const spec = (JSON.parse(line) as { spec: string }).spec;
      perSpec.set(spec, (perSpec.get(spec) ?? 0) + 1);
    }
    expect(perSpec.size).toBe(2);
    const second = mkdtempSync(join(tmpdir(), 'flex-cli-'));
    const b = await flex([...REDUCED, '--model', 'dta', '--out', second, '--resume', log, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const jb = flexModelSchema.extend({ files: z.array(z.string()) }).parse(JSON.parse(b.stdout));
    expect(jb.runs).toMatchObject({ design: 0, search: 0 });
    expect([...perSpec.values()]).toContain(jb.runs.resumedTasks);
    expect(jb.tiers).toEqual(json.models.dta.tiers);
    expect(existsSync(join(second, 'results.jsonl'))).toBe(true);
  }, 600_000);

  it('should print the table in the shared names, each tier\'s size under its own dimension', async () => {
    const third = mkdtempSync(join(tmpdir(), 'flex-cli-'));
    const r = await flex([...REDUCED, '--model', 'dta', '--out', third, '--resume', join(out, 'results.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // not a terminal: no progress output
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('DTA flexible operation region at 17:30 (interval 3), stations CS3 (bus 30)');
    expect(lines[1].trim().split(/\s{2,}/)).toEqual([
      'budgetYuan', 'affineRank', 'lengthMw', 'increasePct', 'CS3 minNetMw..maxNetMw', 'innerVolumeMw1', 'outerVolumeMw1', 'volumeRatio', 'admissiblePoints', 'rejected',
    ]);
    expect(lines[2].trim().split(/\s+/).slice(0, 2)).toEqual(['300', '1']);
    expect(lines[3].trim().split(/\s+/).slice(0, 2)).toEqual(['1000', '1']);
    expect(r.stdout).toContain(`written to ${third}`);
  }, 600_000);

  it('should check random full coupon books after a resumed sweep, list those outside the sweep\'s hull, grow the tiers, and resume the books too', async () => {
    const books = mkdtempSync(join(tmpdir(), 'flex-cli-'));
    const r = await flex([...REDUCED, '--model', 'dta', '--out', books, '--resume', join(out, 'results.jsonl'), '--random-books', '4', '--seed', '5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const stdoutDoc = FLEX_OUTPUT_DOCS.find((d) => d.target === 'stdout')!;
    const got = stdoutDoc.schema.parse(JSON.parse(r.stdout)) as z.infer<typeof flexModelSchema>;
    const check = got.bookCheck!;
    expect(check).toMatchObject({ source: 'random', seed: 5, requested: 4, outsideToleranceMw: 0.05 });
    expect(check.admissible >= 4 || check.books === 24).toBe(true);
    expect(check.runs).toBeGreaterThanOrEqual(check.books);
    const sweepDta = json.models.dta;
    got.tiers.forEach((t, i) => {
      // the sweep was resumed, so its own volume is the shared sweep's; the books can only add points
      expect(check.tiers[i].sweepInnerVolume).toBeCloseTo(sweepDta.tiers[i].innerVolume, 12);
      expect(t.innerVolume).toBeGreaterThanOrEqual(check.tiers[i].sweepInnerVolume - 1e-12);
      expect(t.admissiblePoints).toBeGreaterThanOrEqual(sweepDta.tiers[i].admissiblePoints);
      // one axis (CS3): outside the sweep's segment means beyond its range, by exactly the distance
      const lo = sweepDta.tiers[i].ranges.CS3.minNetMw;
      const hi = sweepDta.tiers[i].ranges.CS3.maxNetMw;
      for (const o of check.outside.filter((x) => x.budgetYuan === t.budgetYuan)) {
        const p = o.point.netMw.CS3;
        expect(o.distanceMw!).toBeCloseTo(Math.max(lo - p, p - hi, 0), 6);
        expect(p).toBeGreaterThanOrEqual(t.ranges.CS3.minNetMw - 1e-12);
        expect(p).toBeLessThanOrEqual(t.ranges.CS3.maxNetMw + 1e-12);
      }
    });
    expect(readFileSync(join(books, 'report.html'), 'utf8')).toContain('Checked coupon books');
    // again from this study's results file: the books are taken from it, not run again
    const again = mkdtempSync(join(tmpdir(), 'flex-cli-'));
    const r2 = await flex([...REDUCED, '--model', 'dta', '--out', again, '--resume', join(books, 'results.jsonl'), '--random-books', '4', '--seed', '5']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stdout).toMatch(/checked books \(random, seed 5\): \d+ admissible of \d+ run \(0 co-simulations\)/);
  }, 600_000);
});

/** Run `body` with `process.stderr.isTTY` true, as on a terminal (runMain captures what is written). */
async function withTtyStderr<T>(body: () => Promise<T>): Promise<T> {
  const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
  try {
    return await body();
  } finally {
    if (had) Object.defineProperty(process.stderr, 'isTTY', had);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

describe('ev-cosim flex: direction options (adaptive by default) exit 1 on bad input', () => {
  it('should reject a direction budget below 1 and a volume tolerance outside [0, 1)', async () => {
    const budget = await flex(['--direction-budget', '0']);
    expect(budget.code).toBe(1);
    expect(budget.stderr).toMatch(/--direction-budget = "0": must be an integer ≥ 1/);
    const tolerance = await flex(['--volume-tolerance', '1.5']);
    expect(tolerance.code).toBe(1);
    expect(tolerance.stderr).toMatch(/--volume-tolerance = "1.5": must be a fraction in \[0, 1\)/);
  });
  it('should refuse an angle grid on the five reference stations and point to the adaptive set or --stations', async () => {
    const r = await flex(['--directions', '45']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/angle grid on 5 axes.*leave --directions out for the adaptive set.*--stations/);
    expect(r.stderr).not.toMatch(/e\+\d/);
  });
});

// F-core (issue 12 items 1, 4, 5): every option checked before any file is touched; grid-served points only; exit 2 when none.
describe('ev-cosim flex: bad options leave an existing results.jsonl byte-identical (exit 1, one clear line)', () => {
  const bad: [string, string[], RegExp][] = [
    ['a budget ≤ 0', ['--budgets', '1000,-5'], /--budgets = -5: each budget must be > 0/],
    ['an empty station subset', ['--stations', ' , '], /--stations = " , ": must name at least one station/],
    ['an unknown station', ['--stations', 'CS1,CS9'], /--stations = "CS9": not a station of the scenario/],
    ['t* outside the horizon', ['--time', '40'], /--time = 40: must be an interval index in \[0, 11\]/],
    ['--lookback -1', ['--lookback', '-1'], /--lookback = "-1": must be an integer ≥ 0/],
    ['a negative --shed-tolerance', ['--shed-tolerance', '-1e-6'], /--shed-tolerance = "-1e-6": must be a number of MW ≥ 0/],
    ['a non-numeric --shed-tolerance', ['--shed-tolerance', 'tiny'], /--shed-tolerance = "tiny": must be a number of MW ≥ 0/],
  ];
  for (const [what, args, message] of bad) {
    it(`should refuse ${what} before touching the output folder`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'flex-bad-'));
      const log = join(out, 'results.jsonl');
      const before = '{"spec":"0123456789abcdef","key":"design:0","result":{}}\n';
      writeFileSync(log, before);
      const fresh = join(out, 'not-yet');
      for (const target of [out, fresh]) {
        const r = await flex([...args, '--out', target, '--json']);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stdout).toBe('');
      }
      expect(readFileSync(log, 'utf8')).toBe(before);
      expect(readdirSync(out)).toEqual(['results.jsonl']);
      expect(existsSync(fresh)).toBe(false);
    });
  }
});

describe('ev-cosim flex on a reduced case: no admissible point', () => {
  it('should exit 2 with one clear line when no run converges (every DUE capped at 1 iteration), still writing its outputs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'flex-cli-'));
    // 4 intervals with t* the last: no "after" coupon blocks, 17 design runs instead of 33 (the contract is the same)
    const shorter = ['--set', 'horizon.intervals=4', '--set', 'demand.profile=[0.7,0.8,0.9,1]'];
    const r = await flex([...REDUCED, ...shorter, '--budgets', '300', '--model', 'dta', '--set', 'solver.dueMaxIterations=1', '--set', 'solver.dueGapTolerance=1e-9', '--out', out, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ev-cosim flex: no admissible point: no DTA run is served by the grid within 300 ¥ \(rejected: due-not-converged \d+\); the region is empty$/m);
    const json = flexModelSchema.extend({ files: z.array(z.string()) }).parse(JSON.parse(r.stdout));
    expect(json.tiers[0]).toMatchObject({ admissiblePoints: 0, innerVolume: 0, points: [], vertices: [], ranges: {} });
    expect(existsSync(join(out, 'flex.json'))).toBe(true);
  }, 600_000);
});
