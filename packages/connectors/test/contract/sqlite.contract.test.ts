import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidatedSql } from '@askdata/core';
import Database from 'better-sqlite3';
import { SqliteConnector } from '../../src/index';
import { describeConnectorContract } from './describe-connector-contract';
import { retailStatements } from './retail-tables';

describeConnectorContract('SQLite (file)', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'askdata-contract-sqlite-'));
  const file = join(folder, 'retail.sqlite');
  const writer = new Database(file);
  writer.pragma('foreign_keys = ON');
  writer.transaction(() => {
    for (const statement of retailStatements('sqlite')) writer.exec(statement);
  })();
  const connector = new SqliteConnector(file);
  return {
    connector,
    failingConnections: {
      database_not_found: () => new SqliteConnector(join(folder, 'missing.sqlite')),
    },
    // Counts forever; only ending the worker thread stops it.
    slowSql:
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c' as ValidatedSql,
    async addColumn(table, column) {
      writer.exec(`ALTER TABLE "${table.name}" ADD COLUMN "${column}" TEXT`);
    },
    async cleanup() {
      await connector.close();
      writer.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
