import { AskdataError } from '../errors';
import type { Dialect } from './dialect';
import { type JoinStep, planJoins } from './join-planner';
import type { ResolvedMeasure } from './resolve-measures';
import type { SqlContext } from './sql-context';

export interface ResolvedDimension {
  id: string;
  /** SQL over the joined tables (time grain applied). */
  expression: string;
  table: string;
}

export interface GroupInput {
  home: string;
  measures: ResolvedMeasure[];
  dimensions: ResolvedDimension[];
  filters: string[];
  filterTables: Set<string>;
}

/**
 * One aggregation at one table's grain. `inline` groups are a plain SELECT … GROUP BY whose measure and
 * dimension expressions can be reused in HAVING / ORDER BY; other groups are subqueries whose output
 * columns are the spec ids.
 */
export interface GroupSql {
  sql: string;
  inline: boolean;
  /** Inline only: the pieces, so the final query can add HAVING / ORDER BY / LIMIT. */
  select: string[];
  fromWhere: string;
  groupBy: string[];
  expressions: Map<string, string>;
}

export function buildGroup(input: GroupInput, context: SqlContext): GroupSql {
  const { dialect } = context;
  const q = (name: string) => context.quote(name);
  const needed = new Set<string>([
    ...input.dimensions.map((dimension) => dimension.table),
    ...input.filterTables,
    ...input.measures.flatMap((measure) => [...measure.tables]),
  ]);
  const steps = planJoins(context.index.model, input.home, needed);
  const fanOut = steps.some((step) => step.direction === 'down');
  noteJoins(steps, input, context);
  const emulated = input.measures.filter((measure) => needsEmulation(measure, dialect));
  const from = [
    `FROM ${context.tableSource(input.home)}`,
    ...steps.map((step) => joinSql(step, context)),
  ].join(' ');
  const fromWhere = input.filters.length === 0 ? from : `${from} WHERE ${input.filters.join(' AND ')}`;

  if (!fanOut && emulated.length === 0) {
    const expressions = new Map<string, string>();
    for (const dimension of input.dimensions) expressions.set(dimension.id, dimension.expression);
    for (const measure of input.measures) {
      expressions.set(measure.id, aggregateSql(measure, rowValue(measure, true), dialect, undefined));
    }
    const select = [...input.dimensions, ...input.measures].map(
      (item) => `${expressions.get(item.id)} AS ${q(item.id)}`,
    );
    const groupBy = input.dimensions.map((dimension) => dimension.expression);
    return {
      sql: assemble(select, fromWhere, groupBy),
      inline: true,
      select,
      fromWhere,
      groupBy,
      expressions,
    };
  }

  // Layered form. With fan-out, rows are first made distinct per home-table key (plus dimensions), so a
  // home row that matches several joined rows still counts once for each dimension value.
  const rowColumns: string[] = [];
  if (fanOut) {
    const key = context.index.entity(input.home).primaryKey;
    if (key.length === 0) {
      throw new AskdataError(
        'spec_invalid',
        `Cannot aggregate '${input.home}' across a one-to-many join without double counting: it has no primary key.`,
        {
          hint: `Declare a primary key for ${input.home} in askdata.yaml, or filter on ${input.home}'s own columns.`,
        },
      );
    }
    key.forEach((column, index) => {
      rowColumns.push(`${q(input.home)}.${q(column)} AS ${q(`__k${index}`)}`);
    });
  }
  for (const dimension of input.dimensions) rowColumns.push(`${dimension.expression} AS ${q(dimension.id)}`);
  input.measures.forEach((measure, index) => {
    rowColumns.push(`${rowValue(measure, false)} AS ${q(`__a${index}`)}`);
  });
  let source = `SELECT ${fanOut ? 'DISTINCT ' : ''}${rowColumns.join(', ')} ${fromWhere}`;
  const dimensionIds = input.dimensions.map((dimension) => q(dimension.id));
  if (emulated.length > 0) {
    // Percentiles without a native aggregate: number the non-null values within each group.
    const windows = input.measures.flatMap((measure, index) => {
      if (!emulated.includes(measure)) return [];
      const value = q(`__a${index}`);
      const partition = [...dimensionIds, `CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END`];
      const groupPartition = dimensionIds.length === 0 ? '' : `PARTITION BY ${dimensionIds.join(', ')}`;
      return [
        `ROW_NUMBER() OVER (PARTITION BY ${partition.join(', ')} ORDER BY ${value}) AS ${q(`__rn${index}`)}`,
        `COUNT(${value}) OVER (${groupPartition}) AS ${q(`__n${index}`)}`,
      ];
    });
    source = `SELECT ${q('r')}.*, ${windows.join(', ')} FROM (${source}) AS ${q('r')}`;
  }
  const select = [
    ...dimensionIds,
    ...input.measures.map(
      (measure, index) =>
        `${aggregateSql(measure, q(`__a${index}`), dialect, emulated.includes(measure) ? index : undefined, context)} AS ${q(measure.id)}`,
    ),
  ];
  const layeredFrom = `FROM (${source}) AS ${q('rows_')}`;
  return {
    sql: assemble(select, layeredFrom, dimensionIds),
    inline: false,
    select,
    fromWhere: layeredFrom,
    groupBy: dimensionIds,
    expressions: new Map(),
  };
}

