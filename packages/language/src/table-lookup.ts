/**
 * A second reading for questions about one loaded table (a CSV or sheet), tried when the general
 * reader abstains. People ask such tables for a cell next to a value they name ("what year did X
 * win?"), for how many rows match ("how many times did X win?"), for the row at one end of the file
 * ("the last year …") or for the row with the largest value of a column ("which team has the most
 * wins?"), the row next to a named one ("who finished after X?"), a total or average over matching rows,
 * or "the top N". Requests ("name the team …") read like "what"; a value after "not"/"other than" is
 * excluded. Words that only describe what a row is ("team", "won") are tolerated; names nothing in the
 * table explains, other negations and arithmetic between rows make it abstain.
 */
import { type Filter, ROW_POSITION } from '@askdata/core';
import { comparisonRange, soleAmountRange } from './amount-range';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import { readChoiceQuestion } from './choice-question';
import { readDifferenceQuestion } from './difference-question';
import type { Reading } from './interpret';
import { placeLooseWords } from './loose-words';
import { ordinalCellFilter } from './ordinal-cells';
import { rankedAnswer, rankTextColumn } from './ranked-text-column';
import {
  isNeighbourWord,
  listPlace,
  neighbourOffsetOf,
  type RowEnd,
  rowEndOf,
  timeOrderColumn,
} from './row-order';
import type { SchemaResolver } from './schema-resolver';
import { SpecBuilder } from './spec-builder';
import {
  answerColumn,
  asksForOne,
  betweenValues,
  type Condition,
  columnByName,
  firstContentIndex,
  groupConditions,
  hasRefusedWord,
  headOf,
  listingWords,
  negatedValue,
  nextNonStop,
  pronounOne,
  refusedWords,
  summaryRows,
  timeUnits,
  yearColumn,
  yearRange,
} from './table-lookup-parts';
import type { Tag, TaggedQuestion } from './tagger';
import { textAmountRange } from './text-amount-range';
import type { ValueIndex } from './value-index';

export interface TableLookupContext {
  tagged: TaggedQuestion;
  resolver: SchemaResolver;
  values: ValueIndex;
  asOf: string;
}

