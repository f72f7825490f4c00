/**
 * Cheap cross-checks before answering: empty or tiny results, duplicate groups, parts that do not
 * add up to the total, double counting across joins, and impossible magnitudes. Failures become
 * caveats (with weights that lower confidence) and, for the serious ones, a clarification question.
 */
import type { Measure, QueryResult, QuerySpec } from '@askdata/core';
import { isLimited, toNumber } from '../narrative/compute-facts';
import { describeFilter } from '../narrative/describe-filter';
import type { Caveat } from '../narrative/fact';
import { formatNumber } from '../narrative/format-number';
import { humanize } from '../narrative/result-roles';
import { checkFirstPlaceTie } from './first-place-tie';
import type { CheckId, CheckStatus, VerificationCheck, VerificationReport } from './verification-report';
import type { ColumnProfile, VerifyContext } from './verify-context';

const failWeight: Record<CheckId, number> = {
  empty_result: 0.3,
  tiny_result: 0.05,
  duplicate_groups: 0.3,
  parts_sum_to_total: 0.3,
  no_double_counting: 0.4,
  negative_count: 0.4,
  share_range: 0.3,
  magnitude_in_range: 0.3,
  first_place_tie: 0.1,
} satisfies Record<CheckId, number>;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

function columnValues(result: QueryResult, id: string): number[] {
  const index = result.columns.findIndex((column) => column.name === id);
  if (index < 0) return [];
  return result.rows
    .map((row) => toNumber(row[index]))
    .filter((value): value is number => value !== undefined);
}

function measureLabel(measure: Measure): string {
  return measure.label ?? humanize(measure.id);
}

function profileFor(
  spec: QuerySpec,
  measure: Measure,
  profiles: Record<string, ColumnProfile>,
): ColumnProfile | undefined {
  if (!measure.column) return undefined;
  const table = measure.column.table ?? spec.table;
  return (
    profiles[`${table}.${measure.column.column}`] ??
    (table === spec.table ? profiles[measure.column.column] : undefined)
  );
}

/** Tables other than the measure's own that the question touches (so a join is involved). */
function joinedTables(spec: QuerySpec, measure: Measure): string[] {
  const own = measure.column?.table ?? spec.table;
  const refs = [
    ...spec.dimensions.map((dimension) => dimension.column),
    ...spec.filters.map((filter) => filter.column),
    ...spec.measures.flatMap((m) => (m.column ? [m.column] : [])),
  ];
  return [...new Set(refs.map((ref) => ref.table ?? spec.table).filter((table) => table !== own))];
}

function magnitudeProblem(measure: Measure, values: number[], profile: ColumnProfile): string | undefined {
  const { min, max, rowCount } = profile;
  const aggregation = measure.aggregation;
  const label = measureLabel(measure);
  if (
    (aggregation === 'min' ||
      aggregation === 'max' ||
      aggregation === 'avg' ||
      aggregation === 'median' ||
      aggregation === 'percentile') &&
    min !== undefined &&
    max !== undefined
  ) {
    const outside = values.find(
      (value) => value < min - 1e-9 * Math.abs(min) || value > max + 1e-9 * Math.abs(max),
    );
    if (outside !== undefined)
      return `${label} is ${formatNumber(outside)}, outside the column's range ${formatNumber(min)} to ${formatNumber(max)}.`;
  }
  if (aggregation === 'sum' && min !== undefined && max !== undefined && rowCount !== undefined) {
    const bound = Math.max(Math.abs(min), Math.abs(max)) * rowCount;
    const outside = values.find((value) => Math.abs(value) > bound * (1 + 1e-9));
    if (outside !== undefined)
      return `${label} is ${formatNumber(outside)}, more than every row at its largest value could add up to (${formatNumber(bound)}).`;
  }
  if ((aggregation === 'count' || aggregation === 'count_distinct') && rowCount !== undefined) {
    const outside = values.find((value) => value > rowCount);
    if (outside !== undefined)
      return `${label} is ${formatNumber(outside, 'count')}, more than the ${formatNumber(rowCount, 'count')} rows in the table.`;
  }
  return undefined;
}

