import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { QueryResult, TableSchema, ValidatedSql } from '@askdata/core';
import { AskdataError } from '@askdata/core';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { cleanTableName } from '../ingest/clean-names';
import { hashFile } from '../ingest/hash-file';
import { ingestFile, type LoadProgress } from '../ingest/ingest-file';
import { type Catalog, type DatasetRecord, readCatalog, type TableRecord, writeCatalog } from './catalog';
import { withFileLock } from './file-lock';
import { type QueryOptions, runQuery } from './run-query';
import { SnapshotViews } from './snapshot-views';

/** Bumped when ingestion would write a different snapshot from the same bytes (new inference rules). */
const ingestVersion = 1;

export interface LoadOptions {
  /** Dataset name (default: the file name without extension); its slug is the dataset id. */
  name?: string;
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadResult {
  dataset: DatasetRecord;
  /** `unchanged`: same bytes as the current snapshot, nothing was done. */
  status: 'loaded' | 'updated' | 'unchanged';
  message: string;
  warnings: string[];
}

export interface WorkspacePaths {
  home: string;
  snapshots: string;
  scratch: string;
  catalog: string;
  lock: string;
}

let temporaryCounter = 0;

function snapshotIdFor(contentHash: string, datasetId: string): string {
  return createHash('sha256')
    .update(`${contentHash}\0${datasetId}\0${ingestVersion}`)
    .digest('hex')
    .slice(0, 16);
}

/** A folder of loaded datasets and the locked DuckDB instance that answers queries over them. */
export class Workspace {
  private catalog: Catalog = { version: 1, datasets: [] };
  private catalogStamp = -1;
  private refreshing: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly views: SnapshotViews;
  private closed = false;

  constructor(
    readonly paths: WorkspacePaths,
    private readonly instance: DuckDBInstance,
    private readonly maxFileBytes: number,
    private readonly onClose: () => boolean,
  ) {
    this.views = new SnapshotViews(instance, paths.snapshots);
  }

  get home(): string {
    return this.paths.home;
  }

