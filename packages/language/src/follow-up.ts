/**
 * Conversation: a follow-up edits the previous QuerySpec instead of starting over. "now by month"
 * swaps the grouping, "only for Germany" / "what about 2009?" swap filters on the same column, "top
 * 10 instead" changes the limit, "show it as a line" sets the chart, "why?" drills into the top
 * contributor of the previous answer.
 */
import type { Filter, QuerySpec, ScalarValue } from '@askdata/core';
import type { SchemaResolver } from './schema-resolver';
import type { Tag, TaggedQuestion } from './tagger';

const cueWords = new Set([
  'now',
  'instead',
  'only',
  'just',
  'about',
  'what',
  'how',
  'and',
  'also',
  'it',
  'that',
  'this',
  'them',
  'show',
  'make',
  'why',
  'same',
  'but',
  'then',
]);

export interface FollowUpResult {
  spec: QuerySpec;
  confidence: number;
  changes: string[];
}

function sameColumn(a: Filter, table: string | undefined, column: string): boolean {
  return a.column.column === column && (a.column.table ?? undefined) === table;
}

/** True when the question reads like an edit of the previous one rather than a new question. */
export function looksLikeFollowUp(tagged: TaggedQuestion): boolean {
  const first = tagged.tokens[0]?.norm ?? '';
  const hasTable = tagged.tags.some(
    (tag) =>
      tag.type === 'schema' &&
      tag.entries.some((entry) => entry.target.kind === 'table' && entry.score >= 0.95),
  );
  return (cueWords.has(first) && tagged.tokens.length <= 8) || (!hasTable && tagged.tokens.length <= 5);
}

