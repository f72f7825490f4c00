/**
 * Caveats a person should read next to the answer. Weights say how much each lowers confidence;
 * informational caveats weigh 0.
 */
import type { QueryResult, QuerySpec } from '@askdata/core';
import { toNumber } from './compute-facts';
import type { Caveat, Fact } from './fact';
import { filterWindow } from './filter-window';
import { formatNumber } from './format-number';
import type { NarrativeContext } from './narrative-context';
import { resolveRoles } from './result-roles';

export function collectCaveats(
  spec: QuerySpec | undefined,
  result: QueryResult,
  context: NarrativeContext,
  facts: Fact[],
): Caveat[] {
  const caveats: Caveat[] = [];
  if (facts.some((fact) => fact.kind === 'empty')) {
    caveats.push({
      code: 'empty_result',
      message: 'No rows matched the question; check the filters and the date range.',
      weight: 0.3,
    });
  }
  const roles = resolveRoles(spec, result, context);
  for (const measure of roles.measures) {
    if (roles.dimensions.length === 0) break;
    const missing = result.rows.filter((row) => toNumber(row[measure.index]) === undefined).length;
    if (missing > 0) {
      const share = missing / Math.max(1, result.rows.length);
      caveats.push({
        code: 'nulls_excluded',
        message: `${formatNumber(missing, 'count')} of ${formatNumber(result.rows.length, 'count')} groups have no value for ${measure.label} and were left out of the summary.`,
        weight: share > 0.1 ? 0.2 : 0.05,
      });
    }
  }
  for (const nullRows of context.nullRows ?? []) {
    if (nullRows.count <= 0) continue;
    caveats.push({
      code: 'nulls_excluded',
      message: `${formatNumber(nullRows.count, 'count')} rows with an empty ${nullRows.column} were not counted.`,
      weight: 0.05,
    });
  }
  if (result.truncated) {
    caveats.push({
      code: 'rows_truncated',
      message: `Only the first ${formatNumber(result.rowCount, 'count')} rows were returned; totals and rankings cover those rows only.`,
      weight: 0.3,
    });
  } else if (spec?.topN || spec?.limit !== undefined) {
    const n = spec.topN?.n ?? spec.limit;
    caveats.push({
      code: 'rows_limited',
      message: `The answer lists ${n} rows by request; other groups are not shown.`,
      weight: 0,
    });
  }
  const latest = facts.find((fact) => fact.kind === 'latest' && fact.detail === 'partial');
  if (latest?.members?.[0]) {
    const through = [context.dataEnd, context.asOf ?? spec?.asOf].filter(Boolean).sort()[0];
    caveats.push({
      code: 'partial_period',
      message: `${latest.members[0]} is not complete${through ? ` (data through ${through})` : ''}, so comparisons use the periods before it.`,
      weight: 0.1,
    });
  }
  const earliest = facts.find((fact) => fact.kind === 'earliest' && fact.detail === 'partial');
  if (earliest?.members?.[0] && earliest.dimension) {
    const from = filterWindow(spec, earliest.dimension).from;
    caveats.push({
      code: 'partial_period',
      message: `${earliest.members[0]} is only partly covered${from ? ` (from ${from})` : ''}, so the trend starts after it.`,
      weight: 0.05,
    });
  }
  if (context.sampled) {
    const { rowsRead, totalRows } = context.sampled;
    caveats.push({
      code: 'sampled',
      message: `Computed on a sample of ${formatNumber(rowsRead, 'count')}${totalRows ? ` of ${formatNumber(totalRows, 'count')}` : ''} rows; figures are estimates.`,
      weight: 0.2,
    });
  }
  for (const assumption of context.assumptions ?? []) {
    caveats.push({ code: 'assumption', message: `Assumed: ${assumption}`, weight: 0.1 });
  }
  for (const correction of context.corrections ?? []) {
    caveats.push({
      code: 'typo_corrected',
      message: `Read "${correction.from}" as "${correction.to}".`,
      weight: 0.05,
    });
  }
  return caveats;
}
