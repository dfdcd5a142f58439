/**
 * A rooted radial tree in per unit, as the sweep needs it. Entry i is a bus in BFS
 * order (parents before children); entries 1… also describe the branch to the parent:
 * parent — z = r + jx — ideal transformer (voltage gain a, `ratioSq` = a²) — bus i.
 */
export interface SweepTree {
  /** Parent position, -1 for the root (entry 0). */
  readonly parent: Int32Array;
  readonly rPu: Float64Array;
  readonly xPu: Float64Array;
  readonly ratioSq: Float64Array;
  /** Fixed consumption at each bus, pu. */
  readonly pLoadPu: Float64Array;
  readonly qLoadPu: Float64Array;
  /** Shunt conductance (consumes g·v) and susceptance (injects b·v), pu at v = 1. */
  readonly gShuntPu: Float64Array;
  readonly bShuntPu: Float64Array;
}

/** Settings of `sweepDistFlow`. */
export interface SweepSettings {
  /** Squared slack voltage, pu². */
  readonly slackVoltageSq: number;
  /** Convergence: largest change of a sending-end P or Q between sweeps, pu. */
  readonly tolerancePu: number;
  readonly maxIterations: number;
}

/** Sweep state at exit; arrays indexed by tree position. */
export interface SweepOutcome {
  readonly converged: boolean;
  readonly iterations: number;
  /** Last sweep's largest change of a sending-end P or Q, pu. */
  readonly changePu: number;
  /** Squared voltage magnitude v = |V|², pu. */
  readonly vSq: Float64Array;
  /** Sending-end (parent side) P and Q of the branch to the parent, pu. */
  readonly pSendPu: Float64Array;
  readonly qSendPu: Float64Array;
  /** Squared current ℓ through the branch impedance, pu. */
  readonly currentSq: Float64Array;
  /** Power drawn at the root from the upstream grid, pu. */
  readonly slackPPu: number;
  readonly slackQPu: number;
}

/**
 * Backward/forward sweep of the DistFlow equations (Baran & Wu 1989, branch-power form).
 *
 * Each iteration, with v from the previous forward sweep (flat start v = v₀):
 * 1. Backward (leaves → root): power leaving bus j downstream
 *    `P_j = p_j + g_j v_j + Σ_k P_jk`, `Q_j = q_j − b_j v_j + Σ_k Q_jk`; on the branch
 *    i → j the impedance's receiving end is at `v_j / a²`, so
 *    `ℓ_ij = (P_j² + Q_j²)·a² / v_j`, `P_ij = P_j + r ℓ_ij`, `Q_ij = Q_j + x ℓ_ij`.
 * 2. Root: slack supply `P_0 = p_0 + g_0 v_0 + Σ P_0k` (same for Q).
 * 3. Forward (root → leaves): `v_j = a²·(v_i − 2(r P_ij + x Q_ij) + (r² + x²) ℓ_ij)`.
 * 4. Stop when no sending-end P or Q moved by more than the tolerance.
 * A non-positive or non-finite voltage ends the sweep as not converged (voltage collapse).
 *
 * For the returned arrays the voltage-drop equations hold exactly, the balances exactly
 * up to the shunt terms (evaluated at the previous sweep's v), and `ℓ v = P² + Q²` to
 * the tolerance.
 *
 * @param tree - the tree in pu (see `SweepTree`).
 * @param settings - slack voltage, tolerance, iteration limit.
 * @returns the sweep state (see `SweepOutcome`).
 * @example
 * const out = sweepDistFlow(tree, { slackVoltageSq: 1, tolerancePu: 1e-10, maxIterations: 100 });
 */
export function sweepDistFlow(tree: SweepTree, settings: SweepSettings): SweepOutcome {
  const n = tree.parent.length;
  const { parent, rPu, xPu, ratioSq, pLoadPu, qLoadPu, gShuntPu, bShuntPu } = tree;
  const vSq = new Float64Array(n).fill(settings.slackVoltageSq);
  const pDown = new Float64Array(n);
  const qDown = new Float64Array(n);
  const pSend = new Float64Array(n);
  const qSend = new Float64Array(n);
  const currentSq = new Float64Array(n);
  let iterations = 0;
  let changePu = Infinity;
  let converged = false;
  let collapsed = false;

  while (iterations < settings.maxIterations && !converged && !collapsed) {
    iterations += 1;
    for (let i = 0; i < n; i += 1) {
      pDown[i] = pLoadPu[i] + gShuntPu[i] * vSq[i];
      qDown[i] = qLoadPu[i] - bShuntPu[i] * vSq[i];
    }
    changePu = 0;
    // Backward: children come after parents in BFS order, so a reverse scan has every
    // child's sending power added before its parent is used.
    for (let i = n - 1; i >= 1; i -= 1) {
      const p = pDown[i];
      const q = qDown[i];
      const l = ((p * p + q * q) * ratioSq[i]) / vSq[i];
      const ps = p + rPu[i] * l;
      const qs = q + xPu[i] * l;
      changePu = Math.max(changePu, Math.abs(ps - pSend[i]), Math.abs(qs - qSend[i]));
      currentSq[i] = l;
      pSend[i] = ps;
      qSend[i] = qs;
      pDown[parent[i]] += ps;
      qDown[parent[i]] += qs;
    }
    for (let i = 1; i < n; i += 1) {
      const r = rPu[i];
      const x = xPu[i];
      const v = ratioSq[i] * (vSq[parent[i]] - 2 * (r * pSend[i] + x * qSend[i]) + (r * r + x * x) * currentSq[i]);
      if (!(v > 0) || !Number.isFinite(v)) collapsed = true;
      vSq[i] = v;
    }
    converged = !collapsed && changePu <= settings.tolerancePu;
  }

  return {
    converged,
    iterations,
    changePu,
    vSq,
    pSendPu: pSend,
    qSendPu: qSend,
    currentSq,
    slackPPu: n > 0 ? pDown[0] : 0,
    slackQPu: n > 0 ? qDown[0] : 0,
  };
}
