/**
 * A fresh folder of the user's files for one bad-input case: the reference scenario, a
 * MATPOWER case, the case33bw CSV folder, TNTP files, a CSV departure table, a notes
 * folder and a plain file (the unsafe `--out` targets), and helpers to snapshot the tree.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REFERENCE, ROOT } from '../../helpers/cli.ts';

/** A three-bus radial MATPOWER case (slack 1 → 2 → 3), small enough to edit per case. */
export const TINY_M = `function mpc = tiny
mpc.version = '2';
mpc.baseMVA = 10;
mpc.bus = [
  1 3 0   0   0 0 1 1 0 12.66 1 1.05 0.95;
  2 1 1.5 0.5 0 0 1 1 0 12.66 1 1.1  0.9;
  3 1 0.5 0.2 0 0 1 1 0 12.66 1 1.1  0.9;
];
mpc.gen = [
  1 0 0 5 -5 1.0 10 1 8 0 0 0 0 0 0 0 0 0 0 0 0;
];
mpc.branch = [
  1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;
  2 3 0.02 0.04 0 0 0 0 0 0 1 -360 360;
];
mpc.gencost = [
  2 0 0 2 20 0;
];
`;

/** Files of every workspace (relative path → content), besides the copied folders. */
export interface Workspace {
  readonly dir: string;
  /** Absolute path of a file in the workspace. */
  path(rel: string): string;
  /** Write (or replace) a file. */
  write(rel: string, text: string): void;
  read(rel: string): string;
  /** The reference scenario as an object, to edit and write back with `writeScenario`. */
  scenario(): Record<string, unknown>;
  writeScenario(rel: string, value: unknown): void;
}

/** Build a workspace: `s.json` (reference scenario), `tiny.m`, `feeder/` (case33bw CSV), `nd_net.tntp`, `nd_trips.tntp`, `demand.csv`, `notes/notes.txt`, `file.txt`. */
export function makeWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-corpus-'));
  const reference = readFileSync(REFERENCE, 'utf8');
  const ws: Workspace = {
    dir,
    path: (rel) => join(dir, rel),
    write: (rel, text) => writeFileSync(join(dir, rel), text),
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    scenario: () => JSON.parse(reference) as Record<string, unknown>,
    writeScenario: (rel, value) => writeFileSync(join(dir, rel), `${JSON.stringify(value, null, 2)}\n`),
  };
  const scenario = JSON.parse(reference) as Record<string, unknown>;
  delete scenario.$schema;
  ws.writeScenario('s.json', scenario);
  ws.write('tiny.m', TINY_M);
  cpSync(join(ROOT, 'scenarios/data/grid/case33bw'), join(dir, 'feeder'), { recursive: true });
  const nd = join(ROOT, 'scenarios/data/transport/NguyenDupuis');
  ws.write('nd_net.tntp', readFileSync(join(nd, 'NguyenDupuis_net.txt'), 'utf8'));
  ws.write('nd_trips.tntp', readFileSync(join(nd, 'NguyenDupuis_trips.txt'), 'utf8'));
  ws.write('demand.csv', readFileSync(join(ROOT, 'scenarios/data/demand/nguyen-dupuis-evening.csv'), 'utf8'));
  mkdirSync(join(dir, 'notes'));
  ws.write('notes/notes.txt', 'my notes, not to be lost\n');
  ws.write('file.txt', 'a file of the user\n');
  return ws;
}

/** Every file and folder under `dir` (relative path → sha256 of the content, or `dir` for folders), sorted. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      const rel = relative(dir, full);
      if (statSync(full).isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(full);
      } else out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