export async function verifyAnswer(
  spec: QuerySpec,
  result: QueryResult,
  context: VerifyContext = {},
): Promise<VerificationReport> {
  const checks: VerificationCheck[] = [];
  const clarifications: Clarification[] = [];
  const add = (id: CheckId, status: CheckStatus, message: string, details?: Record<string, unknown>) => {
    const check: VerificationCheck = { id, status, message };
    if (details) check.details = details;
    checks.push(check);
  };

  if (result.rows.length === 0) {
    add('empty_result', 'fail', 'No rows matched the question.');
    if (spec.filters.length > 0) {
      const filters = spec.filters.map((filter) => describeFilter(filter, spec.asOf)).join('; ');
      clarifications.push({
        weight: failWeight.empty_result,
        text: `Nothing matched ${filters}. Should I widen or drop one of these filters?`,
      });
    }
    return finish(checks, clarifications);
  }
  add('empty_result', 'pass', `${formatNumber(result.rows.length, 'count')} rows returned.`);

  const limited = isLimited(spec, result);
  if (spec.dimensions.length > 0) {
    const tiny = context.tinyRows ?? 2;
    if (result.rows.length < tiny && !limited) {
      add(
        'tiny_result',
        'warn',
        `The breakdown has only ${formatNumber(result.rows.length, 'count')} group; a breakdown may not be what was meant.`,
      );
    } else add('tiny_result', 'pass', 'The breakdown has several groups.');
    const indexes = spec.dimensions.map((dimension) =>
      result.columns.findIndex((column) => column.name === dimension.id),
    );
    const seen = new Set<string>();
    let duplicates = 0;
    for (const row of result.rows) {
      const key = JSON.stringify(indexes.map((index) => row[index] ?? null));
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
    }
    if (duplicates > 0)
      add(
        'duplicate_groups',
        'fail',
        `${formatNumber(duplicates, 'count')} groups appear more than once in the result.`,
      );
    else add('duplicate_groups', 'pass', 'Every group appears once.');
  }

  for (const stated of spec.measures) {
    // A named metric's aggregation comes from its definition in the model.
    const metricAggregation = stated.metric
      ? context.model?.metrics.find((metric) => metric.name === stated.metric)?.aggregation
      : undefined;
    const aggregation = stated.aggregation ?? metricAggregation;
    const measure: Measure = aggregation ? { ...stated, aggregation } : stated;
    const values = columnValues(result, measure.id);
    const label = measureLabel(measure);
    const additive = aggregation === 'sum' || aggregation === 'count';
    if (aggregation === 'count' || aggregation === 'count_distinct') {
      if (values.some((value) => value < 0)) add('negative_count', 'fail', `${label} has a negative count.`);
      else add('negative_count', 'pass', `${label} counts are not negative.`);
    }
    const observed = values.reduce((sum, value) => sum + value, 0);

    if (additive && spec.dimensions.length > 0 && context.runTotal) {
      const total = await context.runTotal(stated);
      if (total === null) add('parts_sum_to_total', 'skipped', `No total available for ${label}.`);
      else if (!limited) {
        if (close(observed, total))
          add(
            'parts_sum_to_total',
            'pass',
            `The groups add up to the total of ${label} (${formatNumber(total)}).`,
          );
        else {
          add(
            'parts_sum_to_total',
            'fail',
            `The groups add up to ${formatNumber(observed)}, but the total of ${label} is ${formatNumber(total)}.`,
            { observed, total },
          );
          clarifications.push({
            weight: failWeight.parts_sum_to_total,
            text: `The breakdown of ${label} does not add up to its total. Should rows with an empty group be included?`,
          });
        }
      } else if (values.every((value) => value >= 0) && observed > total * (1 + 1e-6)) {
        add(
          'parts_sum_to_total',
          'fail',
          `The rows shown add up to ${formatNumber(observed)}, more than the total of ${label} (${formatNumber(total)}).`,
          { observed, total },
        );
      } else {
        const coverage = total > 0 ? (observed / total) * 100 : undefined;
        add(
          'parts_sum_to_total',
          'pass',
          coverage === undefined
            ? 'The rows shown are a subset of the total.'
            : `The rows shown cover ${formatNumber(coverage, 'percent')} of the total of ${label}.`,
          { observed, total },
        );
      }
    }

    const joined = joinedTables(spec, measure);
    if (additive && joined.length > 0 && context.runSingleTableAggregate && !limited) {
      const single = await context.runSingleTableAggregate(stated);
      if (single === null)
        add('no_double_counting', 'skipped', `No single-table figure to compare ${label} with.`);
      else if (close(observed, single))
        add(
          'no_double_counting',
          'pass',
          `${label} matches its own table's figure (${formatNumber(single)}).`,
        );
      else if (observed > single) {
        add(
          'no_double_counting',
          'fail',
          `${label} is ${formatNumber(observed)} after joining ${joined.join(', ')}, but ${formatNumber(single)} in its own table: rows may be counted more than once.`,
          { observed, single },
        );
        clarifications.push({
          weight: failWeight.no_double_counting,
          text: `Joining ${joined.join(', ')} may count ${label} more than once. Should it be computed per ${spec.table} first?`,
        });
      } else {
        add(
          'no_double_counting',
          'warn',
          `${label} is ${formatNumber(observed)} after joining ${joined.join(', ')}, below ${formatNumber(single)} in its own table: rows without a match were left out.`,
          { observed, single },
        );
      }
    }

    const profile = context.profiles ? profileFor(spec, measure, context.profiles) : undefined;
    if (profile) {
      const problem = magnitudeProblem(measure, values, profile);
      if (problem) add('magnitude_in_range', 'fail', problem);
      else add('magnitude_in_range', 'pass', `${label} is within the range its column allows.`);
    }
  }

  for (const derived of spec.derived ?? []) {
    if (derived.kind !== 'share_of_total') continue;
    const shares = columnValues(result, derived.id);
    const fractions = shares.every((share) => share <= 1 + 1e-9);
    const scale = fractions ? 1 : 100;
    const label = derived.label ?? humanize(derived.id);
    if (shares.some((share) => share < -1e-9 || share > 100 + 1e-9)) {
      add('share_range', 'fail', `${label} has a share outside 0–100%.`);
    } else if (!limited && !(derived.partitionBy && derived.partitionBy.length > 0) && shares.length > 0) {
      const sum = shares.reduce((total, share) => total + share, 0);
      if (Math.abs(sum - scale) > 1e-3 * scale)
        add(
          'share_range',
          'warn',
          `${label} adds up to ${formatNumber((sum / scale) * 100, 'percent')}, not 100%.`,
        );
      else add('share_range', 'pass', `${label} adds up to 100%.`);
    } else add('share_range', 'pass', `${label} stays within 0–100%.`);
  }
  const tie = await checkFirstPlaceTie(spec, result, context.runOneMore);
  if (tie) checks.push(tie);
  return finish(checks, clarifications);
}

/** A question for the person; the most serious failure's question wins. */
interface Clarification {
  weight: number;
  text: string;
}

function finish(checks: VerificationCheck[], clarifications: Clarification[]): VerificationReport {
  const caveats: Caveat[] = checks
    .filter((check) => check.status === 'fail' || check.status === 'warn')
    .map((check) => ({
      code: check.status === 'fail' ? 'verification_failed' : 'verification_warning',
      message: check.message,
      weight: check.status === 'fail' ? failWeight[check.id] : Math.min(0.1, failWeight[check.id]),
      check: check.id,
    }));
  const penalty = Math.round(caveats.reduce((sum, caveat) => sum + caveat.weight, 0) * 100) / 100;
  const report: VerificationReport = { checks, caveats, confidenceDelta: penalty === 0 ? 0 : -penalty };
  const clarification = [...clarifications].sort((a, b) => b.weight - a.weight)[0];
  if (clarification) report.clarification = clarification.text;
  return report;
}
