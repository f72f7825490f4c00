/** Which table a question is about, and which schema words name tables rather than columns. */
import type { KeywordKind } from './keywords';
import type { SchemaResolver } from './schema-resolver';
import type { Tag } from './tagger';

/** The table a schema tag names, when a table reading scores at least as well as every column reading. */
export function tableOfTag(tag: Tag | undefined): string | undefined {
  if (tag?.type !== 'schema') return undefined;
  const table = tag.entries.find((entry) => entry.target.kind === 'table');
  const bestColumn = Math.max(
    0,
    ...tag.entries.filter((entry) => entry.target.kind === 'column').map((entry) => entry.score),
  );
  return table && table.target.kind === 'table' && table.score >= bestColumn ? table.target.table : undefined;
}

/**
 * The base table: what is counted or ranked ("how many singers", "the most concerts"), else the first
 * table named, else the table most column words and values belong to, else the only table.
 */
export function chooseBaseTable(
  tags: Tag[],
  mentioned: Set<string>,
  nextIndex: (from: number, skip?: Set<KeywordKind>) => number,
  resolver: SchemaResolver,
): string | undefined {
  let base: string | undefined;
  tags.forEach((tag, i) => {
    if (
      base === undefined &&
      tag.type === 'keyword' &&
      (tag.keyword === 'count' || tag.keyword === 'most' || tag.keyword === 'least')
    ) {
      base = tableOfTag(tags[nextIndex(i, new Set(['distinct', 'all']))]);
    }
  });
  base ??= [...mentioned][0];
  if (base !== undefined) return base;
  const votes = new Map<string, number>();
  for (const tag of tags) {
    if (tag.type === 'schema') {
      const perTable = new Map<string, number>();
      for (const entry of tag.entries) {
        if (entry.target.kind !== 'column' || entry.score < 0.6) continue;
        perTable.set(
          entry.target.column.table,
          Math.max(perTable.get(entry.target.column.table) ?? 0, entry.score),
        );
      }
      for (const [table, score] of perTable) votes.set(table, (votes.get(table) ?? 0) + score);
    }
    if (tag.type === 'value')
      for (const match of tag.matches) votes.set(match.table, (votes.get(match.table) ?? 0) + 0.5);
  }
  base = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (base === undefined && resolver.catalog.tables.length === 1) base = resolver.catalog.tables[0]?.name;
  return base;
}
