import { AskdataError } from '../errors';
import type { Aggregation, Filter, Measure, QuerySpec } from '../query-spec/types';
import { humanize } from '../semantic/derive-semantic-model';
import { expressionColumns, parseRowExpression, type RowExpression } from './expression';
import { shortestPath } from './join-planner';
import type { SqlContext } from './sql-context';

/** A measure with its metric expanded, its SQL argument rendered and its home (grain) table known. */
export interface ResolvedMeasure {
  id: string;
  label: string;
  aggregation: Aggregation;
  /** Row-level SQL aggregated; undefined for count(*). */
  argument: string | undefined;
  percentile: number | undefined;
  /** Condition applied to this measure only (CASE WHEN inside the aggregate). */
  condition: string | undefined;
  /** The table whose rows the measure aggregates; every other table it reads is a lookup from it. */
  home: string;
  /** Tables read by the argument and condition (all reachable many-to-one from home). */
  tables: Set<string>;
  unit: string | undefined;
}

const aggregationLabels = {
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

export function resolveMeasure(measure: Measure, spec: QuerySpec, context: SqlContext): ResolvedMeasure {
  const metric = measure.metric === undefined ? undefined : context.index.metric(measure.metric);
  const defaultTable = measure.column?.table ?? metric?.table ?? spec.table;
  const aggregation = measure.aggregation ?? metric?.aggregation;
  if (aggregation === undefined) {
    throw new AskdataError('spec_invalid', `Measure '${measure.id}' needs an aggregation or a metric.`);
  }
  let expression: RowExpression | undefined;
  let expressionTable = defaultTable;
  if (measure.expression !== undefined) expression = parseRowExpression(measure.expression);
  else if (measure.column !== undefined) {
    expression = { kind: 'column', table: measure.column.table, column: measure.column.column };
  } else if (metric?.expression !== undefined) {
    expression = parseRowExpression(metric.expression);
    expressionTable = metric.table;
  }
  if (expression === undefined && aggregation !== 'count') {
    throw new AskdataError(
      'spec_invalid',
      `Measure '${measure.id}' (${aggregation}) needs a column or an expression.`,
    );
  }
  const tables = new Set<string>();
  const argument =
    expression === undefined ? undefined : context.expressionSql(expression, expressionTable, tables);
  const whereFilters: Array<{ filter: Filter; table: string }> = [
    ...(metric?.filters ?? []).map((filter) => ({ filter, table: metric?.table ?? spec.table })),
    ...(measure.where ?? []).map((filter) => ({ filter, table: defaultTable })),
  ];
  const conditionTables = new Set<string>();
  const conditions = whereFilters.map(({ filter, table }) =>
    context.filterSql(filter, table, conditionTables),
  );
  const home = homeTable(tables, defaultTable, context, measure.id);
  for (const table of conditionTables) {
    if (!isLookupFrom(home, table, context)) {
      throw new AskdataError(
        'spec_invalid',
        `Measure '${measure.id}' has a condition on '${table}', which has many rows per ${home} row.`,
        { hint: 'Put that condition in the question filters instead.' },
      );
    }
    tables.add(table);
  }
  const percentile = aggregation === 'median' ? 0.5 : (measure.percentile ?? metric?.percentile);
  if (aggregation === 'percentile' && percentile === undefined) {
    throw new AskdataError(
      'spec_invalid',
      `Measure '${measure.id}' is a percentile but says not which (e.g. 0.9).`,
    );
  }
  const firstColumn = expression === undefined ? undefined : expressionColumns(expression)[0];
  const columnLabel =
    firstColumn === undefined
      ? undefined
      : context.resolve({ table: firstColumn.table, column: firstColumn.column }, expressionTable).column;
  const label =
    measure.label ??
    metric?.label ??
    (expression === undefined
      ? `Number of ${context.index.entity(home).label.toLowerCase()}`
      : `${aggregationLabels[aggregation]} of ${measure.expression ?? columnLabel?.label.toLowerCase() ?? humanize(measure.id)}`);
  return {
    id: measure.id,
    label,
    aggregation,
    argument,
    percentile,
    condition: conditions.length === 0 ? undefined : conditions.join(' AND '),
    home,
    tables,
    unit: metric?.unit ?? (expression?.kind === 'column' ? columnLabel?.unit : undefined),
  };
}

/** The finest-grain table among those an expression reads: all others must be lookups from it. */
function homeTable(tables: Set<string>, fallback: string, context: SqlContext, id: string): string {
  if (tables.size === 0) return context.index.entity(fallback).name;
  for (const candidate of tables) {
    if ([...tables].every((other) => isLookupFrom(candidate, other, context))) return candidate;
  }
  throw new AskdataError(
    'spec_invalid',
    `Measure '${id}' combines columns of ${[...tables].join(' and ')}, which are not one-to-one along a join path.`,
  );
}

export function isLookupFrom(home: string, table: string, context: SqlContext): boolean {
  if (home.toLowerCase() === table.toLowerCase()) return true;
  return shortestPath(context.index.model, home, table).every((step) => step.direction === 'up');
}
