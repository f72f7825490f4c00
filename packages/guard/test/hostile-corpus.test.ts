import { AskdataError } from '@askdata/core';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DuckdbParse, loadPgParser, validateSql, validateSqlSync } from '../src/index';
import { hostilePolicy, hostileSchema, loadHostileCorpus } from './hostile-corpus';

describe('hostile corpus', () => {
  beforeAll(() => loadPgParser());

  it('has at least 300 statements and blocks every one with a typed sql_* error', () => {
    const corpus = loadHostileCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const passed: string[] = [];
    const codes = new Map<string, number>();
    for (const statement of corpus) {
      try {
        const result = validateSqlSync(statement.sql, {
          dialect: statement.dialect,
          schema: hostileSchema,
          columnPolicy: hostilePolicy,
          maxRows: 1000,
        });
        passed.push(`line ${statement.line} [${statement.dialect}] ${statement.sql} -> ${result.sql}`);
      } catch (error) {
        expect(AskdataError.isInstance(error), `line ${statement.line} threw a non-Askdata error`).toBe(true);
        const code = AskdataError.isInstance(error) ? error.code : 'unknown';
        expect(code.startsWith('sql_'), `line ${statement.line}: ${code}`).toBe(true);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    const blocked = corpus.length - passed.length;
    console.log(`hostile corpus: ${blocked}/${corpus.length} blocked`, Object.fromEntries(codes));
    expect(passed).toEqual([]);
  });
});

describe("hostile corpus, DuckDB entries with DuckDB's own parser as fallback and second opinion", () => {
  let instance: DuckDBInstance;
  let duckdbParse: DuckdbParse;
  beforeAll(async () => {
    await loadPgParser();
    instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    duckdbParse = async (sql) => {
      const reader = await connection.runAndReadAll(
        'SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS tree',
        [sql],
      );
      return JSON.parse(String(reader.getRowObjects()[0]?.tree));
    };
  });
  afterAll(() => instance.closeSync());

  it('blocks every DuckDB statement through validateSql as well', async () => {
    const corpus = loadHostileCorpus().filter((statement) => statement.dialect === 'duckdb');
    const passed: string[] = [];
    for (const statement of corpus) {
      try {
        const result = await validateSql(statement.sql, {
          dialect: 'duckdb',
          schema: hostileSchema,
          columnPolicy: hostilePolicy,
          maxRows: 1000,
          duckdbParse,
        });
        passed.push(`line ${statement.line}: ${statement.sql} -> ${result.sql}`);
      } catch (error) {
        const code = AskdataError.isInstance(error) ? error.code : 'unknown';
        expect(code.startsWith('sql_'), `line ${statement.line}: ${code} ${String(error)}`).toBe(true);
      }
    }
    console.log(
      `hostile corpus (duckdb, async with DuckDB parser): ${corpus.length - passed.length}/${corpus.length} blocked`,
    );
    expect(passed).toEqual([]);
  });
});
