/**
 * Convergence of a run, one unit per panel (docs/model.md §2 DUE gap, §3 cone gap,
 * §4 price feedback): the DUE relative gap (dimensionless), the largest OPF cone gap
 * (pu²) and the price residual (¥/kWh), each on its own log axis with its tolerance. A quantity that is
 * 0 in every interval gets a sentence instead of an empty panel.
 */
import { lineChart } from '../../common/charts/lineChart.js';
import { prepareSeries } from '../../common/charts/prepareSeries.js';
import { seriesStyle } from '../../common/charts/seriesStyle.js';
import { escapeXml } from '../../common/svgText.js';
import type { CosimSummary } from '../results/summarySchema.js';
import { toChart } from './stationCharts.js';
import { timeAxis } from './timeAxis.js';

/** Width of one convergence panel, px. */
const PANEL_WIDTH = 410;

interface Panel {
  readonly id: string;
  readonly title: string;
  readonly axisTitle: string;
  readonly values: readonly number[];
  readonly tolerance?: number;
  readonly unit: string;
  readonly whenZero: string;
}

/**
 * The three convergence panels (SVG strings, or `<p>` sentences for all-zero quantities).
 *
 * @example
 * convergencePanels(summary).length; // 3
 */
export function convergencePanels(summary: CosimSummary): string[] {
  const t = summary.tolerances;
  const lag = summary.feedback === 'next-tick';
  const panels: Panel[] = [
    {
      id: 'due-gap', title: 'DUE relative gap', axisTitle: 'relative gap (dimensionless)', unit: '',
      values: summary.intervals.map((i) => i.dueRelativeGap), tolerance: t.dueRelativeGap, whenZero: 'every DUE reached an exact equilibrium',
    },
    {
      id: 'cone-gap', title: 'Largest OPF cone gap |P² + Q² − v·ℓ|', axisTitle: 'cone gap (pu²)', unit: ' pu²',
      values: summary.intervals.map((i) => i.maxConeGapPu2), tolerance: t.coneGapPu2 ?? undefined, whenZero: 'the relaxation is exact',
    },
    {
      id: 'price-residual',
      title: lag ? 'Price lag |F(ω) − ω| (next-tick feedback)' : 'Fixed-point price residual |F(ω) − ω|',
      axisTitle: 'residual (¥/kWh)',
      unit: ' ¥/kWh',
      values: summary.intervals.map((i) => i.fixedPointResidualYuanPerKwh),
      tolerance: lag ? undefined : t.fixedPointResidualYuanPerKwh,
      whenZero: 'no tariff follows the DLMP',
    },
  ];
  const clocks = summary.intervals.map((i) => i.clock);
  return panels.map((p) => {
    const prepared = prepareSeries([{ name: p.title, values: p.values, style: seriesStyle(0) }], { pointName: 'interval', logAxis: true });
    if (prepared.series.length === 0) {
      return `<p class="zero" data-zero-panel="${escapeXml(p.id)}"><b>${escapeXml(p.title)}</b>: 0${escapeXml(p.unit)} in every interval (${escapeXml(p.whenZero)}); not drawn.</p>`;
    }
    const notes = prepared.notes.map((n) => n.replace(`${p.title}: `, ''));
    return lineChart({
      id: p.id,
      title: p.title,
      series: toChart(prepared).map((s) => ({ ...s, unlisted: true })),
      x: timeAxis(clocks, PANEL_WIDTH),
      y: { title: p.axisTitle, log: true },
      references: p.tolerance === undefined ? [] : [{ value: p.tolerance, label: `tolerance ${p.tolerance.toExponential(0)}` }],
      notes,
      width: PANEL_WIDTH,
      plotHeight: 180,
    });
  });
}
