/**
 * What a reader checks at a glance, as a function run inside the page
 * (`page.evaluate(auditReport)`; it must not use anything outside its own body).
 *
 * Per chart (`svg[data-chart]`):
 * - every axis title (`[data-axis]`) carries a unit in parentheses;
 * - every legend entry (`[data-legend]`) has marks (`[data-series]` of the same name)
 *   and, with more than one series, every series has a legend entry;
 * - each series has at least one visible mark: painted (stroke or fill not `none`,
 *   not transparent), not hidden, with non-zero extent, inside the plot area (lines
 *   within half a stroke of the frame, markers with their centre inside);
 * - no two series have identical marks (same geometry and same style);
 * - a legend swatch has the colour and dash of its series' line, and fits in the chart.
 */

/** Result of the audit. */
export interface ReportAudit {
  readonly problems: string[];
  readonly charts: { id: string; legends: number; series: number }[];
}

export function auditReport(): ReportAudit {
  const UNIT = /\((MW|MWh|\$\/MWh|\$\/h|pu|pu²|veh|¥\/kWh|HH:MM|Ω|dimensionless|id)\)/;
  const problems: string[] = [];
  const painted = (value: string): boolean => value !== '' && value !== 'none' && !/^rgba\(.*,\s*0\)$/.test(value) && value !== 'transparent';
  const visible = (el: Element): boolean => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
    const stroke = painted(cs.stroke) && Number(cs.strokeOpacity) > 0 && parseFloat(cs.strokeWidth) > 0;
    const fill = painted(cs.fill) && Number(cs.fillOpacity) > 0;
    if (!stroke && !fill) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
  };
  const charts = [...document.querySelectorAll('svg[data-chart]')];
  for (const svg of charts) {
    const id = (svg as SVGElement).dataset.chart ?? '?';
    const axes = [...svg.querySelectorAll('[data-axis]')];
    if (axes.length < 2) problems.push(`${id}: ${axes.length} axis titles`);
    for (const a of axes) if (!UNIT.test(a.textContent ?? '')) problems.push(`${id}: axis title without a unit: "${a.textContent}"`);
    const plot = svg.querySelector('[data-plot-area]')?.getBoundingClientRect();
    const series = [...svg.querySelectorAll('g[data-series]')] as SVGGElement[];
    const legendGroups = [...svg.querySelectorAll('g[data-legend]')] as SVGGElement[];
    const legends = legendGroups.map((g) => g.dataset.legend ?? '');
    if (new Set(legends).size !== legends.length) problems.push(`${id}: duplicate legend entries`);
    const signatures = new Map<string, string>();
    for (const g of series) {
      const name = g.dataset.series ?? '';
      if (series.length > 1 && !legends.includes(name)) problems.push(`${id}: series "${name}" has no legend entry`);
      const shown = [...g.children].filter((el) => el.tagName !== 'title' && visible(el));
      if (shown.length === 0) problems.push(`${id}: series "${name}" has no visible mark`);
      for (const el of shown) {
        // A line must stay inside the frame (half its stroke may cross it); a marker's centre must.
        const r = el.getBoundingClientRect();
        const marker = el.hasAttribute('transform');
        const x0 = marker ? (r.left + r.right) / 2 : r.left;
        const x1 = marker ? x0 : r.right;
        const y0 = marker ? (r.top + r.bottom) / 2 : r.top;
        const y1 = marker ? y0 : r.bottom;
        const slack = marker ? 1 : 2;
        if (plot && (x0 < plot.left - slack || x1 > plot.right + slack || y0 < plot.top - slack || y1 > plot.bottom + slack)) {
          problems.push(`${id}: series "${name}" draws outside the plot area`);
          break;
        }
      }
      const signature = shown
        .map((el) => {
          const cs = getComputedStyle(el);
          return [el.tagName, el.getAttribute('d'), el.getAttribute('transform'), cs.stroke, cs.fill, cs.strokeDasharray].join('|');
        })
        .sort()
        .join(';');
      const twin = signatures.get(signature);
      if (twin !== undefined && shown.length > 0) problems.push(`${id}: series "${name}" is drawn exactly like "${twin}"`);
      signatures.set(signature, name);
    }
    const box = svg.getBoundingClientRect();
    for (const lg of legendGroups) {
      const name = lg.dataset.legend ?? '';
      const owner = series.find((g) => g.dataset.series === name);
      if (owner === undefined) {
        problems.push(`${id}: legend entry "${name}" has no marks`);
        continue;
      }
      const swatch = lg.querySelector('line');
      const line = owner.querySelector('path[fill="none"]');
      if (swatch !== null && line !== null) {
        const a = getComputedStyle(swatch);
        const b = getComputedStyle(line);
        if (a.stroke !== b.stroke || a.strokeDasharray !== b.strokeDasharray) problems.push(`${id}: legend swatch of "${name}" differs from its line`);
      }
      const r = lg.getBoundingClientRect();
      if (r.right > box.right + 1 || r.bottom > box.bottom + 1) problems.push(`${id}: legend entry "${name}" overflows the chart`);
    }
  }
  for (const k of [...document.querySelectorAll('[data-key-figure]')]) {
    const figure = (k as HTMLElement).dataset.keyFigure;
    if (figure !== 'status' && k.querySelector('.unit') === null) problems.push(`key figure ${figure} has no unit`);
  }
  return {
    problems,
    charts: charts.map((c) => ({
      id: (c as SVGElement).dataset.chart ?? '?',
      legends: c.querySelectorAll('[data-legend]').length,
      series: c.querySelectorAll('[data-series]').length,
    })),
  };
}
