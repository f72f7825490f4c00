import { AskdataError } from '@askdata/core';
import type { Workspace } from '../workspace/workspace';
import { type ProfileOptions, profileTable } from './profile-table';
import type { TableProfile } from './types';

/**
 * Profiles a loaded workspace table, carrying the catalog's labels, unit hints and ingestion notes
 * (mixed columns kept as text, totals rows left out) into the profile.
 */
export async function profileWorkspaceTable(
  workspace: Workspace,
  table: string,
  options: Omit<ProfileOptions, 'schema' | 'columnNotes' | 'tableNotes'> = {},
): Promise<TableProfile> {
  await workspace.refresh();
  const record = workspace.table(table);
  if (!record) {
    const known = workspace.tables().map((candidate) => candidate.name);
    throw new AskdataError('table_not_found', `Table "${table}" does not exist.`, {
      ...(known.length > 0 ? { hint: `loaded tables: ${known.join(', ')}` } : {}),
    });
  }
  const connection = await workspace.internalConnection();
  try {
    return await profileTable(connection, record.name, {
      ...options,
      schema: record,
      columnNotes: record.columnNotes,
      tableNotes: record.warnings,
    });
  } finally {
    connection.closeSync();
  }
}
