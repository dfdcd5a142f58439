import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flexJson } from '../../../src/flex/report/flexJson.ts';
import { flexModelSchema } from '../../../src/flex/report/flexJsonSchema.ts';
import { narrowStations, narrowStationsWarning } from '../../../src/flex/report/narrowStations.ts';
import { flexReportHtml } from '../../../src/flex/report/flexReportHtml.ts';
import type { FlexModelResult } from '../../../src/flex/sweep/flexModelResult.ts';
import { fakeStudy } from '../fakeStudy.ts';

const IDS = ['CS1', 'CS2', 'CS3', 'H2', 'H3'];

/** The fields narrowStations reads, with the largest tier's ranges given (min 0, max = the width, so the width is exact). */
function withWidths(widths: readonly number[], budgets = [1000, 6000]): FlexModelResult {
  const tiers = budgets.map((budgetYuan) => ({ budgetYuan, rangeMw: widths.map((w) => ({ min: 0, max: w })) }));
  return { model: 'dta', stations: IDS, axes: widths.map((_, i) => i), tiers } as unknown as FlexModelResult;
}

describe('narrowStations (range below 5 % of the widest axis range at the largest budget)', () => {
  it('should name H2 and H3 on reference-like ranges and suggest the other stations', () => {
    const r = narrowStations(withWidths([2.95, 0.9, 1.2, 0.021, 0.018]))!;
    expect(r.narrow.map((n) => n.station)).toEqual(['H2', 'H3']);
    expect(r.narrow[0].rangeMw).toBeCloseTo(0.021, 12);
    expect(r).toMatchObject({ budgetYuan: 6000, widestStation: 'CS1', suggestedStations: 'CS1,CS2,CS3' });
    expect(r.widestRangeMw).toBeCloseTo(2.95, 12);
    const w = narrowStationsWarning(withWidths([2.95, 0.9, 1.2, 0.021, 0.018]))!;
    expect(w).toBe(
      "ev-cosim flex: WARNING: DTA stations H2 (0.021 MW), H3 (0.018 MW) move by less than 5 % of CS1's 2.950 MW at 6000 ¥: " +
        'the 5-D volume mostly measures them; for the region of the stations that move use --stations CS1,CS2,CS3',
    );
  });

  it('should say nothing with one axis, no points, a single point, or no narrow station (the boundary 5 % itself is not narrow)', () => {
    expect(narrowStations(withWidths([0.001]))).toBeUndefined();
    expect(narrowStations(withWidths([0, 0, 0]))).toBeUndefined();
    expect(narrowStations(withWidths([2, 0.1, 1]))).toBeUndefined(); // 0.1 = 5 % of 2
    expect(narrowStationsWarning(withWidths([2, 0.5]))).toBeUndefined();
    const empty = { model: 'dta', stations: IDS, axes: [0, 1], tiers: [{ budgetYuan: 1000, rangeMw: [] }] } as unknown as FlexModelResult;
    expect(narrowStations(empty)).toBeUndefined();
  });

  it('should flag exactly the axes below the threshold and never the widest (property, 200 random width sets)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 2, maxLength: 5 }), (widths) => {
        const r = narrowStations(withWidths(widths));
        const widest = Math.max(...widths);
        const expected = IDS.slice(0, widths.length).filter((_, i) => widths[i] < 0.05 * widest);
        if (!(widest > 0) || expected.length === 0) {
          expect(r).toBeUndefined();
          return;
        }
        expect(r!.narrow.map((n) => n.station)).toEqual(expected);
        expect(r!.suggestedStations.split(',').length).toBe(widths.length - expected.length);
        expect(expected).not.toContain(r!.widestStation);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('should appear in the JSON (empty list on the fake 3-station study, whose stations all move) and as a note in the report', async () => {
    const { result } = await fakeStudy([300, 1000]);
    const json = flexModelSchema.parse(flexJson([result], [], 'fake'));
    expect(json.narrowStations).toEqual([]);
    expect(flexReportHtml([result], [], 'fake')).not.toContain('class="note narrow"');
    // the same study with CS2 pinned to its base load: CS2 becomes narrow
    const pinned: FlexModelResult = {
      ...result,
      tiers: result.tiers.map((t) => ({ ...t, rangeMw: t.rangeMw.map((r, i) => (i === 1 ? { min: r.min, max: r.min + 1e-3 } : r)) })),
    };
    const j = flexModelSchema.parse(flexJson([pinned], [], 'fake'));
    expect(j.narrowStations.map((n) => n.station)).toEqual(['CS2']);
    expect(flexReportHtml([pinned], [], 'fake')).toMatch(/class="note narrow">Warning: DTA station CS2 \(0\.001 MW\) moves by less than 5 %/);
  });
});
