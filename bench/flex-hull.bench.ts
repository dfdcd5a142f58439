/**
 * Hull timing for flexibility-region sizes: median wall time of `convexHullOf` on point
 * clouds the sweep produces (8 directions in 2-D, 26 in 3-D, 80 in 4-D, 242 in 5-D, plus
 * larger clouds), of a flat (STA-like) set, and of one `hullContains` query; and of the
 * facet search alone (`quickhullNd`, the one hull engine of every dimension).
 * Prints figures only; no assertions. Run: `npx tsx bench/flex-hull.bench.ts`.
 */
import { convexHullOf } from '../src/flex/hull/convexHullOf.ts';
import { hullContains } from '../src/flex/hull/hullContains.ts';
import { quickhullNd } from '../src/flex/hull/quickhullNd.ts';
import { mulberry32 } from '../src/common/mulberry32.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeMs(run: () => unknown, repeats: number): number {
  run(); // warm-up (JIT, baked predicates)
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const random = mulberry32(1);
const cloud = (n: number, m: number) => Array.from({ length: m }, () => Array.from({ length: n }, () => 4 * random() - 2));

for (const [n, m, repeats] of [[2, 8, 500], [2, 1000, 50], [3, 26, 200], [3, 1000, 20], [4, 80, 10], [4, 300, 3], [5, 242, 5], [6, 200, 3]] as const) {
  const pts = cloud(n, m);
  const hull = convexHullOf(pts);
  const ms = timeMs(() => convexHullOf(pts), repeats);
  console.log(`convexHullOf n=${n} m=${String(m).padStart(4)}: median ${ms.toFixed(3)} ms, ${hull.vertices.length} vertices, ${hull.facets.length} facets, volume ${hull.volume.toFixed(4)}`);
}

const flat = Array.from({ length: 26 }, () => {
  const a = 3 * random();
  const b = 3 * random();
  return [a, b, 5 - a - b];
});
const flatHull = convexHullOf(flat);
console.log(`convexHullOf STA-like flat set (26 points on Σx = 5): median ${timeMs(() => convexHullOf(flat), 200).toFixed(3)} ms, rank ${flatHull.affineRank}, area ${flatHull.area?.toFixed(4)}, constantTotal ${flatHull.constantTotal}`);

const pts3 = cloud(3, 26);
const hull3 = convexHullOf(pts3);
hullContains(hull3, pts3, [0, 0, 0]); // builds and caches the halfspaces
const queries = cloud(3, 10_000);
const t0 = performance.now();
let inside = 0;
for (const q of queries) if (hullContains(hull3, pts3, q)) inside++;
console.log(`hullContains 3-D, 26-point hull: ${((performance.now() - t0) * 1000 / queries.length).toFixed(2)} µs per query (${inside} of ${queries.length} inside)`);

for (const [n, m] of [[2, 1000], [3, 1000], [4, 80], [4, 300]] as const) {
  const pts = cloud(n, m);
  const qh = timeMs(() => quickhullNd(pts, n), 5);
  console.log(`facets only n=${n} m=${m}: quickhullNd ${qh.toFixed(2)} ms`);
}
