/**
 * QuerySpec: the typed form of an analytic question. The offline language engine builds it, the LLM
 * agent produces it through structured output (hence the zod schema with descriptions), the compiler
 * turns it into SQL per dialect, and the chart chooser and narrator read it.
 *
 * Stability: this shape is shared by several packages. Extend it additively (new optional fields, new
 * union members); never rename or repurpose a field.
 *
 * Conventions:
 * - Every measure, dimension, select column and derived calculation has an `id`; it is the output
 *   column name in the result and the handle that `order`, `having` and `topN` refer to.
 * - Column references name a column of the base table unless `table` says otherwise; the compiler joins
 *   other tables along the semantic model's join paths.
 * - Dates and timestamps in filters are ISO strings (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`).
 */
import { z } from 'zod';

/** Output ids become SQL aliases, so they are plain identifiers. */
const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

export const outputIdSchema = z
  .string()
  .regex(identifierPattern, 'an id is letters, digits and underscores, not starting with a digit')
  .describe('Output column name, e.g. "total_revenue"; referenced by order, having, topN and derived');

export const isoDateSchema = z
  .string()
  .regex(isoDatePattern, 'a date is YYYY-MM-DD (optionally with THH:MM[:SS])')
  .describe('ISO date or timestamp, e.g. "2024-07-01"');

export const columnRefSchema = z
  .object({
    table: z.string().min(1).optional().describe('Table of the column; omit for the base table'),
    column: z.string().min(1).describe('Column name exactly as in the schema'),
  })
  .describe('A column of the base table or of a table reachable along a join path');
export type ColumnRef = z.infer<typeof columnRefSchema>;

export const aggregations = [
  'count',
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'percentile',
  'stddev',
] as const;
export type Aggregation = (typeof aggregations)[number];

export const timeGrains = [
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'day_of_week',
  'month_of_year',
] as const;
export type TimeGrain = (typeof timeGrains)[number];

/** Grains that truncate to a point in time (orderable as a timeline), as opposed to cyclic parts. */
export const truncatingGrains = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type TruncatingGrain = (typeof truncatingGrains)[number];

export const scalarValueSchema = z
  .union([z.string(), z.number(), z.boolean()])
  .describe('A literal: text, number, boolean, or an ISO date string for date columns');
export type ScalarValue = z.infer<typeof scalarValueSchema>;

const comparisonOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

export const relativeDateUnits = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type RelativeDateUnit = (typeof relativeDateUnits)[number];

/**
 * Row filters (SQL WHERE). Text matching (`contains`, `starts_with`, `ends_with`) is case-insensitive.
 * `between` and `date_range` are inclusive at both ends; a `date_range` `to` date includes that whole day.
 */
export const filterSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.enum(comparisonOps),
      column: columnRefSchema,
      value: scalarValueSchema,
      keepEmpty: z
        .boolean()
        .optional()
        .describe('Also keep rows where the column is empty (NULL), which SQL comparisons drop'),
    })
    .describe('Comparison: column = / <> / > / >= / < / <= value'),
  z
    .object({
      op: z.enum(['in', 'not_in']),
      column: columnRefSchema,
      values: z.array(scalarValueSchema).min(1),
    })
    .describe('Membership in a list of values'),
  z
    .object({
      op: z.literal('between'),
      column: columnRefSchema,
      from: scalarValueSchema,
      to: scalarValueSchema,
    })
    .describe('Inclusive range: from <= column <= to'),
  z
    .object({
      op: z.enum(['contains', 'starts_with', 'ends_with']),
      column: columnRefSchema,
      value: z.string(),
    })
    .describe('Case-insensitive text match'),
  z.object({ op: z.enum(['is_null', 'not_null']), column: columnRefSchema }).describe('Null check'),
  z
    .object({
      op: z.literal('date_range'),
      column: columnRefSchema,
      from: isoDateSchema.optional().describe('First day included'),
      to: isoDateSchema.optional().describe('Last day included (the whole day)'),
    })
    .describe('Absolute date range; at least one of from/to'),
  z
    .object({
      op: z.literal('relative_date'),
      column: columnRefSchema,
      unit: z.enum(relativeDateUnits),
      mode: z
        .enum(['last_n', 'this', 'last', 'to_date'])
        .describe(
          'last_n: the rolling N units ending on the as-of date; this: the current calendar unit; ' +
            'last: the previous full calendar unit; to_date: start of the current unit through the as-of date',
        ),
      n: z.number().int().positive().optional().describe('Required for last_n'),
    })
    .describe('Date relative to spec.asOf, e.g. last 30 days, this month, last quarter, year to date'),
]);
export type Filter = z.infer<typeof filterSchema>;
export type FilterOp = Filter['op'];

