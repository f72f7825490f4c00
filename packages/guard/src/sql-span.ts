/** Turns a character offset in the SQL into the "line N, `snippet`" pointer that user-facing errors carry. */
export function sqlSpan(sql: string, offset: number | undefined, length?: number): string {
  if (offset === undefined || offset < 0 || offset > sql.length) return '';
  const line = sql.slice(0, offset).split('\n').length;
  const rest = sql.slice(offset);
  const raw = length !== undefined ? rest.slice(0, length) : (rest.split('\n')[0] ?? '');
  const snippet = raw.replace(/\s+/g, ' ').trim();
  const shown = snippet.length > 60 ? `${snippet.slice(0, 57)}...` : snippet;
  return shown ? ` (line ${line}, \`${shown}\`)` : ` (line ${line})`;
}

/** Offset of the end of the word run starting at `offset` (used to show `DELETE FROM orders`). */
export function wordsLength(sql: string, offset: number, words: number): number {
  const rest = sql.slice(offset);
  const match = rest.match(new RegExp(`^\\s*(?:\\S+\\s+){0,${Math.max(0, words - 1)}}\\S+`));
  return match ? match[0].length : rest.length;
}
