import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AskdataError, type ValidatedSql } from '@askdata/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadProgress, openWorkspace } from '../src/index';
import { type TempWorkspace, tempWorkspace } from './support/temp-workspace';

let ws: TempWorkspace;
beforeAll(async () => {
  ws = await tempWorkspace();
});
afterAll(() => ws.dispose());

const sql = (text: string) => text as ValidatedSql;

async function failure(promise: Promise<unknown>): Promise<AskdataError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!AskdataError.isInstance(error)) throw new Error(`expected an AskdataError, got ${String(error)}`);
  return error;
}

describe('catalog and snapshots', () => {
  it('records the dataset with a stable id, labels and a snapshot file', async () => {
    const path = ws.file('Sales Report.csv', 'Order ID,Unit Price ($)\n1,9.5\n2,10\n');
    const events: LoadProgress[] = [];
    const result = await ws.workspace.load(path, { onProgress: (event) => events.push(event) });
    const progress = events.map((event) => event.phase);
    expect(result.status).toBe('loaded');
    expect(result.message).toBe('Loaded Sales Report.csv as 1 table (sales_report), 2 rows.');
    expect(progress[0]).toBe('detecting');
    expect(events.some((event) => event.phase === 'reading' && event.bytesRead === event.totalBytes)).toBe(
      true,
    );
    expect(progress).toContain('writing snapshot');
    const dataset = result.dataset;
    expect(dataset.id).toBe('sales_report');
    expect(dataset.snapshotId).toMatch(/^[0-9a-f]{16}$/);
    expect(existsSync(join(ws.home, 'snapshots', `${dataset.snapshotId}.duckdb`))).toBe(true);
    const catalog = JSON.parse(readFileSync(join(ws.home, 'catalog.json'), 'utf8'));
    expect(catalog.datasets[0]).toMatchObject({
      id: 'sales_report',
      source: { path: resolve(path), format: 'csv' },
    });
    expect(ws.workspace.tables()).toEqual([
      {
        name: 'sales_report',
        label: 'Sales Report',
        rowCount: 2,
        columns: [
          {
            name: 'order_id',
            label: 'Order ID',
            sourceType: 'BIGINT',
            logicalType: 'integer',
            nullable: false,
          },
          {
            name: 'unit_price',
            label: 'Unit Price ($)',
            sourceType: 'DOUBLE',
            logicalType: 'float',
            nullable: false,
          },
        ],
      },
    ]);
  });

  it('treats reloading unchanged bytes as a no-op, and changed bytes as a new snapshot', async () => {
    const path = ws.file('reload.csv', 'x\n1\n2\n');
    const first = await ws.workspace.load(path);
    const again = await ws.workspace.load(path);
    expect(again.status).toBe('unchanged');
    expect(again.message).toMatch(/^reload\.csv is unchanged since .*: nothing to do\.$/);
    expect(again.dataset.snapshotId).toBe(first.dataset.snapshotId);
    // Touching the file without changing it is still a no-op.
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect((await ws.workspace.load(path)).status).toBe('unchanged');

    writeFileSync(path, 'x\n1\n2\n3\n');
    const changed = await ws.workspace.load(path);
    expect(changed.status).toBe('updated');
    expect(changed.dataset.snapshotId).not.toBe(first.dataset.snapshotId);
    expect(await ws.rows('SELECT sum(x) FROM reload')).toEqual([[6]]);
    expect(ws.workspace.datasets().filter((dataset) => dataset.id === 'reload')).toHaveLength(1);
  });

  it('drops a dataset with its view and snapshot', async () => {
    const loaded = await ws.workspace.load(ws.file('temporary.csv', 'y\n1\n'));
    await ws.workspace.drop('temporary');
    expect(ws.workspace.datasets().some((dataset) => dataset.id === 'temporary')).toBe(false);
    expect(existsSync(join(ws.home, 'snapshots', `${loaded.dataset.snapshotId}.duckdb`))).toBe(false);
    expect((await failure(ws.workspace.query(sql('SELECT * FROM temporary')))).code).toBe('query_failed');
    expect((await failure(ws.workspace.drop('temporary'))).code).toBe('dataset_not_found');
  });

  it('replaces a dataset loaded under the same name, and refuses another that reuses a table name', async () => {
    const replaced = await ws.workspace.load(ws.file('other.csv', 'z\n1\n'), { name: 'Reload' });
    expect(replaced.status).toBe('updated');
    expect(await ws.rows('SELECT z FROM reload')).toEqual([[1]]);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('One').addRows([['a'], [1]]);
    workbook.addWorksheet('Two').addRows([['b'], [2]]);
    await ws.workspace.load(ws.file('book.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())));
    const leftovers = ws.leftovers();
    const error = await failure(ws.workspace.load(ws.file('book_one.csv', 'c\n3\n')));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'The table name book_one is already used by the dataset book: load the file under another name.',
    );
    expect(ws.leftovers()).toEqual(leftovers);
    expect(await ws.rows('SELECT a FROM book_one')).toEqual([[1]]);
  });

  it('shares one instance per home and sees loads made by another process', async () => {
    const second = await openWorkspace({ home: ws.home });
    expect(second).toBe(ws.workspace);
    second.close();
    expect(await ws.rows('SELECT 1')).toEqual([[1]]);

    // Two processes load at the same time; the catalog lock keeps both datasets.
    const children = ['one', 'two'].map((name, i) => {
      const input = ws.file(`child_${name}.csv`, `k\n${5 + i}\n7\n`);
      const script = `import { openWorkspace } from './packages/engine/src/index.ts';
const w = await openWorkspace({ home: ${JSON.stringify(ws.home)} });
await w.load(${JSON.stringify(input)});
w.close();`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: resolve(import.meta.dirname, '../../..'),
        stdio: 'inherit',
      });
      return new Promise<number | null>((done) => child.on('exit', done));
    });
    expect(await Promise.all(children)).toEqual([0, 0]);
    expect(await ws.rows('SELECT (SELECT sum(k) FROM child_one), (SELECT sum(k) FROM child_two)')).toEqual([
      [12, 13],
    ]);
    expect(readdirSync(ws.home)).not.toContain('catalog.lock');
  });
});

