/**
 * Assemble the initial DistFlow LP (columns, rows, CSR matrix) for HiGHS'
 * `createModel` — the equations are listed in `distFlowInternals.ts`.
 */
import type { ModelData } from 'highs';
import type { NetworkTemplate } from '../templates/networkTemplate.js';

/** Column and row offsets of the DistFlow LP (each block has `nBus` or `nGen` entries). */
export interface DistFlowLayout {
  readonly colV: number;
  readonly colP: number;
  readonly colQ: number;
  readonly colL: number;
  readonly colShed: number;
  readonly colQInv: number;
  readonly colShedStation: number;
  readonly colPg: number;
  readonly colQg: number;
  readonly colZ: number;
  readonly numCols: number;
  readonly rowBalP: number;
  readonly rowBalQ: number;
  readonly rowDrop: number;
  readonly numRows: number;
}

// No fixed box on ℓ here: DistFlowModel sizes it per interval from the feeder (currentBox.ts).

/**
 * Build the layout and the `ModelData` of the DistFlow LP with zero demand
 * (demand arrives per interval as row bounds).
 *
 * @example
 * const { layout, data } = buildDistFlowLp(net, true, highs.infinity);
 * const model = highs.createModel(data);
 */
export function buildDistFlowLp(net: NetworkTemplate, withLosses: boolean, infinity: number): { layout: DistFlowLayout; data: ModelData } {
  const n = net.nBus;
  const m = net.genBus.length;
  const layout: DistFlowLayout = {
    colV: 0, colP: n, colQ: 2 * n, colL: 3 * n, colShed: 4 * n, colQInv: 5 * n, colShedStation: 6 * n,
    colPg: 7 * n, colQg: 7 * n + m, colZ: 7 * n + 2 * m, numCols: 7 * n + 3 * m,
    rowBalP: 0, rowBalQ: n, rowDrop: 2 * n, numRows: 3 * n,
  };
  const nc = layout.numCols;
  const cost = new Float64Array(nc);
  const lower = new Float64Array(nc);
  const upper = new Float64Array(nc);
  const fin = (v: number): number => (v === Infinity ? infinity : v === -Infinity ? -infinity : v);
  for (let b = 0; b < n; b++) {
    const root = net.parent[b] < 0;
    lower[layout.colV + b] = net.vMinSqPu[b];
    upper[layout.colV + b] = net.vMaxSqPu[b];
    lower[layout.colP + b] = root ? 0 : -infinity;
    upper[layout.colP + b] = root ? 0 : infinity;
    lower[layout.colQ + b] = root ? 0 : -infinity;
    upper[layout.colQ + b] = root ? 0 : infinity;
    upper[layout.colL + b] = root || !withLosses ? 0 : infinity;
    cost[layout.colShed + b] = net.shedCostUsdPerHPu;
    cost[layout.colShedStation + b] = net.shedCostUsdPerHPu;
  }
  for (let g = 0; g < m; g++) {
    cost[layout.colPg + g] = net.genC1UsdPerHPu[g];
    lower[layout.colPg + g] = fin(net.genPMinPu[g]);
    upper[layout.colPg + g] = fin(net.genPMaxPu[g]);
    lower[layout.colQg + g] = fin(net.genQMinPu[g]);
    upper[layout.colQg + g] = fin(net.genQMaxPu[g]);
    const quadratic = net.genC2UsdPerHPu2[g] > 0;
    cost[layout.colZ + g] = quadratic ? 1 : 0;
    upper[layout.colZ + g] = quadratic ? infinity : 0;
  }

  // Rows as (col, value) lists, then packed to CSR.
  const rows: { col: number[]; val: number[] }[] = Array.from({ length: layout.numRows }, () => ({ col: [], val: [] }));
  const put = (row: number, col: number, val: number): void => {
    if (val !== 0) {
      rows[row].col.push(col);
      rows[row].val.push(val);
    }
  };
  for (let b = 0; b < n; b++) {
    const a = net.parent[b];
    const balP = layout.rowBalP + b;
    const balQ = layout.rowBalQ + b;
    put(balP, layout.colV + b, -net.shuntGPu[b]);
    put(balQ, layout.colV + b, net.shuntBPu[b]);
    put(balP, layout.colShed + b, 1);
    put(balQ, layout.colShed + b, net.shedQRatio[b]);
    put(balQ, layout.colQInv + b, 1);
    // Station consumption is shed as pure P: its Q is fixed or an inverter decision.
    put(balP, layout.colShedStation + b, 1);
    if (a < 0) continue;
    const r = net.rPu[b];
    const x = net.xPu[b];
    put(balP, layout.colP + b, 1);
    put(balQ, layout.colQ + b, 1);
    put(layout.rowBalP + a, layout.colP + b, -1);
    put(layout.rowBalQ + a, layout.colQ + b, -1);
    const drop = layout.rowDrop + b;
    put(drop, layout.colV + b, 1 / net.tauSq[b]);
    put(drop, layout.colV + a, -1);
    put(drop, layout.colP + b, 2 * r);
    put(drop, layout.colQ + b, 2 * x);
    if (withLosses) {
      put(balP, layout.colL + b, -r);
      put(balQ, layout.colL + b, -x);
      put(drop, layout.colL + b, -(r * r + x * x));
    }
  }
  for (let g = 0; g < m; g++) {
    put(layout.rowBalP + net.genBus[g], layout.colPg + g, 1);
    put(layout.rowBalQ + net.genBus[g], layout.colQg + g, 1);
  }
  const starts = new Int32Array(layout.numRows + 1);
  for (let i = 0; i < layout.numRows; i++) starts[i + 1] = starts[i] + rows[i].col.length;
  const indices = new Int32Array(starts[layout.numRows]);
  const values = new Float64Array(starts[layout.numRows]);
  for (let i = 0; i < layout.numRows; i++) {
    // HiGHS wants each row's column indices without duplicates; sort for a canonical CSR.
    const order = rows[i].col.map((_, k) => k).sort((p, q) => rows[i].col[p] - rows[i].col[q]);
    order.forEach((k, j) => {
      indices[starts[i] + j] = rows[i].col[k];
      values[starts[i] + j] = rows[i].val[k];
    });
  }
  const zeros = new Float64Array(layout.numRows);
  return {
    layout,
    data: {
      numCols: nc, numRows: layout.numRows, colCost: cost, colLower: lower, colUpper: upper,
      rowLower: zeros, rowUpper: zeros,
      matrix: { format: 'csr', numRows: layout.numRows, numCols: nc, starts, indices, values },
    },
  };
}
