import type { Caveat, FollowUp } from '@askdata/answer';
import {
  describeQuerySpec,
  type Filter,
  type QueryResult,
  type QuerySpec,
  resolveRelativeDate,
  type SemanticModel,
} from '@askdata/core';

export interface EmptyRangeNotice {
  caveat: Caveat;
  /** The same question over the latest period the data has. */
  alternative: FollowUp;
}

function holdsNoData(result: QueryResult): boolean {
  if (result.rows.length === 0) return true;
  // A count or sum over nothing comes back as one row of zeros or nulls.
  return result.rows.length === 1 && (result.rows[0] ?? []).every((value) => value === null || value === 0);
}

/**
 * When a relative date range ("last month", "this year") lies after the last date in the data, the answer
 * says so and offers the same question over the latest such period in the data, instead of a bare zero.
 */
export function emptyRangeNotice(
  spec: QuerySpec,
  result: QueryResult,
  dataEnd: string | undefined,
  asOf: string,
  model: SemanticModel,
): EmptyRangeNotice | undefined {
  if (!dataEnd || !holdsNoData(result)) return undefined;
  const relative = spec.filters.find(
    (filter): filter is Extract<Filter, { op: 'relative_date' }> => filter.op === 'relative_date',
  );
  if (!relative) return undefined;
  const asked = resolveRelativeDate(relative, spec.asOf ?? asOf);
  if (asked.from <= dataEnd) return undefined;
  // "Last month" offered at the end of the data is the data's last month, so resolve it as of the next day.
  const offerAsOf = relative.mode === 'last' ? nextDay(dataEnd) : dataEnd;
  const latest = resolveRelativeDate(relative, offerAsOf);
  const lastDay = new Date(`${latest.toExclusive}T00:00:00Z`);
  lastDay.setUTCDate(lastDay.getUTCDate() - 1);
  const to = lastDay.toISOString().slice(0, 10);
  const alternativeSpec: QuerySpec = {
    ...spec,
    asOf: offerAsOf,
    filters: spec.filters.map((filter) =>
      filter === relative ? { op: 'date_range', column: relative.column, from: latest.from, to } : filter,
    ),
  };
  return {
    caveat: {
      code: 'empty_result',
      message: `There is no data from ${asked.from} on: the data ends on ${dataEnd}. The latest such period the data covers is ${latest.from} to ${to}.`,
      weight: 0.3,
    },
    alternative: { question: describeQuerySpec(alternativeSpec, model), spec: alternativeSpec },
  };
}

function nextDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
