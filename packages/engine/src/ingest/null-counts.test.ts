import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { nullableFromStats, nullFacts } from './null-counts';

describe('nullFacts', () => {
  it('reads which columns hold NULLs from a freshly written table, nested types included', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'askdata-null-facts-'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(`ATTACH '${join(directory, 'facts.duckdb')}' AS f`);
      // The only NULL of `late` is in the last of 300 000 rows (past the first row group).
      await connection.run(`CREATE TABLE f.t AS SELECT
          i, CASE WHEN i = 299999 THEN NULL ELSE i END AS late, 'x' || i AS text,
          CASE WHEN i % 2 = 0 THEN [i, NULL] END AS list, {'a': NULL::INT} AS record
        FROM range(300000) r(i)`);
      const facts = await nullFacts(connection, 'f.t', ['i', 'late', 'text', 'list', 'record']);
      expect(facts).toEqual({ rowCount: 300_000, nullable: [false, true, false, true, false] });
      await connection.run('CREATE TABLE f.empty AS SELECT 1 AS i WHERE false');
      expect(await nullFacts(connection, 'f.empty', ['i'])).toEqual({ rowCount: 0, nullable: [false] });
    } finally {
      connection.closeSync();
      instance.closeSync();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('takes the statistics only when every column has the expected text', () => {
    const plain = '[Min: 1, Max: 2][Has Null: false, Has No Null: true][Approx Unique: 2]';
    const nested =
      '[[Min: 1, Max: 2][Has Null: false, Has No Null: true]][Has Null: true, Has No Null: true]';
    expect(nullableFromStats([plain, nested], 2)).toEqual([false, true]);
    expect(nullableFromStats([plain, 'unknown statistics format'], 2)).toBeUndefined();
    expect(nullableFromStats([plain], 2)).toBeUndefined();
  });
});
