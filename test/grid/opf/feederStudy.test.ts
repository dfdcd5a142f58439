import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { loadFeederStudy } from '../../../src/grid/problems/feederStudy.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';

const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-study-'));
function study(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

describe('loadFeederStudy', () => {
  it('applies substation overrides, extra generators, penalty, load scale and injections', async () => {
    const path = study('ok.json', {
      feeder: 'case33bw',
      substation: { importPriceUsdPerMwh: 45, vSetPu: 1.02 },
      generators: [{ id: 'pv18', kind: 'pv', bus: 18, pMaxMw: 0.3, qMinMvar: -0.1, qMaxMvar: 0.1 }],
      sheddingPenaltyUsdPerMwh: 500,
      loadScale: 1.1,
      injections: [{ bus: 30, pMw: 0.2, sMaxMva: 0.3 }],
      formulation: 'lindistflow',
    });
    const s = loadFeederStudy(path);
    expect(s.formulation).toBe('lindistflow');
    expect(s.feeder.slackVoltagePu).toBe(1.02);
    expect(s.feeder.sheddingPenaltyUsdPerMwh).toBe(500);
    expect(s.feeder.generators.find((g) => g.kind === 'substation')!.costUsdPerMwh).toBe(45);
    expect(s.feeder.generators.find((g) => g.id === 'pv18')).toMatchObject({ bus: 18, pMinMw: 0, costUsdPerMwh: 0 });
    expect(s.interval).toEqual({ loadScale: 1.1, injections: [{ bus: 30, pMw: 0.2, sMaxMva: 0.3 }] });
    const opf = await OpfSession.create(s.feeder, { formulation: s.formulation });
    const r = opf.solve(s.interval);
    opf.dispose();
    expect(r.status).toBe('optimal');
    expect(r.dlmpP[1]).toBeCloseTo(45, 6);
    expect(r.dispatch.find((d) => d.id === 'pv18')!.pMw).toBeCloseTo(0.3, 6); // free PV runs at its maximum
  });

  it('resolves a relative feeder path against the JSON file’s folder', () => {
    cpSync(resolve('scenarios/data/grid/case33bw'), join(dir, 'grids', 'mine'), { recursive: true });
    expect(existsSync('grids/mine')).toBe(false); // the same string from the cwd points nowhere
    const path = study('relative.json', { feeder: 'grids/mine' });
    expect(loadFeederStudy(path).feeder.buses).toHaveLength(33);
  });

  const bad: [string, unknown, RegExp][] = [
    ['unknown field', { feeder: 'case33bw', colour: 'red' }, /: colour: unknown field "colour"$/],
    ['wrong type', { feeder: 'case33bw', loadScale: 'high' }, /loadScale/],
    ['negative load scale', { feeder: 'case33bw', loadScale: -1 }, /loadScale = -1/],
    ['unknown generator bus', { feeder: 'case33bw', generators: [{ id: 'g', kind: 'dg', bus: 99, pMaxMw: 1 }] }, /generators\[0\]\.bus = 99/],
    ['unknown injection bus', { feeder: 'case33bw', injections: [{ bus: 0, pMw: 1 }] }, /injections\[0\]\.bus = 0/],
    ['lower above upper', { feeder: 'case33bw', generators: [{ id: 'g', kind: 'dg', bus: 5, pMinMw: 2, pMaxMw: 1 }] }, /pMinMw = 2/],
    ['unknown feeder', { feeder: 'case99' }, /case99/],
  ];
  for (const [name, body, message] of bad) {
    it(`rejects ${name} with one InputError naming the file and field`, () => {
      const path = study(`${name.replace(/\W/g, '_')}.json`, body);
      expect(() => loadFeederStudy(path)).toThrow(InputError);
      expect(() => loadFeederStudy(path)).toThrow(message);
    });
  }

  it('rejects malformed JSON naming the file, line and column', () => {
    const path = study('broken.json', '{\n  "feeder": \n');
    expect(() => loadFeederStudy(path)).toThrow(`${path}: line 3, column 1: not valid JSON: expected a value, found the end of the file`);
  });

  it('names a misspelt key as unknown, with the field path style of every input error', () => {
    const path = study('typo.json', { feeder: 'case33bw', generators: [{ id: 'g', kind: 'dg', bus: 5, pMaxMw: 1 }, { id: 'h', kind: 'dg', buss: 6, pMaxMw: 1 }] });
    expect(() => loadFeederStudy(path)).toThrow(`${path}: generators[1].buss: unknown field "buss" (did you mean "bus"?)`);
  });
});
