/**
 * What `ev-cosim flex` writes, held against the schemas docs/outputs.md is generated
 * from (FLEX_OUTPUT_DOCS), on the fake study: a full-dimensional DTA region, a flat
 * STA-like region on Σ P = 3 MW, and a one-station region.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FLEX_OUTPUT_DOCS } from '../../../src/flex/index.ts';
import { flexBothSchema, flexJsonSchema, flexModelSchema } from '../../../src/flex/report/flexJsonSchema.ts';
import { writeFlexOutputs } from '../../../src/flex/report/writeFlexOutputs.ts';
import type { FlexModelResult } from '../../../src/flex/sweep/flexModelResult.ts';
import type { EvaluatedPoint } from '../../../src/flex/search/flexEvaluation.ts';
import { assembleTiers } from '../../../src/flex/sweep/assembleTiers.ts';
import { fakeStudy } from '../fakeStudy.ts';
import { undescribedFields } from './schemaFields.ts';

type Row = Record<string, string | number>;

const doc = (target: string) => {
  const d = FLEX_OUTPUT_DOCS.find((x) => x.target === target);
  if (!d) throw new Error(`no OutputDoc for ${target}`);
  return d;
};

/** Read a CSV written to `dir`, check its header against the doc's columns (in order) and every row against the schema. */
function readCsv(dir: string, target: string): Row[] {
  const text = readFileSync(join(dir, target), 'utf8');
  const header = text.split('\n')[0].split(',');
  const schema = doc(target).schema as z.ZodObject;
  const columns = Object.keys(schema.shape);
  // Optional trailing columns (volumeMw4 …) appear only with more than three stations.
  expect(header).toEqual(columns.slice(0, header.length));
  for (const extra of columns.slice(header.length)) expect(schema.shape[extra].safeParse(undefined).success).toBe(true);
  const rows = parse(text, { columns: true, cast: true }) as Row[];
  for (const row of rows) schema.parse(row);
  return rows;
}

let dir: string;
let oneDir: string;
let full: FlexModelResult;
let flat: FlexModelResult;
let one: FlexModelResult;

beforeAll(async () => {
  full = (await fakeStudy([300, 1000, 3000])).result;
  flat = (await fakeStudy([300, 1000, 3000], undefined, { constantTotalMw: 3, model: 'sta' })).result;
  one = (await fakeStudy([300, 1000], [[0, 0, 1], [0, 0, -1]], { axes: [2] })).result;
  dir = mkdtempSync(join(tmpdir(), 'flex-outputs-'));
  oneDir = mkdtempSync(join(tmpdir(), 'flex-outputs-one-'));
  writeFlexOutputs([full, flat], [], dir, { scenario: 'fake-evening' });
  writeFlexOutputs([one], [], oneDir, { scenario: 'fake-one' });
});

