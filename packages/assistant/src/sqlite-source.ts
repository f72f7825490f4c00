import { SqliteExecutor } from '@askdata/connectors';
import type { ValidatedSql } from '@askdata/core';
import { validateSql } from '@askdata/guard';
import { introspectSqlite, sampleSqliteValues } from '@askdata/language';
import BetterSqlite3 from 'better-sqlite3';
import type { AnalysisSource } from './analysis-source';

/** A SQLite database file as an analysis source: questions run in SQLite itself, opened read-only. */
export function sqliteSource(path: string): AnalysisSource {
  const database = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  const schema = introspectSqlite(database);
  const executor = new SqliteExecutor(path);
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return {
    dialect: 'sqlite',
    label: `SQLite ${path}`,
    tables: () => schema.tables,
    snapshotIds: () => [],
    sampleValues: async (perColumn) => sampleSqliteValues(database, schema, perColumn),
    async distinctCounts() {
      const counts: Record<string, Record<string, { distinctCount: number }>> = {};
      for (const table of schema.tables) {
        const select = table.columns.map(
          (column, index) => `count(DISTINCT ${quote(column.name)}) AS c${index}`,
        );
        if (select.length === 0) continue;
        const row = database.prepare(`SELECT ${select.join(', ')} FROM ${quote(table.name)}`).get() as Record<
          string,
          number
        >;
        counts[table.name] = Object.fromEntries(
          table.columns.map((column, index) => [
            column.name,
            { distinctCount: Number(row[`c${index}`] ?? 0) },
          ]),
        );
      }
      return counts;
    },
    async validate(sql, maxRows) {
      const result = await validateSql(sql, { dialect: 'sqlite', schema: schema.tables, maxRows });
      return { sql: result.sql, tables: result.tables };
    },
    run: (sql: ValidatedSql, limits) => executor.execute(sql, limits),
    explain: (sql) => executor.explain(sql),
    async close() {
      database.close();
      await executor.close();
    },
  };
}
