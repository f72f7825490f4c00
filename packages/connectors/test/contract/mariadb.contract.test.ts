import type { ValidatedSql } from '@askdata/core';
import mysql from 'mysql2/promise';
import { probeService, serviceAddresses } from '../../../../test-support/services';
import { MysqlConnector } from '../../src/index';
import { describeConnectorContract } from './describe-connector-contract';
import { retailStatements } from './retail-tables';

const available = await probeService('mariadb');
const namespace = `askdata_contract_${process.pid}`;

function variant(change: (url: URL) => void): string {
  const url = new URL(serviceAddresses.mariadb.url);
  change(url);
  return url.toString();
}

describeConnectorContract(
  'MariaDB (real server)',
  async () => {
    const admin = await mysql.createConnection({ uri: serviceAddresses.mariadb.url });
    await admin.query(`DROP DATABASE IF EXISTS ${namespace}`);
    await admin.query(`CREATE DATABASE ${namespace}`);
    for (const statement of retailStatements('mysql', namespace)) await admin.query(statement);
    await admin.query(`ANALYZE TABLE ${namespace}.order_lines`);
    const connector = new MysqlConnector({ url: serviceAddresses.mariadb.url, databases: [namespace] });
    const failing = (url: string) => () => new MysqlConnector({ url, connectionTimeoutMs: 3000 });
    return {
      connector,
      namespace,
      failingConnections: {
        auth_failed: failing(variant((url) => (url.password = 'not-the-password'))),
        host_unreachable: failing(variant((url) => (url.port = '1'))),
        database_not_found: failing(variant((url) => (url.pathname = '/askdata_no_such_database'))),
        tls_unavailable: failing(variant((url) => url.searchParams.set('ssl', 'true'))),
      },
      // A cross join of the two largest tables: billions of rows, stopped only by KILL QUERY.
      slowSql:
        `SELECT count(*) FROM ${namespace}.order_lines a CROSS JOIN ${namespace}.orders b WHERE a.revenue > b.order_id` as ValidatedSql,
      async addColumn(table, column) {
        await admin.query(`ALTER TABLE ${table.namespace}.${table.name} ADD COLUMN ${column} TEXT NULL`);
      },
      async cleanup() {
        await connector.close();
        await admin.query(`DROP DATABASE IF EXISTS ${namespace}`);
        await admin.end();
      },
    };
  },
  { available },
);
