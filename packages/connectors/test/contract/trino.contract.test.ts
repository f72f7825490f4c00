/**
 * The connector contract for Trino through the real `trino-client`, against a stand-in coordinator that
 * speaks Trino's REST protocol and evaluates SQL with DuckDB (test/support/duckdb-trino-coordinator.ts).
 * What this proves: the driver's protocol handling, paging, caps, streaming, time limits and DELETE cancels,
 * introspection through information_schema and error mapping. What it does not: Trino's own SQL semantics.
 */
import type { ValidatedSql } from '@askdata/core';
import { trinoConnector } from '../../src/index';
import { startDuckdbTrinoCoordinator } from '../support/duckdb-trino-coordinator';
import { loadRetailIntoDuckdb } from '../support/load-retail-duckdb';
import { describeConnectorContract } from './describe-connector-contract';

describeConnectorContract('Trino (REST protocol, DuckDB-backed stand-in coordinator)', async () => {
  const coordinator = await startDuckdbTrinoCoordinator({ user: 'analyst' });
  await loadRetailIntoDuckdb(coordinator.admin, 'shop');
  const open = (overrides: { user?: string; server?: string; catalog?: string } = {}) =>
    trinoConnector({
      server: overrides.server ?? coordinator.url,
      catalog: overrides.catalog ?? 'hive',
      schema: 'shop',
      user: overrides.user ?? 'analyst',
    });
  const connector = open();
  return {
    connector,
    namespace: 'shop',
    failingConnections: {
      auth_failed: () => open({ user: 'intruder' }),
      host_unreachable: () => open({ server: 'http://127.0.0.1:9' }),
      database_not_found: () => open({ catalog: 'nope' }),
    },
    slowSql:
      `SELECT sum(a.revenue * b.quantity) FROM "shop"."order_lines" a, "shop"."order_lines" b` as ValidatedSql,
    addColumn: (table, column) =>
      coordinator.admin(`ALTER TABLE "shop"."${table.name}" ADD COLUMN "${column}" VARCHAR`),
    async cleanup() {
      await connector.close();
      await coordinator.close();
    },
  };
});
