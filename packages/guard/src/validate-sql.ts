import { AskdataError, type ValidatedSql } from '@askdata/core';
import { AccessPolicy } from './access-policy';
import { checkWithDuckdb } from './duckdb-check';
import { validateWithDuckdb } from './duckdb-validate';
import { validateWithNsp } from './nsp-validate';
import { loadPgParser, validateWithPg } from './pg-validate';
import { sqlSpan } from './sql-span';
import type { ValidateOptions, ValidationResult } from './types';

/** Invisible format characters (zero-width, bidi controls) and full-width ASCII look-alikes. */
const lookAlike = /[\p{Cf}\uFF01-\uFF5E\u3000]/u;

/**
 * The one gate every SQL passes before it reaches a data source: one read-only statement, allow-listed
 * functions, permitted tables and columns (masked ones rewritten), and a row cap in the syntax tree.
 * Throws an `AskdataError` (sql_*) pointing at the offending part.
 */
export async function validateSql(sql: string, options: ValidateOptions): Promise<ValidationResult> {
  await loadPgParser();
  let result: ValidationResult;
  try {
    result = validateSqlSync(sql, options);
  } catch (error) {
    // DuckDB syntax outside the PostgreSQL grammar is checked on DuckDB's own tree instead.
    if (options.dialect === 'duckdb' && options.duckdbParse && isSyntaxError(error)) {
      return validateWithDuckdb(sql, options, options.duckdbParse);
    }
    throw error;
  }
  if (options.dialect === 'duckdb' && options.duckdbParse) {
    await checkWithDuckdb(
      result.sql,
      options.duckdbParse,
      new AccessPolicy({ ...options, columnPolicy: undefined }, result.sql),
    );
  }
  return result;
}

/** Same as `validateSql` without the DuckDB second opinion; needs `loadPgParser()` to have resolved. */
export function validateSqlSync(sql: string, options: ValidateOptions): ValidationResult {
  const odd = lookAlike.exec(sql);
  if (odd) {
    const code = odd[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    throw new AskdataError(
      'sql_invalid',
      `The query contains an invisible or look-alike character (U+${code})${sqlSpan(sql, odd.index, 1)}`,
    );
  }
  const { outcome, policy } = parseAndCheck(sql, options);
  if (policy.masked.size > 0) {
    // The regenerated SQL must itself pass the structural rules (the column policy is already applied).
    parseAndCheck(outcome.sql, { ...options, columnPolicy: undefined, maxRows: undefined });
  }
  return {
    sql: outcome.sql as ValidatedSql,
    statementType: outcome.statementType,
    parser: outcome.parser,
    tables: [...policy.tablesRead],
    columns: [...policy.columnsRead],
    maskedColumns: [...policy.masked],
    warnings: [...policy.masked].map((column) => `\`${column}\` is shown masked.`),
  };
}

function parseAndCheck(sql: string, options: ValidateOptions) {
  const dialect = options.dialect;
  const policy = new AccessPolicy(options, sql);
  if (dialect === 'mysql' || dialect === 'bigquery')
    return {
      outcome: validateWithNsp(sql, dialect, policy, options.maxRows, options.maxCartesianRows),
      policy,
    };
  if (dialect !== 'sqlite')
    return {
      outcome: validateWithPg(sql, dialect, policy, options.maxRows, options.maxCartesianRows),
      policy,
    };
  try {
    return {
      outcome: validateWithPg(sql, 'sqlite', policy, options.maxRows, options.maxCartesianRows),
      policy,
    };
  } catch (error) {
    // SQLite syntax the PostgreSQL grammar lacks (JOIN without ON, CAST as a table name, bracket quotes)
    // gets a second, SQLite-aware parser; any refusal other than a syntax error stands.
    if (!isSyntaxError(error)) throw error;
    try {
      return sqliteFallback(sql, options);
    } catch (second) {
      if (AskdataError.isInstance(second) && second.code === 'sql_invalid') throw error;
      throw second;
    }
  }
}

/** node-sql-parser's SQLite grammar first; its PostgreSQL grammar for set operations the former lacks. */
function sqliteFallback(sql: string, options: ValidateOptions) {
  let policy = new AccessPolicy(options, sql);
  try {
    return {
      outcome: validateWithNsp(sql, 'sqlite', policy, options.maxRows, options.maxCartesianRows),
      policy,
    };
  } catch (error) {
    if (!AskdataError.isInstance(error) || error.code !== 'sql_invalid') throw error;
    policy = new AccessPolicy(options, sql);
    return {
      outcome: validateWithNsp(sql, 'sqlite-compound', policy, options.maxRows, options.maxCartesianRows),
      policy,
    };
  }
}

/** A refusal because the grammar could not read the text (as opposed to a rule the query broke). */
function isSyntaxError(error: unknown): boolean {
  return (
    AskdataError.isInstance(error) &&
    error.code === 'sql_invalid' &&
    error.message.startsWith('The query is not valid SQL')
  );
}
