import type { ValidatedSql } from '@askdata/core';
import pg from 'pg';
import { probeService, serviceAddresses } from '../../../../test-support/services';
import { PostgresConnector } from '../../src/index';
import { describeConnectorContract } from './describe-connector-contract';
import { retailStatements } from './retail-tables';

const available = await probeService('postgres');
const namespace = `askdata_contract_${process.pid}`;

/** The test server's URL with one part replaced (user, port, database, query). */
function variant(change: (url: URL) => void): string {
  const url = new URL(serviceAddresses.postgres.url);
  change(url);
  return url.toString();
}

describeConnectorContract(
  'PostgreSQL (real server)',
  async () => {
    const admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin.query(`CREATE SCHEMA ${namespace}`);
    for (const statement of retailStatements('postgres', namespace)) await admin.query(statement);
    await admin.query(`ANALYZE ${namespace}.order_lines`);
    const connector = new PostgresConnector({ url: serviceAddresses.postgres.url, schemas: [namespace] });
    const failing = (url: string) => () => new PostgresConnector({ url, connectionTimeoutMs: 3000 });
    return {
      connector,
      namespace,
      failingConnections: {
        // The test server trusts every local login, so a role that does not exist is the refused login.
        auth_failed: failing(
          variant((url) => {
            url.username = 'askdata_no_such_role';
            url.password = 'not-the-password';
          }),
        ),
        host_unreachable: failing(variant((url) => (url.port = '1'))),
        database_not_found: failing(variant((url) => (url.pathname = '/askdata_no_such_database'))),
        tls_unavailable: failing(variant((url) => url.searchParams.set('sslmode', 'verify-full'))),
      },
      slowSql: 'SELECT pg_sleep(30)' as ValidatedSql,
      async addColumn(table, column) {
        await admin.query(`ALTER TABLE ${table.namespace}.${table.name} ADD COLUMN ${column} text`);
      },
      async cleanup() {
        await connector.close();
        await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
        await admin.end();
      },
    };
  },
  { available },
);
