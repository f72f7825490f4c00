import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const spiderDb = resolve(import.meta.dirname, '../../../../shared/bench/spider/db/concert_singer.sqlite');

describe('askdata CLI', () => {
  let home: string;
  let csv: string;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'askdata-cli-'));
    csv = join(home, 'Sales Report.csv');
    writeFileSync(
      csv,
      [
        'Region,Product,Units,Revenue',
        'EMEA,Widget,10,"$1,200.50"',
        'EMEA,Gadget,5,$300.00',
        'APAC,Widget,7,$840.00',
        'Americas,Gizmo,3,$99.99',
        'APAC,Gadget,2,$120.00',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('loads a file and lists it', async () => {
    const load = await runCli(home, 'load', csv);
    expect(load.stderr).toBe('');
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('Loaded Sales Report.csv as 1 table (sales_report), 5 rows.');
    const tables = await runCli(home, 'tables', '--json');
    const datasets = JSON.parse(tables.stdout) as {
      id: string;
      snapshotId: string;
      tables: { name: string }[];
    }[];
    expect(datasets.flatMap((dataset) => dataset.tables.map((table) => table.name))).toEqual([
      'sales_report',
    ]);
    expect(datasets[0]?.snapshotId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('runs guarded SQL and prints JSON and CSV', async () => {
    const json = await runCli(
      home,
      'sql',
      'SELECT region, sum(revenue) AS revenue FROM sales_report GROUP BY 1 ORDER BY 2 DESC',
      '--json',
    );
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { rows: { region: string; revenue: number }[] };
    expect(parsed.rows[0]).toEqual({ region: 'EMEA', revenue: 1500.5 });
    expect(parsed.rows).toHaveLength(3);
    const csvOut = await runCli(
      home,
      'sql',
      'SELECT product, units FROM sales_report ORDER BY units DESC LIMIT 2',
      '--csv',
    );
    expect(csvOut.stdout).toBe('product,units\nWidget,10\nWidget,7\n');
  });

  it('refuses writes and file access with one line and a non-zero exit', async () => {
    const remove = await runCli(home, 'sql', 'DELETE FROM sales_report');
    expect(remove.code).toBe(1);
    expect(remove.stderr.trim().split('\n')).toHaveLength(1);
    expect(remove.stderr).toContain('Only read queries are allowed');
    const file = await runCli(home, 'sql', "SELECT * FROM read_csv('/etc/passwd')");
    expect(file.code).toBe(1);
    expect(file.stderr).toContain('read_csv');
    expect(file.stderr).not.toContain('    at ');
  });

  it('warns from the dry run about a join without a condition', async () => {
    const cross = await runCli(home, 'sql', 'SELECT count(*) FROM sales_report a, sales_report b');
    expect(cross.code).toBe(0);
    expect(cross.stderr).toContain('warning: The plan joins tables without a join condition');
    expect(cross.stdout).toContain('25');
  });

  it('caps rows and says so', async () => {
    const capped = await runCli(home, 'sql', 'SELECT * FROM range(100)', '--max-rows', '7', '--json');
    const parsed = JSON.parse(capped.stdout) as { rowCount: number; truncated: boolean };
    expect(parsed.rowCount).toBe(7);
    expect(parsed.truncated).toBe(true);
  });

  it('profiles a table as JSON', async () => {
    const profile = await runCli(home, 'profile', 'sales_report', '--json');
    expect(profile.code).toBe(0);
    const parsed = JSON.parse(profile.stdout) as {
      rowCount: number;
      columns: { name: string; distinctCount: number }[];
    };
    expect(parsed.rowCount).toBe(5);
    expect(parsed.columns.find((column) => column.name === 'region')?.distinctCount).toBe(3);
  });

  it('answers a question with the interpretation, SQL and result', async () => {
    const ask = await runCli(home, 'ask', 'total revenue by region', '--json');
    expect(ask.stderr).toBe('');
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.stdout) as {
      sql: string;
      result: { rows: unknown[][] };
      narrative: { text: string };
    };
    const byRegion = Object.fromEntries(answer.result.rows.map((row) => [row[0], row[1]]));
    expect(byRegion).toEqual({ EMEA: 1500.5, APAC: 960, Americas: 99.99 });
    expect(answer.sql).toMatch(/sum/i);
    expect(answer.narrative.text).toContain('EMEA');
  });

  it('writes a chart and a notebook', async () => {
    const chart = join(home, 'chart.png');
    const notebook = join(home, 'analysis.ipynb');
    const ask = await runCli(home, 'ask', 'units by product', '--chart', chart, '--export', notebook);
    expect(ask.code).toBe(0);
    expect(readFileSync(chart).subarray(1, 4).toString('latin1')).toBe('PNG');
    const cells = (JSON.parse(readFileSync(notebook, 'utf8')) as { cells: { source: string | string[] }[] })
      .cells;
    expect(cells.map((cell) => [cell.source].flat().join('')).join('\n')).toMatch(/SELECT/);
  });

  it('answers a question on a SQLite file in SQLite', async () => {
    const ask = await runCli(home, 'ask', 'How many singers are there?', '--data', spiderDb, '--json');
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.stdout) as { dialect: string; result: { rows: unknown[][] } };
    expect(answer.dialect).toBe('sqlite');
    expect(answer.result.rows).toEqual([[6]]);
  });

  it('abstains honestly on nonsense with exit code 3', async () => {
    const ask = await runCli(home, 'ask', 'zorblax the frobnicator');
    expect(ask.code).toBe(3);
    expect(ask.stdout).toContain('not understood: zorblax, frobnicator');
  });

  it('rejects bad input clearly', async () => {
    const missing = await runCli(home, 'load', join(home, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'askdata: The file nope.csv does not exist: check the path and try again.',
    );
    const badOption = await runCli(home, 'sql', 'SELECT 1', '--max-rows', 'lots');
    expect(badOption.code).not.toBe(0);
    expect(badOption.stderr).toContain('expected a whole number above 0');
  });
});
