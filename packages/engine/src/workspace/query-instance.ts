import { DuckDBInstance } from '@duckdb/node-api';
import { quoteIdentifier, quoteString } from './sql-text';

/** Settings shared by every DuckDB instance askdata opens: nothing is ever downloaded or auto-loaded. */
export const noExtensionDownloads = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
} as const;

/**
 * The instance questions run on: in memory, allowed to open only files in `<home>/snapshots/`, with
 * external access off and the configuration locked, so SQL that reaches it cannot read other files,
 * attach other databases or change settings. Snapshots are attached READ_ONLY afterwards.
 */
export async function createQueryInstance(
  snapshotsDirectory: string,
  spillDirectory: string,
): Promise<DuckDBInstance> {
  const instance = await DuckDBInstance.create(':memory:', {
    ...noExtensionDownloads,
    temp_directory: spillDirectory,
  });
  const connection = await instance.connect();
  try {
    const directory = snapshotsDirectory.endsWith('/') ? snapshotsDirectory : `${snapshotsDirectory}/`;
    await connection.run(`SET allowed_directories = [${quoteString(directory)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
  } finally {
    connection.closeSync();
  }
  return instance;
}

export function snapshotAlias(snapshotId: string): string {
  return `s_${snapshotId}`;
}

export async function attachSnapshot(
  instance: DuckDBInstance,
  file: string,
  snapshotId: string,
): Promise<void> {
  const connection = await instance.connect();
  try {
    await connection.run(
      `ATTACH IF NOT EXISTS ${quoteString(file)} AS ${quoteIdentifier(snapshotAlias(snapshotId))} (READ_ONLY)`,
    );
  } finally {
    connection.closeSync();
  }
}

export async function detachSnapshot(instance: DuckDBInstance, snapshotId: string): Promise<void> {
  const connection = await instance.connect();
  try {
    await connection.run(`DETACH DATABASE IF EXISTS ${quoteIdentifier(snapshotAlias(snapshotId))}`);
  } finally {
    connection.closeSync();
  }
}

export async function pointView(instance: DuckDBInstance, table: string, snapshotId: string): Promise<void> {
  const connection = await instance.connect();
  try {
    await connection.run(
      `CREATE OR REPLACE VIEW main.${quoteIdentifier(table)} AS SELECT * FROM ${quoteIdentifier(snapshotAlias(snapshotId))}.main.${quoteIdentifier(table)}`,
    );
  } finally {
    connection.closeSync();
  }
}

export async function dropView(instance: DuckDBInstance, table: string): Promise<void> {
  const connection = await instance.connect();
  try {
    await connection.run(`DROP VIEW IF EXISTS main.${quoteIdentifier(table)}`);
  } finally {
    connection.closeSync();
  }
}
