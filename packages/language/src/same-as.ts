/**
 * "Which players played the same position as X?", "what other album has the same length as Y?", "which
 * building has the same number of floors as Z?": rows of one table whose column holds the value of the
 * row(s) a named value picks, that row itself left out. The answer is the column the question names
 * before "same" (else the column naming each row); the compared column is the one right after "same".
 * Anything else in the question — another value, a number, a superlative, a negation — leaves it to
 * other readings.
 */
import { ROW_POSITION } from '@askdata/core';
import type { CatalogColumn, CatalogTable } from './catalog';
import type { Reading } from './interpret';
import type { OneTableContext } from './one-table-context';
import { rowLabelColumn } from './row-label';
import { isNeighbourWord } from './row-order';
import { SpecBuilder } from './spec-builder';
import { asksForOne, headOf, nextNonStop } from './table-lookup-parts';
import { columnOf, createScan, tagWords } from './table-lookup-scan-state';
import type { Tag } from './tagger';
import { isWordnetVerb, isWordnetWord } from './wordnet';

/** Words that change what "same" compares or how rows count: left to other readings. */
const unsafeWords = new Set(['not', 'no', 'never', 'only', 'difference', 'than', 'more', 'less', 'both']);

export function readSameAsQuestion(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const same = tags.findIndex((tag) => tag.type === 'unknown' && tag.word.toLowerCase() === 'same');
  if (same < 0) return undefined;
  const head = headOf(tagged);
  if (head?.kind !== 'select' || head.after > same) return undefined;
  const scan = createScan(context, table, head);

  // "the same position", "the same number of floors": the compared column follows "same".
  let at = nextNonStop(tags, same);
  const filler = tags[at];
  const fillerWords = filler ? tagWords(scan, filler) : '';
  if (
    (filler?.type === 'keyword' && filler.keyword === 'count' && fillerWords === 'number of') ||
    (filler?.type === 'unknown' && fillerWords === 'amount' && tokens[filler.end]?.norm === 'of')
  )
    at = nextNonStop(tags, at);
  const comparedTag = tags[at];
  const compared = comparedTag ? columnOf(scan, comparedTag) : undefined;
  if (!compared || tokens[comparedTag?.end ?? 0]?.norm !== 'as') return undefined;
  const anchorAt = nextNonStop(tags, at);
  const anchor = anchorOf(tags[anchorAt], table);
  if (!anchor || anchor.column.column === compared.name) return undefined;
  for (let i = anchorAt + 1; i < tags.length; i++) if (tags[i]?.type !== 'stop') return undefined;

  // Between the head and "same": the answer column, and words that only describe the rows.
  const named: CatalogColumn[] = [];
  for (let i = head.after; i < same; i++) {
    const tag = tags[i] as Tag;
    if (tag.type === 'stop') continue;
    if (tag.type === 'keyword' && (tag.keyword === 'with' || tag.keyword === 'and')) continue;
    const column = columnOf(scan, tag);
    if (column) {
      named.push(column);
      continue;
    }
    if (tag.type === 'schema' && tag.entries.some((entry) => entry.target.kind === 'table')) continue;
    const word =
      tag.type === 'unknown' ? tag.word.toLowerCase() : tag.type === 'schema' ? tagWords(scan, tag) : '';
    if (!word || unsafeWords.has(word) || isNeighbourWord(word)) return undefined;
    if (!(isWordnetWord(word) || isWordnetVerb(word))) return undefined;
  }
  const label = rowLabelColumn(resolver, values, table);
  const answer = named[0] ?? label?.column;
  if (!answer || answer.name === compared.name) return undefined;
  const guessed = named.length === 0;

  const builder = new SpecBuilder(table.name);
  builder.answerIds = [builder.addSelect(answer)];
  builder.sameAs = { column: builder.ref(compared), filters: [anchor] };
  // The named row has the same value as itself; the question asks for the others.
  builder.addFilter({ op: 'neq', column: anchor.column, value: anchor.value, keepEmpty: true });
  if (asksForOne(tagged, head)) {
    // "name a club that has the same …": any one of them answers; the first listed is given.
    const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
    builder.order.push({ by: builder.addSelect(position), direction: 'asc' });
    builder.limit = 1;
  }
  const doubts = [`rows with the same ${compared.name} as ${anchor.value}`];
  if (guessed) doubts.push(`assuming the answer is the ${answer.name}`);
  return {
    spec: builder.build(context.asOf),
    confidence: guessed ? 0.8 : 0.88,
    unmatched: [],
    doubts,
    answerColumns: builder.answerIds,
  };
}

/** The row the question names by one of its values ("as topeng"). */
function anchorOf(
  tag: Tag | undefined,
  table: CatalogTable,
): { op: 'eq'; column: { column: string }; value: string } | undefined {
  if (tag?.type !== 'value') return undefined;
  const matches = tag.matches.filter((match) => match.table === table.name);
  const match = matches.length === 1 ? matches[0] : undefined;
  return match ? { op: 'eq', column: { column: match.column }, value: String(match.value) } : undefined;
}
