/**
 * Per-interval changes applied to a feeder without rebuilding it: the hook the
 * co-simulator uses for station net load (docs/model.md §3 "Multi-period", §4).
 */

/**
 * Extra power at a bus (a station or any added device).
 * Sign convention as loads: positive `pMw` = consumption (charging), negative = injection (V2G).
 * When `sMaxMva` is given the device has an inverter with capability `P² + Q² ≤ S²`
 * and its reactive power becomes a decision of the OPF (seed 001 reactive support);
 * otherwise `qMvar` (default 0, positive = consumption) is fixed.
 */
export interface BusInjection {
  readonly bus: number;
  readonly pMw: number;
  readonly qMvar?: number;
  readonly sMaxMva?: number;
}

/** One interval of a feeder study. */
export interface FeederInterval {
  /** Multiplier of every household load (P and Q), default 1. */
  readonly loadScale?: number;
  /** Extra injections (stations), summed per bus. */
  readonly injections?: readonly BusInjection[];
  /** Ids of branches out of service in this interval (may split the feeder into islands). */
  readonly outagedBranches?: readonly number[];
  /**
   * Substation import price for this interval, $/MWh (negative allowed); replaces every
   * substation's linear cost `costUsdPerMwh` in this interval only (absent: the feeder's).
   */
  readonly importPriceUsdPerMwh?: number;
}
