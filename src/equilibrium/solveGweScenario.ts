/**
 * Seed-002 generalized Wardrop equilibrium (station + route choice of heterogeneous
 * EVs, LinDistFlow DSO with DLMPs, tolls and station prices as multipliers of the
 * coupling constraints) solved by the inertial forward-reflected-backward splitting
 * (I-FoRB, seed 002 Algorithm 1; Malitsky & Tam 2020):
 *
 *   z⁺ = P_C( z − γS(2F(z) − F(z⁻)) + α(z − z⁻) ),  α < 1/3, γ < (1 − 3α)/(2L)
 *
 * in the diagonal metric S⁻¹ (each entity's own step, as in the paper). L is
 * estimated at the start; a safeguard halves γ if the residual grows tenfold.
 * The residual reported per iteration is the natural residual
 * ‖z − P_C(z − SF(z))‖_{S⁻¹} / max(1, ‖z‖_{S⁻¹}).
 */
import { SolverError } from '../common/errors.js';
import { loadFeeder } from '../grid/io/loadFeeder.js';
import { distFlowSensitivity } from '../grid/problems/marketDistFlowSensitivity.js';
import { BUNDLED_NETWORKS, loadBundledNetwork, type BundledNetworkName } from '../traffic/io/loadBundledNetwork.js';
import { readTntpNetwork } from '../traffic/io/readTntpNetwork.js';
import { stationChoiceOptions, type StationChoiceAgent } from '../traffic/stationChoice/stationChoiceOptions.js';
import { InputError } from '../common/errors.js';
import { createGweState, evaluateGwe, projectGwe, type GweModel, type GweState } from './gweModel.js';
import type { GweScenario } from './gweScenario.js';
import { gweReport, type GweReport } from './gweReport.js';

/** Result of a seed-002 solve. */
export interface GweResult extends GweReport {
  readonly status: 'converged' | 'not-converged';
  readonly residual: number;
  readonly iterations: number;
  readonly residualHistory: readonly number[];
  readonly stepSize: number;
  /** Probability of each option (CSR by agent, as in `buildGweModel(...).options`). */
  readonly optionShare: Float64Array;
}

/**
 * Build the model (network, feeder, agents, options, layout, metric).
 * @example
 * const model = buildGweModel(sc, 'scenarios/gwe-ieee33.json'); model.off.size;
 */
export function buildGweModel(sc: GweScenario, source: string): GweModel {
  // Bundled networks come with trips; seed 002 uses only the roads (a file path needs no trips file).
  const network = (BUNDLED_NETWORKS as readonly string[]).includes(sc.network) ? loadBundledNetwork(sc.network as BundledNetworkName).network : readTntpNetwork(sc.network);
  const feeder = loadFeeder(sc.feeder);
  const sens = distFlowSensitivity(feeder);
  const busPos = (bus: number, field: string): number => {
    const p = sens.busIds.indexOf(bus);
    if (p < 0) throw new InputError({ source, field, value: bus }, `unknown bus of feeder ${feeder.name}`);
    return p;
  };
  const q = (lo: number, hi: number, k: number, count: number): number => (count === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (count - 1));
  const agents: StationChoiceAgent[] = [];
  sc.agents.origins.forEach((origin, oi) => {
    for (let k = 0; k < sc.agents.perOrigin; k++) {
      // Spread parameters over agents; the energy quantile is shifted by origin so VOT and energy are not perfectly correlated.
      const kv = k;
      const ke = (k + oi) % sc.agents.perOrigin;
      agents.push({
        origin, vehPerH: sc.agents.vehPerH,
        valueOfTimeUsdPerH: q(sc.agents.valueOfTimeUsdPerH[0], sc.agents.valueOfTimeUsdPerH[1], kv, sc.agents.perOrigin),
        energyKwh: q(sc.agents.energyKwh[0], sc.agents.energyKwh[1], ke, sc.agents.perOrigin),
      });
    }
  });
  const options = stationChoiceOptions(network, agents, sc.stations.map((s) => s.node), sc.routesPerStation);
  const n = feeder.buses.length;
  const lineBranch = Int32Array.from(sc.lineLimits, (l, k) => {
    const b = feeder.branches.findIndex((br) => (br.fromBus === l.from && br.toBus === l.to) || (br.fromBus === l.to && br.toBus === l.from));
    if (b < 0) throw new InputError({ source, field: `lineLimits[${k}]`, value: [l.from, l.to] }, `no such branch in ${feeder.name}`);
    return b;
  });
  const L = lineBranch.length;
  const nOpt = options.optStation.length;
  const G = sc.generators.length;
  const A = network.from.length;
  const S = sc.stations.length;
  const off = { x: 0, p: nOpt, q: nOpt + G, lam: nOpt + 2 * G, lamQ: nOpt + 2 * G + 1, muUp: nOpt + 2 * G + 2, muDn: 0, etaUp: 0, etaDn: 0, toll: 0, nu: 0, size: 0 };
  off.muDn = off.muUp + L;
  off.etaUp = off.muDn + L;
  off.etaDn = off.etaUp + n;
  off.toll = off.etaDn + n;
  off.nu = off.toll + A;
  off.size = off.nu + S;
  // Diagonal metric: units chosen so each block moves O(1) of its natural size per unit of F.
  const scale = new Float64Array(off.size);
  agents.forEach((a, i) => scale.fill(1 / (a.vehPerH * 10), off.x + options.optStart[i], off.x + options.optStart[i + 1]));
  scale.fill(0.01, off.p, off.lam);
  scale.fill(100, off.lam, off.etaUp);
  scale.fill(1e4, off.etaUp, off.toll);
  scale.fill(0.01, off.toll, off.nu);
  scale.fill(1e-4, off.nu, off.size);
  return {
    network, feeder, sens, agents, options, scenario: sc,
    stationBus: Int32Array.from(sc.stations, (s, k) => busPos(s.bus, `stations[${k}].bus`)),
    genBus: Int32Array.from(sc.generators, (g, k) => busPos(g.bus, `generators[${k}].bus`)),
    lineBranch, lineRateMw: Float64Array.from(sc.lineLimits, (l) => l.rateMva),
    backgroundVehPerH: Float64Array.from(network.capacity, (c) => c * sc.backgroundShareOfCapacity),
    roadLimitVehPerH: Float64Array.from(network.capacity, (c) => c * sc.roadLimitShareOfCapacity),
    loadMw: Float64Array.from(feeder.buses, (b) => b.pLoadMw * sc.loadScale),
    loadMvar: Float64Array.from(feeder.buses, (b) => b.qLoadMvar * sc.loadScale),
    off, scale,
  };
}