  /** Serialises catalog and view changes inside this process (other processes: the lock file). */
  private exclusive<T>(action: () => Promise<T>): Promise<T> {
    const next = this.queue.then(action, action);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Re-reads the catalog when another process changed it, and re-points the views. */
  refresh(force = false): Promise<void> {
    this.assertOpen();
    if (force) return this.reread(true);
    // Callers at the same moment (a busy server asks on every question) share one look at the catalog.
    this.refreshing ??= this.reread(false).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async reread(force: boolean): Promise<void> {
    const stamp = (await stat(this.paths.catalog).catch(() => undefined))?.mtimeMs ?? 0;
    if (!force && stamp === this.catalogStamp) return;
    await this.exclusive(async () => {
      this.catalog = await readCatalog(this.paths.catalog);
      this.catalogStamp = stamp;
      await this.views.sync(this.catalog);
    });
  }

  datasets(): DatasetRecord[] {
    return this.catalog.datasets;
  }

  tables(): TableSchema[] {
    return this.catalog.datasets.flatMap((dataset) =>
      dataset.tables.map((table) => ({
        name: table.name,
        // "orders.csv" is how the file is known; the table it holds is "orders".
        label: table.label.replace(/\.(csv|tsv|txt|psv|dat|json|ndjson|jsonl|parquet|xlsx)$/i, ''),
        columns: table.columns,
        rowCount: table.rowCount,
      })),
    );
  }

  /** The catalog record of a table, including ingestion notes per column (for profiling). */
  table(name: string): TableRecord | undefined {
    for (const dataset of this.catalog.datasets) {
      const found = dataset.tables.find((table) => table.name === name);
      if (found) return found;
    }
    return undefined;
  }

  async load(path: string, options: LoadOptions = {}): Promise<LoadResult> {
    this.assertOpen();
    const source = resolve(path);
    const name = options.name ?? basename(source, extname(source));
    const id = cleanTableName(name);
    const progress = options.onProgress ?? (() => {});
    await this.refresh();
    const existing = this.catalog.datasets.find((dataset) => dataset.id === id);
    const info = await stat(source).catch(() => undefined);

    // Same path, size and time: hash first, and stop there when the bytes are the same.
    let contentHash: string | undefined;
    if (existing && info && existing.source.path === source && existing.source.bytes === info.size) {
      progress({ phase: 'hashing', totalBytes: info.size });
      contentHash = await hashFile(source);
      if (this.isCurrent(existing, contentHash)) return this.unchanged(existing);
    }

    const temporary = join(this.paths.scratch, `${process.pid}-${Date.now()}-${++temporaryCounter}.duckdb`);
    const hashing = contentHash
      ? Promise.resolve(contentHash)
      : info
        ? hashFile(source)
        : Promise.resolve('');
    hashing.catch(() => undefined);
    let ingested: Awaited<ReturnType<typeof ingestFile>>;
    try {
      ingested = await ingestFile({
        path: source,
        baseName: id,
        snapshotFile: temporary,
        scratchDirectory: this.paths.scratch,
        maxFileBytes: this.maxFileBytes,
        onProgress: progress,
      });
    } finally {
      await hashing.catch(() => undefined);
    }
    try {
      contentHash = await hashing;
      if (existing && this.isCurrent(existing, contentHash)) {
        await rm(temporary, { force: true });
        return this.unchanged(existing);
      }
      const snapshotId = snapshotIdFor(contentHash, id);
      const dataset: DatasetRecord = {
        id,
        name,
        source: {
          path: source,
          format: ingested.format,
          bytes: ingested.bytes,
          modifiedMs: ingested.modifiedMs,
        },
        snapshotId,
        loadedAt: new Date().toISOString(),
        tables: ingested.tables,
      };
      this.assertNoClash(this.catalog, dataset);
      const snapshotFile = this.views.snapshotFile(snapshotId);
      const existedBefore = existsSync(snapshotFile);
      await rename(temporary, snapshotFile);
      try {
        await this.commit((catalog) => {
          this.assertNoClash(catalog, dataset);
          catalog.datasets = [...catalog.datasets.filter((other) => other.id !== id), dataset];
        });
      } catch (error) {
        if (!existedBefore) await rm(snapshotFile, { force: true });
        throw error;
      }
      const warnings = dataset.tables.flatMap((table) =>
        table.warnings.map((warning) => (dataset.tables.length > 1 ? `${table.name}: ${warning}` : warning)),
      );
      const rows = dataset.tables.reduce((sum, table) => sum + table.rowCount, 0);
      const tableWord = dataset.tables.length === 1 ? 'table' : 'tables';
      return {
        dataset,
        status: existing ? 'updated' : 'loaded',
        message: `${existing ? 'Reloaded' : 'Loaded'} ${basename(source)} as ${dataset.tables.length} ${tableWord} (${dataset.tables.map((table) => table.name).join(', ')}), ${rows} rows.`,
        warnings,
      };
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async drop(datasetId: string): Promise<void> {
    this.assertOpen();
    let removed: DatasetRecord | undefined;
    await this.commit((catalog) => {
      removed = catalog.datasets.find((dataset) => dataset.id === datasetId);
      if (!removed) {
        throw new AskdataError(
          'dataset_not_found',
          `There is no dataset ${datasetId} in this workspace: see askdata tables.`,
        );
      }
      catalog.datasets = catalog.datasets.filter((dataset) => dataset.id !== datasetId);
    });
    if (removed) await rm(this.views.snapshotFile(removed.snapshotId), { force: true });
  }

  query(sql: ValidatedSql, options: QueryOptions = {}): Promise<QueryResult> {
    this.assertOpen();
    return this.refresh().then(() => runQuery(this.instance, sql, options));
  }

  /**
   * A connection on the locked query instance for engine-internal SQL (profiling). It sees the same
   * views; snapshots are attached read-only and file access is off. The caller closes it.
   */
  async internalConnection(): Promise<DuckDBConnection> {
    await this.refresh();
    return this.instance.connect();
  }

  /** Releases this user's reference; the DuckDB instance closes with the last one. */
  close(): void {
    if (this.closed) return;
    if (this.onClose()) this.closed = true;
  }

  private assertNoClash(catalog: Catalog, dataset: DatasetRecord): void {
    for (const other of catalog.datasets) {
      if (other.id === dataset.id) continue;
      const clash = other.tables.find((table) => dataset.tables.some((mine) => mine.name === table.name));
      if (clash) {
        throw new AskdataError(
          'invalid_input',
          `The table name ${clash.name} is already used by the dataset ${other.name}: load the file under another name.`,
        );
      }
    }
  }

  private isCurrent(existing: DatasetRecord, contentHash: string): boolean {
    return (
      existing.snapshotId === snapshotIdFor(contentHash, existing.id) &&
      existsSync(this.views.snapshotFile(existing.snapshotId))
    );
  }

  private unchanged(existing: DatasetRecord): LoadResult {
    return {
      dataset: existing,
      status: 'unchanged',
      message: `${basename(existing.source.path)} is unchanged since ${existing.loadedAt}: nothing to do.`,
      warnings: [],
    };
  }

  /** Read-modify-write of the catalog under the lock file, then re-point the views. */
  private async commit(change: (catalog: Catalog) => void): Promise<void> {
    await this.exclusive(async () => {
      await withFileLock(this.paths.lock, async () => {
        const catalog = await readCatalog(this.paths.catalog);
        change(catalog);
        await writeCatalog(this.paths.catalog, catalog);
        this.catalog = catalog;
      });
      this.catalogStamp = (await stat(this.paths.catalog)).mtimeMs;
      await this.views.sync(this.catalog);
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new AskdataError('internal', 'This workspace has been closed: open it again.');
  }
}

export async function ensureWorkspaceFolders(home: string): Promise<WorkspacePaths> {
  const paths: WorkspacePaths = {
    home,
    snapshots: join(home, 'snapshots'),
    scratch: join(home, 'tmp'),
    catalog: join(home, 'catalog.json'),
    lock: join(home, 'catalog.lock'),
  };
  await mkdir(paths.snapshots, { recursive: true });
  await mkdir(paths.scratch, { recursive: true });
  return paths;
}
