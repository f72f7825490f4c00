/**
 * The connector contract for ClickHouse through the real `@clickhouse/client`, against a stand-in for the
 * HTTP interface that evaluates SQL with DuckDB (test/support/duckdb-clickhouse-server.ts). What this proves:
 * the driver's HTTP handling, settings, caps, streaming, time limits and cancels, introspection and error
 * mapping. What it does not: ClickHouse's own SQL semantics.
 */
import type { ValidatedSql } from '@askdata/core';
import { clickhouseConnector } from '../../src/index';
import { startDuckdbClickhouseServer } from '../support/duckdb-clickhouse-server';
import { loadRetailIntoDuckdb } from '../support/load-retail-duckdb';
import { describeConnectorContract } from './describe-connector-contract';

describeConnectorContract('ClickHouse (HTTP interface, DuckDB-backed stand-in)', async () => {
  const server = await startDuckdbClickhouseServer({ user: 'analyst', password: 'contract-pass' });
  await loadRetailIntoDuckdb(server.admin, 'shop');
  const open = (overrides: { password?: string; url?: string; database?: string } = {}) =>
    clickhouseConnector({
      url: overrides.url ?? server.url,
      username: 'analyst',
      password: overrides.password ?? 'contract-pass',
      database: overrides.database ?? 'shop',
    });
  const connector = open();
  return {
    connector,
    failingConnections: {
      auth_failed: () => open({ password: 'wrong' }),
      host_unreachable: () => open({ url: 'http://127.0.0.1:9' }),
      database_not_found: () => open({ database: 'nope' }),
    },
    slowSql: 'SELECT sum(a.revenue * b.quantity) FROM "order_lines" a, "order_lines" b' as ValidatedSql,
    addColumn: (table, column) =>
      server.admin(`ALTER TABLE "shop"."${table.name}" ADD COLUMN "${column}" VARCHAR`),
    async cleanup() {
      await connector.close();
      await server.close();
    },
  };
});
