/** Outputs of a flexibility study: re-exports only. */
export type { FlexModelJson, FlexTierJson, RegionMeasureKey } from '../sweep/flexModelResult.js';
export { regionMeasureKey } from '../sweep/flexModelResult.js';
export { compareModels, dimensionLabel, type ModelComparisonRow } from './compareModels.js';
export { flexJson, type FlexBothJson, type FlexModelPlanJson, type FlexPlanJson } from './flexJson.js';
export { flexReportHtml } from './flexReportHtml.js';
export { narrowStations, narrowStationsWarning, NARROW_RANGE_FRACTION, type NarrowStation, type NarrowStationsReport } from './narrowStations.js';
export { projectionSvg, polygon2d } from './projectionSvg.js';
export { rangeChartSvg } from './rangeChartSvg.js';
export { writeFlexOutputs, type WriteFlexOptions } from './writeFlexOutputs.js';
export { FLEX_OUTPUT_DOCS } from './outputDocs.js';
export { flexJsonSchema, flexStdoutSchema, flexModelSchema, flexPointSchema, flexTierSchema } from './flexJsonSchema.js';
export { tiersCsvSchema, rangesCsvSchema, pointsCsvSchema, verticesCsvSchema, couponsCsvSchema } from './flexCsvSchemas.js';
