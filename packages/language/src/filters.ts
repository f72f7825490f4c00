/**
 * Filters from tagged values, literals, comparisons and dates. A column word right before a value
 * or comparison names the filtered column ("age over 30", "country is France"); otherwise the value
 * index or the comparison's adjective ("older than") says which column is meant.
 */
import type { Filter, ScalarValue } from '@askdata/core';
import { type CatalogColumn, isNumericType, isTemporalType } from './catalog';
import { resolveRelative } from './dates';
import type { KeywordKind } from './keywords';
import { countPerEntity } from './measure-phrases';
import { monthWithoutYear } from './month-only';
import type { SchemaResolver } from './schema-resolver';
import type { SpecBuilder } from './spec-builder';
import type { Tag } from './tagger';
import type { ValueMatch } from './value-index';

export interface FilterContext {
  tags: Tag[];
  used: Set<number>;
  consumedColumns: Set<number>;
  builder: SpecBuilder;
  resolver: SchemaResolver;
  columnAt: (i: number) => CatalogColumn | undefined;
  tableOf: (tag: Tag | undefined) => string | undefined;
  nextIndex: (from: number, skip?: Set<KeywordKind>) => number;
  previousIndex: (from: number) => number;
  penalise: (factor: number, why: string) => void;
  phraseOf: (tag: Tag) => string;
  asOf: string;
  /** The date column that places the measured rows in time, when the base table has none of its own. */
  timeColumn?: CatalogColumn;
}

const operatorOf = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', '=': 'eq', '!=': 'neq' } as const;

