import type { DialectName } from '../dialect-name';
import { AskdataError } from '../errors';
import { checkQuerySpec } from '../query-spec/check-query-spec';
import type { Derived, MeasureFilter, OrderBy, OutputColumn, QuerySpec } from '../query-spec/types';
import type { SemanticModel } from '../semantic/types';
import { type GeneratedSql, generatedSql } from '../sql';
import { buildGroup, type GroupSql, type ResolvedDimension } from './build-group';
import { dialects } from './dialects/index';
import { planJoins } from './join-planner';
import { ModelIndex } from './model-index';
import { type ResolvedMeasure, resolveMeasure } from './resolve-measures';
import { SqlContext } from './sql-context';

export interface CompiledQuery {
  sql: GeneratedSql;
  dialect: DialectName;
  /** Result columns in order, named by the spec ids. */
  columns: OutputColumn[];
  /** How the spec was interpreted (resolved dates, inferred joins, fan-out, gaps), for caveats. */
  notes: string[];
}

/**
 * QuerySpec → SQL for one dialect. Measures are aggregated at their own table's grain (one subquery per
 * home table when several tables hold measures), so neither fan-out nor chasm traps double count.
 */
export function compileQuery(spec: QuerySpec, model: SemanticModel, dialectName: DialectName): CompiledQuery {
  checkQuerySpec(spec);
  const context = new SqlContext(dialects[dialectName], new ModelIndex(model), spec.asOf);
  const base = context.index.entity(spec.table).name;
  const filterTables = new Set<string>();
  const filters = spec.filters.map((filter) => context.filterSql(filter, base, filterTables));
  if (spec.rowAnchor !== undefined) {
    filters.push(context.rowAnchorSql(spec.rowAnchor, base));
    filterTables.add(base);
  }
  if (spec.sameAs !== undefined) {
    filters.push(context.sameAsSql(spec.sameAs, base));
    filterTables.add(base);
  }
  if (spec.select !== undefined && spec.select.length > 0) {
    return compileSelect(spec, context, base, filters, filterTables, dialectName);
  }
  const dimensions: ResolvedDimension[] = spec.dimensions.map((dimension) => {
    const resolved = context.resolve(dimension.column, base);
    const column = context.columnSql(resolved);
    return {
      id: dimension.id,
      table: resolved.table,
      expression: dimension.grain === undefined ? column : context.dialect.timeGrain(column, dimension.grain),
    };
  });
  const measures = spec.measures.map((measure) => resolveMeasure(measure, spec, context));
  const homes = [...new Set(measures.map((measure) => measure.home))];
  if (homes.length === 0) homes.push(base);
  const groups = homes.map((home) =>
    buildGroup(
      {
        home,
        measures: measures.filter((measure) => measure.home === home),
        dimensions,
        filters,
        filterTables,
      },
      context,
    ),
  );
  const columns = outputColumns(spec, context, measures);
  const derived = spec.derived ?? [];
  if (homes.length > 1) {
    context.note(
      `Measures from ${homes.join(' and ')} are aggregated separately and then matched on the dimensions, so neither is double counted.`,
    );
  }
  if (
    derived.some((item) =>
      ['period_change', 'period_pct_change', 'moving_average', 'running_total'].includes(item.kind),
    )
  ) {
    context.note(
      'Periods with no data are absent, so changes compare with the previous period that has data.',
    );
  }
  const only = groups[0] as GroupSql;
  const simple =
    groups.length === 1 &&
    only.inline &&
    derived.length === 0 &&
    (spec.topN === undefined || (spec.topN.perGroup === undefined && spec.order === undefined));
  if (simple) {
    const expression = (id: string) => only.expressions.get(id) ?? context.quote(id);
    const having = (spec.having ?? []).map((filter) => havingSql(filter, expression(filter.measure)));
    const order = orderTerms(spec, context, expression);
    const limit = Math.min(spec.limit ?? Number.POSITIVE_INFINITY, spec.topN?.n ?? Number.POSITIVE_INFINITY);
    const sql = [
      `SELECT ${only.select.join(', ')} ${only.fromWhere}`,
      only.groupBy.length === 0 ? '' : ` GROUP BY ${only.groupBy.join(', ')}`,
      having.length === 0 ? '' : ` HAVING ${having.join(' AND ')}`,
      order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`,
      Number.isFinite(limit) ? ` LIMIT ${limit}` : '',
    ].join('');
    return { sql: generatedSql(sql), dialect: dialectName, columns, notes: context.notes };
  }

  const q = (name: string) => context.quote(name);
  const ctes: string[] = [];
  let aggregated: string;
  if (groups.length === 1) aggregated = only.sql;
  else {
    groups.forEach((group, index) => {
      ctes.push(`${q(`g${index}`)} AS (${group.sql})`);
    });
    aggregated = combineGroups(spec, context, measures, homes);
  }
  ctes.push(`${q('agg')} AS (${aggregated})`);
  // Inside the calculation layer every column is qualified: year-over-year joins agg to itself.
  const column = (id: string) => `${q('agg')}.${q(id)}`;
  const yearJoins: string[] = [];
  const calcColumns = [
    `${q('agg')}.*`,
    ...derived.map((item, index) => {
      const plan = derivedPlan(item, spec);
      if (item.compareTo !== 'same_period_last_year')
        return `${derivedSql(item, plan, column, context)} AS ${q(item.id)}`;
      const alias = q(`ly${index}`);
      yearJoins.push(lastYearJoin(alias, plan, spec, context));
      return `${yearOverYearSql(item, column(item.measure), `${alias}.${q(item.measure)}`, context)} AS ${q(item.id)}`;
    }),
  ];
  const topN = spec.topN;
  if (topN !== undefined) {
    const partition = topN.perGroup === undefined ? '' : `PARTITION BY ${column(topN.perGroup)} `;
    const tieBreak = spec.dimensions
      .filter((d) => d.id !== topN.perGroup)
      .map((d) => context.dialect.orderTerm(column(d.id), 'asc'));
    const orderBy = [context.dialect.orderTerm(column(topN.by), topN.direction ?? 'desc'), ...tieBreak];
    calcColumns.push(`ROW_NUMBER() OVER (${partition}ORDER BY ${orderBy.join(', ')}) AS ${q('__top')}`);
  }
  const having = (spec.having ?? []).map((filter) => havingSql(filter, column(filter.measure)));
  const havingClause = having.length === 0 ? '' : ` WHERE ${having.join(' AND ')}`;
  const joins = yearJoins.map((join) => ` ${join}`).join('');
  // Window calculations need a layer of their own; without them the outer query reads agg directly.
  const source =
    calcColumns.length === 1
      ? `${q('agg')}${havingClause}`
      : `(SELECT ${calcColumns.join(', ')} FROM ${q('agg')}${joins}${havingClause}) AS ${q('calc')}`;
  const order = orderTerms(spec, context, q);
  const sql = [
    `WITH ${ctes.join(', ')} SELECT ${columns.map((column) => q(column.name)).join(', ')} FROM ${source}`,
    topN === undefined ? '' : ` WHERE ${q('__top')} <= ${topN.n}`,
    order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`,
    spec.limit === undefined ? '' : ` LIMIT ${spec.limit}`,
  ].join('');
  return { sql: generatedSql(sql), dialect: dialectName, columns, notes: context.notes };
}

/** Joins per-table aggregates on the dimension values (null-safe), keeping values present in any group. */
function combineGroups(
  spec: QuerySpec,
  context: SqlContext,
  measures: ResolvedMeasure[],
  homes: string[],
): string {
  const q = (name: string) => context.quote(name);
  const groupOf = (measure: ResolvedMeasure) => q(`g${homes.indexOf(measure.home)}`);
  const measureColumns = measures.map((measure) => {
    const value = `${groupOf(measure)}.${q(measure.id)}`;
    // A dimension value with no rows in one table has a count of 0 there, not an unknown count.
    const counted = measure.aggregation === 'count' || measure.aggregation === 'count_distinct';
    return `${counted ? `COALESCE(${value}, 0)` : value} AS ${q(measure.id)}`;
  });
  if (spec.dimensions.length === 0) {
    return `SELECT ${measureColumns.join(', ')} FROM ${homes.map((_, index) => q(`g${index}`)).join(' CROSS JOIN ')}`;
  }
  const dimensionIds = spec.dimensions.map((dimension) => q(dimension.id));
  const keys = homes
    .map((_, index) => `SELECT ${dimensionIds.join(', ')} FROM ${q(`g${index}`)}`)
    .join(` ${context.dialect.unionDistinct ?? 'UNION'} `);
  const joins = homes.map((_, index) => {
    const group = q(`g${index}`);
    const on = dimensionIds.map((id) => context.dialect.nullSafeEquals(`${q('k')}.${id}`, `${group}.${id}`));
    return `LEFT JOIN ${group} ON ${on.join(' AND ')}`;
  });
  const keyColumns = dimensionIds.map((id) => `${q('k')}.${id}`);
  return `SELECT ${[...keyColumns, ...measureColumns].join(', ')} FROM (${keys}) AS ${q('k')} ${joins.join(' ')}`;
}

function compileSelect(
  spec: QuerySpec,
  context: SqlContext,
  base: string,
  filters: string[],
  filterTables: Set<string>,
  dialectName: DialectName,
): CompiledQuery {
  const items = (spec.select ?? []).map((item) => {
    const resolved = context.resolve(item.column, base);
    return { item, resolved, expression: context.columnSql(resolved) };
  });
  const tables = new Set([...filterTables, ...items.map((entry) => entry.resolved.table)]);
  const steps = planJoins(context.index.model, base, tables);
  const joins = steps.map((step) => {
    const { relationship } = step;
    const on = relationship.from.columns.map(
      (column, index) =>
        `${context.quote(relationship.from.table)}.${context.quote(column)} = ${context.quote(relationship.to.table)}.${context.quote(relationship.to.columns[index] as string)}`,
    );
    return ` LEFT JOIN ${context.tableSource(step.to)} ON ${on.join(' AND ')}`;
  });
  const expressions = new Map(items.map((entry) => [entry.item.id, entry.expression]));
  const order = (spec.order ?? []).map((term) =>
    context.dialect.orderTerm(expressions.get(term.by) ?? context.quote(term.by), term.direction),
  );
  const sql = [
    `SELECT ${spec.distinct === true ? 'DISTINCT ' : ''}${items.map((entry) => `${entry.expression} AS ${context.quote(entry.item.id)}`).join(', ')}`,
    ` FROM ${context.tableSource(base)}${joins.join('')}`,
    filters.length === 0 ? '' : ` WHERE ${filters.join(' AND ')}`,
    order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`,
    spec.limit === undefined ? '' : ` LIMIT ${spec.limit}`,
  ].join('');
  const columns: OutputColumn[] = items.map((entry) => ({
    name: entry.item.id,
    role: 'column',
    label: entry.item.label ?? entry.resolved.column.label,
    ...(entry.resolved.column.unit === undefined ? {} : { unit: entry.resolved.column.unit }),
  }));
  return { sql: generatedSql(sql), dialect: dialectName, columns, notes: context.notes };
}

function havingSql(filter: MeasureFilter, value: string): string {
  if (filter.op === 'between') return `${value} BETWEEN ${filter.from} AND ${filter.to}`;
  const operators = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
  return `${value} ${operators[filter.op]} ${filter.value}`;
}

/** Explicit order, else top-N order, else dimensions ascending; dimensions always break ties. */
function orderTerms(spec: QuerySpec, context: SqlContext, expression: (id: string) => string): string[] {
  const terms: OrderBy[] = [...(spec.order ?? [])];
  if (terms.length === 0 && spec.topN !== undefined) {
    if (spec.topN.perGroup !== undefined) terms.push({ by: spec.topN.perGroup, direction: 'asc' });
    terms.push({ by: spec.topN.by, direction: spec.topN.direction ?? 'desc' });
  }
  for (const dimension of spec.dimensions) {
    if (!terms.some((term) => term.by === dimension.id)) terms.push({ by: dimension.id, direction: 'asc' });
  }
  return terms.map((term) => context.dialect.orderTerm(expression(term.by), term.direction));
}

interface DerivedPlan {
  /** The dimension the calculation runs along (usually the time grain). */
  over: string | undefined;
  /** Dimensions that restart it. */
  partition: string[];
}

function derivedPlan(item: Derived, spec: QuerySpec): DerivedPlan {
  const timeDimension =
    spec.dimensions.find(
      (d) => d.grain !== undefined && !['day_of_week', 'month_of_year'].includes(d.grain),
    ) ??
    spec.dimensions.find((d) => d.grain !== undefined) ??
    spec.dimensions[0];
  const over = item.over ?? timeDimension?.id;
  const timeBased = !['share_of_total', 'rank', 'ratio', 'difference'].includes(item.kind);
  const partition =
    item.partitionBy ?? (timeBased ? spec.dimensions.filter((d) => d.id !== over).map((d) => d.id) : []);
  return { over, partition };
}

function derivedSql(
  item: Derived,
  plan: DerivedPlan,
  column: (id: string) => string,
  context: SqlContext,
): string {
  const { dialect } = context;
  const value = column(item.measure);
  const partition =
    plan.partition.length === 0 ? '' : `PARTITION BY ${plan.partition.map(column).join(', ')} `;
  const orderOver = plan.over === undefined ? '' : `ORDER BY ${dialect.orderTerm(column(plan.over), 'asc')}`;
  const window = `OVER (${partition}${orderOver})`;
  switch (item.kind) {
    case 'share_of_total':
      return `${dialect.toFloat(value)} / NULLIF(SUM(${value}) OVER (${partition.trim()}), 0)`;
    case 'rank':
      return `RANK() OVER (${partition}ORDER BY ${dialect.orderTerm(value, item.direction ?? 'desc')})`;
    case 'running_total':
      return `SUM(${value}) OVER (${partition}${orderOver} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
    case 'moving_average':
      return `AVG(${dialect.toFloat(value)}) OVER (${partition}${orderOver} ROWS BETWEEN ${(item.window ?? 3) - 1} PRECEDING AND CURRENT ROW)`;
    case 'period_change':
      return `${value} - LAG(${value}) ${window}`;
    case 'period_pct_change':
      return `(${dialect.toFloat(value)} - LAG(${value}) ${window}) / NULLIF(LAG(${value}) ${window}, 0)`;
    case 'ratio':
      return `${dialect.toFloat(value)} / NULLIF(${column(item.denominator ?? item.measure)}, 0)`;
    case 'difference': {
      const gap = `${value} - ${column(item.minus ?? item.measure)}`;
      if (item.verdict) {
        const word = (text: string) => dialect.stringLiteral(text);
        const { above, below, same } = item.verdict;
        return `CASE WHEN ${gap} > 0 THEN ${word(above)} WHEN ${gap} < 0 THEN ${word(below)} WHEN ${gap} = 0 THEN ${word(same)} END`;
      }
      return item.absolute ? `ABS(${gap})` : gap;
    }
  }
}

function yearOverYearSql(item: Derived, value: string, lastYear: string, context: SqlContext): string {
  if (item.kind === 'period_change') return `${value} - ${lastYear}`;
  if (item.kind === 'period_pct_change') {
    return `(${context.dialect.toFloat(value)} - ${lastYear}) / NULLIF(${lastYear}, 0)`;
  }
  throw new AskdataError(
    'spec_invalid',
    `Derived '${item.id}': same period last year applies to period changes only.`,
  );
}

/** Joins each row to the row one year earlier with the same other dimension values (null-safe). */
function lastYearJoin(alias: string, plan: DerivedPlan, spec: QuerySpec, context: SqlContext): string {
  const q = (name: string) => context.quote(name);
  const over = spec.dimensions.find((dimension) => dimension.id === plan.over);
  const grain = over?.grain;
  if (over === undefined || grain === undefined || grain === 'day_of_week' || grain === 'month_of_year') {
    throw new AskdataError(
      'spec_invalid',
      'Same period last year needs a time dimension with a grain such as month or quarter.',
    );
  }
  const current = `${q('agg')}.${q(over.id)}`;
  const conditions = [`${alias}.${q(over.id)} = ${context.dialect.previousYear(current, grain)}`];
  for (const id of plan.partition) {
    conditions.push(context.dialect.nullSafeEquals(`${alias}.${q(id)}`, `${q('agg')}.${q(id)}`));
  }
  return `LEFT JOIN ${q('agg')} AS ${alias} ON ${conditions.join(' AND ')}`;
}

const derivedUnits = {
  share_of_total: 'fraction',
  period_pct_change: 'fraction',
  period_change: undefined,
  running_total: undefined,
  rank: 'rank',
  moving_average: undefined,
  ratio: undefined,
  difference: undefined,
} satisfies Record<Derived['kind'], string | undefined>;

const derivedLabels = {
  share_of_total: 'Share of total',
  period_change: 'Change from previous period',
  period_pct_change: '% change from previous period',
  running_total: 'Running total',
  rank: 'Rank',
  moving_average: 'Moving average',
  ratio: 'Ratio',
  difference: 'Difference',
} satisfies Record<Derived['kind'], string>;

function outputColumns(spec: QuerySpec, context: SqlContext, measures: ResolvedMeasure[]): OutputColumn[] {
  const columns: OutputColumn[] = [];
  for (const dimension of spec.dimensions) {
    const resolved = context.resolve(dimension.column, spec.table);
    columns.push({
      name: dimension.id,
      role: 'dimension',
      label: dimension.label ?? resolved.column.label,
      ...(dimension.grain === undefined ? {} : { grain: dimension.grain }),
    });
  }
  for (const measure of measures) {
    columns.push({
      name: measure.id,
      role: 'measure',
      label: measure.label,
      aggregation: measure.aggregation,
      ...(measure.unit === undefined ? {} : { unit: measure.unit }),
    });
  }
  for (const item of spec.derived ?? []) {
    const source = measures.find((measure) => measure.id === item.measure);
    const denominator = measures.find((measure) => measure.id === item.denominator);
    // A ratio keeps the numerator's unit only when dividing by a plain count (revenue per order is still USD).
    const ratioUnit =
      denominator?.aggregation === 'count' || denominator?.aggregation === 'count_distinct'
        ? source?.unit
        : undefined;
    const unit = item.kind === 'ratio' ? ratioUnit : (derivedUnits[item.kind] ?? source?.unit);
    columns.push({
      name: item.id,
      role: 'derived',
      label:
        item.label ??
        (item.kind === 'ratio'
          ? `${source?.label ?? item.measure} per ${(denominator?.label ?? item.denominator ?? '').toLowerCase()}`
          : `${derivedLabels[item.kind]} (${source?.label ?? item.measure})`),
      derivedKind: item.kind,
      ...(unit === undefined ? {} : { unit }),
    });
  }
  return columns;
}
