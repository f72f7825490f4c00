import type { CatalogTable } from './catalog';
import { type Condition, columnByName, yearColumn } from './table-lookup-parts';
import type { Tag } from './tagger';
import { isWordnetProperName, isWordnetVerb, isWordnetWord } from './wordnet';

/**
 * The condition a named value or a year puts on the rows of a choice question ("in Butler county",
 * "in 2005"): the condition; 'refuse' when the tag names something that is not one clear condition (a
 * value of several columns, a number that is not a year); undefined for any other kind of tag.
 * `choiceColumn` is the column the choice is between, which cannot also be a condition.
 */
export function rowConditionOf(
  tag: Tag,
  index: number,
  text: string,
  table: CatalogTable,
  choiceColumn?: string,
): Condition | 'refuse' | undefined {
  if (tag.type === 'value') {
    const matches = tag.matches.filter(
      (match) => match.table === table.name && match.column !== choiceColumn,
    );
    const [match] = matches;
    if (matches.length !== 1 || !match) return 'refuse';
    return { column: columnByName(table, match.column), op: 'eq', value: match.value, index };
  }
  if (tag.type === 'number' || tag.type === 'date') {
    const year = yearColumn(table);
    if (!year || year.name === choiceColumn || !/^\d{4}$/.test(text)) return 'refuse';
    return { column: year, op: 'eq', value: Number(text), index };
  }
  return undefined;
}

/** A verb or plain word ("won", "medals") only describes the rows or amounts; a name would be a condition. */
export function isDescribingWord(text: string): boolean {
  return !isWordnetProperName(text) && (isWordnetWord(text) || isWordnetVerb(text));
}