function noteJoins(steps: JoinStep[], input: GroupInput, context: SqlContext): void {
  for (const step of steps) {
    const { relationship } = step;
    if (relationship.source === 'inferred') {
      context.note(
        `${relationship.from.table}.${relationship.from.columns.join(', ')} is joined to ${relationship.to.table}.${relationship.to.columns.join(', ')} by matching names (no declared key).`,
      );
    }
  }
  // Tables reached through a one-to-many step: a home row can appear under several of their values.
  const fanned = new Set<string>();
  for (const step of steps) {
    if (step.direction === 'down' || fanned.has(step.from)) fanned.add(step.to);
  }
  const spread = input.dimensions.filter((dimension) => fanned.has(dimension.table));
  if (spread.length > 0 && input.measures.length > 0) {
    const home = context.index.entity(input.home).label.toLowerCase();
    context.note(
      `Each row of ${home} is counted once under every ${spread.map((d) => d.id).join('/')} it relates to, so the groups can add up to more than the overall total.`,
    );
  }
}

function assemble(select: string[], fromWhere: string, groupBy: string[]): string {
  const group = groupBy.length === 0 ? '' : ` GROUP BY ${groupBy.join(', ')}`;
  return `SELECT ${select.join(', ')} ${fromWhere}${group}`;
}

function joinSql(step: JoinStep, context: SqlContext): string {
  const { relationship } = step;
  const conditions = relationship.from.columns.map((column, index) => {
    const target = relationship.to.columns[index] as string;
    return `${context.quote(relationship.from.table)}.${context.quote(column)} = ${context.quote(relationship.to.table)}.${context.quote(target)}`;
  });
  return `LEFT JOIN ${context.tableSource(step.to)} ON ${conditions.join(' AND ')}`;
}

function needsEmulation(measure: ResolvedMeasure, dialect: Dialect): boolean {
  return (
    (measure.aggregation === 'median' || measure.aggregation === 'percentile') &&
    dialect.percentile('x', 0.5) === undefined
  );
}

/** The per-row value a measure aggregates, with its own condition folded in. */
function rowValue(measure: ResolvedMeasure, inline: boolean): string {
  const argument = measure.argument ?? (inline && measure.condition === undefined ? '*' : '1');
  return measure.condition === undefined ? argument : `CASE WHEN ${measure.condition} THEN ${argument} END`;
}

function aggregateSql(
  measure: ResolvedMeasure,
  value: string,
  dialect: Dialect,
  emulatedIndex: number | undefined,
  context?: SqlContext,
): string {
  switch (measure.aggregation) {
    case 'count':
      return `COUNT(${value})`;
    case 'count_distinct':
      return `COUNT(DISTINCT ${value})`;
    case 'sum':
      return `SUM(${value})`;
    case 'avg':
      return `AVG(${dialect.toFloat(value)})`;
    case 'min':
      return `MIN(${value})`;
    case 'max':
      return `MAX(${value})`;
    case 'stddev':
      return dialect.stddev(value);
    case 'median':
    case 'percentile': {
      const fraction = measure.percentile ?? 0.5;
      const native = dialect.percentile(value, fraction);
      if (native !== undefined) return native;
      if (emulatedIndex === undefined || context === undefined) {
        throw new AskdataError('internal', 'Percentile emulation requires the layered form.');
      }
      return emulatedPercentile(value, fraction, emulatedIndex, context);
    }
  }
}

/** Linear interpolation between the two ranked values around fraction × (n − 1), like percentile_cont. */
function emulatedPercentile(value: string, fraction: number, index: number, context: SqlContext): string {
  const { dialect } = context;
  const rank = context.quote(`__rn${index}`);
  const count = context.quote(`__n${index}`);
  const position = `(${fraction} * (${count} - 1))`;
  const lower = dialect.floor(position);
  const upper = `CASE WHEN ${lower} + 1 < ${count} THEN ${lower} + 1 ELSE ${lower} END`;
  const lowerValue = `MAX(CASE WHEN ${rank} = ${lower} + 1 THEN ${dialect.toFloat(value)} END)`;
  const upperValue = `MAX(CASE WHEN ${rank} = ${upper} + 1 THEN ${dialect.toFloat(value)} END)`;
  const weight = `MAX(${position} - ${lower})`;
  return `(${lowerValue} + ${weight} * (${upperValue} - ${lowerValue}))`;
}