function naturalResidual(m: GweModel, z: Float64Array, f: Float64Array, tmp: Float64Array): number {
  for (let j = 0; j < z.length; j++) tmp[j] = z[j] - m.scale[j] * f[j];
  projectGwe(m, tmp);
  let num = 0;
  let den = 0;
  for (let j = 0; j < z.length; j++) {
    num += ((z[j] - tmp[j]) ** 2) / m.scale[j];
    den += (z[j] ** 2) / m.scale[j];
  }
  return Math.sqrt(num) / Math.max(1, Math.sqrt(den));
}

/** Initial point: preferred options, generators at half capacity, multipliers 0, λ at the cheapest cost. */
function initialPoint(m: GweModel): Float64Array {
  const z = new Float64Array(m.off.size);
  m.options.preferred.forEach((p, o) => (z[m.off.x + o] = p));
  m.scenario.generators.forEach((g, k) => (z[m.off.p + k] = g.pMaxMw / 2));
  z[m.off.lam] = Math.min(...m.scenario.generators.map((g) => g.costUsdPerMwh));
  return z;
}

/** Estimate the Lipschitz constant of S·F in the S⁻¹ metric by random secants. */
function estimateLipschitz(m: GweModel, z: Float64Array, st: GweState): number {
  const f0 = new Float64Array(z.length);
  const f1 = new Float64Array(z.length);
  evaluateGwe(m, z, f0, st);
  let L = 0;
  let seed = 12345;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  for (let trial = 0; trial < 8; trial++) {
    const d = Float64Array.from(z, (_, j) => rand() * m.scale[j] * 1e-3);
    const z1 = Float64Array.from(z, (v, j) => v + d[j]);
    evaluateGwe(m, z1, f1, st);
    let num = 0;
    let den = 0;
    for (let j = 0; j < z.length; j++) {
      num += (m.scale[j] * (f1[j] - f0[j])) ** 2 / m.scale[j];
      den += d[j] ** 2 / m.scale[j];
    }
    L = Math.max(L, Math.sqrt(num / den));
  }
  return L;
}

/**
 * Solve a seed-002 scenario by I-FoRB.
 *
 * @throws SolverError when the residual stays above tolerance (with the residual reached).
 * @example
 * const r = await solveGweScenario(parseGweScenario(raw, file), file);
 */
export async function solveGweScenario(sc: GweScenario, source: string, overrides: { tolerance?: number; maxIterations?: number } = {}): Promise<GweResult> {
  const m = buildGweModel(sc, source);
  const tol = overrides.tolerance ?? sc.solver.tolerance;
  const maxIt = overrides.maxIterations ?? sc.solver.maxIterations;
  const alpha = sc.solver.inertia;
  const st = createGweState(m);
  let z: Float64Array = initialPoint(m);
  projectGwe(m, z);
  const L = estimateLipschitz(m, z, st);
  let gamma = (0.9 * (1 - 3 * alpha)) / (2 * Math.max(L, 1e-9));
  let zPrev: Float64Array = Float64Array.from(z);
  const f = new Float64Array(z.length);
  let fPrev: Float64Array = new Float64Array(z.length);
  evaluateGwe(m, z, fPrev, st);
  const tmp = new Float64Array(z.length);
  const history: number[] = [];
  let best = Infinity;
  let bestZ: Float64Array = Float64Array.from(z);
  let it = 0;
  let r = Infinity;
  for (it = 1; it <= maxIt; it++) {
    evaluateGwe(m, z, f, st);
    r = naturalResidual(m, z, f, tmp);
    history.push(r);
    if (r <= tol) break;
    if (r < best) { best = r; bestZ = Float64Array.from(z); }
    else if (r > 10 * best) {
      // Safeguard: the L estimate was too optimistic here; restart from the best point.
      gamma /= 2;
      z = Float64Array.from(bestZ);
      zPrev = Float64Array.from(bestZ);
      evaluateGwe(m, z, fPrev, st);
      continue;
    }
    const next = new Float64Array(z.length);
    for (let j = 0; j < z.length; j++) next[j] = z[j] - gamma * m.scale[j] * (2 * f[j] - fPrev[j]) + alpha * (z[j] - zPrev[j]);
    projectGwe(m, next);
    zPrev = z;
    z = next;
    fPrev = Float64Array.from(f);
  }
  const iterations = Math.min(it, maxIt);
  evaluateGwe(m, z, f, st);
  r = naturalResidual(m, z, f, tmp);
  if (r > tol) throw new SolverError('equilibrium/gwe', 'not-converged', `I-FoRB residual above ${tol} after ${iterations} iterations`, r);
  return { status: 'converged', residual: r, iterations, residualHistory: history, stepSize: gamma, optionShare: z.slice(m.off.x, m.off.x + m.options.optStation.length), ...gweReport(m, z, st) };
}
