import { AskdataError, type ValidatedSql } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import type { RowBatch } from '../connector';
import { WarehouseConnector } from './warehouse-connector';
import type { RunOptions, WarehouseDriver } from './warehouse-driver';

const columns = [{ name: 'n', sourceType: 'Int64', logicalType: 'integer' as const }];

/** A driver that yields `total` rows in pieces of `piece`, or waits for its signal when `total` is -1. */
function driver(total: number, piece: number, seen: { aborted: boolean; reason?: unknown }): WarehouseDriver {
  return {
    kind: 'clickhouse',
    dialect: 'clickhouse',
    label: 'test',
    capabilities: {
      pushDown: true,
      namespaces: false,
      cancel: 'server',
      readOnly: 'connection',
      explain: false,
      primaryKeys: false,
      foreignKeys: false,
      comments: false,
      rowCounts: 'none',
    },
    connect: async () => {},
    async *run(_sql: string, options: RunOptions): AsyncIterable<RowBatch> {
      options.signal.addEventListener('abort', () => {
        seen.aborted = true;
        seen.reason = options.signal.reason;
      });
      if (total < 0) {
        await new Promise((_, reject) =>
          options.signal.addEventListener('abort', () => reject(options.signal.reason)),
        );
      }
      for (let start = 0; start < total; start += piece) {
        yield {
          columns,
          rows: Array.from({ length: Math.min(piece, total - start) }, (_, index) => [start + index]),
        };
      }
      yield { columns, rows: [] };
    },
    describeTables: async () => [],
    close: async () => {},
  };
}

describe('WarehouseConnector', () => {
  it('re-batches small driver pages and never passes maxRows, cancelling the rest', async () => {
    const seen = { aborted: false };
    const connector = new WarehouseConnector(driver(5000, 70, seen));
    const sizes: number[] = [];
    for await (const batch of connector.stream('SELECT' as ValidatedSql, {
      batchRows: 300,
      maxRows: 1000,
      timeoutMs: 5000,
    }))
      sizes.push(batch.rows.length);
    expect(sizes.reduce((total, size) => total + size, 0)).toBe(1000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(300);
    expect(seen.aborted).toBe(true);
  });

  it('marks a capped result as truncated and an exact one as complete', async () => {
    const capped = await new WarehouseConnector(driver(30, 7, { aborted: false })).execute(
      'SELECT' as ValidatedSql,
      {
        maxRows: 10,
        timeoutMs: 5000,
      },
    );
    expect([capped.rowCount, capped.truncated]).toEqual([10, true]);
    const exact = await new WarehouseConnector(driver(10, 7, { aborted: false })).execute(
      'SELECT' as ValidatedSql,
      {
        maxRows: 10,
        timeoutMs: 5000,
      },
    );
    expect([exact.rowCount, exact.truncated]).toEqual([10, false]);
    const empty = await new WarehouseConnector(driver(0, 7, { aborted: false })).execute(
      'SELECT' as ValidatedSql,
      {
        maxRows: 10,
        timeoutMs: 5000,
      },
    );
    expect(empty.columns).toEqual(columns);
  });

  it('turns the time limit and the caller signal into query_timeout and query_cancelled', async () => {
    const slow = new WarehouseConnector(driver(-1, 1, { aborted: false }));
    const failure = async (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    const timeout = await failure(slow.execute('SELECT' as ValidatedSql, { maxRows: 1, timeoutMs: 50 }));
    expect(AskdataError.isInstance(timeout) && timeout.code).toBe('query_timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const cancelled = await failure(
      slow.execute('SELECT' as ValidatedSql, { maxRows: 1, timeoutMs: 5000, signal: controller.signal }),
    );
    expect(AskdataError.isInstance(cancelled) && cancelled.code).toBe('query_cancelled');
  });
});
