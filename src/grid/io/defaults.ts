/**
 * Price of shed load used when the data gives none, $/MWh (docs/model.md §3: shedding is
 * allowed everywhere at a penalty, and the DLMP equals it where shedding happens).
 * 1,000 $/MWh is far above the bundled import prices (20 $/MWh for case33bw,
 * 1 $/MWh for the 123-bus file), so the OPF sheds only when nothing else is feasible.
 *
 * @example
 * feeder.sheddingPenaltyUsdPerMwh === DEFAULT_SHEDDING_PENALTY_USD_PER_MWH; // for bundled feeders
 */
export const DEFAULT_SHEDDING_PENALTY_USD_PER_MWH = 1000;
