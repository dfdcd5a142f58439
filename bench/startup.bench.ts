/**
 * Start-up benchmark: CPU (user + sys of the child process, all its threads) and wall time of
 * short `ev-cosim` commands as a user runs them (`node bin/ev-cosim.mjs …`, the compiled
 * `dist/`), each also net of a bare `node -e 0`. With `--peer DIR` (another checkout of
 * ev-cosim with its node_modules, e.g. an older commit: `git worktree add DIR <rev> && (cd DIR
 * && npm ci)`) the same commands are timed there too, in the same run.
 *
 * Targets (CPU net of `node -e 0`): `--help` ≤ 0.25 s, `assign SiouxFalls --gap 1e-8` ≤ 0.4 s,
 * default `run` ≤ 1.0 s. Prints figures only; never asserts on time. Build first
 * (`npm run build`): the binary runs `dist/`.
 *
 * Run: npx tsx bench/startup.bench.ts [--runs 5] [--peer DIR]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const peerFlag = process.argv.indexOf('--peer');
const PEER = peerFlag >= 0 ? process.argv[peerFlag + 1] : undefined;
const out = mkdtempSync(join(tmpdir(), 'ev-cosim-startup-'));

/** One timed child: wall, user and sys seconds. */
interface Timing {
  readonly wallSec: number;
  readonly userSec: number;
  readonly sysSec: number;
}

/**
 * Time `node args` in bash's `time` (rusage of the waited-for child, so every thread of the
 * node process counts, and to the millisecond); the command's own output is discarded.
 */
function timeOnce(args: readonly string[]): Timing {
  const script = 'TIMEFORMAT="%3R %3U %3S"; { time "$@" >/dev/null 2>/dev/null; } 2>&1';
  const child = spawnSync('bash', ['-c', script, 'time', process.execPath, ...args], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stdout}${child.stderr}`);
  const [wallSec, userSec, sysSec] = child.stdout.trim().split(/\s+/).slice(-3).map(Number);
  return { wallSec, userSec, sysSec };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median CPU (user + sys) and wall of `runs` timed runs after one warm-up (file cache). */
function measure(args: readonly string[]): { cpuSec: number; wallSec: number } {
  timeOnce(args);
  const timings = Array.from({ length: runs }, () => timeOnce(args));
  return { cpuSec: median(timings.map((t) => t.userSec + t.sysSec)), wallSec: median(timings.map((t) => t.wallSec)) };
}

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  /** CPU target net of `node -e 0`, s. */
  readonly targetCpuSec?: number;
}

const CASES: readonly Case[] = [
  { label: '--help', args: ['--help'], targetCpuSec: 0.25 },
  { label: 'assign SiouxFalls --gap 1e-8', args: ['assign', 'SiouxFalls', '--gap', '1e-8'], targetCpuSec: 0.4 },
  { label: 'opf case33bw', args: ['opf', 'case33bw'] },
  { label: 'run (default scenario)', args: ['run', '--out', join(out, 'run')], targetCpuSec: 1.0 },
];

function report(tree: string, bin: string): void {
  const bare = measure(['-e', '0']);
  console.log(`\n${tree}: median of ${runs} runs after a warm-up, seconds (net = minus node -e 0)`);
  console.log('command                        |   CPU | CPU net | wall | wall net | target (CPU net)');
  console.log(`${'node -e 0'.padEnd(30)} | ${bare.cpuSec.toFixed(2).padStart(5)} |         | ${bare.wallSec.toFixed(2).padStart(4)} |          |`);
  for (const c of CASES) {
    const m = measure([bin, ...c.args]);
    const net = m.cpuSec - bare.cpuSec;
    const target = c.targetCpuSec === undefined ? '' : `≤ ${c.targetCpuSec.toFixed(2)} ${net <= c.targetCpuSec ? 'met' : 'MISSED'}`;
    console.log(
      `${c.label.padEnd(30)} | ${m.cpuSec.toFixed(2).padStart(5)} | ${net.toFixed(2).padStart(7)} | ${m.wallSec.toFixed(2).padStart(4)} | ${(m.wallSec - bare.wallSec).toFixed(2).padStart(8)} | ${target}`,
    );
  }
}

try {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  report('this tree (compiled dist/)', join(root, 'bin', 'ev-cosim.mjs'));
  if (PEER === undefined) console.log('\nno --peer DIR given: no comparison with another checkout');
  else if (existsSync(join(PEER, 'bin', 'ev-cosim.mjs'))) report(`peer checkout ${PEER}`, join(PEER, 'bin', 'ev-cosim.mjs'));
  else console.log(`\n--peer ${PEER}: no bin/ev-cosim.mjs there: no comparison`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
