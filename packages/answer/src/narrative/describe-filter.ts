/** Filters in words, for citations and reports ("region is EMEA", "order date in the last 30 days"). */
import type { Filter, ScalarValue } from '@askdata/core';

function columnName(filter: Filter): string {
  return filter.column.table ? `${filter.column.table}.${filter.column.column}` : filter.column.column;
}

function literal(value: ScalarValue): string {
  return typeof value === 'string' ? value : String(value);
}

const comparisonWords = {
  eq: 'is',
  neq: 'is not',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
} as const satisfies Record<'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte', string>;

export function describeFilter(filter: Filter, asOf?: string): string {
  const column = columnName(filter);
  switch (filter.op) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${column} ${comparisonWords[filter.op]} ${literal(filter.value)}`;
    case 'in':
      return `${column} is one of ${filter.values.map(literal).join(', ')}`;
    case 'not_in':
      return `${column} is none of ${filter.values.map(literal).join(', ')}`;
    case 'between':
      return `${column} between ${literal(filter.from)} and ${literal(filter.to)}`;
    case 'contains':
      return `${column} contains "${filter.value}"`;
    case 'starts_with':
      return `${column} starts with "${filter.value}"`;
    case 'ends_with':
      return `${column} ends with "${filter.value}"`;
    case 'is_null':
      return `${column} is empty`;
    case 'not_null':
      return `${column} is not empty`;
    case 'date_range':
      if (filter.from && filter.to) return `${column} from ${filter.from} to ${filter.to}`;
      return filter.from ? `${column} from ${filter.from}` : `${column} up to ${filter.to ?? ''}`;
    case 'relative_date': {
      const anchor = asOf ? ` (as of ${asOf})` : '';
      const unit = filter.unit;
      const period =
        filter.mode === 'last_n'
          ? `the last ${filter.n ?? 1} ${unit}${(filter.n ?? 1) === 1 ? '' : 's'}`
          : filter.mode === 'this'
            ? `this ${unit}`
            : filter.mode === 'last'
              ? `last ${unit}`
              : `${unit} to date`;
      return `${column} in ${period}${anchor}`;
    }
  }
}
