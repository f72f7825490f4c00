import { AskdataError, type DialectName, type TableSchema } from '@askdata/core';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessPolicy } from './access-policy';
import { checkWithDuckdb } from './duckdb-check';
import { loadPgParser, validateSql, validateSqlSync } from './index';
import type { ColumnAccess } from './types';

const text = (name: string) => ({
  name,
  sourceType: 'VARCHAR',
  logicalType: 'text' as const,
  nullable: true,
});
const schema: TableSchema[] = [
  {
    name: 'customers',
    columns: ['id', 'name', 'email', 'ssn', 'created_at', 'credit_limit', 'update_date'].map(text),
  },
  { name: 'orders', columns: ['id', 'customer_id', 'amount'].map(text) },
];
const policy = (_table: string, column: string): ColumnAccess =>
  column === 'ssn' ? 'deny' : column === 'email' ? 'mask' : 'allow';
const dialects: DialectName[] = ['postgres', 'duckdb', 'sqlite', 'mysql'];

function refusal(sql: string, dialect: DialectName = 'postgres'): AskdataError {
  try {
    validateSqlSync(sql, { dialect, schema, columnPolicy: policy });
  } catch (error) {
    if (AskdataError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`not refused: ${sql}`);
}

describe('validateSql', () => {
  let duck: DuckDBInstance;
  beforeAll(async () => {
    await loadPgParser();
    duck = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
  });
  afterAll(() => duck.closeSync());

  it('points at the offending statement in the message', () => {
    const error = refusal('DELETE FROM orders WHERE id = 1');
    expect(error.code).toBe('sql_not_read_only');
    expect(error.message).toBe(
      'Only read queries are allowed: this statement would delete rows (line 1, `DELETE FROM orders`)',
    );
    expect(refusal('SELECT 1;\nSELECT 2').message).toContain('(line 2, `SELECT 2`)');
    expect(refusal('WITH d AS (\n  DELETE FROM orders RETURNING *) SELECT * FROM d').message).toBe(
      'Only read queries are allowed: this statement would delete rows (line 2, `DELETE FROM orders`)',
    );
    expect(refusal('SELECT read_csv(1)', 'duckdb').message).toContain('`read_csv`');
  });

  it.each(dialects)('accepts columns whose names contain keywords (%s)', (dialect) => {
    const result = validateSqlSync('SELECT created_at, credit_limit, update_date FROM customers', {
      dialect,
      schema,
      columnPolicy: policy,
    });
    expect(result.tables).toEqual(['customers']);
  });

  it('accepts any identifier built from SQL keywords as a column name', async () => {
    const keyword = fc.constantFrom(
      'select',
      'delete',
      'update',
      'insert',
      'drop',
      'limit',
      'into',
      'grant',
      'copy',
    );
    const name = fc
      .tuple(keyword, fc.constantFrom('_at', '_date', '_limit', '_count', 's'))
      .map(([a, b]) => a + b);
    fc.assert(
      fc.property(name, fc.constantFrom(...dialects), (column, dialect) => {
        const result = validateSqlSync(`SELECT ${column} FROM t WHERE ${column} IS NOT NULL`, {
          dialect,
          maxRows: 10,
        });
        expect(result.statementType).toBe('select');
      }),
    );
  });

  it.each(dialects)('names the denied column (%s)', (dialect) => {
    const error = refusal('SELECT id, ssn FROM customers', dialect);
    expect(error.code).toBe('sql_forbidden_column');
    expect(error.message).toContain('`ssn`');
  });

  it('refuses SELECT * over a table with restricted columns and names the column', () => {
    const error = refusal('SELECT * FROM customers');
    expect(error.code).toBe('sql_forbidden_column');
    expect(error.message).toContain('`email`');
  });

  it('writes the row cap into the tree: adds, keeps a smaller one, lowers a larger one', () => {
    const cap = (sql: string, dialect: DialectName = 'postgres') =>
      validateSqlSync(sql, { dialect, maxRows: 100 }).sql;
    expect(cap('SELECT credit_limit FROM customers')).toBe('SELECT credit_limit FROM customers\nLIMIT 100');
    expect(cap('SELECT a FROM t LIMIT 5')).toBe('SELECT a FROM t LIMIT 5');
    expect(cap('SELECT a FROM t LIMIT 5000')).toBe('SELECT a FROM t LIMIT 100');
    expect(cap('SELECT a FROM t; ')).toBe('SELECT a FROM t\nLIMIT 100');
    expect(cap('SELECT a FROM t -- trailing comment')).toBe('SELECT a FROM t -- trailing comment\nLIMIT 100');
    expect(cap('SELECT a FROM t UNION SELECT b FROM u')).toBe(
      'SELECT a FROM t UNION SELECT b FROM u\nLIMIT 100',
    );
    expect(cap('SELECT a FROM t LIMIT 5000', 'mysql')).toBe('SELECT `a` FROM `t` LIMIT 100');
  });

  it('masks a column on SQLite and DuckDB and keeps its name', async () => {
    const sqlite = new Database(':memory:');
    sqlite.exec(
      "CREATE TABLE customers (id int, name text, email text, ssn text); INSERT INTO customers VALUES (1, 'Jo', 'john@example.com', '1')",
    );
    const forSqlite = validateSqlSync('SELECT id, email FROM customers', {
      dialect: 'sqlite',
      schema,
      columnPolicy: policy,
    });
    expect(forSqlite.maskedColumns).toEqual(['customers.email']);
    expect(forSqlite.warnings).toEqual(['`customers.email` is shown masked.']);
    expect(sqlite.prepare(forSqlite.sql).all()).toEqual([{ id: 1, email: 'jo***@example.com' }]);
    sqlite.close();

    const connection = await duck.connect();
    await connection.run(
      "CREATE TABLE customers (id INT, name TEXT, email TEXT, ssn TEXT); INSERT INTO customers VALUES (1, 'Jo', 'john@example.com', '1')",
    );
    const forDuck = await validateSql('SELECT id, email FROM customers WHERE id = 1', {
      dialect: 'duckdb',
      schema,
      columnPolicy: policy,
      duckdbParse: async (sql) => {
        const reader = await connection.runAndReadAll(
          'SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS tree',
          [sql],
        );
        return JSON.parse(String(reader.getRowObjects()[0]?.tree));
      },
    });
    const rows = (await connection.runAndReadAll(forDuck.sql)).getRowObjects();
    expect(rows).toEqual([{ id: 1, email: 'jo***@example.com' }]);
    connection.closeSync();
  });

  it('asks DuckDB for a second opinion and refuses what DuckDB reads as a file', async () => {
    const connection = await duck.connect();
    const parse = async (sql: string) => {
      const reader = await connection.runAndReadAll(
        'SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS tree',
        [sql],
      );
      return JSON.parse(String(reader.getRowObjects()[0]?.tree));
    };
    const access = new AccessPolicy({ dialect: 'duckdb' }, '');
    await expect(checkWithDuckdb("SELECT * FROM read_csv('x.csv')", parse, access)).rejects.toMatchObject({
      code: 'sql_forbidden_function',
    });
    await expect(checkWithDuckdb("SELECT * FROM 'secret.csv'", parse, access)).resolves.toBeUndefined();
    await expect(
      checkWithDuckdb(
        "SELECT * FROM 'secret.csv'",
        parse,
        new AccessPolicy({ dialect: 'duckdb', schema }, ''),
      ),
    ).rejects.toMatchObject({ code: 'sql_forbidden_table' });
    await expect(checkWithDuckdb('DELETE FROM orders', parse, access)).rejects.toMatchObject({
      code: 'sql_not_read_only',
    });
    await expect(
      checkWithDuckdb('SELECT lower(name) FROM customers', parse, access),
    ).resolves.toBeUndefined();
    connection.closeSync();
  });

  it("checks DuckDB-only syntax on DuckDB's own tree and caps it by a verified wrapper", async () => {
    const connection = await duck.connect();
    const duckdbParse = async (sql: string) => {
      const reader = await connection.runAndReadAll(
        'SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS tree',
        [sql],
      );
      return JSON.parse(String(reader.getRowObjects()[0]?.tree));
    };
    const options = { dialect: 'duckdb' as const, schema, columnPolicy: policy, maxRows: 10, duckdbParse };
    const result = await validateSql(
      "SELECT CAST(DATE '2024-03-01' - INTERVAL 1 YEAR AS DATE) AS d, id FROM customers",
      options,
    );
    expect(result.parser).toBe('duckdb');
    expect(result.sql).toMatch(/^SELECT \* FROM \(\n[\s\S]*\n\) AS askdata_limited LIMIT 10$/);
    await connection.run('CREATE OR REPLACE TABLE customers AS SELECT range AS id FROM range(50)');
    expect((await connection.runAndReadAll(result.sql)).getRows()).toHaveLength(10);
    const qualify = 'FROM customers QUALIFY row_number() OVER (ORDER BY id) = 1';
    await expect(validateSql(`SELECT ssn ${qualify}`, options)).rejects.toMatchObject({
      code: 'sql_forbidden_column',
    });
    await expect(validateSql(`SELECT email ${qualify}`, options)).rejects.toMatchObject({
      code: 'sql_forbidden_column',
    });
    await expect(validateSql(`SELECT name ${qualify}`, options)).resolves.toMatchObject({ parser: 'duckdb' });
    await expect(validateSql("FROM read_csv('x.csv') SELECT *", options)).rejects.toMatchObject({
      code: 'sql_forbidden_function',
    });
    await expect(validateSql('SUMMARIZE customers', options)).rejects.toMatchObject({
      code: 'sql_forbidden_table',
    });
    connection.closeSync();
  });

  it('reports tables, resolved columns and statement type', () => {
    const result = validateSqlSync(
      'WITH c AS (SELECT id, name FROM customers) SELECT c.name, count(o.id) FROM c JOIN orders o ON o.customer_id = c.id GROUP BY 1',
      { dialect: 'postgres', schema, columnPolicy: policy },
    );
    expect(result.tables.sort()).toEqual(['customers', 'orders']);
    expect(result.columns).toContain('orders.customer_id');
    expect(result.statementType).toBe('select');
    expect(validateSqlSync('VALUES (1), (2)', { dialect: 'postgres' }).statementType).toBe('values');
  });
});
