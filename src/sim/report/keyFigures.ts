/**
 * The key figures at the top of the run report: what a planner reads first, each
 * value with its unit and, for extremes, where and when (field names: docs/outputs.md).
 */
import { escapeXml } from '../../common/svgText.js';
import type { CosimSummary } from '../results/summarySchema.js';

/** One key figure. */
export interface KeyFigure {
  /** Stable id (`data-key-figure`). */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly unit: string;
  /** Where / when, e.g. `at 18:30 (interval 9)`. */
  readonly detail?: string;
  readonly tone?: 'ok' | 'bad';
}

/**
 * The key figures of a run, in reading order.
 *
 * @example
 * keyFigures(summary).map((k) => k.id); // ['status', 'energy-charged', …, 'min-voltage']
 */
export function keyFigures(summary: CosimSummary): KeyFigure[] {
  const t = summary.totals;
  const when = (interval: number, clock: string): string => `at ${clock} (interval ${interval})`;
  const shed: KeyFigure[] = summary.statuses.includes('shed')
    ? [{
      id: 'shed', label: 'LOAD SHED', value: fixed(t.householdShedMwh, 3), unit: 'MWh household',
      detail: `and ${fixed(t.evEnergyCurtailedMwh, 3)} MWh of EV charging curtailed`, tone: 'bad',
    }]
    : [];
  return [
    ...shed,
    {
      id: 'status', label: 'status', value: summary.status, unit: '',
      detail: summary.problems.length === 0
        ? 'every DUE and price fixed point within tolerance, network clear'
        : `${summary.statuses.length > 1 ? `also ${summary.statuses.slice(1).join(', ')}; ` : ''}${summary.problems.length} problem(s), see below`,
      tone: summary.status === 'ok' ? 'ok' : 'bad',
    },
    {
      id: 'energy-charged', label: 'EV charging energy requested', value: fixed(t.evEnergyRequestedMwh, 2), unit: 'MWh',
      detail: `window ${fixed(t.window.evEnergyRequestedMwh, 2)} MWh; delivered ${fixed(t.evEnergyDeliveredMwh, 2)}, curtailed ${fixed(t.evEnergyCurtailedMwh, 3)} MWh`,
    },
    { id: 'energy-discharged', label: 'station energy discharged (V2G)', value: fixed(t.stationEnergyDischargedMwh, 2), unit: 'MWh' },
    { id: 'peak-net-load', label: 'peak station net load', value: fixed(t.peakStationNetMw, 3), unit: 'MW', detail: when(t.peakStationNetInterval, t.peakStationNetAt) },
    { id: 'feeder-cost', label: 'feeder cost', value: fixed(t.feederCostUsd, 0), unit: '$' },
    { id: 'losses', label: 'feeder losses', value: fixed(t.lossesMwh, 3), unit: 'MWh' },
    {
      id: 'household-shed', label: 'household load shed', value: fixed(t.householdShedMwh, 3), unit: 'MWh',
      tone: t.householdShedMwh > 0 ? 'bad' : undefined,
    },
    {
      id: 'max-dlmp', label: 'max DLMP', value: fixed(t.maxDlmpUsdPerMwh, 2), unit: '$/MWh',
      detail: t.maxDlmpBus === null ? 'no DLMP reported' : `bus ${t.maxDlmpBus} ${when(t.maxDlmpInterval, t.maxDlmpAt)}`,
    },
    {
      id: 'min-voltage', label: 'min voltage', value: t.minVoltagePu === null ? 'none' : fixed(t.minVoltagePu, 4), unit: t.minVoltagePu === null ? '' : 'pu',
      detail: t.minVoltageBus === null ? 'no energised bus' : `bus ${t.minVoltageBus} ${when(t.minVoltageInterval, t.minVoltageAt)}`,
    },
  ];
}

/**
 * The key figures as HTML.
 *
 * @example
 * keyFiguresHtml(summary); // '<div class="kpis">…'
 */
export function keyFiguresHtml(summary: CosimSummary): string {
  const cards = keyFigures(summary).map((k) => {
    const tone = k.tone === undefined ? '' : ` ${k.tone}`;
    const unit = k.unit === '' ? '' : ` <span class="unit">${escapeXml(k.unit)}</span>`;
    const detail = k.detail === undefined ? '' : `<small>${escapeXml(k.detail)}</small>`;
    return `<div class="kpi${tone}" data-key-figure="${k.id}"><span class="label">${escapeXml(k.label)}</span><b>${escapeXml(k.value)}${unit}</b>${detail}</div>`;
  });
  return `<div class="kpis">${cards.join('')}</div>`;
}

function fixed(value: number | null, digits: number): string {
  return value !== null && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
