/** Outputs of a flexibility study: re-exports only. */
export { compareModels, type ModelComparisonRow } from './compareModels.js';
export { flexJson } from './flexJson.js';
export { flexReportHtml } from './flexReportHtml.js';
export { projectionSvg, polygon2d } from './projectionSvg.js';
export { writeFlexOutputs, type WriteFlexOptions } from './writeFlexOutputs.js';
