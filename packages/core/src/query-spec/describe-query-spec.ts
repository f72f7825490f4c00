import type { SemanticModel } from '../semantic/types';
import { resolveRelativeDate } from './resolve-relative-date';
import type { Aggregation, ColumnRef, Derived, Filter, Measure, QuerySpec, TimeGrain } from './types';

const aggregationWords = {
  count: 'Count',
  count_distinct: 'Distinct count',
  sum: 'Sum',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
  percentile: 'Percentile',
  stddev: 'Standard deviation',
} satisfies Record<Aggregation, string>;

const grainWords = {
  hour: 'hour',
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  day_of_week: 'day of week',
  month_of_year: 'month of year',
} satisfies Record<TimeGrain, string>;

const derivedWords = {
  share_of_total: 'share of total',
  period_change: 'change from previous period',
  period_pct_change: '% change from previous period',
  running_total: 'running total',
  rank: 'rank',
  moving_average: 'moving average',
  ratio: 'ratio',
  difference: 'difference',
} satisfies Record<Derived['kind'], string>;

/**
 * A short plain-language rendering of a spec, e.g. "Sum of revenue by region, Q3 2024, top 5", shown as
 * the interpretation of a question and in clarification choices. With a model, labels come from it.
 */
export function describeQuerySpec(spec: QuerySpec, model?: SemanticModel): string {
  const label = (ref: ColumnRef) => columnLabel(ref, spec.table, model);
  const parts: string[] = [];
  if (spec.select !== undefined && spec.select.length > 0) {
    parts.push(
      `${spec.distinct ? 'distinct ' : ''}${spec.select.map((item) => item.label ?? label(item.column)).join(', ')} of ${tableLabel(spec.table, model)}`,
    );
  } else {
    const measures = spec.measures.map((measure) => describeMeasure(measure, spec, model));
    const head = measures.length > 0 ? joinWords(measures) : `${tableLabel(spec.table, model)}`;
    const dimensions = spec.dimensions.map((dimension) =>
      dimension.grain === undefined
        ? label(dimension.column)
        : `${grainWords[dimension.grain]} of ${label(dimension.column)}`,
    );
    parts.push(dimensions.length > 0 ? `${head} by ${joinWords(dimensions)}` : head);
  }
  for (const filter of spec.filters) parts.push(describeFilter(filter, spec, label));
  if (spec.rowAnchor !== undefined) {
    const { offset, filters, nearest } = spec.rowAnchor;
    const where = filters.map((filter) => describeFilter(filter, spec, label)).join(' and ');
    const distance = Math.abs(offset) === 1 || nearest ? 'the row' : `${Math.abs(offset)} rows`;
    const skip = (nearest ?? []).map((filter) => describeFilter(filter, spec, label)).join(' and ');
    const side = `${offset < 0 ? 'before' : 'after'}${spec.rowAnchor.time ? ` (in ${label(spec.rowAnchor.time)} order)` : ''}`;
    parts.push(`${skip ? `the nearest row where ${skip}` : distance} ${side} the first row ${where}`);
  }
  if (spec.sameAs !== undefined) {
    const where = spec.sameAs.filters.map((filter) => describeFilter(filter, spec, label)).join(' and ');
    parts.push(`the same ${label(spec.sameAs.column)} as the rows ${where}`);
  }
  for (const filter of spec.having ?? []) {
    const measure = spec.measures.find((candidate) => candidate.id === filter.measure);
    const name = measure === undefined ? filter.measure : describeMeasure(measure, spec, model).toLowerCase();
    parts.push(
      filter.op === 'between'
        ? `${name} between ${filter.from} and ${filter.to}`
        : `${name} ${comparisonWords[filter.op]} ${filter.value}`,
    );
  }
  for (const item of spec.derived ?? []) {
    const name = (id: string | undefined) => {
      const measure = spec.measures.find((candidate) => candidate.id === id);
      return measure === undefined ? (id ?? '') : describeMeasure(measure, spec, model).toLowerCase();
    };
    const words =
      item.compareTo === 'same_period_last_year'
        ? derivedWords[item.kind].replace('previous period', 'same period last year')
        : derivedWords[item.kind];
    parts.push(
      item.kind === 'ratio'
        ? `with ${name(item.measure)} per ${name(item.denominator)}`
        : item.kind === 'difference'
          ? item.verdict
            ? `answering "${item.verdict.above}" or "${item.verdict.below}" as ${name(item.measure)} is above or below ${name(item.minus)}`
            : `with ${name(item.measure)} minus ${name(item.minus)}`
          : `with ${words}`,
    );
  }
  if (spec.topN !== undefined) {
    const word = spec.topN.direction === 'asc' ? 'bottom' : 'top';
    const group = spec.topN.perGroup === undefined ? '' : ` per ${spec.topN.perGroup.replace(/_/g, ' ')}`;
    parts.push(`${word} ${spec.topN.n}${group}`);
  }
  if (spec.order !== undefined && spec.order.length > 0) {
    const sorted = spec.order.map(
      (item) =>
        `${outputName(item.by, spec, model)} ${item.direction === 'desc' ? 'descending' : 'ascending'}`,
    );
    parts.push(`sorted by ${sorted.join(', ')}`);
  }
  if (spec.limit !== undefined && spec.topN === undefined)
    parts.push(spec.limit === 1 ? 'first row only' : `first ${spec.limit} rows`);
  if (spec.chart !== undefined) parts.push(`as a ${spec.chart} chart`);
  return parts.join(', ');
}