export const measureSchema = z
  .object({
    id: outputIdSchema,
    aggregation: z
      .enum(aggregations)
      .optional()
      .describe('Required unless `metric` is given; `count` without column or expression counts rows'),
    column: columnRefSchema.optional().describe('Column to aggregate'),
    expression: z
      .string()
      .optional()
      .describe(
        'Row-level arithmetic over columns to aggregate instead of a column, e.g. "quantity * unit_price"; ' +
          'columns, numbers, + - * / and parentheses only; qualify other tables as table.column',
      ),
    metric: z.string().optional().describe('Name of a metric defined in the semantic model'),
    percentile: z.number().min(0).max(1).optional().describe('For aggregation percentile: 0.9 is p90'),
    where: z
      .array(filterSchema)
      .optional()
      .describe('Conditions applied to this measure only, e.g. count of orders where status = cancelled'),
    label: z.string().optional().describe('Human label, e.g. "Revenue"'),
  })
  .describe('An aggregated value');
export type Measure = z.infer<typeof measureSchema>;

export const dimensionSchema = z
  .object({
    id: outputIdSchema,
    column: columnRefSchema,
    grain: z.enum(timeGrains).optional().describe('Time grain for a date/timestamp column'),
    label: z.string().optional(),
  })
  .describe('A grouping column, optionally bucketed by a time grain');
export type Dimension = z.infer<typeof dimensionSchema>;

export const selectColumnSchema = z
  .object({ id: outputIdSchema, column: columnRefSchema, label: z.string().optional() })
  .describe('A column returned as-is, for plain row lookups without aggregation');
export type SelectColumn = z.infer<typeof selectColumnSchema>;

export const measureFilterSchema = z.discriminatedUnion('op', [
  z.object({ measure: outputIdSchema.describe('Measure id'), op: z.enum(comparisonOps), value: z.number() }),
  z.object({
    measure: outputIdSchema.describe('Measure id'),
    op: z.literal('between'),
    from: z.number(),
    to: z.number(),
  }),
]);
export type MeasureFilter = z.infer<typeof measureFilterSchema>;

export const orderBySchema = z.object({
  by: outputIdSchema.describe('Id of a measure, dimension, select column or derived calculation'),
  direction: z.enum(['asc', 'desc']),
});
export type OrderBy = z.infer<typeof orderBySchema>;

export const topNSchema = z
  .object({
    n: z.number().int().positive(),
    by: outputIdSchema.describe('Measure (or derived) id to rank by'),
    direction: z.enum(['desc', 'asc']).optional().describe('desc (default) is top N; asc is bottom N'),
    perGroup: outputIdSchema.optional().describe('Dimension id: keep the top N within each of its values'),
  })
  .describe('Keep the N best rows overall or per group; ties are broken by output order of dimensions');
export type TopN = z.infer<typeof topNSchema>;

export const derivedKinds = [
  'share_of_total',
  'period_change',
  'period_pct_change',
  'running_total',
  'rank',
  'moving_average',
  'ratio',
  'difference',
] as const;
export type DerivedKind = (typeof derivedKinds)[number];

export const derivedSchema = z
  .object({
    id: outputIdSchema,
    kind: z.enum(derivedKinds),
    measure: outputIdSchema.describe('Id of the measure it is computed from'),
    over: outputIdSchema
      .optional()
      .describe('Time (or ordering) dimension id for period changes, running totals and moving averages'),
    partitionBy: z
      .array(outputIdSchema)
      .optional()
      .describe(
        'Dimension ids that restart the calculation; default: every other dimension for time-based kinds, none for share and rank',
      ),
    window: z.number().int().positive().optional().describe('Moving average width in rows (periods)'),
    compareTo: z
      .enum(['previous_period', 'same_period_last_year'])
      .optional()
      .describe(
        'For period_change / period_pct_change: the previous row in time (default) or the same period a year earlier',
      ),
    denominator: outputIdSchema
      .optional()
      .describe('For ratio: id of the measure divided by, e.g. revenue per order = revenue / orders'),
    minus: outputIdSchema
      .optional()
      .describe('For difference: id of the measure subtracted, e.g. gold of one team minus gold of another'),
    absolute: z
      .boolean()
      .optional()
      .describe('For difference: the size of the gap whatever its sign ("the difference between A and B")'),
    verdict: z
      .object({ above: z.string(), below: z.string(), same: z.string() })
      .optional()
      .describe(
        'For difference: one of three words by the sign of the gap instead of the number, e.g. ' +
          '{above: "more", below: "less", same: "same"} for "did A win more or less than B?"',
      ),
    direction: z
      .enum(['desc', 'asc'])
      .optional()
      .describe('Rank order; desc (default) ranks the largest first'),
    label: z.string().optional(),
  })
  .describe(
    'A calculation over the aggregated rows (window functions), e.g. share of total or month-over-month change',
  );
