import type { CellValue, QueryResult } from '@askdata/core';
import { type ChartChoice, type ChartField, chartTypeNames } from './chart-types';
import { formatFor } from './field-encoding';
import { formatValue } from './number-format';
import { formatTimeValue } from './time-format';

interface Point {
  label: string;
  value: number;
}

function text(value: CellValue | undefined): string {
  return value === null || value === undefined ? 'blank' : String(value);
}

/** Sums the measure per category (a stacked or multi-series chart has several rows per category). */
function totals(result: QueryResult, category: ChartField, measure: ChartField): Point[] {
  const label = (value: CellValue | undefined) =>
    category.kind === 'time' ? formatTimeValue(value, category.grain) : text(value);
  const sums = new Map<string, number>();
  for (const row of result.rows) {
    const value = row[measure.index];
    if (typeof value !== 'number') continue;
    const key = label(row[category.index]);
    sums.set(key, (sums.get(key) ?? 0) + value);
  }
  return [...sums].map(([label, value]) => ({ label, value }));
}

function extremes(points: Point[]): { top: Point; bottom: Point } | undefined {
  if (points.length === 0) return undefined;
  const sorted = [...points].sort((a, b) => b.value - a.value);
  return { top: sorted[0]!, bottom: sorted[sorted.length - 1]! };
}

function pearson(xs: number[], ys: number[]): number | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return undefined;
  const meanX = xs.reduce((sum, value) => sum + value, 0) / n;
  const meanY = ys.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < n; index += 1) {
    const dx = xs[index]! - meanX;
    const dy = ys[index]! - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  return varianceX === 0 || varianceY === 0 ? undefined : covariance / Math.sqrt(varianceX * varianceY);
}

function categoryFinding(
  choice: ChartChoice,
  result: QueryResult,
  category: ChartField,
  measure: ChartField,
): string {
  const points = totals(result, category, measure);
  const found = extremes(points);
  if (!found) return '';
  const format = formatFor(result, measure);
  if (choice.type === 'pie' || choice.type === 'donut') {
    const whole = points.reduce((sum, point) => sum + point.value, 0);
    const share = whole === 0 ? 0 : (100 * found.top.value) / whole;
    const ofWhole =
      format.kind === 'fraction_percent' || format.kind === 'percent'
        ? ''
        : ` (${share.toFixed(0)}% of the total)`;
    return `; ${found.top.label} is the largest of ${points.length} parts at ${formatValue(found.top.value, format)}${ofWhole}`;
  }
  const highest = `${found.top.label} is highest at ${formatValue(found.top.value, format)}`;
  if (points.length < 2) return `; ${highest}`;
  return `; ${highest} and ${found.bottom.label} lowest at ${formatValue(found.bottom.value, format)} (${points.length} ${choice.type.endsWith('bar') ? 'bars' : 'points'})`;
}

function timeFinding(
  result: QueryResult,
  time: ChartField,
  measure: ChartField,
  series?: ChartField,
): string {
  const points = totals(result, time, measure);
  if (points.length === 0) return '';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const format = formatFor(result, measure);
  const range = ` from ${first.label} to ${last.label}`;
  if (series) {
    const names = [...new Set(result.rows.map((row) => text(row[series.index])))];
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
    return `${range}, one line per ${series.label.toLowerCase()} (${shown})`;
  }
  const change = first.value === 0 ? undefined : ((last.value - first.value) / Math.abs(first.value)) * 100;
  const direction = last.value > first.value ? 'rose' : last.value < first.value ? 'fell' : 'stayed';
  const peak = extremes(points)!.top;
  const changeText = change === undefined ? '' : ` (${change >= 0 ? '+' : ''}${change.toFixed(0)}%)`;
  return `${range}; it ${direction} from ${formatValue(first.value, format)} to ${formatValue(last.value, format)}${changeText}, peaking at ${formatValue(peak.value, format)} in ${peak.label}`;
}

/** Alt text for a chart: what it shows and its main finding, computed from the result. */
export function altTextFor(choice: ChartChoice, result: QueryResult, title: string): string {
  const name = chartTypeNames[choice.type];
  const { x, y, color, value } = choice.encoding;
  const rows = result.rows.length;
  if (rows === 0) return `${name} of ${title.toLowerCase()}: no rows to show.`;
  switch (choice.type) {
    case 'kpi': {
      if (!value) return `${name}: no value.`;
      const number = result.rows[0]?.[value.index];
      const shown = typeof number === 'number' ? formatValue(number, formatFor(result, value)) : text(number);
      const previous = choice.encoding.comparison
        ? result.rows[0]?.[choice.encoding.comparison.index]
        : undefined;
      const against =
        typeof previous === 'number' && choice.encoding.comparison
          ? `, compared with ${formatValue(previous, formatFor(result, value))} ${choice.encoding.comparison.label.toLowerCase()}`
          : '';
      return `${value.label}: ${shown}${against}.`;
    }
    case 'scatter': {
      if (!x || !y) return `${name} of ${title.toLowerCase()}.`;
      const xs: number[] = [];
      const ys: number[] = [];
      for (const row of result.rows) {
        const a = row[x.index];
        const b = row[y.index];
        if (typeof a === 'number' && typeof b === 'number') {
          xs.push(a);
          ys.push(b);
        }
      }
      const r = pearson(xs, ys);
      const relation = r === undefined ? '' : `; correlation r = ${r.toFixed(2)}`;
      const colouring = color ? `, coloured by ${color.label.toLowerCase()}` : '';
      return `${name} of ${y.label.toLowerCase()} against ${x.label.toLowerCase()} for ${rows} points${colouring}${relation}.`;
    }
    case 'histogram': {
      if (!x) return `${name}.`;
      const numbers = result.rows
        .map((row) => row[x.index])
        .filter((item): item is number => typeof item === 'number');
      const format = formatFor(result, x);
      const sorted = [...numbers].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      if (median === undefined) return `${name} of ${x.label.toLowerCase()}: no numbers.`;
      return `${name} of ${x.label.toLowerCase()} over ${numbers.length} values, from ${formatValue(sorted[0]!, format)} to ${formatValue(sorted[sorted.length - 1]!, format)}, median ${formatValue(median, format)}.`;
    }
    case 'table':
      return `${name} of ${rows} rows with columns ${result.columns.map((column) => column.name).join(', ')}.`;
    case 'heatmap': {
      if (!x || !y || !value) return `${name} of ${title.toLowerCase()}.`;
      let best: CellValue[] | undefined;
      for (const row of result.rows) {
        const cell = row[value.index];
        if (typeof cell === 'number' && (best === undefined || cell > (best[value.index] as number)))
          best = row;
      }
      const peak = best
        ? `; highest at ${text(best[x.index])}, ${text(best[y.index])} (${formatValue(best[value.index] as number, formatFor(result, value))})`
        : '';
      return `${name} of ${title.toLowerCase()}${peak}.`;
    }
    default: {
      const category = choice.type === 'pie' || choice.type === 'donut' ? color : x;
      const measure = value ?? y;
      if (!category || !measure) return `${name} of ${title.toLowerCase()}.`;
      const series = category === color ? undefined : color;
      const finding =
        category.kind === 'time' && choice.type !== 'pie' && choice.type !== 'donut'
          ? timeFinding(result, category, measure, series)
          : categoryFinding(choice, result, category, measure);
      return `${name} of ${title.charAt(0).toLowerCase()}${title.slice(1)}${finding}.`;
    }
  }
}