export function readTableQuestion(context: TableLookupContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const word = (tag: Tag | undefined) =>
    tag === undefined
      ? ''
      : tokens
          .slice(tag.start, tag.end)
          .map((token) => token.norm)
          .join(' ');
  const choice = readChoiceQuestion(context);
  if (choice) return choice;
  const difference = readDifferenceQuestion(context);
  if (difference) return difference;
  const head = headOf(tagged);
  if (!head) return undefined;
  // Negations, comparisons between rows and arithmetic anywhere outside a named value: abstain.
  if (hasRefusedWord(tagged, head)) return undefined;

  const doubts: string[] = [];
  let confidence = 0.9;
  const penalise = (factor: number, why: string) => {
    confidence *= factor;
    doubts.push(why);
  };
  const mentioned: Array<{ index: number; column: CatalogColumn }> = [];
  const conditions: Condition[] = [];
  let rowEnd: RowEnd | undefined;
  /** "the top of the list", "the bottom row": a place in the listed order, not in time. */
  let listedEnd = false;
  let aggregated: { aggregation: 'sum' | 'avg'; column: CatalogColumn } | undefined;
  let neighbour: { offset: number; index: number } | undefined;
  let mostRows: 'asc' | 'desc' | undefined;
  const ranges: Filter[] = [];
  const consumedByComparison = new Set<string>();
  let ranked: { column: CatalogColumn; direction: 'asc' | 'desc' } | undefined;
  const looseWords: Array<{ index: number; word: string }> = [];

  const columnOf = (tag: Tag): CatalogColumn | undefined => {
    // "the highest total": a column named like a keyword ("Total", "Average") is that column.
    if (tag.type === 'keyword' && (tag.keyword === 'sum' || tag.keyword === 'avg'))
      return table.columns.find((column) => column.name === word(tag) && isNumericType(column.logicalType));
    if (tag.type !== 'schema') return undefined;
    const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
    return choice && choice.score >= 0.7 ? choice.column : undefined;
  };
  /** The column right after a superlative, past "amount of" / "number of" ("the least amount of passengers"). */
  const amountAfter = (at: number): { index: number; column: CatalogColumn } | undefined => {
    let j = nextNonStop(tags, at);
    const filler = tags[j];
    if (
      (filler?.type === 'unknown' && filler.word.toLowerCase() === 'amount') ||
      // "the average number of assists" in a table with a Number column: "number" is a filler here.
      (/^(number|amount)$/.test(word(filler)) && tokens[filler?.end ?? 0]?.norm === 'of') ||
      (filler?.type === 'keyword' && filler.keyword === 'count' && /^number of$/.test(word(filler)))
    )
      j = nextNonStop(tags, j);
    const next = tags[j];
    const column = next ? columnOf(next) : undefined;
    if (!column) return undefined;
    mentioned.push({ index: j, column });
    skipped.add(j);
    return { index: j, column };
  };
  const skipped = new Set<number>();
  /** A text column of amounts a superlative ranks by (a filter, so not in `ranked`). */
  let rankedText: string | undefined;
  /** A text column after a superlative: amounts written as text become a filter, names a count of rows. */
  const rankText = (
    after: { index: number; column: CatalogColumn },
    direction: 'asc' | 'desc',
    countsRows: boolean,
  ) => {
    if (head.kind !== 'select') return undefined;
    const noun = tokens[(tags[after.index]?.end ?? 0) - 1]?.text ?? '';
    const ranking = rankTextColumn(values, table, after.column, direction, noun);
    if (ranking?.kind === 'rows' && !countsRows) return undefined;
    if (ranking?.kind === 'amount') {
      ranges.push(ranking.filter);
      consumedByComparison.add(after.column.name);
      rankedText = after.column.name;
    }
    // The counted noun names what each row is, not an answer column.
    if (ranking?.kind === 'rows')
      mentioned.splice(
        mentioned.findIndex((entry) => entry.index === after.index),
        1,
      );
    return ranking;
  };
  /** Tag indexes of values a negation excludes ("not from X"). */
  const negated = new Set<number>();
  const tokensAfter = (from: number, count: number) =>
    tokens
      .slice(from, from + count)
      .map((token) => token.norm)
      .join(' ');
  for (let i = head.after; i < tags.length; i++) {
    if (skipped.has(i)) continue;
    const tag = tags[i] as Tag;
    const text = word(tag);
    const negation = negatedValue(tagged, i);
    if (negation) {
      // "not from the United Kingdom": the value that follows excludes rows.
      negated.add(negation.value);
      for (let j = i + 1; j <= negation.last; j++) skipped.add(j);
      continue;
    }
    if (tag.type === 'stop') continue;
    if (tag.type === 'schema') {
      const column = columnOf(tag);
      if (column) mentioned.push({ index: i, column });
      else if (tag.entries.some((entry) => entry.target.kind === 'table')) continue;
      else looseWords.push({ index: i, word: text });
      continue;
    }
    if (tag.type === 'value') {
      const matches = tag.matches.filter((match) => match.table === table.name);
      if (matches.length === 0) return undefined;
      const condition: Condition = {
        column: columnByName(table, matches[0]?.column),
        op: negated.has(i) ? 'neq' : 'eq',
        value: matches[0]?.value ?? '',
        index: i,
      };
      // Several columns hold this value: the one the question names wins, decided once all names are read.
      if (matches.length > 1) condition.options = matches;
      conditions.push(condition);
      continue;
    }
    if (tag.type === 'partial') {
      if (tag.table !== table.name) return undefined;
      conditions.push({ column: columnByName(table, tag.column), op: 'contains', value: tag.text, index: i });
      penalise(0.9, `"${tag.text}" matched part of a ${tag.column} value`);
      continue;
    }
    if (tag.type === 'number') {
      if (tokens[tag.start]?.percent) return undefined;
      // "which one is last", "name one team": "one" stands for the row asked about, not an amount.
      if (pronounOne(tagged, i, head)) continue;
      // "finish 9th", "how many times did they finish first": cells of the column of places. The word
      // "first" in other questions is the first row.
      const spelledFirst = tokens[tag.start]?.norm === 'first' && tag.end - tag.start === 1;
      const afterColumn = tags[i + 1] ? columnOf(tags[i + 1] as Tag) : undefined;
      const place =
        tag.ordinal && (head.kind === 'count' || !spelledFirst)
          ? ordinalCellFilter(values, table, tag.value, [
              ...mentioned.map((entry) => entry.column),
              ...(afterColumn ? [afterColumn] : []),
            ])
          : undefined;
      if (place) {
        ranges.push(place.filter);
        consumedByComparison.add(place.column.name);
        continue;
      }
      if (tag.ordinal && tokens[tag.start]?.norm === 'first' && tag.end - tag.start === 1) {
        if (rowEnd === 'desc') return undefined;
        rowEnd = 'asc';
        continue;
      }
      if (tag.ordinal) return undefined;
      const year = yearColumn(table);
      const before = columnOf(tags[i - 1] as Tag);
      const afterTag = tags[i + 1];
      const after = afterTag ? columnOf(afterTag) : undefined;
      if (after && isNumericType(after.logicalType)) {
        if (negated.has(i)) return undefined;
        // "only two laps", "one silver medal": the count is the column's value.
        conditions.push({ column: after, op: 'eq', value: tag.value, index: i });
        mentioned.push({ index: i + 1, column: after });
        skipped.add(i + 1);
        continue;
      }
      const target =
        before && isNumericType(before.logicalType)
          ? before
          : tag.value >= 1000 && tag.value <= 2100 && Number.isInteger(tag.value)
            ? year
            : undefined;
      if (!target) return undefined;
      conditions.push({ column: target, op: negated.has(i) ? 'neq' : 'eq', value: tag.value, index: i });
      continue;
    }
    if (tag.type === 'date') {
      const phrase = tag.phrase;
      if (
        phrase.kind === 'relative' &&
        phrase.mode === 'last' &&
        phrase.unit === 'year' &&
        /^last\b/.test(text)
      ) {
        // "the last year where …": "last" picks a row, "year" names the column.
        rowEnd = 'desc';
        const year = yearColumn(table);
        if (!year) return undefined;
        mentioned.push({ index: i, column: year });
        continue;
      }
      const year = yearColumn(table);
      if (phrase.kind === 'absolute' && phrase.year !== undefined && /^\d{4}$/.test(text) && year) {
        conditions.push({ column: year, op: 'eq', value: phrase.year, index: i });
        continue;
      }
      const range = phrase.kind === 'absolute' ? yearRange(phrase.from, phrase.to) : undefined;
      if (range && year) {
        // "after 1950", "between 1972 and 2013" on a table whose years are numbers.
        if (range.from !== undefined)
          ranges.push({ op: 'gte', column: { column: year.name }, value: range.from });
        if (range.to !== undefined)
          ranges.push({ op: 'lte', column: { column: year.name }, value: range.to });
        continue;
      }
      return undefined;
    }
    if (tag.type === 'superlative') {
      const following = amountAfter(i);
      if (following && isNumericType(following.column.logicalType)) {
        // "the highest rating": the column named right after the superlative is the one ranked.
        ranked = { column: following.column, direction: tag.direction };
        continue;
      }
      const textRanking = following && rankText(following, tag.direction, false);
      if (following && textRanking?.kind === 'amount') continue;
      const hinted = resolver.hintColumn(table.name, tag.hints, true);
      if (!hinted) return undefined;
      ranked = {
        column: hinted.column,
        direction: hinted.flip ? (tag.direction === 'asc' ? 'desc' : 'asc') : tag.direction,
      };
      continue;
    }
    if (tag.type === 'keyword') {
      if (tag.keyword === 'most' || tag.keyword === 'least') {
        const direction = tag.keyword === 'most' ? 'desc' : 'asc';
        const after = amountAfter(i);
        if (after && isNumericType(after.column.logicalType)) {
          ranked = { column: after.column, direction };
          continue;
        }
        const textRanking = after && rankText(after, direction, true);
        if (textRanking?.kind === 'rows') mostRows = direction;
        if (textRanking) continue;
        if (after) return undefined;
        // "which language has the most films?", "who won the most?": the answer value on most rows.
        const nounAt = nextNonStop(tags, i);
        const noun = tags[nounAt];
        if (noun === undefined || (noun.type === 'unknown' && /s$/i.test(noun.word))) {
          if (noun) skipped.add(nounAt);
          mostRows = direction;
          continue;
        }
        return undefined;
      }
      if (tag.keyword === 'and' || tag.keyword === 'with' || tag.keyword === 'list' || tag.keyword === 'all')
        continue;
      if (tag.keyword === 'or' && head.kind === 'count' && betweenValues(tags, i)) continue;
      if (tag.keyword === 'group' && word(tag) === 'by' && tags[i + 1]?.type === 'value') continue; // "earned by Egypt": "by" introduces the value, not a grouping.
      const afterTotal = nextNonStop(tags, i);
      if (
        tag.keyword === 'sum' &&
        head.kind === 'count' &&
        (afterTotal >= tags.length || /^in /.test(word(tag)))
      ) {
        // "how many teams are there in total": the count is the total; with a Total column it may be that.
        if (table.columns.some((column) => column.name === 'total')) return undefined;
        continue;
      }
      const keywordColumn = columnOf(tag);
      const nextTag = tags[afterTotal];
      const filler = /^(number|amount)$/.test(tokens[tag.end]?.norm ?? '');
      if (keywordColumn && !filler && !(nextTag && columnOf(nextTag))) {
        mentioned.push({ index: i, column: keywordColumn });
        continue;
      }
      if (
        (tag.keyword === 'sum' || tag.keyword === 'avg') &&
        (head.kind === 'select' ? i === firstContentIndex(tagged, head.after) : i === head.after)
      ) {
        // "how many total points …", "what is the average attendance …": the amount column that follows
        // is added up (or averaged) over the matching rows.
        const next = amountAfter(i);
        if (!next || !isNumericType(next.column.logicalType)) return undefined;
        if (tag.keyword === 'avg' && head.kind === 'count') return undefined;
        aggregated = { aggregation: tag.keyword, column: next.column };
        continue;
      }
      if (tag.keyword === 'top' || tag.keyword === 'bottom') {
        const place = listPlace(tokensAfter(tag.end, 3), tokens[tag.start - 1]?.norm);
        const end = tag.keyword === 'top' ? 'asc' : 'desc';
        if (place !== undefined) {
          // "at the top of the list", "what is at the top?", "the bottom row": the first or last row as listed.
          if (rowEnd !== undefined && rowEnd !== end) return undefined;
          rowEnd = end;
          listedEnd = true;
          const last = tag.end + place;
          for (let j = i + 1; j < tags.length && (tags[j] as Tag).start < last; j++) skipped.add(j);
          continue;
        }
      }
      if (tag.keyword === 'top') {
        const next = tags[i + 1];
        if (next?.type === 'number' && !next.ordinal && Number.isInteger(next.value) && next.value > 0) {
          // "in the top 10": the first N rows of a ranked list. Not the rank column: ranked lists often
          // leave it blank for medal places and ties.
          ranges.push({ op: 'lte', column: { column: ROW_POSITION }, value: next.value });
          skipped.add(i + 1);
          continue;
        }
      }
      return undefined;
    }
    if (tag.type === 'unknown') {
      const lower = tag.word.toLowerCase();
      const end = rowEndOf(lower);
      if (end) {
        if (rowEnd && rowEnd !== end) return undefined;
        rowEnd = end;
        continue;
      }
      // "next to X" names the same row or a column beside it, not the following row; "previous to X" is a step.
      const offset =
        lower === 'next' && tokens[tag.end]?.norm === 'to' ? undefined : neighbourOffsetOf(lower);
      if (offset !== undefined && neighbour === undefined && head.kind === 'select') {
        neighbour = { offset, index: i };
        continue;
      }
      // "next after X", "the next rider after X": two words for one step.
      if (offset !== undefined && neighbour?.offset === offset) continue;
      if (isNeighbourWord(lower) || refusedWords.has(lower)) return undefined;
      looseWords.push({ index: i, word: lower });
      continue;
    }
    if (
      tag.type === 'comparison' &&
      tag.comparison.operator !== 'between' &&
      tag.comparison.operator !== '!='
    ) {
      const beside = comparisonRange(tags, i, columnOf);
      const found =
        beside ??
        soleAmountRange(tags, tokens, i, columnOf, (hints) => resolver.hintColumn(table.name, hints)) ??
        textAmountRange(tags, tokens, i, columnOf, values, table);
      if (found && !beside) penalise(0.9, `"${text}" compared with ${found.column.name}`);
      if (!found) return undefined;
      const { range, column } = found;
      ranges.push(range);
      mentioned.push({ index: i, column });
      consumedByComparison.add(column.name);
      continue;
    }
    // Quoted literals and other phrases need more care than a lookup gives them.
    return undefined;
  }

  const countedNoun = head.kind === 'count' ? nextNonStop(tags, head.after - 1) : -1;
  if (head.kind === 'count' && timeUnits.has(word(tags[countedNoun]))) return undefined;
  // Words inside values ("germany" in "West Germany"): a filter on the column the question names, or
  // on the only column that holds the word; an unknown name nothing explains makes the reading abstain.
  if (!placeLooseWords({ looseWords, mentioned, conditions, table, values, countedNoun, penalise }))
    return undefined;

  // "which team won previous to crettyard": the named value finds a row; the answer is in its neighbour.
  let anchor: Condition | undefined;
  if (neighbour) {
    const at = neighbour.index;
    anchor = conditions.find((condition) => condition.index > at);
    if (!anchor || conditions.length !== 1 || ranges.length > 0 || rowEnd || ranked) return undefined;
    conditions.splice(0, 1);
  }
  const builder = new SpecBuilder(table.name);
  const filterColumns = new Set(conditions.map((condition) => condition.column.name));
  // A column named right before its own value ("the team crettyard") only qualifies that value.
  const free = mentioned.filter(
    (entry) =>
      !conditions.some(
        (condition) =>
          condition.column.name === entry.column.name && Math.abs(condition.index - entry.index) <= 2,
      ) &&
      entry.column.name !== ranked?.column.name &&
      entry.column.name !== aggregated?.column.name &&
      !consumedByComparison.has(entry.column.name),
  );

  if (head.kind === 'count') {
    if (rowEnd) return undefined;
    const noun = tags[nextNonStop(tags, head.after - 1)];
    const timesPhrase = /times$/.test(word(tags[head.after - 1]));
    // "how many times …" and "how many <column>" count rows; another noun may be a cell's content.
    if (!timesPhrase && noun?.type !== 'schema') penalise(0.85, `assuming each row is one "${word(noun)}"`);
    const counted = free[0];
    const next = tags[nextNonStop(tags, head.after - 1)];
    if (aggregated) builder.addMeasure(aggregated.aggregation, aggregated.column);
    else if (
      counted &&
      next &&
      columnOf(next)?.name === counted.column.name &&
      isNumericType(counted.column.logicalType) &&
      !counted.column.isKey
    ) {
      // "how many points did russia score": the column holds the amount; add it up over the matching rows.
      builder.addMeasure('sum', counted.column);
    } else builder.addMeasure('count', undefined);
    if (ranked || mostRows) return undefined;
    if (conditions.length === 0 && ranges.length === 0) {
      // "how many teams are listed?" counts every row; any other word might have been a condition.
      if (looseWords.some((loose) => loose.index !== countedNoun && !listingWords.has(loose.word)))
        return undefined;
      penalise(0.9, 'counting every row of the table');
    }
    for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  } else if (aggregated) {
    // "what is the total attendance in 2007": one number over the matching rows.
    if (ranked || rowEnd || mostRows || neighbour) return undefined;
    builder.answerIds = [builder.addMeasure(aggregated.aggregation, aggregated.column)];
    if (free.length > 1) penalise(0.9, 'more columns are named than the answer uses');
  } else {
    const firstContent = firstContentIndex(tagged, head.after);
    const lead = tags[firstContent];
    const nameFirst = lead?.type === 'unknown' && lead.word.toLowerCase() === 'name';
    // "which racer finished after X": the answer is in the column that holds X.
    const read =
      rankedAnswer(mentioned, ranked?.column.name ?? rankedText, firstContent, head.wh) ??
      answerColumn(head.wh, free, firstContent, nameFirst, table, resolver);
    // "who finished after X in rank?": a person is asked for, so the answer is in X's column, not the rank.
    const anchorAnswers =
      anchor && (!read || read.guessed || (head.wh === 'who' && anchor.column.logicalType === 'text'));
    const answer = anchorAnswers && anchor ? { column: anchor.column, guessed: true } : read;
    if (!answer) return undefined;
    if (answer.guessed) penalise(0.85, `assuming the answer is the ${answer.column.name}`);
    if (
      filterColumns.has(answer.column.name) &&
      conditions.some((c) => c.column.name === answer.column.name && c.op === 'eq')
    )
      return undefined;
    if (anchor && neighbour) {
      const [filter] = groupConditions([anchor]);
      if (!filter) return undefined;
      builder.rowAnchor = { filters: [filter], offset: neighbour.offset };
    }
    if (mostRows) {
      // Years group rows ("which year had the most races?"); other numbers are amounts, not groups.
      const grouping = !isNumericType(answer.column.logicalType) || answer.column === yearColumn(table);
      if (ranked || rowEnd || anchor || !grouping) return undefined;
      // The column that names each row holds each value once; "the most goals" there is an amount
      // column the question did not name, not a count of rows.
      if (resolver.labelColumn(table.name)?.name === answer.column.name) return undefined;
      const group = builder.addDimension(answer.column);
      builder.order.push({ by: builder.addMeasure('count', undefined), direction: mostRows });
      builder.limit = 1;
      builder.answerIds = [group];
      for (const summary of summaryRows(values, table)) builder.addFilter(summary);
    } else {
      builder.answerIds = [builder.addSelect(answer.column)];
    }
    if (mostRows) {
      // Already ordered by the row count.
      if (free.length > 2) penalise(0.9, 'more columns are named than the answer uses');
    } else if (ranked) {
      if (rowEnd) return undefined;
      const rankId = builder.addSelect(ranked.column);
      builder.order.push({ by: rankId, direction: ranked.direction });
      builder.limit = 1;
    } else if (rowEnd) {
      const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
      const clock = listedEnd ? position : (timeOrderColumn(table.columns) ?? position);
      const orderId = builder.addSelect(clock);
      builder.order.push({ by: orderId, direction: rowEnd });
      builder.limit = 1;
    } else if (conditions.length === 0 && ranges.length === 0 && !anchor) return undefined;
    else if (asksForOne(tagged, head)) {
      // "name a team that …": any one of the matching rows answers; the first listed is given.
      const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
      builder.order.push({ by: builder.addSelect(position), direction: 'asc' });
      builder.limit = 1;
    }
    if (free.length > 2) penalise(0.9, 'more columns are named than the answer uses');
  }
  if (head.kind === 'select' && (ranked || rowEnd)) {
    // A "Total" row at the end of a sheet is a summary, not a row to rank or to call the last one.
    for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  }
  const grouped = groupConditions(conditions);
  for (const filter of [...grouped, ...ranges]) builder.addFilter(filter);

  const spec = builder.build(context.asOf);
  const reading: Reading = { spec, confidence, unmatched: [], doubts };
  if (builder.answerIds) reading.answerColumns = builder.answerIds;
  return reading;
}
