import type { AnalysisSource } from '@askdata/assistant';
import type { TableSchema } from '@askdata/core';
import { validateSql } from '@askdata/guard';
import { columnPolicy, type SourceScope } from './scoped-workspace-source';

/**
 * A database source seen through a datasource and a user's permission: only the datasource's tables, denied
 * columns hidden from the language engine and refused by the guard. Queries run in the database, live, so
 * results are not cached. The connection belongs to the registry: closing this view leaves it open.
 */
export function scopedDatabaseSource(base: AnalysisSource, scope: SourceScope): AnalysisSource {
  const inScope = new Set(scope.tables.map((table) => table.toLowerCase()));
  const policy = columnPolicy(scope);
  const scopedTables = (): TableSchema[] =>
    base.tables().filter((table) => inScope.has(table.name.toLowerCase()));
  const visible = (table: string, column: string) =>
    inScope.has(table.toLowerCase()) && policy(table, column) === 'allow';

  return {
    dialect: base.dialect,
    label: base.label,
    tables: () =>
      scopedTables().map((table) => ({
        ...table,
        columns: table.columns.filter((column) => policy(table.name, column.name) === 'allow'),
      })),
    snapshotIds: (tables) => base.snapshotIds(tables),
    sampleValues: async (perColumn) =>
      (await base.sampleValues(perColumn)).filter((sample) => visible(sample.table, sample.column)),
    async distinctCounts() {
      const counts: Record<string, Record<string, { distinctCount: number }>> = {};
      for (const [table, columns] of Object.entries(await base.distinctCounts())) {
        if (!inScope.has(table.toLowerCase())) continue;
        counts[table] = Object.fromEntries(
          Object.entries(columns).filter(([column]) => visible(table, column)),
        );
      }
      return counts;
    },
    async validate(sql, maxRows) {
      // The full schema of the scoped tables, so a denied column is refused by name rather than unresolved.
      const result = await validateSql(sql, {
        dialect: base.dialect,
        schema: scopedTables(),
        allowedTables: (table) => inScope.has(table.toLowerCase()),
        columnPolicy: policy,
        maxRows,
      });
      return { sql: result.sql, tables: result.tables };
    },
    run: (sql, limits) => base.run(sql, limits),
    explain: (sql) => base.explain(sql),
    async close() {},
  };
}
