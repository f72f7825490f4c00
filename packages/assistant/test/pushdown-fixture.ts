/**
 * Test-only: the retail demo in a PostgreSQL schema of its own and, from the same generated rows, in a
 * DuckDB workspace (the demo CSV files), so one question can be asked of both and the answers compared.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDemoData, openWorkspace, type Workspace } from '@askdata/engine';
import pg from 'pg';
import { serviceAddresses } from '../../../test-support/services';
import { retailStatements } from '../../connectors/test/contract/retail-tables';

export interface PushdownFixture {
  namespace: string;
  admin: pg.Client;
  workspace: Workspace;
  cleanup(): Promise<void>;
}

export async function openPushdownFixture(namespace: string): Promise<PushdownFixture> {
  const admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
  await admin.query(`CREATE SCHEMA ${namespace}`);
  for (const statement of retailStatements('postgres', namespace)) await admin.query(statement);
  await admin.query(`ANALYZE ${namespace}.order_lines`);
  const folder = mkdtempSync(join(tmpdir(), 'askdata-pushdown-'));
  const demo = await ensureDemoData(join(folder, 'demo'));
  const workspace = await openWorkspace({ home: join(folder, 'workspace') });
  for (const key of ['customers', 'products', 'orders', 'orderLines'] as const)
    await workspace.load(demo.files[key]);
  return {
    namespace,
    admin,
    workspace,
    async cleanup() {
      workspace.close();
      rmSync(folder, { recursive: true, force: true });
      await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
      await admin.end();
    },
  };
}
