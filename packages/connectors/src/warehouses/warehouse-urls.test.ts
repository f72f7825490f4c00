import { AskdataError } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import { warehouseUrlSchemes } from './warehouse-urls';

const open = (url: string) => {
  const scheme = /^([a-z]+:)/.exec(url)?.[1] ?? '';
  const factory = warehouseUrlSchemes[scheme];
  if (!factory) throw new Error(`no factory for ${scheme}`);
  return factory(url);
};

describe('warehouse URLs', () => {
  it('opens each warehouse from its URL without connecting, and labels it without secrets', () => {
    const clickhouse = open('clickhouse://analyst:p%40ss@ch.internal:8123/shop');
    expect([clickhouse.kind, clickhouse.dialect, clickhouse.label]).toEqual([
      'clickhouse',
      'clickhouse',
      'ClickHouse shop@ch.internal:8123',
    ]);
    expect(open('clickhouses://analyst@ch.internal/shop').label).toBe('ClickHouse shop@ch.internal:8443');
    expect(open('trino://analyst@trino.internal:8080/hive/web?ssl=true').label).toBe(
      'Trino hive.web@trino.internal:8080',
    );
    expect(open('bigquery://analytics-prod/shop?location=EU').label).toBe('BigQuery analytics-prod.shop');
    const snowflake = open('snowflake://ASKDATA:secret@myorg-acct/SHOP/PUBLIC?warehouse=REPORTING');
    expect([snowflake.dialect, snowflake.label]).toEqual(['snowflake', 'Snowflake SHOP.PUBLIC@myorg-acct']);
    expect(snowflake.label).not.toContain('secret');
  });

  it('says what an incomplete URL lacks', () => {
    let caught: unknown;
    try {
      open('trino://trino.internal:8080/hive');
    } catch (error) {
      caught = error;
    }
    expect(AskdataError.isInstance(caught) && caught.message).toBe(
      'The warehouse URL is incomplete: write trino://user@host:8080/catalog/schema.',
    );
  });
});
