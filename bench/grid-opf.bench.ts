/**
 * Speed and accuracy of the persistent SOCP OPF (docs/model.md §3.3), side by side in one run:
 * the default scale-aware cut loop (relative tolerance 1e-9, dual-point cuts, basis hand-over,
 * Newton step where inverter Q is interior) against the same loop without the Newton step
 * (`DistFlowModel.newtonStepDefault = false`, the loop before it), without the basis hand-over (`CutPool.basisHandoverDefault = false`,
 * the loop before it) and against the former absolute criterion (`coneTolerancePu: 1e-6`), on
 * case33bw and ieee123,
 * (a) one interval re-solved warm with small load changes and (b) a 12-interval horizon of
 * changing station loads, each with and without station inverter Q (injections with `sMaxMva`).
 * Figures: process CPU ms per interval (process.cpuUsage), LP solves per interval, and the
 * largest DLMP error against the independent conic reference (test/grid/reference/scsDistFlow.ts,
 * SCS + KKT polish) on sampled intervals. Prints figures; asserts nothing about time.
 *
 * No interior-point re-solve is run beside it: there is no conic interior-point solver on npm
 * and no Python reference is installed here (`scs-solver` is first-order, used for accuracy only).
 *
 *   npx tsx bench/grid-opf.bench.ts            (EV_COSIM_BENCH_QUICK=1 for fewer repetitions)
 */
import { loadBundledFeeder } from '../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../src/grid/model/feeder.ts';
import type { FeederInterval } from '../src/grid/model/injection.ts';
import { CutPool } from '../src/grid/formulations/distFlowCuts.ts';
import { DistFlowModel } from '../src/grid/formulations/distFlowInternals.ts';
import { OpfSession } from '../src/grid/problems/opfSession.ts';
import type { OpfOptions, OpfResult } from '../src/grid/problems/opfResult.ts';
import { spawnSync } from 'node:child_process';
import { dlmpErrorAgainstReference } from '../test/grid/reference/scsDistFlow.ts';

const QUICK = process.env.EV_COSIM_BENCH_QUICK === '1';
const REPS = QUICK ? 3 : 8;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Deterministic pseudo-random numbers (no Math.random: runs are comparable). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (1664525 * s + 1013904223) >>> 0) / 2 ** 32);
}

interface Figures {
  cpuMsPerInterval: number;
  lpsPerInterval: number;
  statuses: Record<string, number>;
  dlmpErrP: number;
  dlmpErrQ: number;
  /** Sampled intervals whose reference the KKT polish could not certify (degenerate duals, e.g. fully shed buses at a voltage limit): left out of the error. */
  uncertified: number;
}

/** Solve `intervals` REPS times on one warm session (first pass discarded); CPU and LPs per interval. */
async function run(feeder: Feeder, options: OpfOptions, intervals: FeederInterval[], sample: number[], handover = true, newton = true): Promise<Figures> {
  CutPool.basisHandoverDefault = handover;
  DistFlowModel.newtonStepDefault = newton;
  const opf = await OpfSession.create(feeder, options);
  CutPool.basisHandoverDefault = true;
  DistFlowModel.newtonStepDefault = true;
  for (const it of intervals) opf.solve(it);
  const cpu: number[] = [];
  let lps = 0;
  let count = 0;
  const statuses: Record<string, number> = {};
  let last: OpfResult[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const c0 = process.cpuUsage();
    last = intervals.map((it) => opf.solve(it));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / intervals.length);
    for (const r of last) {
      lps += r.lpSolves;
      count++;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
  }
  opf.dispose();
  let dlmpErrP = 0;
  let dlmpErrQ = 0;
  let uncertified = 0;
  for (const k of sample) {
    const e = await dlmpErrorAgainstReference(feeder, intervals[k], last[k]);
    if (!e.reference.accuracy.polished) {
      uncertified++;
      continue;
    }
    dlmpErrP = Math.max(dlmpErrP, e.maxAbsP);
    dlmpErrQ = Math.max(dlmpErrQ, e.maxAbsQ);
  }
  return { cpuMsPerInterval: median(cpu), lpsPerInterval: lps / count, statuses, dlmpErrP, dlmpErrQ, uncertified };
}

