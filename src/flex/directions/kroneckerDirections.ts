import { probit } from 'simple-statistics';
import { InputError } from '../../common/errors.js';
import { MAX_DIRECTIONS } from './angleGridDirections.js';
import { mulberry32 } from '../../common/mulberry32.js';

/**
 * `count` deterministic, roughly evenly spread unit directions in R^n from a
 * low-discrepancy Kronecker sequence (Roberts' R_n sequence: generator 1/φ_n^j with
 * φ_n the positive root of x^(n+1) = x + 1), mapped through the normal quantile
 * function and normalized, which makes the directions approximately uniform on the
 * sphere. Use it when the angle grid is too large (n ≥ 6) or a set of exactly `count`
 * directions is wanted.
 *
 * 1. Offsets s ∈ [0,1)^n: 0.5 for seed 0, else from a small integer hash of the seed.
 * 2. u_k = frac(s + k·g) for k = 1 … count, clamped away from 0 and 1.
 * 3. a_k = probit(u_k) / |probit(u_k)|.
 *
 * @param n - dimension, integer ≥ 1
 * @param count - number of directions, integer ≥ 1
 * @param seed - integer; the same seed always gives the same set (default 0)
 * @returns `count` unit vectors of length n
 * @throws InputError for bad n, count or seed
 *
 * @example
 * kroneckerDirections(5, 100).length; // 100
 */
export function kroneckerDirections(n: number, count: number, seed = 0): number[][] {
  const source = 'flex/directions/kroneckerDirections';
  if (!Number.isInteger(n) || n < 1) throw new InputError({ source, field: 'n', value: n }, 'must be an integer ≥ 1');
  if (!Number.isInteger(count) || count < 1 || count > MAX_DIRECTIONS) {
    throw new InputError({ source, field: 'count', value: count }, `must be an integer in [1, ${MAX_DIRECTIONS}]`);
  }
  if (!Number.isInteger(seed)) throw new InputError({ source, field: 'seed', value: seed }, 'must be an integer');

  // φ_n by Newton's method on x^(n+1) − x − 1 from x = 2 (converges monotonically).
  let phi = 2;
  for (let it = 0; it < 60; it++) phi -= (phi ** (n + 1) - phi - 1) / ((n + 1) * phi ** n - 1);
  const gen = Array.from({ length: n }, (_, j) => (1 / phi ** (j + 1)) % 1);
  const offset = seed === 0 ? new Array<number>(n).fill(0.5) : hashOffsets(seed, n);

  const out: number[][] = [];
  for (let k = 1; out.length < count; k++) {
    const g = gen.map((a, j) => {
      const u = (offset[j] + k * a) % 1;
      return probit(Math.min(Math.max(u, 1e-12), 1 - 1e-12));
    });
    const norm = Math.hypot(...g);
    if (norm > 1e-12) out.push(g.map((x) => x / norm));
  }
  return out;
}

/** n offsets in [0,1) from an integer seed (mulberry32 generator). */
function hashOffsets(seed: number, n: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => random());
}
