import { PostgresConnector, type PostgresConnectorOptions } from '@askdata/connectors';
import type { AnalysisSource } from './analysis-source';
import { connectorSource } from './connector-source';

/**
 * A PostgreSQL database as an analysis source: questions compile to PostgreSQL SQL and run in the
 * database, inside read-only transactions with a statement timeout.
 */
export async function postgresSource(options: PostgresConnectorOptions): Promise<AnalysisSource> {
  const connector = new PostgresConnector(options);
  try {
    return await connectorSource(connector);
  } catch (error) {
    await connector.close();
    throw error;
  }
}
