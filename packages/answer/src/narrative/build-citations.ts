/** Where an answer came from: tables, columns, metric definitions with versions, filters, snapshots. */
import type { ColumnRef, Filter, QuerySpec } from '@askdata/core';
import { describeFilter } from './describe-filter';
import type { Citations, MetricCitation } from './fact';
import type { NarrativeContext } from './narrative-context';

/** Only the citable fields, so a full model Metric (filters, synonyms…) is not copied into answers. */
function citeMetric(metric: MetricCitation | undefined): MetricCitation | undefined {
  if (!metric) return undefined;
  const cited: MetricCitation = { name: metric.name };
  if (metric.version) cited.version = metric.version;
  if (metric.owner) cited.owner = metric.owner;
  if (metric.description) cited.description = metric.description;
  if (metric.expression) cited.expression = metric.expression;
  return cited;
}

export function buildCitations(spec: QuerySpec | undefined, context: NarrativeContext = {}): Citations {
  const tables = new Set<string>(context.tables ?? []);
  const columns = new Set<string>();
  const metrics: MetricCitation[] = [];
  const filters: string[] = [];
  if (spec) {
    tables.add(spec.table);
    const cite = (ref: ColumnRef | undefined) => {
      if (!ref) return;
      const table = ref.table ?? spec.table;
      tables.add(table);
      columns.add(`${table}.${ref.column}`);
    };
    const citeFilters = (list: Filter[] | undefined) => {
      for (const filter of list ?? []) cite(filter.column);
    };
    for (const measure of spec.measures) {
      cite(measure.column);
      citeFilters(measure.where);
      if (measure.metric) {
        const known = (context.metrics ?? context.model?.metrics)?.find(
          (metric) => metric.name === measure.metric,
        );
        if (!metrics.some((metric) => metric.name === measure.metric)) {
          metrics.push(citeMetric(known) ?? { name: measure.metric });
        }
        const metricTable = context.model?.metrics.find((metric) => metric.name === measure.metric)?.table;
        if (metricTable) tables.add(metricTable);
      }
    }
    for (const dimension of spec.dimensions) cite(dimension.column);
    for (const column of spec.select ?? []) cite(column.column);
    citeFilters(spec.filters);
    const asOf = context.asOf ?? spec.asOf;
    filters.push(...spec.filters.map((filter) => describeFilter(filter, asOf)));
  }
  return {
    tables: [...tables].sort(),
    columns: [...columns].sort(),
    metrics,
    filters,
    snapshotIds: [...(context.snapshotIds ?? [])],
    definitions: [...(context.model?.sources ?? [])],
  };
}
