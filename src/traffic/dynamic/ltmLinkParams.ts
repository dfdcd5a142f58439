/**
 * Link parameters of the link transmission model (LTM, Yperman 2007; docs/model.md §2.5
 * "Physical queues"): a triangular fundamental diagram per road link from its capacity, free
 * speed and jam density, turned into step counts for the loading.
 *
 * Defaults (TNTP networks carry no lanes or jam density):
 * - length L = `lengthKm` (when > 0), else free-flow time × 50 km/h;
 * - free speed v_f = L / τ (τ the free-flow time);
 * - lanes = max(1, capacity / 1,800 veh/h), jam density k_jam = 150 veh/km/lane × lanes,
 *   unless the network gives `jamDensityVehPerKm`;
 * - backward wave speed w = c / (k_jam − c / v_f) (triangle through capacity); when
 *   k_jam ≤ 1.05 · c / v_f, k_jam is raised to that (w then stays finite).
 * Links that cannot hold a queue of their own in the LTM — stations, bypasses, roads with
 * unlimited capacity or τ = 0 — have no receiving limit (their queues stay vertical).
 * Another simulator's triangle is reproduced by giving its capacity, free speed (length / τ)
 * and jam density: w follows (UXsim's: docs/model.md §2.5 "Against UXsim").
 */
import { LinkKind, type Network } from '../network/network.js';

/** Per-link LTM constants (steps and vehicles) and the in-link CSR of the node model. */
export interface LtmLinkParams {
  /** 1 when the link is an LTM road (finite capacity, τ > 0, physical storage). */
  readonly spill: Uint8Array;
  /** Backward wave travel time L / w, steps (≥ 1). */
  readonly waveSteps: Float64Array;
  /** Storage at jam density k_jam · L, vehicles. */
  readonly jamVeh: Float64Array;
  /** Jam density used, veh/km, and free speed, km/h (reported; 0 for non-LTM links). */
  readonly jamDensityVehPerKm: Float64Array;
  readonly freeSpeedKmPerH: Float64Array;
  /** Links entering node n: `inLinks[inStart[n] … inStart[n + 1])`. */
  readonly inStart: Int32Array;
  readonly inLinks: Int32Array;
}

/** Jam density per lane, veh/km (default). */
export const JAM_DENSITY_VEH_PER_KM_LANE = 150;
/** Capacity per lane, veh/h (lane count default). */
export const LANE_CAPACITY_VEH_PER_H = 1800;
/** Speed assumed for a link without length, km/h. */
export const DEFAULT_SPEED_KM_PER_H = 50;

/**
 * LTM parameters of every link of `network` for steps of `stepSec` seconds.
 *
 * @example
 * const p = ltmLinkParams(net, 6); p.jamVeh[0]; // vehicles link 0 holds at jam density
 */
export function ltmLinkParams(network: Network, stepSec: number): LtmLinkParams {
  const n = network.from.length;
  const spill = new Uint8Array(n);
  const waveSteps = new Float64Array(n);
  const jamVeh = new Float64Array(n);
  const jamDensity = new Float64Array(n);
  const speed = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const cap = network.capacity[a];
    const tauH = network.freeFlowMin[a] / 60;
    if (network.kind[a] !== LinkKind.road || !(cap > 0 && Number.isFinite(cap)) || !(tauH > 0)) continue;
    const lengthKm = network.lengthKm[a] > 0 ? network.lengthKm[a] : tauH * DEFAULT_SPEED_KM_PER_H;
    const vf = lengthKm / tauH;
    const given = network.jamDensityVehPerKm?.[a];
    const critical = cap / vf;
    const kj = Math.max(given !== undefined && given > 0 ? given : JAM_DENSITY_VEH_PER_KM_LANE * Math.max(1, cap / LANE_CAPACITY_VEH_PER_H), 1.05 * critical);
    const w = cap / (kj - critical);
    spill[a] = 1;
    jamDensity[a] = kj;
    speed[a] = vf;
    jamVeh[a] = kj * lengthKm;
    waveSteps[a] = Math.max(1, ((lengthKm / w) * 3600) / stepSec);
  }
  const nodes = network.nodeIds.length;
  const inStart = new Int32Array(nodes + 1);
  for (let a = 0; a < n; a++) inStart[network.to[a] + 1]++;
  for (let i = 0; i < nodes; i++) inStart[i + 1] += inStart[i];
  const fill = inStart.slice(0, nodes);
  const inLinks = new Int32Array(n);
  for (let a = 0; a < n; a++) inLinks[fill[network.to[a]]++] = a;
  return { spill, waveSteps, jamVeh, jamDensityVehPerKm: jamDensity, freeSpeedKmPerH: speed, inStart, inLinks };
}
