/**
 * Separable convex cost terms f(x) of one LP column, with value and slope, for the
 * outer approximation of the static equilibria (docs/static-equilibria.md §3).
 *
 * - BPR potential (Beckmann): ∫₀ˣ τ(1 + b(u/c)^p) du = τ(x + b·c/(p+1)·(x/c)^{p+1}).
 * - Smoothed station waiting potential (seed 000 eq. 4b, 7): waiting
 *   w(y) = w₀ + β·φ(y − C) with φ(z) = (z + √(z² + ε²))/2, whose integral is
 *   w₀y + β(Φ(y − C) − Φ(−C)), Φ(z) = z²/4 + (z√(z²+ε²) + ε²·asinh(z/ε))/4.
 * - Quadratic a·x² + b·x (generation cost, Cournot potential).
 * Each is multiplied by `scale` (e.g. θ/60 $/veh-min to turn minutes into $/h).
 */

/** A convex differentiable function of column `col` on [lower, upper]. */
export interface ConvexTerm {
  readonly col: number;
  readonly lower: number;
  readonly upper: number;
  value(x: number): number;
  slope(x: number): number;
  /** Points for the initial tangent cuts (inside [lower, upper]). */
  readonly seeds: readonly number[];
}

/**
 * Beckmann term of a BPR road link (x veh/h, τ min, c veh/h), times `scale`.
 * @example
 * const t = bprTerm(col, 6, 2000, 0.15, 4, 20 / 60); t.slope(2000); // 20/60·6·1.15 $ per veh
 */
export function bprTerm(col: number, tauMin: number, capVehPerH: number, b: number, power: number, scale: number): ConvexTerm {
  const k = scale * tauMin;
  return {
    col, lower: 0, upper: Infinity,
    value: (x) => k * (x + ((b * capVehPerH) / (power + 1)) * Math.pow(Math.max(x, 0) / capVehPerH, power + 1)),
    slope: (x) => k * (1 + b * Math.pow(Math.max(x, 0) / capVehPerH, power)),
    seeds: [0, 0.5 * capVehPerH, capVehPerH],
  };
}

/**
 * Smoothed max(0, z) of seed 000 eq. (7).
 * @example
 * smoothPlus(100, 1); // ≈ 100
 */
export const smoothPlus = (z: number, eps: number): number => (z + Math.sqrt(z * z + eps * eps)) / 2;
const smoothPlusIntegral = (z: number, eps: number): number =>
  (z * z) / 4 + (z * Math.sqrt(z * z + eps * eps) + eps * eps * Math.asinh(z / eps)) / 4;

/**
 * Station waiting time, minutes, at visit flow y veh/h (seed 000 eq. 4b smoothed by eq. 7).
 * @example
 * stationWaitMin(160, 2, 0.2, 60, 1); // ≈ 22 min
 */
export function stationWaitMin(y: number, baseMin: number, slopeMinPerVehPerH: number, capVehPerH: number, epsVehPerH: number): number {
  return baseMin + slopeMinPerVehPerH * smoothPlus(y - capVehPerH, epsVehPerH);
}

/**
 * Potential of the station waiting time, times `scale`.
 * @example
 * const w = waitTerm(col, 2, 0.2, 60, 5, 20 / 60); w.slope(60); // θ/60 · waiting minutes at capacity
 */
export function waitTerm(col: number, baseMin: number, slopeMinPerVehPerH: number, capVehPerH: number, epsVehPerH: number, scale: number): ConvexTerm {
  const z0 = smoothPlusIntegral(-capVehPerH, epsVehPerH);
  return {
    col, lower: 0, upper: Infinity,
    value: (y) => scale * (baseMin * y + slopeMinPerVehPerH * (smoothPlusIntegral(y - capVehPerH, epsVehPerH) - z0)),
    slope: (y) => scale * stationWaitMin(y, baseMin, slopeMinPerVehPerH, capVehPerH, epsVehPerH),
    seeds: [0, capVehPerH, 2 * capVehPerH],
  };
}

/**
 * a·x² + b·x on [lower, upper].
 * @example
 * quadraticTerm(col, 0.35, 76, 0, 5).slope(1); // 76.7 $/MWh
 */
export function quadraticTerm(col: number, a: number, b: number, lower: number, upper: number): ConvexTerm {
  const hi = Number.isFinite(upper) ? upper : lower + 1;
  return {
    col, lower, upper,
    value: (x) => a * x * x + b * x,
    slope: (x) => 2 * a * x + b,
    seeds: [lower, (lower + hi) / 2, hi],
  };
}
