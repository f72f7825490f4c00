import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ColumnSchema } from '@askdata/core';
import { AskdataError } from '@askdata/core';
import type { FileFormat } from '../ingest/detect-format';

/** One loaded table of a dataset, as recorded in the catalog. */
export interface TableRecord {
  /** The view name queries use (a clean identifier). */
  name: string;
  /** The sheet or file name as the person knows it. */
  label: string;
  columns: ColumnSchema[];
  rowCount: number;
  /** Per column facts from ingestion for the profile (e.g. "mixed: 97% numeric"), keyed by column name. */
  columnNotes: Record<string, string[]>;
  /** Sentences for the person who loaded the file. */
  warnings: string[];
}

export interface DatasetRecord {
  /** Stable id: the slug of the dataset name. */
  id: string;
  name: string;
  source: { path: string; format: FileFormat; bytes: number; modifiedMs: number; sheet?: string };
  /** Content hash prefix of the source file; names the snapshot file `snapshots/<snapshotId>.duckdb`. */
  snapshotId: string;
  loadedAt: string;
  tables: TableRecord[];
}

export interface Catalog {
  version: 1;
  datasets: DatasetRecord[];
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

export async function readCatalog(path: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return { version: 1, datasets: [] };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Catalog;
    if (parsed.version !== 1 || !Array.isArray(parsed.datasets)) throw new Error('unknown catalog shape');
    return parsed;
  } catch (error) {
    throw new AskdataError(
      'internal',
      `The workspace catalog ${path} is damaged: move it away and load the files again.`,
      {
        cause: error,
      },
    );
  }
}

/** Atomic replace: readers see the old or the new catalog, never half of one. */
export async function writeCatalog(path: string, catalog: Catalog): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(catalog, null, 2)}\n`);
  await rename(temporary, path);
}
