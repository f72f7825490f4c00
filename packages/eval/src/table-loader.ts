import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AskdataError, type QueryResult, type TableSchema, type ValidatedSql } from '@askdata/core';

/** One CSV table loaded for denotation records, with a way to query the workspace that holds it. */
export interface LoadedTable {
  table: TableSchema;
  query: (sql: string) => Promise<QueryResult>;
}

/** Loads CSV tables for a run; the harness caches one LoadedTable per file path. */
export interface TableLoader {
  load(csvPath: string): Promise<LoadedTable>;
  close(): Promise<void>;
}

/** The part of the engine's workspace the harness uses, checked at run time (see loadEngine). */
interface WorkspaceLike {
  load(path: string): Promise<unknown>;
  tables(): TableSchema[];
  query(sql: ValidatedSql, options?: { maxRows?: number; timeoutMs?: number }): Promise<QueryResult>;
  close?(): Promise<void> | void;
}

type OpenWorkspace = (options: { home: string }) => Promise<WorkspaceLike>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The engine package is written in parallel with this harness, so it is imported lazily and checked
 * rather than bound at compile time: a missing or incomplete engine becomes a per-record error.
 */
async function loadEngine(): Promise<OpenWorkspace> {
  const specifier = '@askdata/engine';
  let engine: unknown;
  try {
    engine = await import(specifier);
  } catch (error) {
    throw new AskdataError('engine_unavailable', 'The DuckDB engine package could not be loaded.', {
      cause: error,
    });
  }
  if (!isObject(engine) || typeof engine.openWorkspace !== 'function') {
    throw new AskdataError('engine_unavailable', 'The DuckDB engine does not provide openWorkspace() yet.');
  }
  return engine.openWorkspace as OpenWorkspace;
}

/** Table names a load reported: `{ tables }` or `{ dataset: { tables } }`, each table having a `name`. */
function loadedTableNames(result: unknown): string[] {
  if (!isObject(result)) return [];
  const holder = Array.isArray(result.tables)
    ? result
    : isObject(result.dataset)
      ? result.dataset
      : undefined;
  const tables = holder && Array.isArray(holder.tables) ? holder.tables : [];
  return tables.flatMap((table: unknown) =>
    isObject(table) && typeof table.name === 'string' ? [table.name] : [],
  );
}

export interface WorkspaceTableLoaderOptions {
  /** Workspace folder; a fresh temporary folder (removed on close) when absent. */
  home?: string;
  queryTimeoutMs?: number;
  maxRows?: number;
}

/** Loads CSVs into one DuckDB workspace per run, through the engine's own ingestion (cleaning, type inference). */
export function createWorkspaceTableLoader(options: WorkspaceTableLoaderOptions = {}): TableLoader {
  let workspace: Promise<WorkspaceLike> | undefined;
  let temporaryHome: string | undefined;
  const open = async (): Promise<WorkspaceLike> => {
    const openWorkspace = await loadEngine();
    let home = options.home;
    if (home === undefined) {
      temporaryHome = await mkdtemp(join(tmpdir(), 'askdata-eval-'));
      home = temporaryHome;
    }
    return openWorkspace({ home });
  };
  return {
    async load(csvPath) {
      workspace ??= open();
      const current = await workspace;
      const before = new Set(current.tables().map((table) => table.name));
      const result = await current.load(csvPath);
      const tables = current.tables();
      const names = loadedTableNames(result);
      const table =
        tables.find((candidate) => names.includes(candidate.name)) ??
        tables.find((candidate) => !before.has(candidate.name));
      if (!table) {
        throw new AskdataError('table_not_found', `Loading ${csvPath} produced no table.`);
      }
      return {
        table,
        query: (sql) =>
          // The workspace's query instance is locked (no file/network access); eval runs engine output as-is.
          current.query(sql as ValidatedSql, {
            maxRows: options.maxRows ?? 10_000,
            timeoutMs: options.queryTimeoutMs ?? 10_000,
          }),
      };
    },
    async close() {
      if (workspace) {
        const current = await workspace.catch(() => undefined);
        await current?.close?.();
      }
      if (temporaryHome) await rm(temporaryHome, { recursive: true, force: true });
    },
  };
}
