import { Button, Group, Text, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { CellValue } from '../api/types';
import { filterRows, formatCell, type GridSort, nextSort, sortRows, toCsv } from './grid-model';

const rowHeight = 29;

export interface DataGridProps {
  columns: string[];
  rows: CellValue[][];
  truncated?: boolean;
  /** Name for the downloaded file, without extension. */
  fileName: string;
  label: string;
}

function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Column names made unique (a result may repeat a name), for React keys. */
function uniqueKeys(columns: string[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((column) => {
    const count = (seen.get(column) ?? 0) + 1;
    seen.set(column, count);
    return count === 1 ? column : `${column}#${count}`;
  });
}

/** A virtualized result table: sort by a header, filter across all cells, download what is shown as CSV. */
export function DataGrid(props: DataGridProps) {
  const [sort, setSort] = useState<GridSort>();
  const [filter, setFilter] = useState('');
  const scrollRef = useRef<HTMLElement>(null);
  const captionId = useId();
  const shown = useMemo(() => sortRows(filterRows(props.rows, filter), sort), [props.rows, filter, sort]);
  const numeric = useMemo(
    () => props.columns.map((_, index) => props.rows.some((row) => typeof row[index] === 'number')),
    [props.columns, props.rows],
  );
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 800, height: 320 },
  });
  const width = Math.max(props.columns.length * 160, 160);
  const columnKeys = useMemo(() => uniqueKeys(props.columns), [props.columns]);

  return (
    <div>
      <Group justify="space-between" mb={6} gap="xs">
        <TextInput
          size="xs"
          aria-label={`Filter rows of ${props.label}`}
          placeholder="Filter rows"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
        <Group gap="xs">
          <Text size="xs" c="dimmed" aria-live="polite">
            {shown.length.toLocaleString()} of {props.rows.length.toLocaleString()} rows
            {props.truncated ? ' (capped)' : ''}
          </Text>
          <Button
            size="xs"
            variant="default"
            onClick={() => downloadText(toCsv(props.columns, shown), `${props.fileName}.csv`, 'text/csv')}
          >
            Download CSV
          </Button>
        </Group>
      </Group>
      <div className="data-grid">
        <span id={captionId} className="visually-hidden">
          {props.label}
        </span>
        <section
          ref={scrollRef}
          className="data-grid-scroll"
          aria-labelledby={captionId}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          tabIndex={0}
        >
          <table className="data-grid-table" aria-labelledby={captionId} aria-rowcount={shown.length + 1}>
            <thead className="data-grid-header" style={{ width }}>
              <tr aria-rowindex={1} className="data-grid-row">
                {props.columns.map((column, index) => (
                  <th
                    key={columnKeys[index]}
                    scope="col"
                    aria-sort={sort?.column === index ? sort.direction : 'none'}
                    className="data-grid-cell"
                    data-numeric={numeric[index]}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort(nextSort(sort, index))}
                    >
                      {column}
                      {sort?.column === index ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody
              style={{
                height: virtualizer.getTotalSize(),
                minWidth: '100%',
                width,
                position: 'relative',
                display: 'block',
              }}
            >
              {virtualizer.getVirtualItems().map((item) => {
                const row = shown[item.index] ?? [];
                return (
                  <tr
                    key={item.key}
                    aria-rowindex={item.index + 2}
                    className="data-grid-row"
                    style={{
                      position: 'absolute',
                      top: 0,
                      transform: `translateY(${item.start}px)`,
                      height: rowHeight,
                    }}
                  >
                    {props.columns.map((_, index) => (
                      <td
                        key={columnKeys[index]}
                        className="data-grid-cell"
                        data-numeric={numeric[index]}
                        title={formatCell(row[index] ?? null, props.columns[index])}
                      >
                        {formatCell(row[index] ?? null, props.columns[index])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
