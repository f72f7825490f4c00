import { type AnalysisSource, connectorSource } from '@askdata/assistant';
import { type Connector, openConnector } from '@askdata/connectors';
import { AskdataError } from '@askdata/core';
import type { DatasourceKind } from '@askdata/store';

export type DatabaseKind = Exclude<DatasourceKind, 'workspace'>;

/** The connector kind each database datasource kind accepts (MariaDB speaks the MySQL protocol). */
const connectorKindOf: Record<DatabaseKind, string> = {
  postgres: 'postgres',
  mysql: 'mysql',
  sqlite: 'sqlite',
};

const productOf: Record<DatabaseKind, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite' };

/** What `openConnector` takes for a registered URL: SQLite datasources may be written `sqlite:///path`. */
function connectorTarget(kind: DatabaseKind, url: string): string {
  return kind === 'sqlite' ? url.replace(/^sqlite:\/\//i, '') : url;
}

/**
 * Connects to a registered database once and reads its schema: the source pushes questions down to the
 * database and owns the connection (its `close` ends it). Connection failures throw the connector's typed
 * one-sentence errors (auth failed, host unreachable, database missing…).
 */
export async function openDatabaseSource(kind: DatabaseKind, url: string): Promise<AnalysisSource> {
  const connector: Connector = await openConnector(connectorTarget(kind, url));
  if (connector.kind !== connectorKindOf[kind]) {
    await connector.close().catch(() => undefined);
    throw new AskdataError('invalid_input', `This is not a ${productOf[kind]} database URL or file.`);
  }
  try {
    return await connectorSource(connector);
  } catch (error) {
    await connector.close().catch(() => undefined);
    throw error;
  }
}

export function isDatabaseKind(kind: DatasourceKind): kind is DatabaseKind {
  return kind !== 'workspace';
}