function print(label: string, now: Figures, noNewton: Figures, noHandover: Figures, old: Figures, sampleSize: number): void {
  const f = (x: Figures): string =>
    `${x.cpuMsPerInterval.toFixed(2)} ms CPU/interval, ${x.lpsPerInterval.toFixed(2)} LPs/interval, DLMP err P ${x.dlmpErrP.toExponential(2)} Q ${x.dlmpErrQ.toExponential(2)} $/MWh (${sampleSize - x.uncertified}/${sampleSize} sampled intervals with a certified reference), ${JSON.stringify(x.statuses)}`;
  console.log(`  ${label}`);
  console.log(`    default (relative 1e-9):            ${f(now)}`);
  console.log(`    default without Newton step:        ${f(noNewton)}`);
  console.log(`    default without basis hand-over:    ${f(noHandover)}`);
  console.log(`    former  (absolute 1e-6, hand-over): ${f(old)}`);
  console.log(`    CPU ratio default/no-Newton ${(now.cpuMsPerInterval / noNewton.cpuMsPerInterval).toFixed(2)}, default/no-hand-over ${(now.cpuMsPerInterval / noHandover.cpuMsPerInterval).toFixed(2)}, default/former ${(now.cpuMsPerInterval / old.cpuMsPerInterval).toFixed(2)}`);
}

async function benchFeeder(name: 'case33bw' | 'ieee123', stationBuses: number[]): Promise<void> {
  const feeder = loadBundledFeeder(name);
  console.log(`${name}:`);
  const rand = lcg(42);
  const single: FeederInterval[] = Array.from({ length: 24 }, () => ({ loadScale: 0.97 + 0.06 * rand() }));
  const stationMw = (t: number, i: number): number => 0.1 + 0.05 * t * (1 + 0.3 * i) - (t > 8 ? 0.4 : 0);
  const horizon: FeederInterval[] = Array.from({ length: 12 }, (_, t) => ({
    loadScale: 0.9 + 0.02 * t,
    injections: stationBuses.map((bus, i) => ({ bus, pMw: stationMw(t, i) })),
  }));
  const withQ = (its: FeederInterval[]): FeederInterval[] =>
    its.map((it) => ({ ...it, injections: (it.injections ?? stationBuses.map((bus) => ({ bus, pMw: 0.1 }))).map((inj) => ({ ...inj, sMaxMva: 1.2 })) }));
  const sample = name === 'case33bw' ? [0, 5, 11] : [0, 11];
  const cases: [string, FeederInterval[]][] = [
    ['one interval warm (load ±3 %), no inverter Q', single],
    ['one interval warm (load ±3 %), stations with inverter Q (S = 1.2 MVA)', withQ(single)],
    [`12-interval horizon, station P only (stations at ${stationBuses.join(', ')})`, horizon],
    ['12-interval horizon, stations with inverter Q (S = 1.2 MVA)', withQ(horizon)],
  ];
  for (const [label, intervals] of cases) {
    const now = await run(feeder, {}, intervals, sample);
    const noNewton = await run(feeder, {}, intervals, sample, true, false);
    const noHandover = await run(feeder, {}, intervals, sample, false);
    const old = await run(feeder, { coneTolerancePu: 1e-6 }, intervals, sample);
    print(label, now, noNewton, noHandover, old, sample.length);
  }
}

console.log(interiorPointReferenceLine());
await benchFeeder('case33bw', [22, 16, 30]);
await benchFeeder('ieee123', [35, 60, 95]);

/**
 * Say whether an interior-point conic solver (Python cvxpy + Clarabel) is installed for a
 * side-by-side re-solve. None is on npm; when Python has it, this is where a re-solve of the same
 * model would be timed beside the cut loop.
 */
function interiorPointReferenceLine(): string {
  const probe = spawnSync('python3', ['-c', 'import cvxpy, clarabel; print(cvxpy.__version__, clarabel.__version__)'], { encoding: 'utf8' });
  if (probe.status === 0) {
    return `interior-point reference: cvxpy/clarabel ${probe.stdout.trim()} found, but no re-solve script is bundled yet: no side-by-side timing in this run`;
  }
  return 'interior-point reference: not installed (python3 with cvxpy and clarabel not found): no side-by-side timing in this run; DLMP errors are against the scs-solver reference';
}
