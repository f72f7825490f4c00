/**
 * SQLite's classic behaviour reads a double-quoted token as a string literal when no column has that name
 * ("DQS"); better-sqlite3 is compiled without it, but Spider's gold SQL (run upstream with Python's sqlite3)
 * relies on it. This rewrites the one token SQLite reported back into a single-quoted literal, the same
 * identifier-first, literal-second rule SQLite applies, so gold and predicted SQL run as upstream.
 */
const dqsError = /no such column: "(.*)" - should this be a string literal in single-quotes\?/;

export function reportedStringLiteral(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return dqsError.exec(message)?.[1];
}

/** Replaces `"text"` tokens (outside single-quoted strings) whose content equals `text`, ignoring case. */
export function quoteAsLiteral(sql: string, text: string): string {
  let output = '';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    if (char === "'" || char === '"') {
      let end = index + 1;
      while (end < sql.length) {
        if (sql[end] === char && sql[end + 1] === char) end += 2;
        else if (sql[end] === char) break;
        else end += 1;
      }
      const token = sql.slice(index, end + 1);
      const content = token.slice(1, -1);
      if (char === '"' && content.replaceAll('""', '"').toLowerCase() === text.toLowerCase()) {
        output += `'${content.replaceAll('""', '"').replaceAll("'", "''")}'`;
      } else {
        output += token;
      }
      index = end + 1;
    } else {
      output += char;
      index += 1;
    }
  }
  return output;
}
