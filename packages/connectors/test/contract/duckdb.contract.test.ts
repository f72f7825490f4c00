import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidatedSql } from '@askdata/core';
import { ensureDemoData, openWorkspace } from '@askdata/engine';
import { DuckdbConnector } from '../../src/index';
import { describeConnectorContract } from './describe-connector-contract';

describeConnectorContract('DuckDB (files in the workspace)', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'askdata-contract-duckdb-'));
  const demo = await ensureDemoData(join(folder, 'demo'));
  const workspace = await openWorkspace({ home: join(folder, 'workspace') });
  for (const key of ['customers', 'products', 'orders', 'orderLines'] as const)
    await workspace.load(demo.files[key]);
  const connector = new DuckdbConnector({ workspace });
  return {
    connector,
    failingConnections: {
      database_not_found: () => new DuckdbConnector({ home: join(folder, 'no-workspace-here') }),
    },
    // Ten billion pairs; only an interrupt stops it in time.
    slowSql: 'SELECT sum(a.revenue * b.quantity) FROM order_lines a, order_lines b' as ValidatedSql,
    async addColumn(table, column) {
      // A file gains a column when it is exported again: rewrite it and load it again.
      const file = table.name === 'order_lines' ? demo.files.orderLines : join(demo.dir, `${table.name}.csv`);
      const lines = (await readFile(file, 'utf8')).split('\n');
      const changed = lines.map((line, index) =>
        line === '' ? line : index === 0 ? `${line},${column}` : `${line},`,
      );
      await writeFile(file, changed.join('\n'));
      await workspace.load(file);
    },
    async cleanup() {
      await connector.close();
      workspace.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
