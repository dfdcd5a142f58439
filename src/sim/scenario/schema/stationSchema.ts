/**
 * Scenario section `stations`: bidirectional charging / V2G stations, each at a
 * road node and a feeder bus (docs/model.md §2 station links, §6 reference stations).
 */
import { z } from 'zod';

/** Schema of one station. */
export const stationSchema = z
  .strictObject({
    id: z.string().min(1).describe('Station name used in results, e.g. `"CS1"`.'),
    node: z
      .number()
      .int()
      .describe('External id of the road node the station sits at (split into the node and a virtual node joined by charge / V2G / bypass links).'),
    bus: z.number().int().describe("Feeder bus (the data's own bus number) the station's net load is connected to."),
    chargers: z.number().int().nonnegative().describe('Number of chargers c_ch (servers of the charge link).'),
    v2gPorts: z.number().int().nonnegative().describe('Number of V2G ports c_v2g (servers of the V2G link).'),
    chargeKw: z.number().nonnegative().describe('Charging power per vehicle p_ch, kW.'),
    chargeServiceMin: z.number().nonnegative().describe('Charging service time t_ch, minutes.'),
    v2gKw: z.number().nonnegative().describe('V2G discharge power per vehicle p_v2g, kW.'),
    v2gServiceMin: z.number().nonnegative().describe('V2G service time t_v2g, minutes.'),
    chargeCongestionMaxMin: z
      .number()
      .nonnegative()
      .describe('Congestion term t_ch_max of the charge link time τ + t_ch + t_ch_max (h/c_ch)³, minutes (docs/model.md §2).'),
    v2gCongestionMaxMin: z
      .number()
      .nonnegative()
      .describe('Congestion term t_v2g_max of the V2G link time τ + t_v2g + t_v2g_max (h/c_v2g)³, minutes (docs/model.md §2).'),
    inverterSMaxMva: z
      .number()
      .positive()
      .optional()
      .describe(
        'Station inverter rating S, MVA. When given, the OPF may use the station for reactive support within P² + Q² ≤ S² (docs/model.md §3, seed 001); when absent the station draws no reactive power.',
      ),
  })
  .describe('A bidirectional charging / V2G station.');

/** A parsed station. */
export type ScenarioStation = z.output<typeof stationSchema>;
