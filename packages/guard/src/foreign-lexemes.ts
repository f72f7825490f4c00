/**
 * Finds text that PostgreSQL's lexer reads differently from SQLite's and DuckDB's: nested block comments,
 * dollar quoting (and `$n` parameters), and E''/U&''/B''/N'' strings. Such text could hide a second statement
 * from one reader and not the other, so it is refused before the PostgreSQL grammar is trusted for those
 * dialects. A hand-written scan (not libpg-query's scanner) because it runs on every query and must be cheap.
 */
export function findForeignLexeme(sql: string): { offset: number; length: number } | undefined {
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === "'" || char === '"') {
      index = skipQuoted(sql, index, char);
      continue;
    }
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
      continue;
    }
    if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      const inner = sql.indexOf('/*', index + 2);
      if (inner >= 0 && (end < 0 || inner < end))
        return { offset: index, length: (end < 0 ? sql.length : end + 2) - index };
      index = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (char === '$') return { offset: index, length: 1 };
    if (char !== undefined && /[eEuUbBnN]/.test(char) && !isIdentifierChar(sql[index - 1])) {
      const quoteAt = next === '&' ? index + 2 : index + 1;
      if (sql[quoteAt] === "'") return { offset: index, length: quoteAt - index + 1 };
    }
    index += 1;
  }
  return undefined;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  return sql.length;
}

function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_$]/u.test(char);
}
