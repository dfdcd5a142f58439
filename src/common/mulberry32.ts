/**
 * mulberry32: a tiny deterministic 32-bit pseudo-random generator (Tommy Ettinger's
 * public-domain algorithm). Used where results must be reproducible for a seed
 * (direction sets, test fixtures, benchmarks); not for anything statistical.
 *
 * @param seed integer seed (taken modulo 2³²)
 * @returns a function giving numbers in [0, 1)
 * @example
 * const random = mulberry32(1);
 * random(); // same sequence for the same seed
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
