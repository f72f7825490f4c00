import type { CellValue, QueryResult } from '@askdata/core';
import { humanizeName } from './labels';
import { type ChartTheme, themeColours } from './theme';

/* A chart-sized table: the rest belongs in the result grid or an export. */
export const tableChartMaxRows = 20;
const maxColumns = 8;
const maxCellLength = 28;

function cellText(value: CellValue): string {
  if (value === null) return '—';
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const text = String(value);
  return text.length > maxCellLength ? `${text.slice(0, maxCellLength - 1)}…` : text;
}

/**
 * A table drawn with Vega-Lite text marks, so that "as a table" still renders to SVG/PNG like any chart.
 * The data is long-form (row, column, text) because text marks place one value per datum.
 */
export function buildTableSpec(result: QueryResult, theme: ChartTheme): Record<string, unknown> {
  const columns = result.columns.slice(0, maxColumns).map((column) => humanizeName(column.name));
  const values = result.rows.slice(0, tableChartMaxRows).flatMap((row, rowIndex) =>
    columns.map((column, columnIndex) => ({
      row: rowIndex + 1,
      column,
      text: cellText(row[columnIndex] ?? null),
    })),
  );
  const colours = themeColours[theme];
  return {
    data: { values },
    width: { step: 150 },
    height: { step: 24 },
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: -60, fontSize: 11, color: colours.text },
    encoding: {
      x: {
        field: 'column',
        type: 'nominal',
        sort: columns,
        title: null,
        axis: {
          orient: 'top',
          labelAngle: 0,
          domain: false,
          ticks: false,
          labelAlign: 'left',
          labelPadding: 8,
          labelFontWeight: 'bold',
          labelColor: colours.text,
          labelOffset: -60,
        },
      },
      y: { field: 'row', type: 'ordinal', title: null, axis: null },
      text: { field: 'text', type: 'nominal' },
    },
  };
}
