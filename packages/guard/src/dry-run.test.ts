import type { PlanNode, ValidatedSql } from '@askdata/core';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { dryRun, duckdbPlan } from './dry-run';

describe('dryRun', () => {
  it('warns about a cartesian product and a huge scan in a real DuckDB plan', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run('CREATE TABLE t AS SELECT range AS id FROM range(2000)');
    const source = {
      dialect: 'duckdb' as const,
      explain: async (sql: ValidatedSql): Promise<PlanNode> => {
        const reader = await connection.runAndReadAll(`EXPLAIN (FORMAT JSON) ${sql}`);
        return duckdbPlan(JSON.parse(String(reader.getRowObjects()[0]?.explain_value)));
      },
    };
    const cross = await dryRun(source, 'SELECT count(*) FROM t a, t b' as ValidatedSql, {
      hugeScanRows: 1000,
    });
    expect(cross.warnings).toEqual([
      'The plan joins tables without a join condition (a cartesian product): check the join.',
      'The plan reads the whole table of `memory.main.t` (about 2,000 rows): add a filter.',
    ]);
    const joined = await dryRun(source, 'SELECT count(*) FROM t a JOIN t b ON a.id = b.id' as ValidatedSql);
    expect(joined.warnings).toEqual([]);
    connection.closeSync();
    instance.closeSync();
  });

  it('returns no plan when the source cannot explain', async () => {
    expect(await dryRun({ dialect: 'sqlite' }, 'SELECT 1' as ValidatedSql)).toEqual({
      plan: undefined,
      warnings: [],
    });
  });
});
