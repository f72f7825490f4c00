/**
 * The warehouse dialects (BigQuery, Snowflake, Trino, ClickHouse): every golden SQL the compiler writes for them
 * passes the guard unchanged (but for the row cap), the cap is written as text, and syntax those engines read
 * differently from the guard's grammar is refused.
 */
import { AskdataError, compileQuery, type DialectName, deriveSemanticModel } from '@askdata/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { shopSchema } from '../../core/test/fixtures/shop-schema';
import { goldenSpecs } from '../../core/test/golden-specs';
import { loadPgParser, validateSqlSync } from '../src/index';

const warehouses = ['bigquery', 'snowflake', 'trino', 'clickhouse'] as const satisfies DialectName[];
const schema = shopSchema.tables;

function refusal(sql: string, dialect: DialectName, columnPolicy?: () => 'mask'): AskdataError {
  try {
    validateSqlSync(sql, { dialect, schema, columnPolicy });
  } catch (error) {
    if (AskdataError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`not refused on ${dialect}: ${sql}`);
}

describe('warehouse dialects in the guard', () => {
  beforeAll(() => loadPgParser());

  const model = deriveSemanticModel(shopSchema);
  for (const dialect of warehouses) {
    it(`accepts every golden query compiled for ${dialect}, text unchanged`, () => {
      for (const spec of Object.values(goldenSpecs)) {
        const sql = compileQuery(spec, model, dialect).sql;
        const result = validateSqlSync(sql, { dialect, schema });
        expect(result.sql).toBe(sql);
        expect(result.parser).toBe(dialect === 'bigquery' ? 'node-sql-parser' : 'libpg-query');
        expect(result.tables.length).toBeGreaterThan(0);
      }
    });
  }

  it('writes the row cap as text, keeping quoted names and function case', () => {
    const cap = (sql: string, dialect: DialectName) =>
      validateSqlSync(sql, { dialect, schema, maxRows: 100 }).sql as string;
    expect(cap('SELECT toStartOfMonth("order_date") AS m FROM "orders"', 'clickhouse')).toBe(
      'SELECT toStartOfMonth("order_date") AS m FROM "orders"\nLIMIT 100',
    );
    expect(cap('SELECT `status` AS `the status` FROM `orders`', 'bigquery')).toBe(
      'SELECT `status` AS `the status` FROM `orders`\nLIMIT 100',
    );
    expect(cap('SELECT status FROM orders LIMIT 5000;', 'trino')).toBe(
      'SELECT * FROM (\nSELECT status FROM orders LIMIT 5000\n) AS askdata_limited\nLIMIT 100',
    );
    expect(cap('SELECT status FROM orders LIMIT 5000', 'bigquery')).toBe(
      'SELECT * FROM (\nSELECT status FROM orders LIMIT 5000\n) AS askdata_limited\nLIMIT 100',
    );
    expect(cap('SELECT status FROM orders UNION ALL SELECT name FROM customers', 'bigquery')).toContain(
      ') AS askdata_limited\nLIMIT 100',
    );
    expect(cap('SELECT "STATUS" FROM "orders" LIMIT 10', 'snowflake')).toBe(
      'SELECT "STATUS" FROM "orders" LIMIT 10',
    );
  });

  it('refuses comment and escape syntax the engine reads differently', () => {
    expect(refusal("SELECT 1 //'\nFROM orders --'", 'snowflake').message).toContain('`//` starts a comment');
    expect(refusal("SELECT 1 #'\nFROM orders --'", 'clickhouse').message).toContain('`#` starts a comment');
    expect(refusal("SELECT 'a\\' , id FROM orders --'", 'clickhouse').message).toContain('backslash');
    expect(refusal("SELECT 'a\\'' FROM orders", 'snowflake').code).toBe('sql_invalid');
    expect(refusal("SELECT '''a' FROM orders --''' AS x FROM customers", 'bigquery').message).toContain(
      'Triple-quoted strings are not accepted',
    );
    expect(refusal("SELECT r'\\' AS x, name FROM customers --'", 'bigquery').message).toContain(
      'Raw and bytes string literals',
    );
    expect(
      validateSqlSync("SELECT 'it\\'s', \"x\" FROM orders # note", { dialect: 'bigquery', schema }).sql,
    ).toBe("SELECT 'it\\'s', \"x\" FROM orders # note");
    // Doubled backslashes mean the same text to both readers.
    expect(validateSqlSync("SELECT 'a\\\\b' FROM orders", { dialect: 'clickhouse', schema }).sql).toBe(
      "SELECT 'a\\\\b' FROM orders",
    );
  });

  it('refuses system catalogs, file and network functions, and writes', () => {
    expect(refusal('SELECT * FROM system.runtime.nodes', 'trino').code).toBe('sql_forbidden_table');
    expect(refusal('SELECT * FROM system.users', 'clickhouse').code).toBe('sql_forbidden_table');
    expect(refusal('SELECT * FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY', 'snowflake').code).toBe(
      'sql_forbidden_table',
    );
    expect(refusal('SELECT * FROM `region-us.INFORMATION_SCHEMA.JOBS`', 'bigquery').code).toBe(
      'sql_forbidden_table',
    );
    expect(refusal("SELECT * FROM url('http://127.0.0.1/x', CSV)", 'clickhouse').code).toBe(
      'sql_forbidden_function',
    );
    expect(refusal("SELECT file('/etc/passwd') FROM orders", 'clickhouse').code).toBe(
      'sql_forbidden_function',
    );
    expect(refusal("SELECT * FROM EXTERNAL_QUERY('conn', 'SELECT 1')", 'bigquery').code).toBe(
      'sql_forbidden_function',
    );
    expect(refusal('DELETE FROM orders WHERE 1 = 1', 'bigquery').code).toBe('sql_not_read_only');
    expect(refusal('INSERT INTO orders SELECT * FROM orders', 'trino').code).toBe('sql_not_read_only');
  });

  it('refuses a masked column where the SQL cannot be rewritten faithfully', () => {
    const error = refusal('SELECT email FROM customers', 'trino', () => 'mask');
    expect(error.code).toBe('sql_forbidden_column');
    expect(error.message).toContain('masking is not available on trino');
  });
});
