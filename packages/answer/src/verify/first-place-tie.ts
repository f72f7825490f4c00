import type { QueryResult, QuerySpec } from '@askdata/core';
import { formatNumber } from '../narrative/format-number';
import type { VerificationCheck } from './verification-report';

/**
 * "Which year had the most titles?" answered with one row: when the next row has the same value of what
 * the rows are ranked by, the one shown was picked by the tie-break, not by the data. Said as a warning
 * that names the runner-up. `runOneMore` is the same query with a limit of two.
 */
export async function checkFirstPlaceTie(
  spec: QuerySpec,
  result: QueryResult,
  runOneMore: (() => Promise<QueryResult | null>) | undefined,
): Promise<VerificationCheck | undefined> {
  const ranking = spec.order?.[0];
  const rankedByMeasure =
    ranking !== undefined &&
    (spec.measures.some((measure) => measure.id === ranking.by) ||
      (spec.derived ?? []).some((derived) => derived.id === ranking.by));
  if (!runOneMore || spec.limit !== 1 || !rankedByMeasure || result.rows.length !== 1) return undefined;
  const more = await runOneMore();
  const index = more?.columns.findIndex((column) => column.name === ranking.by) ?? -1;
  const [first, second] = more?.rows ?? [];
  if (index < 0 || !first || !second) return undefined;
  const value = first[index];
  if (value === null || value === undefined || second[index] !== value)
    return { id: 'first_place_tie', status: 'pass', message: 'The first row is ahead of the next one.' };
  const name = (row: readonly unknown[]) =>
    spec.dimensions
      .map((dimension) => row[more?.columns.findIndex((column) => column.name === dimension.id) ?? -1])
      .filter((cell) => cell !== undefined)
      .map(String)
      .join(', ');
  const shown = typeof value === 'number' ? formatNumber(value) : String(value);
  return {
    id: 'first_place_tie',
    status: 'warn',
    message: `${name(second) || 'Another row'} ties with ${name(first) || 'the row shown'} at ${shown}; only one is shown.`,
    details: { tiedWith: name(second), value: shown },
  };
}
