/** One branch of a power-flow result. */
export interface PowerFlowBranch {
  /** `FeederBranch.id`. */
  readonly id: number;
  /** Sending (parent) and receiving (child) bus ids in tree orientation; data orientation when not energized. */
  readonly fromBus: number;
  readonly toBus: number;
  /** Sending-end active and reactive power, MW / MVAr (tree orientation; negative = reverse flow). */
  readonly pMw: number;
  readonly qMvar: number;
  /** Squared current magnitude ℓ through the series impedance, pu (on the data's impedance side). */
  readonly currentSqPu: number;
  /** Series losses r·ℓ, kW. */
  readonly lossesKw: number;
  /** False for branches out of service, outaged, or in an island without the slack (all values 0). */
  readonly energized: boolean;
}

/** Result of `runPowerFlow` (docs/model.md §3 reference values: case33bw 202.68 kW, 0.91309 pu at bus 18). */
export interface PowerFlowResult {
  /** True when the sweep met the tolerance within the iteration limit. */
  readonly converged: boolean;
  /** Backward/forward sweeps done. */
  readonly iterations: number;
  /** Largest change of a branch's sending-end P or Q in the last sweep, MW / MVAr. */
  readonly mismatchMw: number;
  /** Voltage magnitude by bus id, pu (0 for unsupplied buses). */
  readonly voltagePu: Record<number, number>;
  /** Lowest voltage among supplied buses, pu, and its bus id. */
  readonly minVoltagePu: number;
  readonly minVoltageBus: number;
  /** Total series losses, kW. */
  readonly lossesKw: number;
  /** Power drawn from the slack (substation), MW / MVAr. */
  readonly slackPMw: number;
  readonly slackQMvar: number;
  /** All branches, in `feeder.branches` order. */
  readonly branches: readonly PowerFlowBranch[];
  /** Bus ids in islands without the slack (no supply in a power flow). */
  readonly unsuppliedBuses: readonly number[];
  /** Their net load, MW (what an OPF would have to shed or serve locally). */
  readonly unsuppliedLoadMw: number;
}
