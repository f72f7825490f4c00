import type { QueryResult } from '@askdata/core';
import type { ChartChoice } from './chart-types';
import { formatFor } from './field-encoding';
import { formatValue } from './number-format';
import { type ChartTheme, themeColours } from './theme';

/** A single value with an optional comparison, as data for UIs that draw their own card. */
export interface KpiCard {
  label: string;
  value: number | null;
  formatted: string;
  comparison?: {
    label: string;
    value: number;
    formatted: string;
    /** Relative change from the comparison to the value (0.12 = +12%); undefined when the comparison is 0. */
    change?: number;
    changeText: string;
  };
}

/* Okabe-Ito blue and vermillion: up and down stay distinguishable without relying on red and green. */
const upColour = { light: '#0072B2', dark: '#56B4E9' } as const satisfies Record<ChartTheme, string>;
const downColour = { light: '#D55E00', dark: '#E69F00' } as const satisfies Record<ChartTheme, string>;

function firstNumber(result: QueryResult, index: number | undefined): number | null {
  if (index === undefined) return null;
  const value = result.rows[0]?.[index];
  return typeof value === 'number' ? value : null;
}

/** The KPI card as data and as a Vega-Lite body of text marks (value, then the comparison line). */
export function buildKpiCard(
  choice: ChartChoice,
  result: QueryResult,
  theme: ChartTheme,
): { card: KpiCard; body: Record<string, unknown> } {
  const { value, comparison } = choice.encoding;
  const number = firstNumber(result, value?.index);
  const format = value
    ? formatFor(result, value)
    : formatFor(result, { field: '', index: -1, label: '', kind: 'number' });
  const card: KpiCard = {
    label: value?.label ?? 'Value',
    value: number,
    formatted: number === null ? 'No value' : formatValue(number, format),
  };
  const previous = firstNumber(result, comparison?.index);
  if (comparison && previous !== null) {
    const change = previous === 0 || number === null ? undefined : (number - previous) / Math.abs(previous);
    const arrow = change === undefined ? '' : change > 0 ? '▲ ' : change < 0 ? '▼ ' : '';
    const percent = change === undefined ? '' : `${Math.abs(change * 100).toFixed(1)}% `;
    const formattedPrevious = formatValue(previous, format);
    card.comparison = {
      label: comparison.label,
      value: previous,
      formatted: formattedPrevious,
      ...(change === undefined ? {} : { change }),
      changeText: `${arrow}${percent}vs ${comparison.label.toLowerCase()} (${formattedPrevious})`,
    };
  }
  const colours = themeColours[theme];
  const changeColour =
    card.comparison?.change === undefined
      ? colours.mutedText
      : card.comparison.change >= 0
        ? upColour[theme]
        : downColour[theme];
  const layers: Array<Record<string, unknown>> = [
    {
      mark: { type: 'text', x: 0, y: 8, align: 'left', baseline: 'top', fontSize: 44, fontWeight: 'bold' },
      encoding: { text: { value: card.formatted } },
    },
  ];
  if (card.comparison) {
    layers.push({
      mark: { type: 'text', x: 0, y: 70, align: 'left', baseline: 'top', fontSize: 14, color: changeColour },
      encoding: { text: { value: card.comparison.changeText } },
    });
  }
  return {
    card,
    body: { width: 360, height: card.comparison ? 96 : 64, data: { values: [{}] }, layer: layers },
  };
}
