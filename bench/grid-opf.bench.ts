/**
 * Speed of the persistent SOCP OPF: median wall time per
 * warm interval and LP re-solves per interval on case33bw and ieee123, for
 * (a) one interval re-solved with small load changes and (b) a 12-interval
 * horizon of changing station loads, plus cold start and LinDistFlow.
 * Prints figures; asserts nothing about time.
 *
 *   npx tsx bench/grid-opf.bench.ts
 */
import { loadBundledFeeder } from '../src/grid/io/loadFeeder.ts';
import type { FeederInterval } from '../src/grid/model/injection.ts';
import { OpfSession } from '../src/grid/problems/opfSession.ts';
import type { OpfOptions } from '../src/grid/problems/opfResult.ts';
import { solveHorizon } from '../src/grid/problems/solveHorizon.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Deterministic pseudo-random numbers (no Math.random: runs are comparable). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (1664525 * s + 1013904223) >>> 0) / 2 ** 32);
}

function benchHorizon(opf: OpfSession, horizon: FeederInterval[], label: string): void {
  const perInterval: number[] = [];
  const horizonLps: number[] = [];
  const statuses = new Map<string, number>();
  let cpuMs = 0;
  for (let rep = 0; rep < 20; rep++) {
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const results = solveHorizon(opf, horizon);
    const dt = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    if (rep >= 3) {
      cpuMs += (cpu.user + cpu.system) / 1000;
      perInterval.push(dt / horizon.length);
      for (const r of results) horizonLps.push(r.lpSolves);
    }
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  const meanLps = horizonLps.reduce((a, b) => a + b, 0) / horizonLps.length;
  console.log(`  ${label}: median ${median(perInterval).toFixed(2)} ms/interval (process CPU ${(cpuMs / perInterval.length / horizon.length).toFixed(2)} ms/interval), LP solves/interval mean ${meanLps.toFixed(2)}, max ${Math.max(...horizonLps)}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
}

async function benchFeeder(name: 'case33bw' | 'ieee123', stationBuses: number[], options: OpfOptions = {}): Promise<void> {
  const feeder = loadBundledFeeder(name);
  const t0 = performance.now();
  const opf = await OpfSession.create(feeder, options);
  const tCreate = performance.now() - t0;
  const t1 = performance.now();
  const first = opf.solve();
  const tCold = performance.now() - t1;
  const label = `${name} ${options.formulation ?? 'socp'}`;
  console.log(`${label}: create ${tCreate.toFixed(1)} ms, cold solve ${tCold.toFixed(1)} ms (${first.lpSolves} LPs, status ${first.status}, losses ${first.lossesKw.toFixed(2)} kW)`);

  // (a) one interval, warm: small random load changes around nominal.
  const rand = lcg(42);
  const times: number[] = [];
  const lps: number[] = [];
  for (let k = 0; k < 300; k++) {
    const interval: FeederInterval = { loadScale: 0.97 + 0.06 * rand() };
    const t = performance.now();
    const r = opf.solve(interval);
    times.push(performance.now() - t);
    lps.push(r.lpSolves);
  }
  const warm = times.slice(50);
  const warmLps = lps.slice(50);
  console.log(`  one interval warm (load ±3 %): median ${median(warm).toFixed(2)} ms, p90 ${quantile(warm, 0.9).toFixed(2)} ms, LP solves/interval mean ${(warmLps.reduce((a, b) => a + b, 0) / warmLps.length).toFixed(2)}`);

  const same: number[] = [];
  let sameLps = 0;
  for (let k = 0; k < 100; k++) {
    const t = performance.now();
    sameLps += opf.solve({ loadScale: 1 }).lpSolves;
    same.push(performance.now() - t);
  }
  console.log(`  identical interval re-solved: median ${median(same).toFixed(2)} ms, LP solves/interval mean ${(sameLps / 100).toFixed(2)}`);

  // (b) 12-interval horizons of changing station loads (evening ramp, then V2G).
  const stationMw = (t: number, i: number): number => 0.1 + 0.05 * t * (1 + 0.3 * i) - (t > 8 ? 0.4 : 0);
  const plain: FeederInterval[] = Array.from({ length: 12 }, (_, t) => ({
    loadScale: 0.9 + 0.02 * t,
    injections: stationBuses.map((bus, i) => ({ bus, pMw: stationMw(t, i) })),
  }));
  const inverter: FeederInterval[] = plain.map((it) => ({ ...it, injections: it.injections!.map((inj) => ({ ...inj, sMaxMva: 1.2 })) }));
  benchHorizon(opf, plain, `12-interval horizon, station P only (stations at ${stationBuses.join(', ')})`);
  benchHorizon(opf, inverter, '12-interval horizon, stations with inverter Q (S = 1.2 MVA)');
  opf.dispose();
}

await benchFeeder('case33bw', [22, 16, 30]);
await benchFeeder('case33bw', [22, 16, 30], { formulation: 'lindistflow' });
await benchFeeder('ieee123', [35, 60, 95]);
await benchFeeder('ieee123', [35, 60, 95], { formulation: 'lindistflow' });
