import { AskdataError } from '../errors';
import { type QuerySpec, querySpecSchema } from './types';

/** Parses untrusted input (LLM output, stored JSON) into a QuerySpec, or throws a readable spec_invalid error. */
export function parseQuerySpec(input: unknown): QuerySpec {
  const parsed = querySpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new AskdataError(
      'spec_invalid',
      `The query spec is not valid${where}: ${issue?.message ?? 'unknown problem'}.`,
      {
        details: {
          issues: parsed.error.issues.map((item) => ({ path: item.path.join('.'), message: item.message })),
        },
      },
    );
  }
  checkQuerySpec(parsed.data);
  return parsed.data;
}

/** Cross-reference checks the schema alone cannot express: unique ids and references to existing ids. */
export function checkQuerySpec(spec: QuerySpec): void {
  const fail = (message: string, hint?: string): never => {
    throw new AskdataError('spec_invalid', message, hint === undefined ? {} : { hint });
  };
  const measureIds = new Set(spec.measures.map((measure) => measure.id));
  const dimensionIds = new Set(spec.dimensions.map((dimension) => dimension.id));
  const derivedIds = new Set((spec.derived ?? []).map((item) => item.id));
  const selectIds = new Set((spec.select ?? []).map((item) => item.id));
  const all = [...spec.measures, ...spec.dimensions, ...(spec.derived ?? []), ...(spec.select ?? [])].map(
    (x) => x.id,
  );
  const seen = new Set<string>();
  for (const id of all) {
    if (seen.has(id.toLowerCase())) fail(`The id '${id}' is used twice; every output needs its own id.`);
    seen.add(id.toLowerCase());
    if (id.startsWith('__')) fail(`The id '${id}' is reserved (ids may not start with two underscores).`);
  }
  const hasSelect = selectIds.size > 0;
  if (hasSelect && (measureIds.size > 0 || dimensionIds.size > 0)) {
    fail('A spec either selects plain columns or aggregates measures by dimensions, not both.');
  }
  if (!hasSelect && measureIds.size === 0 && dimensionIds.size === 0) {
    fail('The spec asks for nothing: add a measure, a dimension, or columns to select.');
  }
  for (const measure of spec.measures) {
    const sources = [measure.column, measure.expression, measure.metric].filter(
      (x) => x !== undefined,
    ).length;
    if (sources > 1) fail(`Measure '${measure.id}' names more than one of column, expression and metric.`);
    if (measure.metric === undefined && measure.aggregation === undefined) {
      fail(`Measure '${measure.id}' needs an aggregation.`);
    }
  }
  for (const filter of spec.having ?? []) {
    if (!measureIds.has(filter.measure))
      fail(`HAVING refers to '${filter.measure}', which is not a measure of the spec.`);
  }
  const orderable = hasSelect ? selectIds : new Set([...measureIds, ...dimensionIds, ...derivedIds]);
  for (const term of spec.order ?? []) {
    if (!orderable.has(term.by)) fail(`Order refers to '${term.by}', which is not an output of the spec.`);
  }
  if (spec.topN !== undefined) {
    if (!measureIds.has(spec.topN.by))
      fail(`Top-N ranks by '${spec.topN.by}', which is not a measure of the spec.`);
    if (spec.topN.perGroup !== undefined && !dimensionIds.has(spec.topN.perGroup)) {
      fail(`Top-N per group needs a dimension id; '${spec.topN.perGroup}' is not one.`);
    }
  }
  for (const item of spec.derived ?? []) {
    if (!measureIds.has(item.measure))
      fail(`Derived '${item.id}' refers to '${item.measure}', which is not a measure.`);
    for (const id of [...(item.partitionBy ?? []), ...(item.over === undefined ? [] : [item.over])]) {
      if (!dimensionIds.has(id)) fail(`Derived '${item.id}' refers to '${id}', which is not a dimension.`);
    }
    if (item.kind === 'ratio' && (item.denominator === undefined || !measureIds.has(item.denominator))) {
      fail(`Derived '${item.id}' is a ratio and needs a denominator that is a measure of the spec.`);
    }
    if (item.kind === 'difference' && (item.minus === undefined || !measureIds.has(item.minus))) {
      fail(`Derived '${item.id}' is a difference and needs a measure to subtract ('minus').`);
    }
    if (
      item.compareTo === 'same_period_last_year' &&
      item.kind !== 'period_change' &&
      item.kind !== 'period_pct_change'
    ) {
      fail(`Derived '${item.id}': comparing with the same period last year applies to period changes only.`);
    }
    const needsOrder = !['share_of_total', 'rank', 'ratio', 'difference'].includes(item.kind);
    if (needsOrder && item.over === undefined && dimensionIds.size === 0) {
      fail(`Derived '${item.id}' (${item.kind}) needs a dimension to run over, usually a time grain.`);
    }
  }
}
