/** Outputs of a flexibility study (issue #4 item 6): re-exports only. */
export { compareModels, type ModelComparisonRow } from './compareModels.ts';
export { flexJson } from './flexJson.ts';
export { flexReportHtml } from './flexReportHtml.ts';
export { projectionSvg, polygon2d } from './projectionSvg.ts';
export { writeFlexOutputs, type WriteFlexOptions } from './writeFlexOutputs.ts';