describe('FLEX_OUTPUT_DOCS', () => {
  it('should describe stdout, flex.json and every CSV the command writes, each field with a description', () => {
    expect(FLEX_OUTPUT_DOCS.map((d) => d.target)).toEqual(['stdout', 'flex.json', 'tiers.csv', 'ranges.csv', 'points.csv', 'vertices.csv', 'coupons.csv']);
    for (const d of FLEX_OUTPUT_DOCS) {
      expect(d.command).toBe('ev-cosim flex');
      expect(d.description.length).toBeGreaterThan(20);
      expect(undescribedFields(d.schema), d.target).toEqual([]);
    }
  });
  it('should name every CSV column in camelCase, a quantity with its unit', () => {
    for (const d of FLEX_OUTPUT_DOCS.filter((x) => x.format === 'csv')) {
      for (const key of Object.keys((d.schema as z.ZodObject).shape)) expect(key, d.target).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
  });
});

describe('flex.json of a dynamic (full) and a static (flat) region', () => {
  it('should parse with the strict schema, name the scenario and give t* as interval and clock', () => {
    const json = flexBothSchema.parse(JSON.parse(readFileSync(join(dir, 'flex.json'), 'utf8')));
    expect(flexJsonSchema.safeParse(json).success).toBe(true);
    expect(json.scenario).toBe('fake-evening');
    for (const m of [json.models.dta, json.models.sta]) {
      expect(m.scenario).toBe('fake-evening');
      expect(m.interval).toBe(6);
      expect(m.clock).toBe('18:00');
      // 12 intervals of 10 min from 17:00: the time axis of the coupon arrays.
      expect(m.clocks).toEqual(['17:00', '17:10', '17:20', '17:30', '17:40', '17:50', '18:00', '18:10', '18:20', '18:30', '18:40', '18:50']);
      expect(m.window.blocks).toEqual([{ intervals: [3, 4], clocks: ['17:30', '17:40'] }, { intervals: [5, 6], clocks: ['17:50', '18:00'] }]);
      expect(m.stations).toEqual(['CS1', 'CS2', 'CS3']);
      expect(m.buses).toEqual([22, 16, 30]);
    }
  });
  it('should give a full-rank region a volume and no area, and a flat one its area, rank and total, and no volume', () => {
    const json = flexBothSchema.parse(JSON.parse(readFileSync(join(dir, 'flex.json'), 'utf8')));
    for (const t of json.models.dta.tiers) {
      expect(t.affineRank).toBe(3);
      expect(t.volumeMw3).toBeGreaterThan(0);
      expect(t).not.toHaveProperty('areaMw2');
      expect(t).not.toHaveProperty('constantTotalMw');
      // A volume inside the per-station ranges cannot exceed their box.
      const box = Object.values(t.ranges).reduce((v, r) => v * (r.maxNetMw - r.minNetMw), 1);
      expect(t.volumeMw3!).toBeLessThanOrEqual(box);
    }
    for (const t of json.models.sta.tiers) {
      expect(t.affineRank).toBe(2);
      expect(t).not.toHaveProperty('volumeMw3');
      expect(t.constantTotalMw).toBeCloseTo(3, 9); // the fixture fixes the total at 3 MW
      expect(t.areaMw2).toBeCloseTo(planarArea(t.vertices.map((v) => [v.netMw.CS1, v.netMw.CS2, v.netMw.CS3])), 9);
    }
    for (const row of json.comparison) {
      if (row.model === 'dta') expect(Object.keys(row)).not.toContain('areaMw2');
      else expect(Object.keys(row)).not.toContain('volumeMw3');
    }
  });
  it('should key every point\'s loads and coupons by station', () => {
    const m = flexModelSchema.parse(flexBothSchema.parse(JSON.parse(readFileSync(join(dir, 'flex.json'), 'utf8'))).models.dta);
    const v = m.tiers[1].vertices[0];
    expect(Object.keys(v.netMw)).toEqual(['CS1', 'CS2', 'CS3']);
    expect(Object.keys(v.coupons)).toEqual(['CS1', 'CS2', 'CS3']);
    for (const c of Object.values(v.coupons)) expect(c.chargeYuanPerKwh).toHaveLength(12);
    expect(v.subsidyYuan).toBeLessThanOrEqual(m.tiers[1].budgetYuan);
    expect(m.tiers[0]).not.toHaveProperty('increasePct');
  });
});

describe('the CSV tables', () => {
  it('should hold one value per cell and agree with flex.json (long format)', () => {
    const json = flexBothSchema.parse(JSON.parse(readFileSync(join(dir, 'flex.json'), 'utf8')));
    const tiers = readCsv(dir, 'tiers.csv');
    expect(tiers).toHaveLength(6);
    for (const r of tiers) {
      if (r.model === 'dta') {
        expect(r.volumeMw3).toBeGreaterThan(0);
        expect(r.areaMw2).toBe('');
      } else {
        expect(r.volumeMw3).toBe('');
        expect(r.areaMw2).toBeGreaterThan(0);
        expect(r.constantTotalMw).toBeCloseTo(3, 9);
      }
      expect(r.interval).toBe(6);
      expect(r.clock).toBe('18:00');
    }
    const points = readCsv(dir, 'points.csv');
    expect(points).toHaveLength(2 * 3 * 26 * 3); // models × tiers × directions × stations
    for (const p of points) {
      const m = json.models[p.model as 'dta' | 'sta'];
      const tier = m.tiers.find((t) => t.budgetYuan === p.budgetYuan)!;
      expect(p.netMw).toBe(tier.points[p.point as number].netMw[p.station as string]);
      expect(p.directionComponent).toBe(m.directions[p.point as number][m.stations.indexOf(p.station as string)]);
    }
    const vertices = readCsv(dir, 'vertices.csv');
    const dta3000 = json.models.dta.tiers[2];
    expect(vertices.filter((v) => v.model === 'dta' && v.budgetYuan === 3000)).toHaveLength(dta3000.vertices.length * 3);
    const ranges = readCsv(dir, 'ranges.csv');
    for (const r of ranges) {
      const loads = vertices.filter((v) => v.model === r.model && v.budgetYuan === r.budgetYuan && v.station === r.station).map((v) => v.netMw as number);
      // The range over the hull points is spanned by its vertices.
      expect(r.minNetMw).toBeCloseTo(Math.min(...loads), 12);
      expect(r.maxNetMw).toBeCloseTo(Math.max(...loads), 12);
    }
    const coupons = readCsv(dir, 'coupons.csv');
    for (const c of coupons.filter((x) => x.role === 'vertex' && x.model === 'dta' && x.budgetYuan === 1000)) {
      const v = json.models.dta.tiers[1].vertices[c.index as number];
      expect(c.chargeYuanPerKwh).toBe(v.coupons[c.station as string].chargeYuanPerKwh[c.interval as number]);
      expect(c.v2gYuanPerVisit).toBe(v.coupons[c.station as string].v2gYuanPerVisit[c.interval as number]);
      expect(c.clock).toBe(json.models.dta.clocks[c.interval as number]);
    }
    // Only the window's intervals: outside it every coupon is zero.
    expect(new Set(coupons.map((c) => c.interval))).toEqual(new Set([3, 4, 5, 6]));
  });
  it('should report a one-station region by its length, the span of its points', () => {
    const tiers = readCsv(oneDir, 'tiers.csv');
    const points = readCsv(oneDir, 'points.csv');
    for (const t of tiers) {
      expect(t.stationCount).toBe(1);
      expect(t.affineRank).toBe(1);
      expect(t.volumeMw3).toBe('');
      const loads = points.filter((p) => p.budgetYuan === t.budgetYuan).map((p) => p.netMw as number);
      // Nested tiers: the hull of tier F holds the points of every tier ≤ F.
      const upTo = points.filter((p) => (p.budgetYuan as number) <= (t.budgetYuan as number)).map((p) => p.netMw as number);
      expect(loads.length).toBe(2);
      expect(t.lengthMw).toBeCloseTo(Math.max(...upTo) - Math.min(...upTo), 12);
    }
    const json = flexModelSchema.parse(JSON.parse(readFileSync(join(oneDir, 'flex.json'), 'utf8')));
    expect(json.stations).toEqual(['CS3']);
    expect(json.tiers[0].lengthMw).toBeGreaterThan(0);
  });
});

/** Area of a planar convex polygon in R³ from its vertices (any order): fan from the centroid. */
function planarArea(points: number[][]): number {
  const c = [0, 1, 2].map((i) => points.reduce((s, p) => s + p[i], 0) / points.length);
  // Orthonormal basis of the plane Σ P = const.
  const u = [1 / Math.SQRT2, -1 / Math.SQRT2, 0];
  const w = [1 / Math.sqrt(6), 1 / Math.sqrt(6), -2 / Math.sqrt(6)];
  const dot = (a: number[], b: number[]): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const flat = points.map((p) => { const d = [p[0] - c[0], p[1] - c[1], p[2] - c[2]]; return [dot(d, u), dot(d, w)]; });
  flat.sort((a, b) => Math.atan2(a[1], a[0]) - Math.atan2(b[1], b[0]));
  let twice = 0;
  for (let i = 0; i < flat.length; i++) {
    const [x1, y1] = flat[i];
    const [x2, y2] = flat[(i + 1) % flat.length];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

describe('inner and outer figures, admissible points and rejected runs (issue 12 "Machine-readable output")', () => {
  /** A box outer region around the given tier's points, widened by `padMw` (negative: too small). */
  function boxAround(result: FlexModelResult, padMw: number): NonNullable<FlexModelResult['outer']> {
    const pts = result.tiers[result.tiers.length - 1].hullPoints.map((p) => result.axes.map((s) => p.netMw[s]));
    const lo = result.axes.map((_, i) => Math.min(...pts.map((p) => p[i])) - padMw);
    const hi = result.axes.map((_, i) => Math.max(...pts.map((p) => p[i])) + padMw);
    return {
      volume: lo.reduce((v, l, i) => v * (hi[i] - l), 1), affineRank: lo.length, halfspaces: [], vertices: [],
      contains: (p, tol) => p.every((v, i) => v >= lo[i] - tol && v <= hi[i] + tol),
    };
  }

  it('should count over-budget runs per tier as the distinct runs paying more than the budget, and agree between flex.json and tiers.csv', () => {
    const json = flexBothSchema.parse(JSON.parse(readFileSync(join(dir, 'flex.json'), 'utf8')));
    const rows = readCsv(dir, 'tiers.csv');
    const seen = new Set<string>();
    const runs = [...full.run.design, ...full.run.searches.flatMap((s) => s.evaluated)].filter((p) => {
      const k = p.x.join(',');
      return seen.has(k) ? false : (seen.add(k), true);
    });
    for (const t of json.models.dta.tiers) {
      expect(t.rejected.overBudget).toBe(runs.filter((p) => p.subsidyYuan > t.budgetYuan).length);
      expect(t.rejected.shed + t.rejected.dueNotConverged + t.rejected.opfNotExact + t.rejected.opfInfeasible + t.rejected.curtailed).toBe(0);
      const row = rows.find((r) => r.model === 'dta' && r.budgetYuan === t.budgetYuan)!;
      expect(row.rejectedOverBudget).toBe(t.rejected.overBudget);
      expect(row.admissiblePoints).toBe(t.admissiblePoints);
      // Full-dimensional: the inner volume is the hull's volume; no outer bound in the fixture.
      expect(t.innerVolume).toBe(t.volumeMw3);
      expect([t.outerVolume, t.volumeRatio, t.outsideOuter]).toEqual([null, null, null]);
      expect([row.outerVolume, row.volumeRatio, row.outsideOuter]).toEqual(['', '', '']);
      for (const p of [...t.vertices, ...t.points]) expect([p.opfStatus, p.shedMw, p.curtailedMw]).toEqual(['optimal', 0, 0]);
    }
    // Flat (STA-like) region: innerVolume 0 in the 3-D sense, its area under areaMw2.
    for (const t of json.models.sta.tiers) {
      expect(t.innerVolume).toBe(0);
      expect(t.areaMw2).toBeGreaterThan(0);
    }
  });

  it('should write outer volume and ratio (to 1e-12) with an outer bound, and show inner, outer, ratio and flatness in the report table', () => {
    const out = mkdtempSync(join(tmpdir(), 'flex-outputs-outer-'));
    const outer = boxAround(full, 0.25);
    writeFlexOutputs([{ ...full, outer }, flat], [], out, { scenario: 'fake-outer' });
    const json = flexBothSchema.parse(JSON.parse(readFileSync(join(out, 'flex.json'), 'utf8')));
    for (const t of json.models.dta.tiers) {
      expect(t.outerVolume).toBeCloseTo(outer.volume, 12);
      expect(t.volumeRatio).toBeCloseTo(t.innerVolume / outer.volume, 12);
      expect(t.outsideOuter).toBe(0);
    }
    const rows = readCsv(out, 'tiers.csv').filter((r) => r.model === 'dta');
    for (const r of rows) expect(r.volumeRatio).toBeCloseTo((r.innerVolume as number) / outer.volume, 12);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<th>Inner volume, MW³</th><th>Outer volume, MW³</th><th>Inner / outer</th><th>Admissible points</th><th>Rejected runs</th>');
    expect(html).toContain('<td>0 (flat, rank 2)</td>');
    expect(html).toContain(`<td>${outer.volume.toFixed(3)}</td>`);
  });

  it('should flag in the report the admissible points a too-small outer bound leaves out', () => {
    const out = mkdtempSync(join(tmpdir(), 'flex-outputs-outside-'));
    const outer = boxAround(full, -0.05);
    writeFlexOutputs([{ ...full, outer }], [], out, { scenario: 'fake-outside' });
    const json = flexModelSchema.parse(JSON.parse(readFileSync(join(out, 'flex.json'), 'utf8')));
    const top = json.tiers[json.tiers.length - 1];
    expect(top.outsideOuter).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`${top.admissiblePoints} — ${top.outsideOuter} OUTSIDE the outer bound`);
  });
});

describe('a study whose every run is rejected', () => {
  it('should still write outputs that parse with the schemas: empty tiers, no ranges, "no admissible point" in the report', async () => {
    const { result } = await fakeStudy([300, 1000]);
    const shed = (p: EvaluatedPoint): EvaluatedPoint => ({ ...p, rejection: 'shed', shedMw: 0.2 });
    const run = { ...result.run, design: result.run.design.map(shed), searches: result.run.searches.map((s) => ({ ...s, evaluated: s.evaluated.map(shed) })) };
    const empty: FlexModelResult = { ...result, run, tiers: assembleTiers(run, [0, 1, 2]) };
    const out = mkdtempSync(join(tmpdir(), 'flex-outputs-empty-'));
    writeFlexOutputs([empty], [], out, { scenario: 'fake-empty' });
    const json = flexModelSchema.parse(JSON.parse(readFileSync(join(out, 'flex.json'), 'utf8')));
    for (const t of json.tiers) {
      expect(t).toMatchObject({ admissiblePoints: 0, innerVolume: 0, ranges: {}, vertices: [], points: [] });
      expect(t.rejected.shed).toBeGreaterThan(0);
    }
    expect(readCsv(out, 'ranges.csv')).toEqual([]);
    readCsv(out, 'tiers.csv');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('0 (no admissible point)');
  });
});