export function applyFollowUp(
  tagged: TaggedQuestion,
  previous: QuerySpec,
  resolver: SchemaResolver,
  previousTop?: Record<string, ScalarValue>,
): FollowUpResult | undefined {
  const spec: QuerySpec = structuredClone(previous);
  const changes: string[] = [];
  const { tags } = tagged;
  const base = spec.table;
  const ref = (table: string, column: string) => (table === base ? { column } : { table, column });
  let understood = 0;
  const content = tags.filter((tag) => tag.type !== 'stop').length;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as Tag;
    const next = tags.slice(i + 1).find((t) => t.type !== 'stop');
    if (tag.type === 'keyword' && tag.keyword === 'group') {
      const grainWord = next?.type === 'keyword' ? next.keyword : undefined;
      const grain = grainWord?.startsWith('grain_')
        ? (grainWord.slice(6) as 'day' | 'week' | 'month' | 'quarter' | 'year')
        : undefined;
      const temporal = resolver.temporalColumns(base)[0];
      let dimension: QuerySpec['dimensions'][number] | undefined;
      if (grain && temporal)
        dimension = { id: `${temporal.name}_${grain}`, column: { column: temporal.name }, grain };
      else if (next?.type === 'schema') {
        const choice = resolver.chooseColumn(next.entries, base, new Set([base]));
        if (choice)
          dimension = { id: choice.column.name, column: ref(choice.column.table, choice.column.name) };
      }
      if (dimension) {
        spec.dimensions = [dimension];
        spec.order = spec.order?.filter((item) => spec.measures.some((measure) => measure.id === item.by));
        if (grain) {
          spec.order = [{ by: dimension.id, direction: 'asc' }];
          delete spec.limit;
        }
        changes.push(
          `grouped by ${dimension.grain ? `${dimension.grain} of ` : ''}${dimension.column.column}`,
        );
        understood += 2;
        i++;
      }
      continue;
    }
    if (tag.type === 'value') {
      const match = tag.matches.find((m) => resolver.distance(base, m.table) !== undefined);
      if (!match) continue;
      const column = ref(match.table, match.column);
      spec.filters = spec.filters.filter((filter) => !sameColumn(filter, column.table, column.column));
      spec.filters.push({ op: 'eq', column, value: match.value });
      spec.dimensions = spec.dimensions.filter((dimension) => dimension.column.column !== match.column);
      changes.push(`only ${match.column} = ${match.value}`);
      understood++;
      continue;
    }
    if (tag.type === 'date') {
      const temporal = resolver.temporalColumns(base)[0];
      const phrase = tag.phrase;
      if (temporal) {
        spec.filters = spec.filters.filter(
          (filter) => !(filter.op === 'date_range' || filter.op === 'relative_date'),
        );
        spec.filters.push(
          phrase.kind === 'relative'
            ? phrase.mode === 'last_n'
              ? {
                  op: 'relative_date',
                  column: { column: temporal.name },
                  unit: phrase.unit,
                  mode: 'last_n',
                  n: phrase.n ?? 1,
                }
              : {
                  op: 'relative_date',
                  column: { column: temporal.name },
                  unit: phrase.unit,
                  mode: phrase.mode,
                }
            : {
                op: 'date_range',
                column: { column: temporal.name },
                ...(phrase.from ? { from: phrase.from } : {}),
                ...(phrase.to ? { to: phrase.to } : {}),
              },
        );
      } else if (phrase.kind === 'absolute' && phrase.year !== undefined) {
        const yearFilter = spec.filters.find(
          (filter) => /year/i.test(filter.column.column) && filter.op === 'eq',
        );
        if (yearFilter?.op !== 'eq') continue;
        yearFilter.value = phrase.year;
      } else continue;
      changes.push(`for ${phrase.label}`);
      understood++;
      continue;
    }
    if (
      tag.type === 'keyword' &&
      (tag.keyword === 'top' || tag.keyword === 'bottom') &&
      next?.type === 'number'
    ) {
      const orderBy = spec.order?.[0]?.by ?? spec.measures[0]?.id;
      if (!orderBy) continue;
      spec.limit = next.value;
      spec.order = [{ by: orderBy, direction: tag.keyword === 'top' ? 'desc' : 'asc' }];
      changes.push(`${tag.keyword} ${next.value}`);
      understood += 2;
      i++;
      continue;
    }
    if (tag.type === 'keyword' && tag.keyword.startsWith('chart_')) {
      spec.chart =
        tag.keyword === 'chart_line'
          ? 'line'
          : tag.keyword === 'chart_bar'
            ? 'bar'
            : tag.keyword === 'chart_pie'
              ? 'pie'
              : 'scatter';
      changes.push(`as a ${spec.chart} chart`);
      understood++;
      continue;
    }
    if (tag.type === 'unknown' && tag.word.toLowerCase() === 'why') {
      const drilled = drillDown(spec, resolver, previousTop);
      if (drilled) {
        changes.push(drilled);
        understood++;
      }
      continue;
    }
    if (tag.type === 'keyword' || (tag.type === 'unknown' && cueWords.has(tag.word.toLowerCase())))
      understood += 0.5;
  }
  if (changes.length === 0) return undefined;
  const unexplained = tags.filter(
    (tag) => tag.type === 'unknown' && !cueWords.has(tag.word.toLowerCase()),
  ).length;
  const confidence = Math.max(
    0,
    Math.min(1, 0.95 * 0.55 ** unexplained * Math.min(1, (understood + 1) / Math.max(1, content))),
  );
  return { spec, confidence, changes };
}

/** "why?": keep the measure, filter to the top contributor, and break it down by another column. */
function drillDown(
  spec: QuerySpec,
  resolver: SchemaResolver,
  previousTop?: Record<string, ScalarValue>,
): string | undefined {
  const dimension = spec.dimensions[0];
  if (!dimension || !previousTop || dimension.grain) return undefined;
  const value = previousTop[dimension.id];
  if (value === undefined) return undefined;
  const used = new Set(spec.dimensions.map((item) => item.column.column));
  const table = resolver.table(spec.table);
  const other = table?.columns.find(
    (column) =>
      column.logicalType === 'text' &&
      !column.isKey &&
      !used.has(column.name) &&
      column.name !== resolver.labelColumn(spec.table)?.name,
  );
  if (!other) return undefined;
  spec.filters.push({ op: 'eq', column: dimension.column, value });
  spec.dimensions = [{ id: other.name, column: { column: other.name } }];
  const measure = spec.measures[0]?.id;
  if (measure) spec.order = [{ by: measure, direction: 'desc' }];
  return `looking inside ${dimension.column.column} = ${String(value)} by ${other.name}`;
}
