/**
 * Independent cross-check of the HiGHS outer-approximation SOCP against SCS
 * (a primal-dual conic solver, npm `scs-solver`), which handles the rotated
 * cone P² + Q² ≤ v·ℓ natively as ‖(2P, 2Q, v − ℓ)‖ ≤ v + ℓ. The SCS model is
 * written here from the DistFlow equations, not from the code under test.
 */
import createSCS from 'scs-solver';
import { describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';

/** Solve the SOCP branch-flow OPF of `feeder` (oriented from bus order, no shedding) with SCS. */
async function solveWithScs(feeder: Feeder): Promise<{ objective: number; voltagePu: Map<number, number>; status: string }> {
  const scs = await createSCS();
  const base = feeder.baseMva;
  const n = feeder.buses.length;
  const pos = new Map(feeder.buses.map((b, i) => [b.id, i]));
  const parent = new Array<number>(n).fill(-1);
  const branchOf = new Array<number>(n).fill(-1);
  feeder.branches.forEach((br, k) => {
    if (!br.inService) return;
    parent[pos.get(br.toBus)!] = pos.get(br.fromBus)!;
    branchOf[pos.get(br.toBus)!] = k;
  });
  const gens = feeder.generators;
  const m = gens.length;
  // x = [v(n), P(n), Q(n), L(n), pg(m), qg(m)]
  const V = 0, P = n, Q = 2 * n, L = 3 * n, PG = 4 * n, QG = 4 * n + m;
  const nx = 4 * n + 2 * m;
  const rows: { e: [number, number][]; b: number }[] = [];
  const eq: typeof rows = [];
  const ineq: typeof rows = [];
  const soc: typeof rows = [];
  for (let b = 0; b < n; b++) {
    const bus = feeder.buses[b];
    const pe: [number, number][] = [];
    const qe: [number, number][] = [];
    const a = parent[b];
    if (a >= 0) {
      const br = feeder.branches[branchOf[b]];
      pe.push([P + b, 1], [L + b, -br.rPu]);
      qe.push([Q + b, 1], [L + b, -br.xPu]);
      eq.push({ e: [[V + b, 1], [V + a, -1], [P + b, 2 * br.rPu], [Q + b, 2 * br.xPu], [L + b, -(br.rPu ** 2 + br.xPu ** 2)]], b: 0 });
      soc.push({ e: [[V + a, -1], [L + b, -1]], b: 0 }, { e: [[P + b, -2]], b: 0 }, { e: [[Q + b, -2]], b: 0 }, { e: [[V + a, -1], [L + b, 1]], b: 0 });
      ineq.push({ e: [[L + b, -1]], b: 0 });
    } else {
      eq.push({ e: [[P + b, 1]], b: 0 }, { e: [[Q + b, 1]], b: 0 }, { e: [[L + b, 1]], b: 0 });
    }
    for (let c = 0; c < n; c++) {
      if (parent[c] === b) {
        pe.push([P + c, -1]);
        qe.push([Q + c, -1]);
      }
    }
    gens.forEach((g, k) => {
      if (g.bus === bus.id) {
        pe.push([PG + k, 1]);
        qe.push([QG + k, 1]);
      }
    });
    eq.push({ e: pe, b: bus.pLoadMw / base }, { e: qe, b: bus.qLoadMvar / base });
    if (bus.id === feeder.slackBus) eq.push({ e: [[V + b, 1]], b: feeder.slackVoltagePu ** 2 });
    ineq.push({ e: [[V + b, 1]], b: bus.vMaxPu ** 2 }, { e: [[V + b, -1]], b: -(bus.vMinPu ** 2) });
  }
  gens.forEach((g, k) => {
    ineq.push({ e: [[PG + k, 1]], b: g.pMaxMw / base }, { e: [[PG + k, -1]], b: -g.pMinMw / base });
    ineq.push({ e: [[QG + k, 1]], b: g.qMaxMvar / base }, { e: [[QG + k, -1]], b: -g.qMinMvar / base });
  });
  const all = [...eq, ...ineq, ...soc];
  const cols: [number, number][][] = Array.from({ length: nx }, () => []);
  all.forEach((row, i) => row.e.forEach(([j, v]) => cols[j].push([i, v])));
  const A_x: number[] = [];
  const A_i: number[] = [];
  const A_p: number[] = [0];
  for (const col of cols) {
    for (const [i, v] of col) {
      A_i.push(i);
      A_x.push(v);
    }
    A_p.push(A_i.length);
  }
  const c = new Array<number>(nx).fill(0);
  gens.forEach((g, k) => (c[PG + k] = g.costUsdPerMwh * base));
  const settings = new scs.ScsSettings();
  scs.setDefaultSettings(settings);
  settings.epsAbs = 1e-9;
  settings.epsRel = 1e-9;
  settings.maxIters = 200000;
  settings.verbose = 0;
  const nSoc = soc.length / 4;
  const sol = scs.solve(
    { m: all.length, n: nx, A_x, A_i, A_p, b: all.map((r) => r.b), c },
    { z: eq.length, l: ineq.length, q: new Array(nSoc).fill(4), qsize: nSoc },
    settings,
  );
  const voltagePu = new Map(feeder.buses.map((bus, b) => [bus.id, Math.sqrt(sol.x[V + b])]));
  return { objective: sol.info.pobj, voltagePu, status: sol.status };
}

describe('SOCP outer approximation vs SCS (independent conic solver)', () => {
  const case33 = loadBundledFeeder('case33bw');
  const withDg: Feeder = {
    ...case33,
    // A cheap DG with reactive range at the weak end, and a tighter voltage floor, so the optimum is not the power flow.
    generators: [...case33.generators, { id: 'dg18', kind: 'dg', bus: 18, pMinMw: 0, pMaxMw: 0.25, qMinMvar: -0.2, qMaxMvar: 0.2, costUsdPerMwh: 30, costUsdPerMw2h: 0 }],
    buses: case33.buses.map((b) => ({ ...b, vMinPu: b.id === 1 ? b.vMinPu : 0.92 })),
  };

  for (const [name, feeder] of [['case33bw', case33], ['case33bw + DG at bus 18, vMin 0.92 pu', withDg]] as const) {
    it(`${name}: objective within 1e-5 relative and voltages within 1e-4 pu of SCS`, async () => {
      const ref = await solveWithScs(feeder);
      expect(ref.status).toBe('SOLVED');
      const opf = await OpfSession.create(feeder);
      const r = opf.solve();
      opf.dispose();
      expect(r.status).toBe('optimal');
      expect(r.shedKw).toBeCloseTo(0, 6);
      expect(Math.abs(r.objectiveUsdPerH - ref.objective) / Math.abs(ref.objective)).toBeLessThan(1e-5);
      for (const bus of feeder.buses) expect(Math.abs(r.voltagePu[bus.id] - ref.voltagePu.get(bus.id)!)).toBeLessThan(1e-4);
    });
  }
});