export function applyFilters(context: FilterContext): void {
  const { tags, used, builder, resolver, penalise, phraseOf } = context;
  const keywordAt = (i: number) => {
    const tag = tags[i];
    return tag?.type === 'keyword' ? tag.keyword : undefined;
  };
  /** The column word just before tag `i` (skipping "is", "with", "whose"), if it is free to be a filter subject. */
  const subjectBefore = (i: number): { column: CatalogColumn; index: number } | undefined => {
    let j = context.previousIndex(i);
    while (j >= 0 && (keywordAt(j) === 'with' || keywordAt(j) === 'not')) j = context.previousIndex(j);
    const tag = tags[j];
    if (tag?.type !== 'schema' || context.tableOf(tag) !== undefined || context.consumedColumns.has(j))
      return undefined;
    const column = context.columnAt(j);
    return column ? { column, index: j } : undefined;
  };

  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as Tag;
    if (used.has(i)) continue;
    const negationIndex = context.previousIndex(i);
    const negated = keywordAt(negationIndex) === 'not';
    const useNegation = () => {
      if (negated) used.add(negationIndex);
    };
    if (tag.type === 'value') {
      const subject = subjectBefore(i);
      const match = pickMatch(tag.matches, subject?.column, context);
      if (!match) continue;
      if (subject && subject.column.name === match.column && subject.column.table === match.table)
        used.add(subject.index);
      // "the Caribbean region", "English language": the column named right after its value.
      const after = context.nextIndex(i);
      const afterColumn =
        tags[after]?.type === 'schema' && !used.has(after) ? context.columnAt(after) : undefined;
      if (afterColumn && afterColumn.name === match.column && afterColumn.table === match.table)
        used.add(after);
      used.add(i);
      useNegation();
      const values: ScalarValue[] = [match.value];
      let j = context.nextIndex(i);
      let versus = false;
      let conjunction = false;
      // "Belgium, France and Turkey": a comma also continues a list of values.
      const listed = (at: number) => tags[at]?.type === 'value' && phraseOf(tags[at - 1] as Tag) === ',';
      while (keywordAt(j) === 'or' || keywordAt(j) === 'and' || keywordAt(j) === 'versus' || listed(j)) {
        const k = listed(j) ? j : context.nextIndex(j);
        const other = tags[k];
        const same =
          other?.type === 'value'
            ? other.matches.find((m) => m.table === match.table && m.column === match.column)
            : undefined;
        if (!same) break;
        versus ||= keywordAt(j) === 'versus';
        conjunction ||= keywordAt(j) === 'and';
        values.push(same.value);
        used.add(j).add(k);
        j = context.nextIndex(k);
      }
      const column = resolver.table(match.table)?.columns.find((c) => c.name === match.column);
      if (!column) continue;
      const ref = builder.ref(column);
      if (values.length === 1)
        builder.addFilter({ op: negated ? 'neq' : 'eq', column: ref, value: values[0] as ScalarValue });
      else builder.addFilter({ op: negated ? 'not_in' : 'in', column: ref, values });
      if (versus) builder.addDimension(column);
      // "nations that use English and Dutch" (a related table): rows having every value, which needs set logic.
      if (conjunction && !versus && match.table !== builder.base)
        penalise(0.4, `"and" between values of ${match.column} may mean both at once`);
      const candidates = new Set(tag.matches.filter((m) => m.table === match.table).map((m) => m.column));
      if (candidates.size > 1 && !subject) penalise(0.8, `"${phraseOf(tag)}" appears in several columns`);
      continue;
    }
    if (tag.type === 'partial') {
      const column = resolver.table(tag.table)?.columns.find((candidate) => candidate.name === tag.column);
      if (!column || resolver.distance(builder.base, tag.table) === undefined) continue;
      const subject = subjectBefore(i);
      if (subject?.column === column) used.add(subject.index);
      used.add(i);
      useNegation();
      penalise(0.8, `"${tag.text}" matched part of a ${tag.column} value`);
      builder.addFilter({ op: 'contains', column: builder.ref(column), value: tag.text });
      continue;
    }
    if (tag.type === 'literal') {
      const subject = subjectBefore(i);
      const column = subject?.column ?? resolver.labelColumn(builder.base);
      if (!column) continue;
      if (subject) used.add(subject.index);
      else penalise(0.8, `assuming "${tag.text}" is a ${column.name}`);
      used.add(i);
      useNegation();
      builder.addFilter({ op: negated ? 'neq' : 'eq', column: builder.ref(column), value: tag.text });
      continue;
    }
    if (tag.type === 'comparison') {
      const comparison = tag.comparison;
      let column: CatalogColumn | undefined;
      if (comparison.hint) {
        // "pets owned by students who are older than 20": the entity named just before is the one compared.
        let back = context.previousIndex(i);
        let steps = 0;
        while (back >= 0 && steps < 4 && context.tableOf(tags[back]) === undefined) {
          back = context.previousIndex(back);
          steps++;
        }
        const nearTable = back >= 0 ? context.tableOf(tags[back]) : undefined;
        column =
          (nearTable ? resolver.hintColumn(nearTable, [comparison.hint])?.column : undefined) ??
          resolver.hintColumn(builder.base, [comparison.hint], true)?.column;
      }
      const before = subjectBefore(i);
      if (column && before?.column === column) used.add(before.index);
      const subject = column ? undefined : before;
      if (
        subject &&
        (isNumericType(subject.column.logicalType) || isTemporalType(subject.column.logicalType))
      ) {
        column = subject.column;
        used.add(subject.index);
      }
      const next = context.nextIndex(i);
      const nextTable = context.tableOf(tags[next]);
      if (
        !column &&
        nextTable !== undefined &&
        builder.dimensions.length === 0 &&
        builder.measures.length === 0
      ) {
        // "hometowns shared by at least two teachers": the column named first is what is grouped.
        const answerIds: string[] = [];
        tags.forEach((candidate, k) => {
          if (
            k >= i ||
            candidate.type !== 'schema' ||
            used.has(k) ||
            context.tableOf(candidate) !== undefined
          )
            return;
          const groupColumn = context.columnAt(k);
          if (!groupColumn || resolver.distance(groupColumn.table, nextTable) === undefined) return;
          used.add(k);
          answerIds.push(builder.addDimension(groupColumn));
        });
        if (answerIds.length > 0) builder.answerIds = answerIds;
      }
      if (
        !column &&
        !comparison.hint &&
        next === i + 1 &&
        nextTable !== undefined &&
        builder.dimensions.length === 0 &&
        builder.measures.length === 0
      ) {
        // "customers with more than 20 orders": a condition on the number of related rows per entity.
        const measure = countPerEntity(builder, resolver, nextTable);
        if (measure) {
          builder.having.push(
            comparison.operator === 'between'
              ? { measure, op: 'between', from: comparison.value, to: comparison.high ?? comparison.value }
              : { measure, op: operatorOf[comparison.operator], value: comparison.value },
          );
          used.add(i).add(next);
          continue;
        }
      }
      if (!column && nextTable !== undefined && builder.dimensions.length > 0) {
        // "countries with more than 2 singers": a condition on a count per group.
        const measure = builder.addMeasure('count', undefined);
        builder.having.push(
          comparison.operator === 'between'
            ? { measure, op: 'between', from: comparison.value, to: comparison.high ?? comparison.value }
            : { measure, op: operatorOf[comparison.operator], value: comparison.value },
        );
        used.add(i).add(next);
        continue;
      }
      if (!column) {
        const after = context.columnAt(next);
        if (after && isNumericType(after.logicalType)) {
          column = after;
          used.add(next);
        }
      }
      if (!column) continue;
      used.add(i);
      const ref = builder.ref(column);
      builder.addFilter(
        comparison.operator === 'between'
          ? { op: 'between', column: ref, from: comparison.value, to: comparison.high ?? comparison.value }
          : { op: operatorOf[comparison.operator], column: ref, value: comparison.value },
      );
      continue;
    }
    if (
      tag.type === 'number' ||
      (tag.type === 'date' && tag.phrase.kind === 'absolute' && tag.phrase.year !== undefined)
    ) {
      // "year 2014 or 2015", "aged 30": a number right after a column word is that column's value.
      const subject = subjectBefore(i);
      // "first", "3rd", "99%" are positions or shares, not stored values.
      const plainNumber = tag.type !== 'number' || (!tag.ordinal && !/%$/.test(context.phraseOf(tag)));
      // "revenue by channel in 2025": a year next to a text column is a date when rows have one.
      const yearAsDate =
        tag.type === 'date' &&
        subject !== undefined &&
        !isNumericType(subject.column.logicalType) &&
        !/year/i.test(subject.column.name) &&
        (context.timeColumn ?? resolver.temporalColumns(builder.base)[0]) !== undefined;
      if (
        !subject ||
        !plainNumber ||
        yearAsDate ||
        subject.column.isKey ||
        isTemporalType(subject.column.logicalType)
      ) {
        if (tag.type === 'number') continue;
      } else {
        const numbers: number[] = [
          tag.type === 'number' ? tag.value : tag.phrase.kind === 'absolute' ? (tag.phrase.year ?? 0) : 0,
        ];
        used.add(i).add(subject.index);
        useNegation();
        let j = context.nextIndex(i);
        while (keywordAt(j) === 'or' || keywordAt(j) === 'and') {
          const other = tags[context.nextIndex(j)];
          const value =
            other?.type === 'number'
              ? other.value
              : other?.type === 'date' && other.phrase.kind === 'absolute'
                ? other.phrase.year
                : undefined;
          if (value === undefined) break;
          numbers.push(value);
          used.add(j).add(context.nextIndex(j));
          j = context.nextIndex(context.nextIndex(j));
        }
        const asText = !isNumericType(subject.column.logicalType);
        const values: ScalarValue[] = numbers.map((value) => (asText ? String(value) : value));
        const ref = builder.ref(subject.column);
        if (values.length === 1)
          builder.addFilter({ op: negated ? 'neq' : 'eq', column: ref, value: values[0] as ScalarValue });
        else builder.addFilter({ op: negated ? 'not_in' : 'in', column: ref, values });
        continue;
      }
    }
    if (tag.type === 'date') {
      const phrase = tag.phrase;
      const subject = subjectBefore(i);
      const sheetMonth = monthWithoutYear(phrase, resolver, builder.base, subject?.column);
      if (sheetMonth) {
        // "games in November" on one sheet: the month of any year, or no reading at all.
        used.add(i);
        if (subject && subject.column.name === sheetMonth.filter?.column.column) used.add(subject.index);
        if (sheetMonth.filter) builder.addFilter(sheetMonth.filter);
        else penalise(0.5, sheetMonth.doubt);
        continue;
      }
      const temporal =
        subject && isTemporalType(subject.column.logicalType)
          ? subject.column
          : (context.timeColumn ?? resolver.temporalColumns(builder.base)[0]);
      if (temporal) {
        if (subject?.column === temporal) used.add(subject.index);
        used.add(i);
        const ref = builder.ref(temporal);
        let filter: Filter;
        if (phrase.kind === 'relative') {
          filter =
            phrase.mode === 'last_n'
              ? { op: 'relative_date', column: ref, unit: phrase.unit, mode: 'last_n', n: phrase.n ?? 1 }
              : { op: 'relative_date', column: ref, unit: phrase.unit, mode: phrase.mode };
          void resolveRelative;
        } else {
          filter = {
            op: 'date_range',
            column: ref,
            ...(phrase.from ? { from: phrase.from } : {}),
            ...(phrase.to ? { to: phrase.to } : {}),
          };
        }
        builder.addFilter(filter);
        continue;
      }
      // No date column: a year can still filter a numeric "year" column.
      const yearColumn =
        subject && /year/i.test(subject.column.name)
          ? subject.column
          : resolver
              .table(builder.base)
              ?.columns.find((c) => /year/i.test(c.name) && isNumericType(c.logicalType));
      if (phrase.kind === 'absolute' && yearColumn && phrase.from && phrase.to) {
        if (subject?.column === yearColumn) used.add(subject.index);
        used.add(i);
        const fromYear = Number(phrase.from.slice(0, 4));
        const toYear = Number(phrase.to.slice(0, 4));
        const ref = builder.ref(yearColumn);
        if (phrase.year !== undefined) builder.addFilter({ op: 'eq', column: ref, value: phrase.year });
        else if (phrase.label.startsWith('since') || phrase.label.startsWith('after'))
          builder.addFilter({ op: 'gte', column: ref, value: fromYear });
        else builder.addFilter({ op: 'between', column: ref, from: fromYear, to: toYear });
      }
      continue;
    }
    if (tag.type === 'keyword' && (tag.keyword === 'contains' || tag.keyword === 'starts')) {
      const subject = subjectBefore(i);
      const next = context.nextIndex(i);
      const target = tags[next];
      const text =
        target?.type === 'literal'
          ? target.text
          : target?.type === 'unknown'
            ? target.word
            : target?.type === 'value'
              ? phraseOf(target)
              : '';
      const column = subject?.column ?? resolver.labelColumn(builder.base);
      if (!column || text === '') continue;
      if (subject) used.add(subject.index);
      used.add(i).add(next);
      builder.addFilter({
        op: tag.keyword === 'contains' ? 'contains' : 'starts_with',
        column: builder.ref(column),
        value: text,
      });
    }
  }
}

/** The value match to filter on: the column just named, else the base table, else the nearest table. */
function pickMatch(
  matches: ValueMatch[],
  named: CatalogColumn | undefined,
  context: FilterContext,
): ValueMatch | undefined {
  if (named) {
    const exact = matches.find((m) => m.table === named.table && m.column === named.name);
    if (exact) return exact;
  }
  const base = context.builder.base;
  const ranked = matches
    .map((match) => ({ match, distance: context.resolver.distance(base, match.table) }))
    .filter((entry) => entry.distance !== undefined)
    .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0));
  return ranked[0]?.match;
}
