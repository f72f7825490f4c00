import type { Connector } from '@askdata/connectors';
import { AskdataError, type QueryResult, type ValidatedSql } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import { connectorSource } from './connector-source';

/** A connector over two tables where every statistic on `huge` runs out of time, as on a very large table. */
function connectorWithHugeTable(executed: string[]): Connector {
  const result = (rows: QueryResult['rows']): QueryResult => ({
    columns: [],
    rows,
    rowCount: rows.length,
    truncated: false,
    elapsedMs: 1,
  });
  return {
    kind: 'postgres',
    dialect: 'postgres',
    label: 'PostgreSQL test',
    capabilities: {
      pushDown: true,
      namespaces: true,
      cancel: 'server',
      readOnly: 'transaction',
      explain: false,
      primaryKeys: true,
      foreignKeys: true,
      comments: true,
      rowCounts: 'estimate',
    },
    connect: async () => undefined,
    introspect: async () => ({
      tables: ['small', 'huge'].map((name) => ({
        name,
        namespace: 'shop',
        columns: [{ name: 'region', sourceType: 'text', logicalType: 'text' as const, nullable: true }],
      })),
    }),
    async sampleValues(table) {
      if (table.name === 'huge') throw new AskdataError('query_timeout', 'too slow');
      return ['EMEA', 'APAC'];
    },
    async execute(sql: ValidatedSql) {
      executed.push(sql);
      if (sql.includes('"huge"')) throw new AskdataError('query_timeout', 'too slow');
      return result([[2]]);
    },
    stream: async function* () {},
    close: async () => undefined,
  };
}

describe('connectorSource', () => {
  it('computes statistics in the database and leaves out the ones that run out of time', async () => {
    const executed: string[] = [];
    const source = await connectorSource(connectorWithHugeTable(executed));
    expect(source.tables().map((table) => table.name)).toEqual(['small', 'huge']);
    expect(await source.distinctCounts()).toEqual({ small: { region: { distinctCount: 2 } } });
    expect(executed).toEqual([
      'SELECT count(DISTINCT "region") AS c0 FROM "shop"."small"',
      'SELECT count(DISTINCT "region") AS c0 FROM "shop"."huge"',
    ]);
    expect(await source.sampleValues(10)).toEqual([
      { table: 'small', column: 'region', values: ['EMEA', 'APAC'], complete: true },
    ]);
    expect((await source.explain('SELECT 1' as ValidatedSql)).operator).toBe('no plan from this source');
  });

  it('keeps the first of two same-named tables, as an unqualified name would find it', async () => {
    const connector = connectorWithHugeTable([]);
    connector.introspect = async () => ({
      tables: ['sales', 'archive'].map((namespace) => ({
        name: 'orders',
        namespace,
        columns: [{ name: 'id', sourceType: 'integer', logicalType: 'integer' as const, nullable: false }],
      })),
    });
    const source = await connectorSource(connector);
    expect(source.tables().map((table) => `${table.namespace}.${table.name}`)).toEqual(['sales.orders']);
  });
});
