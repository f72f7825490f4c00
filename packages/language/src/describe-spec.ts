/**
 * A plain-language rendering of a QuerySpec, used for interpretations and clarification choices.
 * (The core package may later offer a shared renderer; this one keeps the language engine usable now.)
 */
import type { ColumnRef, Filter, QuerySpec } from '@askdata/core';
import { splitIdentifier } from './inflect';

function words(name: string): string {
  return splitIdentifier(name).join(' ');
}

function columnText(ref: ColumnRef | undefined): string {
  if (!ref) return 'rows';
  return ref.table ? `${words(ref.table)} ${words(ref.column)}` : words(ref.column);
}

const aggregationText: Record<string, string> = {
  count: 'number of',
  count_distinct: 'number of distinct',
  sum: 'total',
  avg: 'average',
  min: 'minimum',
  max: 'maximum',
  median: 'median',
  percentile: 'percentile of',
  stddev: 'standard deviation of',
};

function filterText(filter: Filter): string {
  const column = columnText(filter.column);
  switch (filter.op) {
    case 'eq':
      return `${column} is ${String(filter.value)}`;
    case 'neq':
      return `${column} is not ${String(filter.value)}`;
    case 'gt':
      return `${column} over ${String(filter.value)}`;
    case 'gte':
      return `${column} at least ${String(filter.value)}`;
    case 'lt':
      return `${column} under ${String(filter.value)}`;
    case 'lte':
      return `${column} at most ${String(filter.value)}`;
    case 'in':
      return `${column} is ${filter.values.map(String).join(' or ')}`;
    case 'not_in':
      return `${column} is not ${filter.values.map(String).join(' or ')}`;
    case 'between':
      return `${column} between ${String(filter.from)} and ${String(filter.to)}`;
    case 'contains':
      return `${column} contains "${filter.value}"`;
    case 'starts_with':
      return `${column} starts with "${filter.value}"`;
    case 'ends_with':
      return `${column} ends with "${filter.value}"`;
    case 'is_null':
      return `${column} is missing`;
    case 'not_null':
      return `${column} is present`;
    case 'date_range':
      return `${column} ${filter.from ? `from ${filter.from}` : ''}${filter.from && filter.to ? ' ' : ''}${filter.to ? `through ${filter.to}` : ''}`;
    case 'relative_date':
      return `${column} in ${filter.mode === 'last_n' ? `the last ${filter.n} ${filter.unit}s` : filter.mode === 'to_date' ? `${filter.unit} to date` : `${filter.mode} ${filter.unit}`}`;
  }
}

export function describeSpec(spec: QuerySpec): string {
  const table = words(spec.table);
  const parts: string[] = [];
  if (spec.select && spec.select.length > 0) {
    parts.push(
      `${spec.distinct ? 'distinct ' : ''}${spec.select.map((item) => columnText(item.column)).join(', ')} of ${table}`,
    );
  } else {
    const measures = spec.measures.map((measure) =>
      measure.aggregation === 'count' && !measure.column
        ? `number of ${table}`
        : `${aggregationText[measure.aggregation ?? 'count']} ${columnText(measure.column)}`,
    );
    parts.push(measures.join(', ') || `rows of ${table}`);
    if (spec.dimensions.length > 0) {
      parts.push(
        `by ${spec.dimensions.map((dimension) => (dimension.grain ? `${dimension.grain} of ${columnText(dimension.column)}` : columnText(dimension.column))).join(' and ')}`,
      );
    }
  }
  if (spec.filters.length > 0) parts.push(`where ${spec.filters.map(filterText).join(' and ')}`);
  if (spec.having && spec.having.length > 0) {
    parts.push(
      `keeping groups where ${spec.having.map((item) => (item.op === 'between' ? `${item.measure} between ${item.from} and ${item.to}` : `${item.measure} ${item.op} ${item.value}`)).join(' and ')}`,
    );
  }
  if (spec.order && spec.order.length > 0) {
    parts.push(
      `sorted by ${spec.order.map((item) => `${words(item.by)} ${item.direction === 'desc' ? 'descending' : 'ascending'}`).join(', ')}`,
    );
  }
  if (spec.limit !== undefined) parts.push(spec.limit === 1 ? 'first row only' : `first ${spec.limit} rows`);
  if (spec.chart) parts.push(`as a ${spec.chart} chart`);
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
