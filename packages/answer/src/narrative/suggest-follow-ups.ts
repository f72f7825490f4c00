/**
 * Two or three follow-up questions the engine can answer, each with the QuerySpec that answers it
 * (derived from the current spec), so a click runs it without re-parsing: drill into the top member,
 * see it by month, top 10 instead, a coarser grain, or the previous period.
 */
import {
  type ColumnRef,
  type QueryResult,
  type QuerySpec,
  type RelativeDateUnit,
  type TimeGrain,
  truncatingGrains,
} from '@askdata/core';
import type { Fact, FollowUp } from './fact';
import type { NarrativeContext } from './narrative-context';
import { humanize, resolveRoles } from './result-roles';

const maxFollowUps = 3;

const coarserGrain: Partial<Record<TimeGrain, TimeGrain>> = {
  hour: 'day',
  day: 'week',
  week: 'month',
  month: 'quarter',
  quarter: 'year',
};

function parseColumn(text: string): ColumnRef {
  const dot = text.lastIndexOf('.');
  return dot > 0 ? { table: text.slice(0, dot), column: text.slice(dot + 1) } : { column: text };
}

function sameColumn(a: ColumnRef, b: ColumnRef, baseTable: string): boolean {
  return a.column === b.column && (a.table ?? baseTable) === (b.table ?? baseTable);
}