/** What an output id stands for, in words: the measure, dimension, column or calculation behind it. */
function outputName(id: string, spec: QuerySpec, model: SemanticModel | undefined): string {
  const measure = spec.measures.find((candidate) => candidate.id === id);
  if (measure !== undefined) return describeMeasure(measure, spec, model).toLowerCase();
  const column = [...spec.dimensions, ...(spec.select ?? [])].find((candidate) => candidate.id === id);
  if (column !== undefined) return columnLabel(column.column, spec.table, model);
  const derived = spec.derived?.find((candidate) => candidate.id === id);
  return derived === undefined ? id.replace(/_/g, ' ') : derivedWords[derived.kind];
}

const comparisonWords = {
  eq: 'is',
  neq: 'is not',
  gt: 'above',
  gte: 'at least',
  lt: 'below',
  lte: 'at most',
} as const;

function describeMeasure(measure: Measure, spec: QuerySpec, model: SemanticModel | undefined): string {
  if (measure.label !== undefined) return measure.label;
  if (measure.metric !== undefined) {
    return model?.metrics.find((metric) => metric.name === measure.metric)?.label ?? measure.metric;
  }
  const aggregation = measure.aggregation ?? 'count';
  const what =
    measure.expression ??
    (measure.column === undefined ? undefined : columnLabel(measure.column, spec.table, model));
  if (what === undefined) return `Number of ${tableLabel(spec.table, model)}`;
  const prefix =
    aggregation === 'percentile'
      ? `${ordinal(Math.round((measure.percentile ?? 0.5) * 100))} percentile`
      : aggregationWords[aggregation];
  return `${prefix} of ${what}`;
}

function describeFilter(filter: Filter, spec: QuerySpec, label: (ref: ColumnRef) => string): string {
  const name = label(filter.column);
  switch (filter.op) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      // An empty text is said as such, not left as a gap ("title is not empty").
      return `${name} ${comparisonWords[filter.op]} ${filter.value === '' ? 'empty' : String(filter.value)}`;
    case 'in':
      return `${name} in ${filter.values.map(String).join(', ')}`;
    case 'not_in':
      return `${name} not in ${filter.values.map(String).join(', ')}`;
    case 'between':
      return `${name} between ${String(filter.from)} and ${String(filter.to)}`;
    case 'contains':
      return `${name} contains "${filter.value}"`;
    case 'starts_with':
      return `${name} starts with "${filter.value}"`;
    case 'ends_with':
      return `${name} ends with "${filter.value}"`;
    case 'is_null':
      return `${name} is missing`;
    case 'not_null':
      return `${name} is present`;
    case 'date_range':
      return describeDateRange(filter.from, filter.to);
    case 'relative_date': {
      const words = relativeWords(filter);
      if (spec.asOf === undefined) return words;
      const range = resolveRelativeDate(filter, spec.asOf);
      return `${words} (${describeDateRange(range.from, previousDay(range.toExclusive))})`;
    }
  }
}

function relativeWords(filter: Extract<Filter, { op: 'relative_date' }>): string {
  switch (filter.mode) {
    case 'last_n':
      return `last ${filter.n ?? 1} ${filter.unit}${filter.n === 1 ? '' : 's'}`;
    case 'this':
      return `this ${filter.unit}`;
    case 'last':
      return `last ${filter.unit}`;
    case 'to_date':
      return `${filter.unit} to date`;
  }
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Whole quarters, months and years read as such ("Q3 2024"); anything else as a span. */
export function describeDateRange(from: string | undefined, to: string | undefined): string {
  if (from === undefined) return `until ${to}`;
  if (to === undefined) return `since ${from}`;
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number);
  const [ty, tm, td] = to.slice(0, 10).split('-').map(Number);
  if (fy === undefined || fm === undefined || ty === undefined || tm === undefined || td === undefined) {
    return `${from} to ${to}`;
  }
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fd === 1 && td === lastDay && fy === ty) {
    if (fm === 1 && tm === 12) return `${fy}`;
    if (fm === tm) return `${monthNames[fm - 1]} ${fy}`;
    if (tm - fm === 2 && fm % 3 === 1) return `Q${(fm + 2) / 3} ${fy}`;
  }
  return `${from} to ${to}`;
}

function previousDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return new Date(date.getTime() - 86_400_000).toISOString().slice(0, 10);
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function tableLabel(table: string, model: SemanticModel | undefined): string {
  return (
    model?.entities.find((entity) => entity.name === table)?.label ?? table.replace(/_/g, ' ')
  ).toLowerCase();
}

function columnLabel(ref: ColumnRef, baseTable: string, model: SemanticModel | undefined): string {
  const table = ref.table ?? baseTable;
  const column = model?.entities
    .find((entity) => entity.name === table)
    ?.columns.find((c) => c.name === ref.column);
  return (column?.label ?? ref.column.replace(/_/g, ' ')).toLowerCase();
}
