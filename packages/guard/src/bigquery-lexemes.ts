import { AskdataError } from '@askdata/core';
import { sqlSpan } from './sql-span';

/**
 * Finds GoogleSQL string forms the guard's BigQuery grammar reads with a different extent than BigQuery does:
 * triple-quoted strings (`'''…'''`, `"""…"""`) and prefixed raw or bytes strings (`r'…'`, `b"…"`). Text hidden
 * inside such a literal for one reader could be code for the other, so it is refused.
 */
export function refuseBigqueryLexemes(sql: string): void {
  let index = 0;
  while (index < sql.length) {
    const char = sql[index] as string;
    if (char === '-' && sql[index + 1] === '-') {
      index = lineEnd(sql, index);
      continue;
    }
    if (char === '#') {
      index = lineEnd(sql, index);
      continue;
    }
    if (char === '/' && sql[index + 1] === '*') {
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') {
      if (char !== '`' && sql.startsWith(char.repeat(3), index))
        refuse(sql, index, 3, 'Triple-quoted strings');
      if (char !== '`' && /[rRbB]/.test(sql[index - 1] ?? '') && !/[\w$]/.test(sql[index - 2] ?? ''))
        refuse(sql, index - 1, 2, 'Raw and bytes string literals');
      index = quotedEnd(sql, index, char);
      continue;
    }
    index += 1;
  }
}

function refuse(sql: string, offset: number, length: number, what: string): never {
  throw new AskdataError(
    'sql_invalid',
    `${what} are not accepted in BigQuery SQL${sqlSpan(sql, offset, length)}`,
  );
}

function lineEnd(sql: string, index: number): number {
  const end = sql.indexOf('\n', index);
  return end < 0 ? sql.length : end + 1;
}

/** The index after a quoted string or name; a backslash escapes the next character in GoogleSQL. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === '\\') index += 2;
    else if (sql[index] === quote) return index + 1;
    else index += 1;
  }
  return sql.length;
}