export function lowerLabel(label: string): string {
  // Keep acronyms ("GMV") as written; lower ordinary capitalised words.
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export function pluralize(label: string): string {
  const lower = lowerLabel(label);
  if (/ and /.test(lower)) return `${lower} combinations`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

function withoutRanking(spec: QuerySpec): QuerySpec {
  const { topN: _topN, limit: _limit, order: _order, having: _having, derived: _derived, ...rest } = spec;
  return rest;
}

/** The inclusive day range of the same length that ends the day before `from`. */
function previousRange(from: string, to: string): { from: string; to: string } | undefined {
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return undefined;
  const day = 86_400_000;
  const length = end - start + day;
  const day10 = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { from: day10(start - length), to: day10(start - day) };
}

export function suggestFollowUps(
  spec: QuerySpec | undefined,
  result: QueryResult,
  facts: Fact[],
  context: NarrativeContext = {},
): FollowUp[] {
  if (!spec || spec.measures.length === 0) return [];
  const roles = resolveRoles(spec, result, context);
  const measure =
    spec.measures.find((m) => m.id === (spec.topN?.by ?? roles.measures[0]?.id)) ?? spec.measures[0]!;
  const measureWords = lowerLabel(
    measure.label ?? roles.measures.find((m) => m.id === measure.id)?.label ?? humanize(measure.id),
  );
  const followUps: FollowUp[] = [];
  const entity = context.model?.entities.find((candidate) => candidate.name === spec.table);
  const timeColumn = context.timeColumn ?? entity?.defaultTimeColumn;
  const drillColumns =
    context.drillColumns ??
    entity?.columns
      .filter((column) => column.role === 'dimension' && !column.pii)
      .map((column) => column.name) ??
    [];
  const timeDimension = spec.dimensions.find(
    (dimension) =>
      dimension.grain !== undefined && (truncatingGrains as readonly string[]).includes(dimension.grain),
  );
  const categorical = spec.dimensions.filter((dimension) => !dimension.grain);

  // Drill into the top member: by month when a time column is known, else by another dimension.
  const top = facts.find((fact) => fact.kind === 'top');
  const topDimension = categorical.length === 1 ? categorical[0] : undefined;
  if (top?.members?.[0] && topDimension && top.members[0] !== '(blank)') {
    const index = result.columns.findIndex((column) => column.name === topDimension.id);
    const raw = result.rows.find((row) => String(row[index]) === top.members?.[0])?.[index];
    if (raw !== undefined && raw !== null) {
      const filters = [...spec.filters, { op: 'eq' as const, column: topDimension.column, value: raw }];
      if (timeColumn && !timeDimension) {
        followUps.push({
          question: `How has ${measureWords} for ${top.members[0]} changed by month?`,
          spec: {
            ...withoutRanking(spec),
            filters,
            dimensions: [{ id: 'month', column: parseColumn(timeColumn), grain: 'month' }],
            order: [{ by: 'month', direction: 'asc' }],
          },
        });
      }
      const drill = drillColumns
        .map(parseColumn)
        .find((ref) => !spec.dimensions.some((dimension) => sameColumn(dimension.column, ref, spec.table)));
      if (drill) {
        followUps.push({
          question: `What is ${measureWords} for ${top.members[0]} by ${lowerLabel(humanize(drill.column))}?`,
          spec: {
            ...withoutRanking(spec),
            filters,
            dimensions: [{ id: drill.column, column: drill }],
            order: [{ by: measure.id, direction: 'desc' }],
          },
        });
      }
    }
  }

  // Top 10 instead of the current cut (or of an unranked long list).
  const dimensionLabel = topDimension
    ? (topDimension.label ?? humanize(topDimension.column.column))
    : undefined;
  const memberCount = facts.find((fact) => fact.kind === 'member_count')?.numbers[0]?.value ?? 0;
  const currentN = spec.topN?.n ?? spec.limit;
  if (topDimension && dimensionLabel && (currentN !== undefined ? currentN !== 10 : memberCount > 10)) {
    followUps.push({
      question: `What are the top 10 ${pluralize(dimensionLabel)} by ${measureWords}?`,
      spec: {
        ...withoutRanking(spec),
        topN: { n: 10, by: measure.id, direction: 'desc' },
        order: [{ by: measure.id, direction: 'desc' }],
      },
    });
  }

  // Time series: the same at a coarser grain.
  const next = timeDimension?.grain ? coarserGrain[timeDimension.grain] : undefined;
  if (timeDimension && next) {
    followUps.push({
      question: `What is ${measureWords} by ${next}?`,
      spec: {
        ...spec,
        dimensions: spec.dimensions.map((dimension) =>
          dimension.id === timeDimension.id ? { ...dimension, id: next, grain: next } : dimension,
        ),
        order: [{ by: next, direction: 'asc' }],
      },
    });
  }

  // A single current-period number: compare with the previous period.
  const current = spec.filters.find(
    (filter) => filter.op === 'relative_date' && (filter.mode === 'this' || filter.mode === 'to_date'),
  );
  if (current && current.op === 'relative_date') {
    const unit: RelativeDateUnit = current.unit;
    followUps.push({
      question: `How does that compare with last ${unit}?`,
      spec: {
        ...spec,
        filters: spec.filters.map((filter) =>
          filter === current ? { ...current, mode: 'last' as const } : filter,
        ),
      },
    });
  }

  // An absolute date range: the same question over the equally long range just before it.
  const range = spec.filters.find((filter) => filter.op === 'date_range' && filter.from && filter.to);
  if (range && range.op === 'date_range' && range.from && range.to) {
    const previous = previousRange(range.from, range.to);
    if (previous) {
      followUps.push({
        question: `How does that compare with ${previous.from} to ${previous.to}?`,
        spec: {
          ...spec,
          filters: spec.filters.map((filter) => (filter === range ? { ...range, ...previous } : filter)),
        },
      });
    }
  }

  // No time view yet and a time column is known: the overall trend by month.
  if (!timeDimension && timeColumn && spec.dimensions.length === 0) {
    followUps.push({
      question: `What is ${measureWords} by month?`,
      spec: {
        ...withoutRanking(spec),
        dimensions: [{ id: 'month', column: parseColumn(timeColumn), grain: 'month' }],
        order: [{ by: 'month', direction: 'asc' }],
      },
    });
  }

  // A trend or a single number: where it comes from, split by a categorical column.
  const split = drillColumns.map(parseColumn)[0];
  if (split && categorical.length === 0) {
    followUps.push({
      question: `What is ${measureWords} by ${lowerLabel(humanize(split.column))}?`,
      spec: {
        ...withoutRanking(spec),
        dimensions: [{ id: split.column, column: split }],
        order: [{ by: measure.id, direction: 'desc' }],
      },
    });
  }
  return followUps.slice(0, maxFollowUps);
}
