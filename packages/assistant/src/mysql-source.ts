import { MysqlConnector, type MysqlConnectorOptions } from '@askdata/connectors';
import type { AnalysisSource } from './analysis-source';
import { connectorSource } from './connector-source';

/**
 * A MySQL or MariaDB database as an analysis source: questions compile to MySQL SQL and run in the
 * database, inside read-only transactions with the server's statement time limit.
 */
export async function mysqlSource(options: MysqlConnectorOptions): Promise<AnalysisSource> {
  const connector = new MysqlConnector(options);
  try {
    return await connectorSource(connector);
  } catch (error) {
    await connector.close();
    throw error;
  }
}
