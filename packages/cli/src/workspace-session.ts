import { existsSync } from 'node:fs';
import { workspaceSource } from '@askdata/assistant';
import type { QueryResult } from '@askdata/core';
import { openWorkspace, type Workspace } from '@askdata/engine';
import { dryRun } from '@askdata/guard';
import type { GlobalOptions } from './context';

/**
 * The CLI's way to run a person's SQL on the workspace: the guard checks it (DuckDB dialect, the workspace's
 * tables, a row cap in the syntax tree, DuckDB's own parser as a second opinion), the dry run warns about
 * cartesian products and huge scans from DuckDB's plan, then it runs on the locked query instance with a time limit.
 */
export async function runWorkspaceSql(
  workspace: Workspace,
  sql: string,
  options: { maxRows: number; timeoutMs: number },
): Promise<QueryResult> {
  const source = workspaceSource(workspace);
  // One row beyond the cap, so the run can tell that the result was cut.
  const validated = await source.validate(sql, options.maxRows + 1);
  const { warnings } = await dryRun(source, validated.sql);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  return source.run(validated.sql, options);
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