describe('query', () => {
  it('converts every common DuckDB type to JSON-safe cells', async () => {
    const result = await ws.workspace.query(
      sql(`SELECT 1::TINYINT AS tiny, 9007199254740993::BIGINT AS big, 12.5::DECIMAL(10,2) AS dec,
        'NaN'::DOUBLE AS nan, DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 10:11:12.5' AS ts,
        TIMESTAMPTZ '2024-02-29 10:11:12+00' AS tz, TIME '10:11:12' AS t, INTERVAL 3 DAY AS i,
        [1, 2] AS l, {'a': 1} AS s, true AS b, NULL AS n, 'x'::BLOB AS blob, 170141183460469231731687303715884105727::HUGEINT AS huge`),
    );
    expect(result.rows[0]).toEqual([
      1,
      '9007199254740993',
      12.5,
      'NaN',
      '2024-02-29',
      '2024-02-29T10:11:12.5',
      '2024-02-29T10:11:12.000Z',
      '10:11:12',
      '3 days',
      '[1, 2]',
      "{'a': 1}",
      true,
      null,
      'x',
      '170141183460469231731687303715884105727',
    ]);
    expect(result.columns.map((column) => column.logicalType)).toEqual([
      'integer',
      'integer',
      'decimal',
      'float',
      'date',
      'timestamp',
      'timestamp',
      'time',
      'interval',
      'other',
      'other',
      'boolean',
      'integer',
      'blob',
      'integer',
    ]);
  });

  it('caps rows and says the result was truncated', async () => {
    const capped = await ws.workspace.query(sql('SELECT range AS n FROM range(100000)'), { maxRows: 2500 });
    expect(capped.rowCount).toBe(2500);
    expect(capped.truncated).toBe(true);
    expect(capped.rows.at(-1)).toEqual([2499]);
    const exact = await ws.workspace.query(sql('SELECT range FROM range(2500)'), { maxRows: 2500 });
    expect(exact.truncated).toBe(false);
  });

  it('interrupts a slow query at its time limit and stays healthy', async () => {
    const limit = 1000;
    const started = Date.now();
    const error = await failure(
      ws.workspace.query(
        sql('SELECT count(*) FROM range(200000000) a, range(100) b WHERE (a.range * b.range) % 7 = 3'),
        {
          timeoutMs: limit,
        },
      ),
    );
    const elapsed = Date.now() - started;
    expect(error.code).toBe('query_timeout');
    expect(error.message).toBe(
      'The query ran longer than 1 s and was stopped: narrow it down or raise the time limit.',
    );
    // The brief's bound: stopped within 1.5× the limit (the interrupt itself takes milliseconds).
    expect(elapsed).toBeLessThan(limit * 1.5);
    expect(await ws.rows('SELECT 40 + 2')).toEqual([[42]]);
  });

  it('cancels through an AbortSignal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(
      ws.workspace.query(
        sql('SELECT count(*) FROM range(200000000) a, range(100) b WHERE (a.range * b.range) % 7 = 3'),
        {
          signal: controller.signal,
        },
      ),
    );
    expect(error.code).toBe('query_cancelled');
    expect(await ws.rows('SELECT 1')).toEqual([[1]]);
  });

  it('turns database errors into one-line query_failed errors', async () => {
    const error = await failure(ws.workspace.query(sql('SELECT no_such_column FROM sales_report')));
    expect(error.code).toBe('query_failed');
    expect(error.message).toMatch(
      /^The query failed: Binder Error: Referenced column "no_such_column" not found/,
    );
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error/],
    ["SELECT * FROM read_text('/etc/hostname')", /Permission Error/],
    ["ATTACH '/tmp/askdata-elsewhere.duckdb' AS elsewhere", /Permission Error/],
    ["COPY (SELECT 1) TO '/tmp/askdata-out.csv'", /Permission Error/],
    ['SET enable_external_access = true', /configuration has been locked/],
    ["SET allowed_directories = ['/']", /configuration has been locked/],
    ['INSTALL httpfs', /(Permission Error|disabled)/],
  ])('the query instance refuses %s', async (statement, expected) => {
    const error = await failure(ws.workspace.query(sql(statement)));
    expect(error.code).toBe('query_failed');
    expect(error.message).toMatch(expected);
  });

  it('cannot write into a snapshot', async () => {
    const view = await failure(ws.workspace.query(sql('DELETE FROM sales_report')));
    expect(view.message).toMatch(/Can only delete from base table/);
    const snapshotId = ws.workspace.datasets().find((dataset) => dataset.id === 'sales_report')!.snapshotId;
    const direct = await failure(ws.workspace.query(sql(`DELETE FROM s_${snapshotId}.main.sales_report`)));
    expect(direct.message).toMatch(/read-only/);
    expect(await ws.rows('SELECT count(*) FROM sales_report')).toEqual([[2]]);
  });

  it('gives the profiler a connection with the same views', async () => {
    const connection = await ws.workspace.internalConnection();
    try {
      const reader = await connection.runAndReadAll('SELECT count(*) FROM sales_report');
      expect(Number(reader.getRows()[0]![0])).toBe(2);
    } finally {
      connection.closeSync();
    }
  });
});
