import type { CellValue, LogicalType, QueryResult } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import { chooseChart, formatValue, humanizeName, unitFormat } from '../src/index';
import { chartCases } from './chart-cases';

function result(columns: Array<[string, LogicalType]>, rows: CellValue[][]): QueryResult {
  return {
    columns: columns.map(([name, logicalType]) => ({ name, logicalType, sourceType: logicalType })),
    rows,
    rowCount: rows.length,
    truncated: false,
    elapsedMs: 0,
  };
}

function caseResult(name: string): QueryResult {
  const found = chartCases.find((chartCase) => chartCase.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return found.result;
}

describe('chooseChart without a request', () => {
  it('shows one value as a KPI card, with its comparison', () => {
    expect(chooseChart({ result: caseResult('kpi-total') }).type).toBe('kpi');
    const withComparison = chooseChart({ result: caseResult('kpi-with-comparison') });
    expect(withComparison.type).toBe('kpi');
    expect(withComparison.encoding.value?.field).toBe('revenue');
    expect(withComparison.encoding.comparison?.field).toBe('previous_revenue');
  });

  it('draws a time series as a line, and a running total as an area', () => {
    const line = chooseChart({ result: caseResult('line-monthly-revenue') });
    expect(line.type).toBe('line');
    expect(line.encoding.x).toMatchObject({ field: 'order_month', kind: 'time', grain: 'month' });
    const area = chartCases.find((chartCase) => chartCase.name === 'area-running-total')!;
    const choice = chooseChart({ result: area.result, ...(area.spec ? { spec: area.spec } : {}) });
    expect(choice.type).toBe('area');
    expect(choice.encoding.y?.field).toBe('cumulative_revenue');
  });

  it('reads integer years as time', () => {
    expect(chooseChart({ result: caseResult('line-yearly-integer-years') }).type).toBe('line');
  });

  it('reads integer ids and month numbers as categories, not measures', () => {
    const byStore = result(
      [
        ['store_id', 'integer'],
        ['sales', 'decimal'],
      ],
      [
        [17, 1200.5],
        [4, 980],
        [23, 1510.25],
      ],
    );
    const choice = chooseChart({ result: byStore });
    expect(choice.type).toBe('bar');
    expect(choice.encoding.x).toMatchObject({ field: 'store_id', kind: 'category' });
    const byMonth = result(
      [
        ['month', 'integer'],
        ['orders', 'integer'],
      ],
      Array.from({ length: 12 }, (_, index) => [index + 1, 100 + index]),
    );
    expect(chooseChart({ result: byMonth }).encoding.x?.field).toBe('month');
  });

  it('draws categories as a sorted bar, horizontal when labels are long', () => {
    const bar = chooseChart({ result: caseResult('bar-revenue-by-region') });
    expect(bar).toMatchObject({ type: 'bar', horizontal: false, sort: 'value' });
    expect(chooseChart({ result: caseResult('bar-long-labels-horizontal') }).horizontal).toBe(true);
  });

  it('keeps weekday order', () => {
    const weekday = chartCases.find((chartCase) => chartCase.name === 'bar-weekday-keeps-order')!;
    expect(
      chooseChart({ result: weekday.result, ...(weekday.spec ? { spec: weekday.spec } : {}) }).sort,
    ).toBe('data');
  });

  it('draws a few shares as a donut, many as a bar', () => {
    const share = chartCases.find((chartCase) => chartCase.name === 'donut-share')!;
    expect(chooseChart({ result: share.result, ...(share.spec ? { spec: share.spec } : {}) }).type).toBe(
      'donut',
    );
    const many = result(
      [
        ['segment', 'text'],
        ['share', 'float'],
      ],
      Array.from({ length: 9 }, (_, index) => [`S${index}`, 1 / 9]),
    );
    expect(chooseChart({ result: many, units: { share: 'percent' } }).type).toBe('bar');
  });

  it('draws two measures as a scatter and one measure of many rows as a histogram', () => {
    expect(chooseChart({ result: caseResult('scatter-two-measures') })).toMatchObject({ type: 'scatter' });
    expect(chooseChart({ result: caseResult('scatter-two-measures') }).encoding.color?.field).toBe(
      'category',
    );
    expect(chooseChart({ result: caseResult('histogram-order-values') }).type).toBe('histogram');
  });

  it('draws two dimensions as grouped bars, a heatmap when both have many values, a multi-line over time', () => {
    expect(chooseChart({ result: caseResult('grouped-bar-two-dimensions') }).type).toBe('grouped_bar');
    expect(chooseChart({ result: caseResult('heatmap-visits') }).type).toBe('heatmap');
    const multi = chooseChart({ result: caseResult('multi-line-by-channel') });
    expect(multi.type).toBe('multi_line');
    expect(multi.encoding.color?.field).toBe('channel');
  });

  it('falls back to a table for many categories, free text and empty results', () => {
    expect(chooseChart({ result: caseResult('table-many-categories') }).type).toBe('table');
    expect(chooseChart({ result: caseResult('table-free-text') }).type).toBe('table');
    expect(chooseChart({ result: caseResult('table-empty') }).type).toBe('table');
  });

  it('follows the QuerySpec chart field as an explicit request', () => {
    const base = chartCases.find((chartCase) => chartCase.name === 'bar-revenue-by-region')!;
    const choice = chooseChart({ result: base.result, spec: { ...base.spec!, chart: 'pie' } });
    expect(choice.type).toBe('pie');
  });

  it('follows a cue only when the data fits it', () => {
    const trend = chooseChart({
      result: caseResult('bar-revenue-by-region'),
      request: { type: 'pie', strength: 'cue', phrase: 'share' },
    });
    expect(trend.type).toBe('donut');
    const tooMany = chooseChart({
      result: caseResult('table-many-categories'),
      request: { type: 'pie', strength: 'cue', phrase: 'share' },
    });
    expect(tooMany.type).toBe('table');
  });
});

describe('labels and number formats', () => {
  it('turns column names into words', () => {
    expect(humanizeName('order_date')).toBe('Order date');
    expect(humanizeName('totalRevenue')).toBe('Total revenue');
    expect(humanizeName('customer_id')).toBe('Customer ID');
  });

  it('formats money, percents and large numbers compactly', () => {
    expect(formatValue(1_234_000, unitFormat('USD'))).toBe('$1.23M');
    expect(formatValue(-23_400, unitFormat('GBP'))).toBe('-£23.4k');
    expect(formatValue(4_200_000_000, unitFormat('EUR'))).toBe('€4.2B');
    expect(formatValue(0.256, unitFormat('percent', [0.256, 0.5]))).toBe('25.6%');
    expect(formatValue(25.6, unitFormat('percent', [25.6, 50]))).toBe('25.6%');
    expect(formatValue(950, unitFormat('CHF'))).toBe('950 CHF');
    expect(formatValue(12.5, unitFormat(undefined))).toBe('12.5');
  });
});
