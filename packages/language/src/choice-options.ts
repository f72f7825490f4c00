/**
 * The two options of "which …, A or B?": two named values of one column, or two years of the table's
 * year column ("which year had more laps, 1988 or 1985?"). When both names stand in several columns
 * ("Angul" is a district and its headquarters), the column the question names ("which district"), else
 * the column that names each row, else the leftmost of them decides.
 */
import type { CatalogColumn, CatalogTable } from './catalog';
import { rowLabelColumn } from './row-label';
import type { SchemaResolver } from './schema-resolver';
import { yearColumn } from './table-lookup-parts';
import type { Tag } from './tagger';
import type { ValueIndex } from './value-index';

export interface ChoiceOptions {
  column: CatalogColumn;
  first: string | number;
  second: string | number;
  /** The names stand in several columns and the leftmost was taken. */
  guessed?: boolean;
  /** Tag indexes of the two options and the "or" between them. */
  tags: number[];
}

type ValueTag = Extract<Tag, { type: 'value' }>;

/** Words that may stand between "or" and the second option: "A or the B", "in 2009 or in 2006". */
const joiners = new Set(['the', 'in', 'a', 'an']);

export function choiceOptions(
  tags: Tag[],
  words: string[],
  table: CatalogTable,
  resolver: SchemaResolver,
  values: ValueIndex,
): ChoiceOptions | undefined {
  const ors = tags.flatMap((tag, index) => (tag.type === 'keyword' && tag.keyword === 'or' ? [index] : []));
  if (ors.length !== 1) return undefined;
  const at = ors[0] as number;
  const left = tags[at - 1];
  let rightAt = at + 1;
  const after = tags[rightAt];
  if (after && after.end - after.start === 1 && joiners.has(words[after.start] ?? '')) rightAt++;
  const right = tags[rightAt];
  const used = [at - 1, at, rightAt];
  if (left?.type === 'value' && right?.type === 'value') {
    const shared = sharedColumn(left, right, tags, table, resolver, values);
    const column = shared?.column;
    const first = column && left.matches.find((match) => match.column === column.name)?.value;
    const second = column && right.matches.find((match) => match.column === column.name)?.value;
    if (!column || first === undefined || second === undefined || first === second) return undefined;
    return { column, first, second, tags: used, ...(shared.guessed ? { guessed: true } : {}) };
  }
  const year = yearColumn(table);
  const first = yearOf(left, words);
  const second = yearOf(right, words);
  if (!year || first === undefined || second === undefined || first === second) return undefined;
  return { column: year, first, second, tags: used };
}

/** A four-digit number tagged as a number or a bare-year date. */
function yearOf(tag: Tag | undefined, words: string[]): number | undefined {
  if (tag?.type !== 'number' && tag?.type !== 'date') return undefined;
  const text = words.slice(tag.start, tag.end).join(' ');
  return /^(1[6-9]|20)\d{2}$/.test(text) ? Number(text) : undefined;
}

function sharedColumn(
  left: ValueTag,
  right: ValueTag,
  tags: Tag[],
  table: CatalogTable,
  resolver: SchemaResolver,
  values: ValueIndex,
): { column: CatalogColumn; guessed?: boolean } | undefined {
  const names = left.matches
    .filter((match) => match.table === table.name)
    .filter((match) =>
      right.matches.some((other) => other.table === table.name && other.column === match.column),
    )
    .map((match) => match.column);
  const shared = [...new Set(names)];
  const byName = (name: string | undefined) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    return column && { column };
  };
  if (shared.length === 1) return byName(shared[0]);
  if (shared.length === 0) return undefined;
  // "which district …, Angul or Cuttack?": the column the question names.
  const named = new Set<string>();
  for (const tag of tags) {
    if (tag.type !== 'schema') continue;
    const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
    if (choice && choice.score >= 0.7 && shared.includes(choice.column.name)) named.add(choice.column.name);
  }
  if (named.size === 1) return byName([...named][0]);
  if (named.size > 1) return undefined;
  const label = rowLabelColumn(resolver, values, table)?.column;
  if (label && shared.includes(label.name)) return { column: label };
  // Else the leftmost, which names the row in most sheets ("Dehradun" as district, not headquarters).
  const leftmost = table.columns.find((column) => shared.includes(column.name));
  return leftmost && { column: leftmost, guessed: true };
}
