/**
 * One measurement per process, so peak RSS belongs to that job alone. Prints one JSON line:
 * `{"ms":…, "cpuMs":…, "maxRssMb":…, …}` where ms and cpuMs cover only the measured step. Modes:
 *   baseline                      – start-up cost only (Node + tsx + DuckDB binding)
 *   raw <csv>                     – CREATE TABLE AS SELECT * FROM read_csv(file), fresh in-memory DuckDB
 *   raw-file <csv> <dir>          – the same, written to a DuckDB database file (persisted, like a workspace)
 *   askdata <csv> <home>          – Workspace.load(file) into an empty workspace
 *   profile <home> <table>        – profileWorkspaceTable on an already loaded workspace
 * With ASKDATA_BENCH_DUCKDB_THREADS set (run.ts --threads N), every DuckDB instance this process creates,
 * askdata's own included, gets that many threads.
 */
import { DuckDBInstance } from '@duckdb/node-api';

const benchThreads = process.env['ASKDATA_BENCH_DUCKDB_THREADS'];
if (benchThreads) {
  const create = DuckDBInstance.create.bind(DuckDBInstance);
  DuckDBInstance.create = (path?: string, options?: Record<string, string>) =>
    create(path, { ...options, threads: benchThreads });
}

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Wall time and CPU time (all threads: DuckDB works in this process) of one step. */
async function timed<T>(step: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await step();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

async function measure(): Promise<Record<string, unknown>> {
  const [mode, first = '', second = ''] = process.argv.slice(2);
  if (mode === 'baseline') {
    const instance = await DuckDBInstance.create(':memory:');
    instance.closeSync();
    return { ms: 0, cpuMs: 0 };
  }
  if (mode === 'raw') {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const { ms, cpuMs } = await timed(() =>
      connection.run(`CREATE TABLE t AS SELECT * FROM read_csv(${quote(first)})`),
    );
    const rows = (await connection.runAndReadAll('SELECT count(*) FROM t')).getRowsJson()[0]?.[0];
    return { ms, cpuMs, rows: Number(rows) };
  }
  if (mode === 'raw-file') {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const target = `${second}/raw-${process.pid}.duckdb`;
    const { ms, cpuMs } = await timed(async () => {
      await connection.run(`ATTACH ${quote(target)} AS f`);
      await connection.run(`CREATE TABLE f.t AS SELECT * FROM read_csv(${quote(first)})`);
      await connection.run('DETACH f');
    });
    const { rmSync } = await import('node:fs');
    rmSync(target, { force: true });
    return { ms, cpuMs };
  }
  // Imported only where needed, so the raw DuckDB job never loads askdata code.
  const { openWorkspace, profileWorkspaceTable } = await import('../../packages/engine/src/index');
  if (mode === 'askdata') {
    const workspace = await openWorkspace({ home: second });
    const { value, ms, cpuMs } = await timed(() => workspace.load(first, { name: 'wide' }));
    const table = value.dataset.tables[0];
    workspace.close();
    return {
      ms,
      cpuMs,
      rows: table?.rowCount,
      types: table?.columns.map((column) => column.sourceType).join(','),
    };
  }
  if (mode === 'profile') {
    const workspace = await openWorkspace({ home: first });
    const { value, ms, cpuMs } = await timed(() => profileWorkspaceTable(workspace, second));
    workspace.close();
    return { ms, cpuMs, rows: value.rowCount, approximate: value.approximate.distinct };
  }
  throw new Error(`unknown mode ${mode}`);
}

const result = await measure();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ...result, maxRssMb })}\n`);
