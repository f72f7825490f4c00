/**
 * A "Total" row at the foot of a sheet sums the rows above it: a ranking would pick it, a count or a
 * range would include it and a sum would double. Every reading of a one-table source leaves such rows
 * out, unless the question itself names the summary row ("what is the total for gold?" filtering on it).
 */
import type { Filter, QuerySpec } from '@askdata/core';
import type { ValueIndex } from './value-index';

export function withoutSummaryRows(spec: QuerySpec, values: ValueIndex): QuerySpec {
  if (spec.rowAnchor) return spec;
  const summaries = values.summaries.filter((match) => match.table === spec.table);
  if (summaries.length === 0) return spec;
  const namesSummary = spec.filters.some(
    (filter) =>
      (filter.op === 'eq' && summaries.some((match) => match.value === filter.value)) ||
      (filter.op === 'in' && filter.values.some((value) => summaries.some((match) => match.value === value))),
  );
  if (namesSummary) return spec;
  const added: Filter[] = [];
  for (const match of summaries) {
    const present = spec.filters.some(
      (filter) =>
        filter.op === 'neq' &&
        filter.column.column === match.column &&
        (filter.column.table ?? spec.table) === match.table &&
        filter.value === match.value,
    );
    // keepEmpty: a rank column left blank for tied rows must not lose those rows.
    if (!present)
      added.push({ op: 'neq', column: { column: match.column }, value: match.value, keepEmpty: true });
  }
  return added.length === 0 ? spec : { ...spec, filters: [...spec.filters, ...added] };
}
