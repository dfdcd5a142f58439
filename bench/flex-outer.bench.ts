/**
 * Outer bound of the flexibility region (docs/flexibility.md "Outer bound"): build time, support
 * LP time per direction (CPU, process.cpuUsage) and outer volumes on the reference scenario's
 * three en-route stations at t* = 6 (18:00), DTA and STA (30-min intervals), with and without
 * the loss secants, over the 26 directions of the 45° grid plus the 6 axis directions.
 *
 *   npx tsx bench/flex-outer.bench.ts
 */
import { createOuterBound } from '../src/flex/outer/outerBound.ts';
import { sphereDirections3d } from '../src/flex/directions/sphereDirections3d.ts';
import { staScenario, staTimeIndex } from '../src/flex/sweep/staScenario.ts';
import { readScenarioFile } from '../src/sim/index.ts';

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const loaded = readScenarioFile('scenarios/nguyen-dupuis-ieee33-evening-peak.json');
const directions = sphereDirections3d(45);
for (const model of ['dta', 'sta'] as const) {
  const scenario = model === 'dta' ? loaded.scenario : staScenario(loaded.scenario, { intervalMin: 30 });
  const timeIndex = model === 'dta' ? 6 : staTimeIndex(6, loaded.scenario.horizon.intervalMin, 30);
  for (const tightenLosses of [true, false]) {
    const began = process.cpuUsage();
    const outer = await createOuterBound({ scenario, baseDir: loaded.baseDir, source: loaded.file, timeIndex, axes: [0, 1, 2], tightenLosses });
    const buildMs = cpuMs(began);
    const boxVolume = outer.region().volume;
    const perDirection: number[] = [];
    for (const a of directions) {
      const t0 = process.cpuUsage();
      outer.support(a);
      perDirection.push(cpuMs(t0));
    }
    const t1 = process.cpuUsage();
    const r = outer.region();
    const regionMs = cpuMs(t1);
    const ranges = [0, 1, 2].map((i) => {
      const e = [0, 1, 2].map((j) => (j === i ? 1 : 0));
      return `[${(-outer.support(e.map((x) => -x))).toFixed(3)}, ${outer.support(e).toFixed(3)}]`;
    });
    console.log(
      `${model.toUpperCase()} t*=${timeIndex} lossSecants=${tightenLosses}: build ${buildMs.toFixed(0)} ms CPU (incl. 6 axis supports), ` +
        `support median ${median(perDirection).toFixed(1)} ms CPU/direction (max ${Math.max(...perDirection).toFixed(1)}), ` +
        `box volume ${boxVolume.toFixed(3)} MW³, outer volume (6 + ${directions.length} directions) ${r.volume.toFixed(3)} MW³, ` +
        `${r.vertices.length} vertices (${regionMs.toFixed(0)} ms), ranges CS1..CS3 ${ranges.join(' ')} MW, ${JSON.stringify(outer.stats?.())}`,
    );
    outer.dispose();
  }
}
