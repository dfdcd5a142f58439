/**
 * The opening of `docs/outputs.md`: what the page is and the naming rules every
 * output follows (the same rules as src/common/outputDoc.ts).
 */

/** Title, provenance note and introduction. */
export const OUTPUTS_INTRO = `# Outputs reference

<!-- Generated from the OutputDoc schemas (src/sim/results/outputDocs.ts, src/flex/report/outputDocs.ts,
     src/cli/outputs/*.ts) by renderOutputsReference(); do not edit by hand.
     Regenerate: npx tsx src/cli/outputsReference/writeDocs.ts -->

What every \`ev-cosim\` command prints (\`--json\`: exactly one JSON object on stdout) and writes (files in
its results folder or where an option says). Each table below is generated from the schema that the
tests hold real outputs against; the schemas are strict, so a field missing from this page is an error
in the tests, not a silent extra. Text summaries (without \`--json\`) are for reading and may change; the
JSON and CSV fields below are the contract.
`;

/** The naming rules. */
export const OUTPUTS_VOCABULARY = `## Vocabulary

One set of names across all commands:

- **camelCase** for every JSON key and CSV column.
- **A physical quantity ends in its unit**, written camelCase as a suffix: \`shedKw\`, \`netMw\`, \`lossesKw\`,
  \`dlmpUsdPerMwh\`, \`budgetYuan\`, \`voltagePu\`, \`wallMs\`. Compound units read left to right
  (\`UsdPerMwh\` = $/MWh, \`VehMinPerH\` = vehicle-minutes per hour).
- **No suffix means dimensionless**: ratios and shares (\`relativeGap\`, \`share\`, \`loadScale\`,
  \`stationVisitShare\`) and counts (\`iterations\`, \`lpSolves\`).
- **Identifiers** are named by what they identify: \`station\`, \`bus\`, \`link\`, \`node\` (\`id\` inside a list
  of the things it identifies). Buses are the feeder data's own bus numbers.
- **Extremes name where they occur**: \`minVoltagePu\` with \`minVoltageBus\`, \`maxDlmpUsdPerMwh\` with \`maxDlmpBus\`.
- **Every time is given twice**: \`interval\` (0-based index of the interval in the horizon) and \`clock\`
  (\`HH:MM\`, start of the interval). A peak time is a pair such as \`peakStationNetInterval\` +
  \`peakStationNetAt\` (\`HH:MM\`). Durations of computing end in \`Ms\` (\`wallMs\`, \`trafficMs\`).
- **Maps** are JSON objects keyed by an id: \`…ByBus\` by bus number (\`dlmpUsdPerMwhByBus\`), others by station
  or LSE id; the unit of the values is in the name. In the tables a map's key is written in angle brackets,
  e.g. \`dlmpComponentsByBus.<bus>.lossUsdPerMwh\`.
- **CSV files hold one value per cell** with a header row; a vector is written in long format, one row per
  element (e.g. columns \`budgetYuan,point,station,netMw\`).

| suffix | unit |
|---|---|
| \`Mw\`, \`Kw\` | MW, kW (active power) |
| \`Mvar\` | Mvar (reactive power) |
| \`Mwh\`, \`Kwh\`, \`Mvarh\` | MWh, kWh, Mvarh (energy) |
| \`Pu\` | per unit (voltage magnitude) |
| \`Pu2\` | pu² (squared current, cone gap) |
| \`Mw2\`, \`Mw3\`, \`Mw4\` … | MW², MW³, MW⁴ … (area, volume of a flexibility region in 2, 3, 4 … stations) |
| \`Usd\`, \`Yuan\` | US dollars, yuan |
| \`UsdPerH\` | $/h |
| \`UsdPerMwh\`, \`UsdPerMvarh\`, \`UsdPerKwh\` | $/MWh, $/Mvarh, $/kWh |
| \`YuanPerKwh\`, \`YuanPerVisit\` | ¥/kWh, ¥ per station visit |
| \`VehPerH\`, \`Veh\`, \`VehH\` | vehicles per hour, vehicles, vehicle-hours |
| \`Min\`, \`Sec\`, \`Ms\` | minutes, seconds, milliseconds |
| \`Km\` | kilometres |
| \`Pct\` | percent |
`;
