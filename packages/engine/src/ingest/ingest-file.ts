import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AskdataError } from '@askdata/core';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { TableRecord } from '../workspace/catalog';
import { noExtensionDownloads } from '../workspace/query-instance';
import { quoteIdentifier, quoteString } from '../workspace/sql-text';
import { type DetectedFormat, detectFormat, type FileFormat } from './detect-format';
import { readExcelSources } from './excel';
import {
  csvRelation,
  jsonRelation,
  needsRfcQuotes,
  parquetRelation,
  sniffCsv,
  sniffedCsvRelation,
} from './read-relation';
import { reject } from './reject';
import { transcodeToUtf8 } from './transcode';
import { sampleTable, type TableSource, writeTable } from './write-table';

export interface LoadProgress {
  phase: string;
  bytesRead?: number;
  totalBytes?: number;
  message?: string;
}

export interface IngestRequest {
  path: string;
  /** Base for table names (the dataset id). */
  baseName: string;
  /** Where the snapshot database is written (a temporary name the caller renames on success). */
  snapshotFile: string;
  /** Folder for intermediate files (transcoded text). */
  scratchDirectory: string;
  maxFileBytes: number;
  onProgress?: (progress: LoadProgress) => void;
}

export interface IngestResult {
  format: FileFormat;
  bytes: number;
  modifiedMs: number;
  tables: TableRecord[];
}

interface NamedSource extends TableSource {
  label: string;
  name: string;
}

let loader: Promise<DuckDBInstance> | undefined;
let attachCounter = 0;

/** The instance that writes snapshots: in memory, never locked down, never sees user SQL. */
function loaderInstance(): Promise<DuckDBInstance> {
  // Big files may spill while staging; keep spill files out of the current directory.
  loader ??= DuckDBInstance.create(':memory:', {
    ...noExtensionDownloads,
    temp_directory: join(tmpdir(), `askdata-loader-${process.pid}`),
  });
  return loader;
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

async function textSources(
  connection: DuckDBConnection,
  request: IngestRequest,
  detected: DetectedFormat,
  cleanup: string[],
  samples: string[],
): Promise<NamedSource[]> {
  let path = request.path;
  const needsUtf8 =
    detected.encoding === 'utf-16be' || (detected.format === 'json' && detected.encoding !== 'utf-8');
  if (needsUtf8 && detected.encoding) {
    path = `${request.scratchDirectory}/${process.pid}-${++attachCounter}.utf8`;
    cleanup.push(path);
    await transcodeToUtf8(request.path, detected.encoding, detected.bomLength, path);
  }
  const table = { label: basename(request.path), name: request.baseName };
  if (detected.format === 'json') return [{ ...table, relation: jsonRelation(path) }];
  const encoding = needsUtf8 ? 'utf-8' : detected.encoding;
  // One sniff decides the dialect and the types; the sample and the full read reuse it as explicit
  // options instead of each sniffing the file again (the full read costs no more than raw read_csv).
  const dialect = await sniffCsv(connection, path, encoding);
  const rfcQuotes = needsRfcQuotes(dialect);
  const relation =
    dialect && !rfcQuotes
      ? sniffedCsvRelation(path, encoding, dialect)
      : csvRelation(path, encoding, { rfcQuotes });
  const sample = await sampleTable(connection, relation).then(
    (sampled) => {
      samples.push(sampled.table);
      return sampled;
    },
    () => undefined,
  );
  return [
    {
      ...table,
      relation,
      ...(sample ? { sample } : {}),
      retryRelation: csvRelation(path, encoding, { robust: true, rfcQuotes }),
      textRelation: csvRelation(path, encoding, { robust: true, allText: true, rfcQuotes }),
      ...(encoding === 'utf-8' && detected.bomLength === 0
        ? { latin1Relation: csvRelation(path, 'latin-1', { rfcQuotes }) }
        : {}),
    },
  ];
}

/**
 * Reads one file into a new snapshot database: checks size and content, picks the reader from the
 * content, and writes every table (one per file, or one per Excel sheet) with inferred types. On any
 * failure the snapshot file is removed, so nothing partial is left behind.
 */
export async function ingestFile(request: IngestRequest): Promise<IngestResult> {
  const name = basename(request.path);
  const progress = request.onProgress ?? (() => {});
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(request.path);
  } catch (error) {
    if (hasCode(error, 'ENOENT')) throw reject.notFound(name);
    throw error;
  }
  if (!info.isFile()) throw reject.unsupported(name, 'a folder, not a file');
  if (info.size > request.maxFileBytes) throw reject.tooLarge(name, info.size, request.maxFileBytes);
  progress({ phase: 'detecting', totalBytes: info.size });
  const detected = await detectFormat(request.path, info.size);

  const instance = await loaderInstance();
  const connection = await instance.connect();
  const alias = `askdata_snapshot_${process.pid}_${++attachCounter}`;
  const cleanup: string[] = [];
  /** Sample tables read ahead for writeTable (it drops the ones it uses; these are dropped in any case). */
  const samples: string[] = [];
  let attached = false;
  try {
    let sources: NamedSource[];
    if (detected.format === 'parquet') {
      sources = [{ label: name, name: request.baseName, relation: parquetRelation(request.path) }];
    } else if (detected.format === 'xlsx') {
      sources = await readExcelSources(connection, request.path, request.baseName, progress);
    } else {
      sources = await textSources(connection, request, detected, cleanup, samples);
    }
    await connection.run(`ATTACH ${quoteString(request.snapshotFile)} AS ${quoteIdentifier(alias)}`);
    attached = true;
    // DuckDB reports progress only with its progress bar on; printing stays off.
    await connection.run('SET enable_progress_bar = true');
    await connection.run('SET enable_progress_bar_print = false');
    const tables: TableRecord[] = [];
    for (const source of sources) {
      progress({ phase: 'reading', totalBytes: info.size, message: source.label });
      const target = `${quoteIdentifier(alias)}.main.${quoteIdentifier(source.name)}`;
      const written = await writeTable(connection, source, target, (phase, fraction) =>
        progress({
          phase,
          totalBytes: info.size,
          message: source.label,
          ...(fraction === undefined || sources.length > 1
            ? {}
            : { bytesRead: Math.round(fraction * info.size) }),
        }),
      );
      tables.push({ name: source.name, label: source.label, ...written });
    }
    // A JSON document with no records (`[]`) has nothing to load; a CSV with only a header is a real, empty table.
    if (detected.format === 'json' && tables.every((table) => table.rowCount === 0)) throw reject.empty(name);
    await connection.run(`DETACH ${quoteIdentifier(alias)}`);
    attached = false;
    progress({ phase: 'done', bytesRead: info.size, totalBytes: info.size });
    return { format: detected.format, bytes: info.size, modifiedMs: info.mtimeMs, tables };
  } catch (error) {
    if (attached) await connection.run(`DETACH ${quoteIdentifier(alias)}`).catch(() => undefined);
    await rm(request.snapshotFile, { force: true });
    await rm(`${request.snapshotFile}.wal`, { force: true });
    if (AskdataError.isInstance(error)) throw error;
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    const detail = firstLine.trim().replace(/[.\s]+$/, '') || 'unknown error';
    throw reject.parseFailed(name, detail, error);
  } finally {
    for (const file of cleanup) await rm(file, { force: true });
    for (const sample of samples)
      await connection.run(`DROP TABLE IF EXISTS ${sample}`).catch(() => undefined);
    connection.closeSync();
  }
}
