/**
 * Internal: BPR link travel times and derivatives on typed arrays, shared by the
 * static UE engine and its result/objective code.
 *
 * t_a(x) = τ_a (1 + b (x/c)^p) = τ_a + α_a x^p with α_a = τ_a b / c^p (docs/model.md §2),
 * t'_a(x) = α_a p x^(p−1). A link with c = 0 and b·τ > 0 is closed (t = +∞).
 */
import type { Network } from '../network/network.js';

/** Precomputed BPR coefficients per link. */
export interface BprTable {
  readonly freeFlowMin: Float64Array;
  readonly alpha: Float64Array;
  readonly power: Float64Array;
  /** 1 when the link cannot carry flow (zero capacity with a congestion term). */
  readonly closed: Uint8Array;
}

/** Build α_a = τ b / c^p per link, marking zero-capacity congestible links as closed. */
export function makeBprTable(network: Network): BprTable {
  const n = network.from.length;
  const alpha = new Float64Array(n);
  const closed = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    const b = network.bprB[a];
    const tau = network.freeFlowMin[a];
    const c = network.capacity[a];
    const p = network.bprPower[a];
    if (b === 0 || tau === 0) alpha[a] = 0; // avoids 0/0 on zero-capacity dummy links
    else if (c <= 0) closed[a] = 1;
    else alpha[a] = (tau * b) / Math.pow(c, p);
  }
  return { freeFlowMin: network.freeFlowMin, alpha, power: Float64Array.from(network.bprPower), closed };
}

/** Travel time (min) and derivative (min per veh/h) of link a at flow x (veh/h), written into t and dt. */
export function evaluateLink(table: BprTable, a: number, flow: number, t: Float64Array, dt: Float64Array): void {
  if (table.closed[a] === 1) {
    t[a] = Infinity;
    dt[a] = 0;
    return;
  }
  const x = flow > 0 ? flow : 0;
  const alpha = table.alpha[a];
  const p = table.power[a];
  if (p === 4) {
    const x2 = x * x;
    t[a] = table.freeFlowMin[a] + alpha * x2 * x2;
    dt[a] = 4 * alpha * x2 * x;
  } else if (p === 1) {
    t[a] = table.freeFlowMin[a] + alpha * x;
    dt[a] = alpha;
  } else if (p === 0) {
    t[a] = table.freeFlowMin[a] + alpha;
    dt[a] = 0;
  } else {
    const xp1 = x > 0 ? Math.pow(x, p - 1) : 0;
    t[a] = table.freeFlowMin[a] + alpha * xp1 * x;
    dt[a] = alpha * p * xp1;
  }
}

/** Beckmann integral ∫₀^x t_a(s) ds, minutes·veh/h (closed links contribute 0: they carry none). */
export function linkIntegral(table: BprTable, a: number, flow: number): number {
  if (table.closed[a] === 1) return 0;
  const x = flow > 0 ? flow : 0;
  const p = table.power[a];
  return table.freeFlowMin[a] * x + (table.alpha[a] * Math.pow(x, p + 1)) / (p + 1);
}
