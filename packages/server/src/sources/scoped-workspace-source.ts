import { type AnalysisSource, workspaceSource } from '@askdata/assistant';
import type { TableSchema, ValidatedSql } from '@askdata/core';
import { quoteString, type Workspace } from '@askdata/engine';
import { type ColumnAccess, validateSql } from '@askdata/guard';
import type { ResultCache } from '../cache/result-cache';

/** The part of the workspace one user may read through one datasource. */
export interface SourceScope {
  /** Tables of the datasource. */
  tables: readonly string[];
  /** `table.column`, or `column` for that name in every table. */
  deniedColumns: readonly string[];
}

export interface GuardVerdict {
  sql: ValidatedSql;
  tables: string[];
}

/** Guard verdicts by SQL, cap, scope and snapshots, shared by the sources of one server (oldest out first). */
export class VerdictCache {
  private readonly verdicts = new Map<string, GuardVerdict>();
  constructor(private readonly maxEntries = 2000) {}
  get(key: string): GuardVerdict | undefined {
    return this.verdicts.get(key);
  }
  set(key: string, verdict: GuardVerdict): void {
    this.verdicts.set(key, verdict);
    if (this.verdicts.size > this.maxEntries) {
      const oldest = this.verdicts.keys().next().value;
      if (oldest !== undefined) this.verdicts.delete(oldest);
    }
  }
}

export function columnPolicy(scope: SourceScope): (table: string, column: string) => ColumnAccess {
  const denied = new Set(scope.deniedColumns.map((entry) => entry.toLowerCase()));
  return (table, column) =>
    denied.has(column.toLowerCase()) || denied.has(`${table}.${column}`.toLowerCase()) ? 'deny' : 'allow';
}

/**
 * The workspace seen through a datasource and a user's permission: only the datasource's tables, denied
 * columns hidden from the language engine and refused by the guard, results cached by SQL + snapshot ids.
 */
export function scopedWorkspaceSource(
  workspace: Workspace,
  scope: SourceScope,
  caches: { results?: ResultCache; verdicts?: VerdictCache } = {},
): AnalysisSource {
  const base = workspaceSource(workspace);
  const inScope = new Set(scope.tables.map((table) => table.toLowerCase()));
  const policy = columnPolicy(scope);
  const scopedTables = (): TableSchema[] =>
    workspace.tables().filter((table) => inScope.has(table.name.toLowerCase()));
  const visibleTables = (): TableSchema[] =>
    scopedTables().map((table) => ({
      ...table,
      columns: table.columns.filter((column) => policy(table.name, column.name) === 'allow'),
    }));
  const visible = (table: string, column: string) =>
    inScope.has(table.toLowerCase()) && policy(table, column) === 'allow';
  const snapshots = () => base.snapshotIds([...scope.tables]);

  const validateInWorkspace = async (sql: string, maxRows: number): Promise<GuardVerdict> => {
    const connection = await workspace.internalConnection();
    try {
      // The full schema of the scoped tables, so a denied column is refused by name rather than unresolved.
      const result = await validateSql(sql, {
        dialect: 'duckdb',
        schema: scopedTables(),
        allowedTables: (table) => inScope.has(table.toLowerCase()),
        columnPolicy: policy,
        maxRows,
        duckdbParse: async (text) => {
          const reader = await connection.runAndReadAll(
            `SELECT json_serialize_sql(${quoteString(text)}) AS tree`,
          );
          return JSON.parse(String(reader.getRowObjects()[0]?.['tree']));
        },
      });
      return { sql: result.sql, tables: result.tables };
    } finally {
      connection.closeSync();
    }
  };

  return {
    dialect: base.dialect,
    label: base.label,
    tables: visibleTables,
    snapshotIds: (tables) => base.snapshotIds(tables),
    sampleValues: async (perColumn) =>
      (await base.sampleValues(perColumn)).filter((sample) => visible(sample.table, sample.column)),
    async distinctCounts() {
      const all = await base.distinctCounts();
      const counts: Record<string, Record<string, { distinctCount: number }>> = {};
      for (const [table, columns] of Object.entries(all)) {
        if (!inScope.has(table.toLowerCase())) continue;
        counts[table] = Object.fromEntries(
          Object.entries(columns).filter(([column]) => visible(table, column)),
        );
      }
      return counts;
    },
    async validate(sql, maxRows) {
      // The verdict depends only on the SQL, the cap, the scope and the schema (fixed by the snapshots).
      const key = JSON.stringify([sql, maxRows, scope.tables, [...scope.deniedColumns].sort(), snapshots()]);
      const known = caches.verdicts?.get(key);
      if (known) return known;
      const verdict = await validateInWorkspace(sql, maxRows);
      caches.verdicts?.set(key, verdict);
      return verdict;
    },
    async run(sql, limits) {
      const { results } = caches;
      if (!results) return base.run(sql, limits);
      const key = { sql, maxRows: limits.maxRows, snapshotIds: snapshots() };
      const hit = await results.get(key);
      if (hit) return hit;
      const result = await base.run(sql, limits);
      await results.set(key, result);
      return result;
    },
    explain: (sql) => base.explain(sql),
    // The workspace is shared by every datasource and request; the server closes it on shutdown.
    async close() {},
  };
}
