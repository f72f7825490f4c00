/**
 * Facts computed from a result, never imagined: totals, top and bottom members, shares,
 * concentration, latest change, trend, peak and outliers. Each fact carries its numbers so the
 * writer only formats them and the number check can verify the text.
 */
import type { CellValue, QueryResult, QuerySpec } from '@askdata/core';
import type { Fact, FactNumber } from './fact';
import { filterWindow } from './filter-window';
import type { NarrativeContext } from './narrative-context';
import { isPartialPeriod, parseIsoDate, periodEnd, periodLabel } from './period';
import { type DimensionRole, type MeasureRole, resolveRoles } from './result-roles';
import { leastSquares, median, modifiedZScores } from './robust-stats';

interface Point {
  label: string;
  raw: CellValue;
  value: number;
}

const outlierThreshold = 3.5;
const maxOutliers = 2;
const concentrationSize = 3;

export function toNumber(cell: CellValue | undefined): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell.trim())) return Number(cell);
  return undefined;
}

function cellLabel(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined || cell === '') return '(blank)';
  return String(cell);
}

function measureNumber(measure: MeasureRole, name: string, value: number): FactNumber {
  const number: FactNumber = { name, value, unit: measure.unit };
  if (measure.currency) number.currency = measure.currency;
  return number;
}

const percentNumber = (name: string, value: number): FactNumber => ({ name, value, unit: 'percent' });
const countNumber = (name: string, value: number): FactNumber => ({ name, value, unit: 'count' });

function primaryMeasure(spec: QuerySpec | undefined, measures: MeasureRole[]): MeasureRole | undefined {
  const preferred =
    spec?.topN?.by ?? spec?.order?.find((order) => measures.some((m) => m.id === order.by))?.by;
  return measures.find((measure) => measure.id === preferred) ?? measures[0];
}

/** True when the rows are a subset of all groups (limit, top N, having, or a row cap). */
export function isLimited(spec: QuerySpec | undefined, result: QueryResult): boolean {
  return (
    result.truncated ||
    spec?.limit !== undefined ||
    spec?.topN !== undefined ||
    (spec?.having !== undefined && spec.having.length > 0)
  );
}

type BaseKeys = 'measure' | 'measureLabel' | 'dimension' | 'dimensionLabel' | 'grain';

