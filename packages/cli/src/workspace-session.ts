import { existsSync } from 'node:fs';
import type { QueryResult } from '@askdata/core';
import { openWorkspace, quoteString, type Workspace } from '@askdata/engine';
import { validateSql } from '@askdata/guard';
import type { GlobalOptions } from './context';

/**
 * The CLI's way to run a person's SQL on the workspace: parse and check it with the guard (DuckDB dialect,
 * the workspace's tables, a row cap in the syntax tree, DuckDB's own parser as a second opinion), then run
 * it on the locked query instance with a time limit.
 */
export async function runWorkspaceSql(
  workspace: Workspace,
  sql: string,
  options: { maxRows: number; timeoutMs: number },
): Promise<QueryResult> {
  const connection = await workspace.internalConnection();
  try {
    const validated = await validateSql(sql, {
      dialect: 'duckdb',
      schema: workspace.tables(),
      maxRows: options.maxRows,
      duckdbParse: async (text) => {
        const reader = await connection.runAndReadAll(
          `SELECT json_serialize_sql(${quoteString(text)}) AS tree`,
        );
        const tree = reader.getRowObjects()[0]?.['tree'];
        return JSON.parse(String(tree));
      },
    });
    return await workspace.query(validated.sql, { maxRows: options.maxRows, timeoutMs: options.timeoutMs });
  } finally {
    connection.closeSync();
  }
}

/** Opens the workspace of the global options for the duration of `action`. */
export async function withWorkspace<T>(
  options: GlobalOptions,
  action: (workspace: Workspace) => Promise<T>,
): Promise<T> {
  const workspace = await openWorkspace({ home: options.home });
  try {
    await workspace.refresh();
    return await action(workspace);
  } finally {
    workspace.close();
  }
}

export function looksLikeFile(argument: string): boolean {
  return /[/\\.]/.test(argument) && existsSync(argument);
}
