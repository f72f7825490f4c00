/** The zod schema of `askdata.yaml`, the optional file that enriches the automatic semantic model. */
import { z } from 'zod';
import { aggregations } from '../query-spec/types';

const roles = ['key', 'dimension', 'measure', 'time', 'other'] as const;
const stringList = z.array(z.string());

export const columnConfigSchema = z
  .object({
    label: z.string().optional(),
    description: z.string().optional(),
    synonyms: stringList.optional(),
    pii: z.union([z.boolean(), z.string()]).optional().describe('true, or a tag such as email, name, phone'),
    unit: z.string().optional(),
    format: z.string().optional(),
    role: z.enum(roles).optional(),
    aggregation: z.enum(aggregations).optional().describe('Default aggregation for a measure column'),
    values: z
      .record(z.string(), z.union([z.string(), stringList]))
      .optional()
      .describe('stored value: synonyms'),
  })
  .strict();

export const tableConfigSchema = z
  .object({
    label: z.string().optional(),
    description: z.string().optional(),
    synonyms: stringList.optional(),
    primary_key: z.union([z.string(), stringList]).optional(),
    default_time_column: z.string().optional(),
    columns: z.record(z.string(), columnConfigSchema.nullable()).optional(),
  })
  .strict();

export const relationshipConfigSchema = z
  .object({
    from: z.string().describe('table.column (or table.(a,b) is not supported; use one column)'),
    to: z.string(),
  })
  .strict();

export const metricFilterConfigSchema = z
  .object({
    column: z.string(),
    op: z.string(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
    from: z.union([z.string(), z.number()]).optional(),
    to: z.union([z.string(), z.number()]).optional(),
    unit: z.string().optional(),
    mode: z.string().optional(),
    n: z.number().optional(),
  })
  .strict();

export const metricConfigSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a metric name is letters, digits and underscores'),
    table: z.string(),
    expression: z
      .string()
      .optional()
      .describe('e.g. sum(total_amount), count(*), count(distinct customer_id)'),
    aggregation: z.enum(aggregations).optional(),
    column: z.string().optional(),
    percentile: z.number().min(0).max(1).optional(),
    filters: z.array(metricFilterConfigSchema).optional(),
    label: z.string().optional(),
    description: z.string().optional(),
    owner: z.string().optional(),
    version: z.union([z.string(), z.number()]).optional(),
    unit: z.string().optional(),
    format: z.string().optional(),
    synonyms: stringList.optional(),
  })
  .strict();

export const semanticConfigSchema = z
  .object({
    version: z.literal(1).optional(),
    default_time_column: z.string().optional().describe('table.column'),
    tables: z.record(z.string(), tableConfigSchema.nullable()).optional(),
    relationships: z.array(relationshipConfigSchema).optional(),
    metrics: z.array(metricConfigSchema).optional(),
  })
  .strict();

export type SemanticConfig = z.infer<typeof semanticConfigSchema>;
export type MetricConfig = z.infer<typeof metricConfigSchema>;
