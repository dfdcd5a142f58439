/**
 * Semismooth Newton method for a box-constrained mixed complementarity problem
 * (docs/static-equilibria.md §2.2): find z with Φ(z) = z − P_[lo,hi](z − D·G(z)) = 0.
 *
 * Φ is piecewise smooth (piecewise affine for affine G). At z the components split into
 * active ones (z − D·G outside (lo, hi): Φ_j = z_j − bound, Newton step d_j = −Φ_j) and
 * inactive ones (Φ_j = D_j G_j: G_I' d = −G_I); the inactive system is solved by dense
 * LU with a proximal diagonal ρ in the scaled rows, (D·J + ρI) d = −Φ, so that
 * non-unique route flows or dependent voltage rows do not make it singular (the zeros
 * of Φ are unchanged by it). Globalized Levenberg–Marquardt style: a step is accepted
 * when ½‖Φ‖²_{D⁻¹} decreases (Armijo, a short backtracking along the projected step),
 * then ρ shrinks 100×; otherwise ρ grows 10×. With ρ → 0 near a solution whose active
 * set is identified, Newton on a piecewise-affine Φ ends in one step.
 */

/** What the Newton method needs from a problem. */
export interface GweMcp {
  readonly size: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly scale: Float64Array;
  /** G(z) into g (and any cached state for `jacobian`). */
  evaluate(z: Float64Array, g: Float64Array): void;
  /** Dense dG/dz (row-major) at the point of the last `evaluate`. */
  jacobian(jac: Float64Array): void;
}

/** Outcome of `solveGweNewton`. */
export interface GweNewtonResult {
  readonly iterations: number;
  /** Natural residual ‖Φ‖_{D⁻¹} / max(1, ‖z‖_{D⁻¹}) at the end. */
  readonly residual: number;
  readonly history: number[];
}

/**
 * Natural residual of z (writes Φ into `phi`).
 * @example
 * const r = gweNaturalResidual(prob, z, g, phi);
 */
export function gweNaturalResidual(prob: GweMcp, z: Float64Array, g: Float64Array, phi: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < prob.size; j++) {
    const t = Math.min(prob.hi[j], Math.max(prob.lo[j], z[j] - prob.scale[j] * g[j]));
    phi[j] = z[j] - t;
    num += (phi[j] * phi[j]) / prob.scale[j];
    den += (z[j] * z[j]) / prob.scale[j];
  }
  return Math.sqrt(num) / Math.max(1, Math.sqrt(den));
}

/** In-place LU with partial pivoting of the k×k row-major matrix a; solves a x = b into b. */
function luSolve(a: Float64Array, b: Float64Array, k: number): boolean {
  for (let col = 0; col < k; col++) {
    let piv = col;
    let best = Math.abs(a[col * k + col]);
    for (let r = col + 1; r < k; r++) {
      const v = Math.abs(a[r * k + col]);
      if (v > best) { best = v; piv = r; }
    }
    if (!(best > 1e-300)) return false;
    if (piv !== col) {
      for (let c = 0; c < k; c++) {
        const t = a[col * k + c]; a[col * k + c] = a[piv * k + c]; a[piv * k + c] = t;
      }
      const t = b[col]; b[col] = b[piv]; b[piv] = t;
    }
    const d = a[col * k + col];
    for (let r = col + 1; r < k; r++) {
      const f = a[r * k + col] / d;
      if (f === 0) continue;
      a[r * k + col] = 0;
      for (let c = col + 1; c < k; c++) a[r * k + c] -= f * a[col * k + c];
      b[r] -= f * b[col];
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < k; c++) s -= a[r * k + c] * b[c];
    b[r] = s / a[r * k + r];
  }
  return true;
}

/**
 * Solve the MCP from z (updated in place) to natural residual `tolerance`.
 * @example
 * const r = solveGweNewton(prob, z, { tolerance: 1e-10, maxIterations: 100 });
 */
export function solveGweNewton(prob: GweMcp, z: Float64Array, opts: { tolerance: number; maxIterations: number }): GweNewtonResult {
  const N = prob.size;
  const g = new Float64Array(N);
  const phi = new Float64Array(N);
  const jac = new Float64Array(N * N);
  const d = new Float64Array(N);
  const trial = new Float64Array(N);
  const gTrial = new Float64Array(N);
  const phiTrial = new Float64Array(N);
  const isInactive = new Uint8Array(N);
  const history: number[] = [];
  const merit = (ph: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < N; j++) s += (ph[j] * ph[j]) / prob.scale[j];
    return s;
  };
  prob.evaluate(z, g);
  let r = gweNaturalResidual(prob, z, g, phi);
  let rho = 1e-6;
  let it = 0;
  for (it = 0; it < opts.maxIterations && r > opts.tolerance; it++) {
    prob.jacobian(jac);
    const inactive: number[] = [];
    isInactive.fill(0);
    for (let j = 0; j < N; j++) {
      const t = z[j] - prob.scale[j] * g[j];
      if (t > prob.lo[j] && t < prob.hi[j]) { inactive.push(j); isInactive[j] = 1; }
      else d[j] = -phi[j];
    }
    const k = inactive.length;
    const base = new Float64Array(k * k);
    const rhs0 = new Float64Array(k);
    inactive.forEach((j, row) => {
      const off = j * N;
      let s = -g[j];
      for (let c = 0; c < N; c++) if (!isInactive[c] && d[c] !== 0) s -= jac[off + c] * d[c];
      rhs0[row] = s;
      inactive.forEach((c, col) => (base[row * k + col] = jac[off + c]));
    });
    const m0 = merit(phi);
    let accepted = false;
    // Levenberg–Marquardt-like proximal weight ρ on the scaled rows: (D·J + ρI) d = −Φ.
    for (; rho <= 1e8 && !accepted; rho *= 10) {
      const mat = Float64Array.from(base);
      const rhs = Float64Array.from(rhs0);
      inactive.forEach((j, row) => (mat[row * k + row] += rho / prob.scale[j]));
      if (!luSolve(mat, rhs, k)) continue;
      inactive.forEach((j, row) => (d[j] = rhs[row]));
      for (let t = 1, ls = 0; ls < 4 && !accepted; ls++, t /= 4) {
        for (let j = 0; j < N; j++) trial[j] = Math.min(prob.hi[j], Math.max(prob.lo[j], z[j] + t * d[j]));
        prob.evaluate(trial, gTrial);
        gweNaturalResidual(prob, trial, gTrial, phiTrial);
        accepted = merit(phiTrial) <= (1 - 1e-4 * t) * m0;
      }
      if (accepted) break;
    }
    if (!accepted) break;
    rho = Math.max(1e-12, rho / 100);
    z.set(trial);
    prob.evaluate(z, g);
    r = gweNaturalResidual(prob, z, g, phi);
    history.push(r);
  }
  return { iterations: it, residual: r, history };
}
