/**
 * The power side of the seed-000 V2G market equilibrium as one convex program
 * (seed 000 §II-A, II-C, II-D, II-E; docs/model.md §3 LinDistFlow): a LinDistFlow DSO per
 * island, competing LSEs (quadratic generation cost, Cournot retail sales against a
 * linear inverse demand per bus), a TSO import at the slack bus, load shedding of the
 * fixed household portion, and one net-exchange column per charging station (the CNO).
 *
 * Why one program: with price-taking DSO/CNO, Cournot LSEs facing linear inverse
 * demand and the separable traffic costs of seed 000, the equilibrium KKT system is
 * the KKT system of a single convex potential (docs/static-equilibria.md §1.4). Its
 * bus-balance duals are the DLMPs and the station rows' duals the charging prices.
 *
 * The builder returned here has no traffic columns; the caller links each station's
 * net-exchange column to its demand (fixed MW, or EV path flows).
 */
import { InputError } from '../../common/errors.js';
import { radialTrees } from '../data/radialTrees.js';
import type { Feeder } from '../model/feeder.js';
import { MarketQpBuilder } from './marketQpBuilder.js';

/** One dispatchable unit of an LSE (seed 000 eq. 10: C(g) = a g² + b g). */
export interface MarketGenerator {
  readonly bus: number;
  readonly pMinMw: number;
  readonly pMaxMw: number;
  /** Reactive capability ±qMaxMvar. */
  readonly qMaxMvar: number;
  readonly costUsdPerMwh: number;
  readonly costUsdPerMw2h: number;
}

/** A load-serving entity: its units; it may sell to households at every load bus. */
export interface MarketLse {
  readonly id: string;
  readonly generators: readonly MarketGenerator[];
}

/** A charging station's bus and CNO net-exchange limits (negative = injection). */
export interface MarketStation {
  readonly bus: number;
  readonly pMinMw: number;
  readonly pMaxMw: number;
}

/** Everything the power side needs besides the feeder. */
export interface MarketSpec {
  /** Multiplier of every household load (stress scenarios: 1.5). */
  readonly loadScale: number;
  /** Ids of out-of-service branches (islanding). */
  readonly outagedBranches: readonly number[];
  /** Portion of each bus's household load that is inelastic (served or shed), 0…1. */
  readonly fixedShare: number;
  /** Inverse demand p = α − βS of the elastic portion, calibrated so that at this retail price… */
  readonly elasticRefPriceUsdPerMwh: number;
  /** …demand equals its nominal quantity with this point elasticity (> 0). */
  readonly elasticity: number;
  readonly lses: readonly MarketLse[];
  readonly importPriceUsdPerMwh: number;
  readonly importMaxMw: number;
  readonly importQMaxMvar: number;
  readonly sheddingPenaltyUsdPerMwh: number;
  readonly stations: readonly MarketStation[];
  /** Voltage limits, pu (squared in the model). */
  readonly vMinPu: number;
  readonly vMaxPu: number;
  /** Rating for branches the feeder leaves unrated, MVA (Infinity = none). */
  readonly defaultRatingMva: number;
  /** Per-branch rating overrides, MVA. */
  readonly ratings: readonly { readonly branchId: number; readonly rateMva: number }[];
}

/** A separable convex cost a·x² + b·x ($/h) of column `col` on [lower, upper]. */
export interface QuadraticTerm {
  readonly col: number;
  readonly quadUsdPerMw2h: number;
  readonly linUsdPerMwh: number;
  readonly lower: number;
  readonly upper: number;
}

/** Column/row indices of the market program, for reading results and duals. */
export interface MarketModel {
  readonly builder: MarketQpBuilder;
  readonly busIds: Int32Array;
  /** Bus-balance row per bus position (dual = DLMP, $/MWh). */
  readonly balanceRow: Int32Array;
  readonly reactiveRow: Int32Array;
  /** Island label per bus position (0 = slack island). */
  readonly island: Int32Array;
  readonly islandCount: number;
  /** Station net-exchange column (MW, + = withdrawal) per station. */
  readonly stationCol: Int32Array;
  readonly stationBusPosition: Int32Array;
  /** Per LSE, per generator: the P column. */
  readonly genCol: readonly Int32Array[];
  /** Total retail sales S per bus position (−1 where no household), MW; each LSE sells S/F. */
  readonly totalSalesCol: Int32Array;
  /**
   * Convex quadratic cost terms a·x² + b·x of single columns (generation cost;
   * the Cournot potential β/2·S² + Σ_f β/2·s_f²). They are NOT in the builder's
   * objective: the caller represents them (outer approximation, exact evaluation).
   */
  readonly terms: readonly QuadraticTerm[];
  /** Shedding column per bus position (−1 where no fixed load). */
  readonly shedCol: Int32Array;
  readonly importCol: number;
  /** Inverse demand α, β ($/MWh, $/MWh per MW) and fixed load (MW) per bus position. */
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  readonly fixedLoadMw: Float64Array;
  /** Branch P-flow column per branch index (−1 when out of service). */
  readonly flowCol: Int32Array;
}

