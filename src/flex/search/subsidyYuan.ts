/**
 * The subsidy actually paid for a coupon book, F_bs (docs/model.md §5, seed 003 §2.1 eq. F_bs).
 */

/** What the subsidy needs from a co-simulation result, per station per interval (index `s * intervals + t`). */
export interface SubsidyInputs {
  readonly intervals: number;
  /** Vehicles reaching each station's chargers / V2G ports in each interval. */
  readonly chargeArrivalsVeh: ArrayLike<number>;
  readonly v2gArrivalsVeh: ArrayLike<number>;
  /** Energy delivered per charging visit E_ch = p_ch · t_ch, kWh, per station. */
  readonly chargeKWhPerVisit: ArrayLike<number>;
}

/**
 * F_bs = Σ_t Σ_s (arrivals_ch · ψ_ch · E_ch + arrivals_v2g · ψ_v2g), ¥.
 *
 * Why this form: the drivers' link cost (docs/model.md §2) discounts a charging visit by
 * ψ_ch · E_ch (¥/kWh × kWh per visit) and pays ψ_v2g once per V2G visit, so the
 * operator pays exactly that per arriving vehicle. The paper writes
 * Σ (p_ch·ψ_ch·w + ψ_v2g·w)·Δt with w an inflow rate: w·Δt is the interval's
 * arrivals, and p_ch·ψ_ch (kW × ¥/kWh = ¥/h) becomes ¥ per visit once multiplied by
 * the service time, i.e. ψ_ch·E_ch. The two agree when E_ch = p_ch · t_ch.
 *
 * @param inputs - arrivals and energy per visit
 * @param coupons - ψ_ch (¥/kWh) and ψ_v2g (¥/visit), index `s * intervals + t`
 * @returns subsidy in ¥
 * @example
 * subsidyYuan({ intervals: 1, chargeArrivalsVeh: [10], v2gArrivalsVeh: [4], chargeKWhPerVisit: [20] },
 *   { chargeYuanPerKWh: [0.5], v2gYuanPerVisit: [10] }); // 10·0.5·20 + 4·10 = 140
 */
export function subsidyYuan(
  inputs: SubsidyInputs,
  coupons: { readonly chargeYuanPerKWh: ArrayLike<number>; readonly v2gYuanPerVisit: ArrayLike<number> },
): number {
  const T = inputs.intervals;
  let total = 0;
  for (let i = 0; i < coupons.chargeYuanPerKWh.length; i++) {
    const s = Math.floor(i / T);
    total += inputs.chargeArrivalsVeh[i] * coupons.chargeYuanPerKWh[i] * inputs.chargeKWhPerVisit[s];
    total += inputs.v2gArrivalsVeh[i] * coupons.v2gYuanPerVisit[i];
  }
  return total;
}
