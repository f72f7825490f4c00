import type { QueryResult, ValidatedSql } from '@askdata/core';
import { quoteIdentifier, quoteString, type Workspace } from '@askdata/engine';
import { duckdbPlan, validateSql } from '@askdata/guard';
import type { ValueSample } from '@askdata/language';
import type { AnalysisSource, RunLimits } from './analysis-source';

/** The DuckDB workspace as an analysis source: the guard checks SQL with DuckDB's own parser as a second opinion. */
export function workspaceSource(workspace: Workspace): AnalysisSource {
  async function internal<T>(
    action: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>,
  ) {
    const connection = await workspace.internalConnection();
    try {
      return await action(async (sql) => (await connection.runAndReadAll(sql)).getRowObjects());
    } finally {
      connection.closeSync();
    }
  }

  return {
    dialect: 'duckdb',
    label: `workspace ${workspace.home}`,
    tables: () => workspace.tables(),
    snapshotIds(tables) {
      const ids = new Set<string>();
      for (const dataset of workspace.datasets()) {
        if (dataset.tables.some((table) => tables.includes(table.name))) ids.add(dataset.snapshotId);
      }
      return [...ids];
    },
    sampleValues: (perColumn) =>
      internal(async (run) => {
        const samples: ValueSample[] = [];
        for (const table of workspace.tables()) {
          for (const column of table.columns) {
            if (column.logicalType !== 'text') continue;
            const rows = await run(
              `SELECT DISTINCT ${quoteIdentifier(column.name)} AS v FROM ${quoteIdentifier(table.name)} WHERE ${quoteIdentifier(column.name)} IS NOT NULL LIMIT ${perColumn}`,
            );
            // Fewer distinct values than asked for: the sample is the whole column.
            samples.push({
              table: table.name,
              column: column.name,
              values: rows.map((row) => String(row['v'])),
              complete: rows.length < perColumn,
            });
          }
        }
        return samples;
      }),
    distinctCounts: () =>
      internal(async (run) => {
        const counts: Record<string, Record<string, { distinctCount: number }>> = {};
        for (const table of workspace.tables()) {
          if (table.columns.length === 0) continue;
          const select = table.columns
            .map((column, index) => `approx_count_distinct(${quoteIdentifier(column.name)}) AS c${index}`)
            .join(', ');
          const [row = {}] = await run(`SELECT ${select} FROM ${quoteIdentifier(table.name)}`);
          counts[table.name] = Object.fromEntries(
            table.columns.map((column, index) => [
              column.name,
              { distinctCount: Number(row[`c${index}`] ?? 0) },
            ]),
          );
        }
        return counts;
      }),
    validate: (sql, maxRows) =>
      internal(async (run) => {
        const result = await validateSql(sql, {
          dialect: 'duckdb',
          schema: workspace.tables(),
          maxRows,
          duckdbParse: async (text) => {
            const [row] = await run(`SELECT json_serialize_sql(${quoteString(text)}) AS tree`);
            return JSON.parse(String(row?.['tree']));
          },
        });
        return { sql: result.sql, tables: result.tables };
      }),
    run: (sql: ValidatedSql, limits: RunLimits): Promise<QueryResult> =>
      workspace.query(sql, {
        maxRows: limits.maxRows,
        timeoutMs: limits.timeoutMs,
        ...(limits.signal ? { signal: limits.signal } : {}),
      }),
    explain: (sql) =>
      internal(async (run) => {
        const [row] = await run(`EXPLAIN (FORMAT JSON) ${sql}`);
        return duckdbPlan(JSON.parse(String(row?.['explain_value'])));
      }),
    async close() {
      workspace.close();
    },
  };
}