export type Derived = z.infer<typeof derivedSchema>;

export const rowAnchorSchema = z
  .object({
    filters: z.array(filterSchema).min(1).describe('Conditions (on the base table) that find the anchor row'),
    offset: z
      .number()
      .int()
      .describe('Rows from the anchor in source order: -1 the row before, 1 the row after'),
    nearest: z
      .array(filterSchema)
      .optional()
      .describe(
        'Step to the nearest row on the offset\'s side that passes these conditions instead of exactly offset rows ("the next team after X" skips rows whose team is X or empty)',
      ),
    time: columnRefSchema
      .optional()
      .describe(
        'A base-table column of times: when the source lists them newest first, before and after swap ("who won after X" in a newest-first list of winners)',
      ),
  })
  .describe(
    'Keep only the row at a fixed distance, in the source\'s own row order, from the first row matching the filters ("the team listed after X")',
  );
export type RowAnchor = z.infer<typeof rowAnchorSchema>;

export const sameAsSchema = z
  .object({
    column: columnRefSchema.describe('Base-table column whose value the kept rows share'),
    filters: z
      .array(filterSchema)
      .min(1)
      .describe('Conditions (on the base table) that find the rows to match'),
  })
  .describe(
    'Keep only rows whose column holds a value of the rows matching the filters ("the same position as X"); add a filter to leave X itself out',
  );
export type SameAs = z.infer<typeof sameAsSchema>;

export const querySpecSchema = z
  .object({
    version: z.literal(1).optional().describe('Spec format version; 1'),
    table: z.string().min(1).describe('Base table (entity) the question is about, e.g. "orders"'),
    measures: z.array(measureSchema).describe('Aggregated values; empty for plain row lookups'),
    dimensions: z.array(dimensionSchema).describe('Group-by columns; empty for a single total'),
    filters: z.array(filterSchema).describe('Row filters combined with AND'),
    having: z.array(measureFilterSchema).optional().describe('Filters on measure values, combined with AND'),
    order: z.array(orderBySchema).optional(),
    limit: z.number().int().positive().optional().describe('Maximum number of rows returned'),
    topN: topNSchema.optional(),
    derived: z.array(derivedSchema).optional(),
    select: z
      .array(selectColumnSchema)
      .optional()
      .describe('Plain columns for row lookups; only when measures and dimensions are empty'),
    distinct: z.boolean().optional().describe('With select: return distinct rows'),
    asOf: isoDateSchema.optional().describe('The "today" that relative dates are resolved against'),
    rowAnchor: rowAnchorSchema.optional(),
    sameAs: sameAsSchema.optional(),
    chart: z
      .enum(['auto', 'bar', 'line', 'area', 'pie', 'scatter', 'table', 'number', 'histogram', 'heatmap'])
      .optional()
      .describe('Chart type the person asked for explicitly, if any'),
  })
  .describe('An analytic question in structured form');
export type QuerySpec = z.infer<typeof querySpecSchema>;

/** Roles of output columns, for charts and narration. */
export type OutputRole = 'dimension' | 'measure' | 'derived' | 'column';

export interface OutputColumn {
  /** SQL alias and result column name (the spec id). */
  name: string;
  role: OutputRole;
  /** Human label from the spec, the semantic model, or derived from the column name. */
  label: string;
  grain?: TimeGrain;
  aggregation?: Aggregation;
  derivedKind?: DerivedKind;
  /** Unit hint (e.g. 'USD', 'percent') from the schema or metric definition. */
  unit?: string;
}