function base(measure: MeasureRole, dimension?: DimensionRole): Pick<Fact, BaseKeys> {
  const fact: Pick<Fact, BaseKeys> = {
    measure: measure.id,
    measureLabel: measure.label,
  };
  if (dimension) {
    fact.dimension = dimension.id;
    fact.dimensionLabel = dimension.label;
    if (dimension.grain) fact.grain = dimension.grain;
  }
  return fact;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function outlierFacts(points: Point[], measure: MeasureRole, dimension: DimensionRole): Fact[] {
  // Below ~7 points the median absolute deviation is too unstable to call anything an outlier.
  if (points.length < 7) return [];
  const values = points.map((point) => point.value);
  const scores = modifiedZScores(values);
  if (!scores) return [];
  const centre = median(values);
  return points
    .map((point, index) => ({ point, score: scores[index] ?? 0 }))
    .filter((entry) => Math.abs(entry.score) > outlierThreshold)
    .sort((a, b) => Math.abs(b.score) - Math.abs(a.score))
    .slice(0, maxOutliers)
    .map(({ point, score }) => ({
      kind: 'outlier' as const,
      ...base(measure, dimension),
      members: [point.label],
      numbers: [measureNumber(measure, 'value', point.value), measureNumber(measure, 'median', centre)],
      detail: score > 0 ? 'high' : 'low',
    }));
}

function shareOf(value: number, total: number | undefined): number | undefined {
  return total !== undefined && total > 0 && value >= 0 ? (value / total) * 100 : undefined;
}

function categoryFacts(
  points: Point[],
  measure: MeasureRole,
  dimension: DimensionRole,
  limited: boolean,
  grandTotal: number | undefined,
): Fact[] {
  const facts: Fact[] = [];
  const shownTotal = points.reduce((sum, point) => sum + point.value, 0);
  const nonNegative = points.every((point) => point.value >= 0);
  // Shares need the total of all groups: the shown rows' sum only when nothing was cut off.
  const total = measure.additive ? (limited ? grandTotal : shownTotal) : undefined;
  if (measure.additive) {
    const value = total ?? shownTotal;
    facts.push({
      kind: 'total',
      ...base(measure, dimension),
      numbers: [measureNumber(measure, 'total', value)],
      detail: total === undefined ? 'shown' : 'all',
    });
  }
  facts.push({
    kind: 'member_count',
    ...base(measure, dimension),
    numbers: [countNumber('members', points.length)],
    detail: limited ? 'shown' : 'all',
  });
  const byValue = [...points].sort((a, b) => b.value - a.value);
  const top = byValue[0]!;
  const topShare = nonNegative ? shareOf(top.value, total) : undefined;
  facts.push({
    kind: 'top',
    ...base(measure, dimension),
    members: [top.label],
    numbers: [
      measureNumber(measure, 'value', top.value),
      ...(topShare === undefined ? [] : [percentNumber('share', topShare)]),
    ],
  });
  if (points.length >= 2) {
    const bottom = byValue[byValue.length - 1]!;
    const bottomShare = nonNegative ? shareOf(bottom.value, total) : undefined;
    facts.push({
      kind: 'bottom',
      ...base(measure, dimension),
      members: [bottom.label],
      numbers: [
        measureNumber(measure, 'value', bottom.value),
        ...(bottomShare === undefined ? [] : [percentNumber('share', bottomShare)]),
      ],
    });
  }
  const size = limited ? points.length : concentrationSize;
  const enough = limited ? points.length >= 2 && grandTotal !== undefined : points.length >= 5;
  if (measure.additive && nonNegative && enough && total !== undefined && total > 0) {
    const leaders = byValue.slice(0, size);
    const share = shareOf(
      leaders.reduce((sum, point) => sum + point.value, 0),
      total,
    );
    if (share !== undefined) {
      facts.push({
        kind: 'concentration',
        ...base(measure, dimension),
        members: leaders.map((point) => point.label),
        numbers: [countNumber('n', leaders.length), percentNumber('share', share)],
        detail: limited ? 'shown' : 'top',
      });
    }
  }
  facts.push(...outlierFacts(points, measure, dimension));
  return facts;
}

function changeFact(measure: MeasureRole, dimension: DimensionRole, current: Point, previous: Point): Fact {
  const change = current.value - previous.value;
  const numbers = [
    measureNumber(measure, 'current', current.value),
    measureNumber(measure, 'previous', previous.value),
    measureNumber(measure, 'change', change),
  ];
  if (previous.value !== 0)
    numbers.push(percentNumber('change_pct', (change / Math.abs(previous.value)) * 100));
  return {
    kind: 'period_change',
    ...base(measure, dimension),
    members: [current.label, previous.label],
    numbers,
    detail: change > 0 ? 'up' : change < 0 ? 'down' : 'flat',
  };
}

function timeSeriesFacts(
  points: Point[],
  measure: MeasureRole,
  dimension: DimensionRole,
  bounds: { asOf?: string; dataEnd?: string; dataStart?: string },
): Fact[] {
  const sorted = [...points].sort(
    (a, b) => (parseIsoDate(a.raw)?.getTime() ?? 0) - (parseIsoDate(b.raw)?.getTime() ?? 0),
  );
  const facts: Fact[] = [];
  const last = sorted[sorted.length - 1]!;
  const partial = isPartialPeriod(last.raw, dimension.grain, bounds);
  facts.push({
    kind: 'latest',
    ...base(measure, dimension),
    members: [last.label],
    numbers: [measureNumber(measure, 'value', last.value)],
    detail: partial ? 'partial' : 'complete',
  });
  // A filter starting mid-period (last 12 months from the 16th) leaves the first period partial too.
  const first = sorted[0]!;
  const start = parseIsoDate(first.raw);
  const end = start ? periodEnd(start, dimension.grain) : undefined;
  const firstPartial =
    sorted.length >= 2 &&
    bounds.dataStart !== undefined &&
    start !== undefined &&
    end !== undefined &&
    bounds.dataStart > isoDay(start) &&
    bounds.dataStart < isoDay(end);
  if (firstPartial) {
    facts.push({
      kind: 'earliest',
      ...base(measure, dimension),
      members: [first.label],
      numbers: [measureNumber(measure, 'value', first.value)],
      detail: 'partial',
    });
  }
  // Compare complete periods: a half-finished month against a full one would mislead.
  const complete = sorted.slice(firstPartial ? 1 : 0, partial ? -1 : undefined);
  if (complete.length >= 2) {
    facts.push(
      changeFact(measure, dimension, complete[complete.length - 1]!, complete[complete.length - 2]!),
    );
  }
  if (complete.length >= 3) {
    const values = complete.map((point) => point.value);
    const { slope } = leastSquares(values);
    const first = complete[0]!;
    const final = complete[complete.length - 1]!;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const flat = Math.abs(slope * (values.length - 1)) < 0.05 * Math.abs(mean);
    const numbers = [
      measureNumber(measure, 'first', first.value),
      measureNumber(measure, 'last', final.value),
      measureNumber(measure, 'slope', slope),
      countNumber('periods', complete.length),
    ];
    if (first.value !== 0) {
      numbers.push(percentNumber('change_pct', ((final.value - first.value) / Math.abs(first.value)) * 100));
    }
    facts.push({
      kind: 'trend',
      ...base(measure, dimension),
      members: [first.label, final.label],
      numbers,
      detail: flat ? 'flat' : slope > 0 ? 'up' : 'down',
    });
    const peak = complete.reduce((best, point) => (point.value > best.value ? point : best));
    facts.push({
      kind: 'peak',
      ...base(measure, dimension),
      members: [peak.label],
      numbers: [measureNumber(measure, 'value', peak.value)],
    });
  }
  if (measure.additive) {
    facts.push({
      kind: 'total',
      ...base(measure, dimension),
      numbers: [
        measureNumber(
          measure,
          'total',
          sorted.reduce((sum, point) => sum + point.value, 0),
        ),
      ],
      detail: 'all',
    });
  }
  facts.push(...outlierFacts(complete, measure, dimension));
  return facts;
}

export function computeFacts(
  spec: QuerySpec | undefined,
  result: QueryResult,
  context: NarrativeContext = {},
): Fact[] {
  if (result.rows.length === 0) return [{ kind: 'empty', numbers: [] }];
  const roles = resolveRoles(spec, result, context);
  const measure = primaryMeasure(spec, roles.measures);
  if (!measure) return [{ kind: 'row_count', numbers: [countNumber('rows', result.rows.length)] }];

  if (roles.dimensions.length === 0) {
    const row = result.rows[0]!;
    return roles.measures.slice(0, 3).flatMap((role): Fact[] => {
      const value = toNumber(row[role.index]);
      return value === undefined
        ? []
        : [{ kind: 'value', ...base(role), numbers: [measureNumber(role, 'value', value)] }];
    });
  }

  const single = roles.dimensions.length === 1 ? roles.dimensions[0]! : undefined;
  const labelFor = (row: CellValue[]): string =>
    roles.dimensions
      .map((dimension) =>
        dimension.isTime
          ? periodLabel(row[dimension.index], dimension.grain)
          : cellLabel(row[dimension.index]),
      )
      .join(' / ');
  const points: Point[] = [];
  for (const row of result.rows) {
    const value = toNumber(row[measure.index]);
    if (value === undefined) continue;
    points.push({ label: labelFor(row), raw: single ? (row[single.index] ?? null) : null, value });
  }
  if (points.length === 0) return [{ kind: 'empty', ...base(measure), numbers: [] }];

  const asOf = context.asOf ?? spec?.asOf;
  const bounds: { asOf?: string; dataEnd?: string; dataStart?: string } = {};
  if (asOf) bounds.asOf = asOf;
  const window = single?.isTime ? filterWindow(spec, single.id) : {};
  const dataEnd = [context.dataEnd, window.to].filter((day): day is string => day !== undefined).sort()[0];
  if (dataEnd) bounds.dataEnd = dataEnd;
  if (window.from) bounds.dataStart = window.from;
  if (single?.isTime) return timeSeriesFacts(points, measure, single, bounds);

  const dimension: DimensionRole = single ?? {
    id: roles.dimensions.map((role) => role.id).join('_'),
    index: -1,
    label: roles.dimensions.map((role) => role.label).join(' and '),
    isTime: false,
  };
  return categoryFacts(points, measure, dimension, isLimited(spec, result), context.totals?.[measure.id]);
}
