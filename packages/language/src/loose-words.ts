/**
 * Words of a single-table question that are neither column names nor whole values (table-lookup.ts):
 * a word inside values ("germany" in "West Germany") becomes a filter on the column the question names,
 * or on the only column holding it; a known English word that names nothing is tolerated with a doubt;
 * anything else is unexplained and the reading abstains. Values found in several columns are then
 * placed in the column the question also names.
 */
import type { CatalogColumn, CatalogTable } from './catalog';
import { remarksColumn } from './counted-noun-values';
import { type Condition, columnByName } from './table-lookup-parts';
import type { ValueIndex } from './value-index';
import { isWordnetProperName, isWordnetVerb, isWordnetWord } from './wordnet';

export interface LooseWordsInput {
  looseWords: Array<{ index: number; word: string }>;
  mentioned: Array<{ index: number; column: CatalogColumn }>;
  conditions: Condition[];
  table: CatalogTable;
  values: ValueIndex;
  /** Tag index of the noun a count question counts ("how many teams"): not a condition. */
  countedNoun: number;
  penalise: (factor: number, why: string) => void;
}

/** Adds the conditions loose words stand for; false when a word is left unexplained. */
export function placeLooseWords(input: LooseWordsInput): boolean {
  const { looseWords, mentioned, conditions, table, values, countedNoun, penalise } = input;
  const mentionedNames = new Set(mentioned.map((entry) => entry.column.name));
  const unexplained: string[] = [];
  for (const loose of looseWords) {
    if (loose.word.length < 3 || /^\d/.test(loose.word)) continue;
    // "china" is in WordNet, but as the country: dropping it would drop a condition.
    const known =
      (isWordnetWord(loose.word) || isWordnetVerb(loose.word)) && !isWordnetProperName(loose.word);
    // A common word ("player") met only in passing in a Notes column is not a value the question names.
    const holders = values
      .columnsContaining(loose.word)
      .filter((holder) => holder.table === table.name && !(known && remarksColumn.test(holder.column)));
    const named = holders.filter((holder) => mentionedNames.has(holder.column));
    const holder = named.length === 1 ? named[0] : !known && holders.length === 1 ? holders[0] : undefined;
    if (holder) {
      conditions.push({
        column: columnByName(table, holder.column),
        op: 'contains',
        value: loose.word,
        index: loose.index,
      });
      penalise(0.9, `"${loose.word}" matched part of a ${holder.column} value`);
    } else if (holders.length > 0 && loose.index !== countedNoun) {
      // The word is in the data but in several columns: dropping it would drop a condition.
      unexplained.push(loose.word);
    } else if (known) {
      penalise(0.97, `"${loose.word}" was not used`);
    } else {
      unexplained.push(loose.word);
    }
  }
  if (unexplained.length > 0) return false;
  for (const condition of conditions) {
    const options = condition.options;
    if (!options) continue;
    const named = options.filter((option) => mentionedNames.has(option.column));
    if (named.length === 1 && named[0]) {
      condition.column = columnByName(table, named[0].column);
      condition.value = named[0].value;
    } else penalise(0.85, `"${condition.value}" appears in several columns`);
  }
  return true;
}