/**
 * Build the power-side market program for `feeder` under `spec`.
 *
 * Steps: (1) islands from `radialTrees`; (2) per bus: v column, P/Q balance rows,
 * shedding column, retail sales column S with the symmetric Cournot potential
 * −αS + β(F+1)/(2F)·S²; (3) per tree branch: P, Q columns bounded by the
 * rating and the LinDistFlow voltage-drop row; (4) generators, import; (5) station
 * net-exchange columns in their bus balance.
 *
 * @throws InputError for an unknown bus in a generator or station, or bad numbers.
 * @example
 * const model = buildMarketProblem(loadBundledFeeder('ieee123'), spec);
 */
export function buildMarketProblem(feeder: Feeder, spec: MarketSpec): MarketModel {
  const src = 'grid/problems/market';
  if (!(spec.elasticity > 0)) throw new InputError({ source: src, field: 'elasticity', value: spec.elasticity }, 'must be > 0');
  if (!(spec.fixedShare >= 0 && spec.fixedShare <= 1)) throw new InputError({ source: src, field: 'fixedShare', value: spec.fixedShare }, 'must be in [0, 1]');
  const trees = radialTrees(feeder, spec.outagedBranches);
  const n = feeder.buses.length;
  const qp = new MarketQpBuilder();
  const busIds = Int32Array.from(feeder.buses, (b) => b.id);
  const posOf = new Map<number, number>();
  busIds.forEach((id, p) => posOf.set(id, p));
  const busPos = (bus: number, field: string): number => {
    const p = posOf.get(bus);
    if (p === undefined) throw new InputError({ source: src, field, value: bus }, `unknown bus of feeder ${feeder.name}`);
    return p;
  };
  const island = new Int32Array(n);
  trees.forEach((t, k) => t.busPosition.forEach((p) => (island[p] = k)));

  const vCol = new Int32Array(n);
  const balanceRow = new Int32Array(n);
  const reactiveRow = new Int32Array(n);
  const fixedLoadMw = new Float64Array(n);
  const alpha = new Float64Array(n);
  const beta = new Float64Array(n);
  const shedCol = new Int32Array(n).fill(-1);
  const totalSalesCol = new Int32Array(n).fill(-1);
  const terms: QuadraticTerm[] = [];
  const v2 = (v: number): number => v * v;
  for (let p = 0; p < n; p++) {
    const bus = feeder.buses[p];
    const isSlack = bus.id === feeder.slackBus;
    const vFix = v2(feeder.slackVoltagePu);
    vCol[p] = qp.addCol({ lower: isSlack ? vFix : v2(spec.vMinPu), upper: isSlack ? vFix : v2(spec.vMaxPu) });
    const pLoad = spec.loadScale * bus.pLoadMw;
    const pf = bus.pLoadMw > 0 ? bus.qLoadMvar / bus.pLoadMw : 0;
    fixedLoadMw[p] = spec.fixedShare * pLoad + bus.shuntGMw;
    // P balance: inflow − outflow + supply − withdrawals = fixed load.
    balanceRow[p] = qp.addRow([], [], fixedLoadMw[p], fixedLoadMw[p]);
    const qFixed = spec.fixedShare * spec.loadScale * bus.qLoadMvar - bus.shuntBMvar;
    reactiveRow[p] = qp.addRow([], [], qFixed, qFixed);
    if (spec.fixedShare * pLoad > 0) {
      shedCol[p] = qp.addCol({ cost: spec.sheddingPenaltyUsdPerMwh, lower: 0, upper: spec.fixedShare * pLoad });
      qp.addToRow(balanceRow[p], shedCol[p], 1);
      if (pf !== 0) qp.addToRow(reactiveRow[p], shedCol[p], pf);
    }
    const sRef = (1 - spec.fixedShare) * pLoad;
    if (sRef > 0 && spec.lses.length > 0) {
      beta[p] = spec.elasticRefPriceUsdPerMwh / (spec.elasticity * sRef);
      alpha[p] = spec.elasticRefPriceUsdPerMwh * (1 + 1 / spec.elasticity);
      // Sales above α/β would have a negative retail price: a natural bound.
      // Symmetric Cournot reduction: the LSEs face the same DLMP, inverse demand and
      // (zero) retail cost at a bus, so at equilibrium each sells s_f = S/F and the
      // potential of the bus market is −αS + β(F+1)/(2F)·S² (docs §1.4).
      const sMax = alpha[p] / beta[p];
      const F = spec.lses.length;
      totalSalesCol[p] = qp.addCol({ cost: -alpha[p], lower: 0, upper: sMax });
      terms.push({ col: totalSalesCol[p], quadUsdPerMw2h: (beta[p] * (F + 1)) / (2 * F), linUsdPerMwh: 0, lower: 0, upper: sMax });
      qp.addToRow(balanceRow[p], totalSalesCol[p], -1);
      if (pf !== 0) qp.addToRow(reactiveRow[p], totalSalesCol[p], -pf);
    }
  }

  const rating = new Map<number, number>();
  spec.ratings.forEach((r) => rating.set(r.branchId, r.rateMva));
  const flowCol = new Int32Array(feeder.branches.length).fill(-1);
  const base = feeder.baseMva;
  for (const tree of trees) {
    for (let k = 1; k < tree.busIds.length; k++) {
      const b = tree.branchIndex[k];
      const br = feeder.branches[b];
      const rate = rating.get(br.id) ?? (Number.isFinite(br.rateMva) ? br.rateMva : spec.defaultRatingMva);
      const pc = qp.addCol({ lower: -rate, upper: rate });
      const qc = qp.addCol({ lower: -rate, upper: rate });
      flowCol[b] = pc;
      const child = tree.busPosition[k];
      const parent = tree.busPosition[tree.parent[k]];
      qp.addToRow(balanceRow[child], pc, 1);
      qp.addToRow(balanceRow[parent], pc, -1);
      qp.addToRow(reactiveRow[child], qc, 1);
      qp.addToRow(reactiveRow[parent], qc, -1);
      const r2 = br.ratio * br.ratio;
      const parentFactor = tree.reversed[k] === 1 ? 1 / r2 : r2;
      const dropFactor = tree.reversed[k] === 1 ? 1 : r2;
      qp.addRow(
        [vCol[child], vCol[parent], pc, qc],
        [1, -parentFactor, (2 * dropFactor * br.rPu) / base, (2 * dropFactor * br.xPu) / base],
        0,
        0,
      );
    }
  }

  const genCol = spec.lses.map((lse, f) =>
    Int32Array.from(lse.generators, (g, k) => {
      const p = busPos(g.bus, `lses[${f}].generators[${k}].bus`);
      const col = qp.addCol({ lower: g.pMinMw, upper: g.pMaxMw });
      terms.push({ col, quadUsdPerMw2h: g.costUsdPerMw2h, linUsdPerMwh: g.costUsdPerMwh, lower: g.pMinMw, upper: g.pMaxMw });
      qp.addToRow(balanceRow[p], col, 1);
      const qc = qp.addCol({ lower: -g.qMaxMvar, upper: g.qMaxMvar });
      qp.addToRow(reactiveRow[p], qc, 1);
      return col;
    }),
  );
  const slack = busPos(feeder.slackBus, 'slackBus');
  const importCol = qp.addCol({ cost: spec.importPriceUsdPerMwh, lower: 0, upper: spec.importMaxMw });
  qp.addToRow(balanceRow[slack], importCol, 1);
  const qImport = qp.addCol({ lower: -spec.importQMaxMvar, upper: spec.importQMaxMvar });
  qp.addToRow(reactiveRow[slack], qImport, 1);

  const stationBusPosition = Int32Array.from(spec.stations, (s, k) => busPos(s.bus, `stations[${k}].bus`));
  const stationCol = Int32Array.from(spec.stations, (s, k) => {
    const col = qp.addCol({ lower: s.pMinMw, upper: s.pMaxMw });
    qp.addToRow(balanceRow[stationBusPosition[k]], col, -1);
    return col;
  });
  return {
    builder: qp, busIds, balanceRow, reactiveRow, island, islandCount: trees.length, stationCol, stationBusPosition,
    genCol, totalSalesCol, terms, shedCol, importCol, alpha, beta, fixedLoadMw, flowCol,
  };
}
