import type { ColumnSchema } from '@askdata/core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';
import { logicalTypeOf } from '../workspace/logical-type';
import { quoteIdentifier } from '../workspace/sql-text';
import { cleanNames } from './clean-names';
import {
  type Candidate,
  type ColumnConversion,
  findCandidates,
  inferTextColumns,
  sampleRows,
} from './infer-types';
import { nullFacts } from './null-counts';

export interface TableSource {
  /** A relation DuckDB can select from: a table function call or a staging table name. */
  relation: string;
  /** Original headers, when the relation's own column names are placeholders (Excel staging). */
  labels?: string[];
  /** True when the relation is an in-memory staging table (no need to copy it; dropped afterwards). */
  staged?: boolean;
  /** Warnings found while reading the source (e.g. a totals row left out). */
  warnings?: string[];
  /** A function that re-creates the relation after a failed read (CSV: read every row to sniff). */
  retryRelation?: string;
  /** The relation that reads every column as text, when even the robust read fails on types. */
  textRelation?: string;
  /** The relation that reads the file as Latin-1, for UTF-8 that turns out invalid past the sampled head. */
  latin1Relation?: string;
  /** The first rows of `relation`, already read (writeTable uses it for the first attempt and drops it). */
  sample?: SampleTable;
}

/** A small in-memory table with the first rows of a relation, and the relation's shape. */
export interface SampleTable {
  table: string;
  /** The relation the rows were read from (a sample only stands in for that exact relation). */
  relation: string;
  shape: Shape;
}

export interface WrittenTable {
  columns: ColumnSchema[];
  rowCount: number;
  columnNotes: Record<string, string[]>;
  warnings: string[];
}

let stagingCounter = 0;

async function describe(
  connection: DuckDBConnection,
  relation: string,
): Promise<{ names: string[]; typeIds: DuckDBTypeId[]; typeNames: string[] }> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT 0`);
  const types = reader.columnTypes();
  return {
    names: reader.columnNames(),
    typeIds: types.map((type) => type.typeId),
    typeNames: types.map((type) => type.toString()),
  };
}

function isReadError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Could not convert|Conversion Error|CSV Error|sniff/i.test(text);
}

interface Prepared {
  relation: string;
  shape: Shape;
  /** The staging table this attempt created (dropped at the end). */
  staged?: string;
  candidates?: (Candidate | undefined)[];
}

type Shape = Awaited<ReturnType<typeof describe>>;

export type PhaseListener = (phase: string, fraction?: number) => void;

/** Runs a long statement while reporting DuckDB's own progress (for a CSV read: the share of bytes read). */
async function runWithProgress(
  connection: DuckDBConnection,
  sql: string,
  phase: string,
  onPhase: PhaseListener,
): Promise<void> {
  onPhase(phase, 0);
  let last = 0;
  const timer = setInterval(() => {
    const { percentage } = connection.progress;
    if (percentage <= last) return;
    last = percentage;
    onPhase(phase, Math.min(1, percentage / 100));
  }, 200);
  try {
    await connection.run(sql);
  } finally {
    clearInterval(timer);
  }
  onPhase(phase, 1);
}

async function stage(connection: DuckDBConnection, from: string, onPhase: PhaseListener): Promise<string> {
  const name = `askdata_stage_${++stagingCounter}`;
  await runWithProgress(connection, `CREATE TABLE ${name} AS SELECT * FROM ${from}`, 'reading', onPhase);
  return name;
}

/**
 * Reads the shape of the source and decides whether to stage it: staging costs a pass, so it happens
 * only when the sample shows text columns worth a full check (or when asked, for the retry).
 */
async function prepare(
  connection: DuckDBConnection,
  source: TableSource,
  relation: string,
  forceStage: boolean,
  onPhase: PhaseListener,
): Promise<Prepared> {
  // Every query on a read_csv relation sniffs the file again; keeping the first rows in a small table
  // answers both the shape and the sample pass with one sniff. A read that fails that early is left to
  // the plain path below, so errors surface exactly where they did before.
  const sample =
    source.sample?.relation === relation
      ? source.sample
      : source.staged
        ? undefined
        : await sampleTable(connection, relation).catch(() => undefined);
  try {
    return await prepareFrom(connection, source, relation, forceStage, onPhase, sample);
  } finally {
    if (sample) await connection.run(`DROP TABLE IF EXISTS ${sample.table}`);
  }
}

/** Reads the first rows of a relation into a small table (one sniff of a CSV instead of one per query). */
export async function sampleTable(connection: DuckDBConnection, relation: string): Promise<SampleTable> {
  const table = `askdata_sample_${++stagingCounter}`;
  await connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${relation} LIMIT ${sampleRows}`);
  try {
    return { table, relation, shape: await describe(connection, table) };
  } catch (error) {
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
    throw error;
  }
}

async function prepareFrom(
  connection: DuckDBConnection,
  source: TableSource,
  relation: string,
  forceStage: boolean,
  onPhase: PhaseListener,
  sample: SampleTable | undefined,
): Promise<Prepared> {
  let shape = sample?.shape ?? (await describe(connection, relation));
  let sampled = sample?.table;
  // One column can mean the sniffer gave up on ragged rows; the padded read may find the real columns.
  if (shape.names.length === 1 && source.retryRelation && relation !== source.retryRelation) {
    const padded = await describe(connection, source.retryRelation).catch(() => undefined);
    if (padded && padded.names.length > 1) {
      relation = source.retryRelation;
      shape = padded;
      sampled = undefined;
    }
  }
  if (source.staged) return { relation, shape };
  const text = shape.names.filter((_, i) => shape.typeIds[i] === DuckDBTypeId.VARCHAR);
  const candidates = text.length > 0 ? await findCandidates(connection, sampled ?? relation, text) : [];
  if (!forceStage && !candidates.some((candidate) => candidate !== undefined))
    return { relation, shape, candidates };
  const staged = await stage(connection, relation, onPhase);
  return { relation: staged, shape, staged, candidates };
}

async function writePrepared(
  connection: DuckDBConnection,
  source: TableSource,
  prepared: Prepared,
  target: string,
  onPhase: PhaseListener,
): Promise<WrittenTable> {
  const { relation, shape } = prepared;
  const labels = source.labels ?? shape.names.map((name) => name.replace(/\s+/g, ' ').trim());
  const names = cleanNames(labels);
  onPhase('inferring types');
  const textColumns = shape.names
    .map((name, i) => ({ name, label: labels[i] ?? name, typeId: shape.typeIds[i] }))
    .filter((column) => column.typeId === DuckDBTypeId.VARCHAR);
  const conversions = await inferTextColumns(connection, relation, textColumns, prepared.candidates);
  const selects = shape.names.map((name, i) => {
    const expression = conversions.get(name)?.expression ?? quoteIdentifier(name);
    return `${expression} AS ${quoteIdentifier(names[i]!)}`;
  });
  const direct = !prepared.staged && !source.staged;
  await runWithProgress(
    connection,
    `CREATE OR REPLACE TABLE ${target} AS SELECT ${selects.join(', ')} FROM ${relation}`,
    direct ? 'reading' : 'writing snapshot',
    onPhase,
  );
  // Read straight into the snapshot: the bytes were reported under 'reading'; what is left is the write.
  if (direct) onPhase('writing snapshot');

  const final = await describe(connection, target);
  const { rowCount, nullable } = await nullFacts(connection, target, final.names);
  const columnNotes: Record<string, string[]> = {};
  const warnings: string[] = [...(source.warnings ?? [])];
  const columns: ColumnSchema[] = final.names.map((name, i) => {
    const conversion: ColumnConversion | undefined = conversions.get(shape.names[i]!);
    if (conversion?.notes.length) columnNotes[name] = conversion.notes;
    if (conversion) warnings.push(...conversion.warnings);
    const column: ColumnSchema = {
      name,
      label: labels[i] ?? name,
      sourceType: final.typeNames[i]!,
      logicalType: logicalTypeOf(final.typeIds[i]!),
      nullable: nullable[i] ?? true,
    };
    if (conversion?.unit) column.unit = conversion.unit;
    return column;
  });
  if (rowCount === 0) warnings.push('the table has a header but no data rows');
  return { columns, rowCount, columnNotes, warnings };
}

/**
 * Writes one table into the attached snapshot database as `target`: decides conversions for text
 * columns, then creates the final table with clean column names in one statement. A read that fails
 * (e.g. a value late in a CSV that contradicts the sniffed type) is retried once with the robust reader.
 */
export async function writeTable(
  connection: DuckDBConnection,
  source: TableSource,
  target: string,
  onPhase: PhaseListener,
): Promise<WrittenTable> {
  const staged: string[] = source.staged ? [source.relation] : [];
  try {
    try {
      const prepared = await prepare(connection, source, source.relation, false, onPhase);
      if (prepared.staged) staged.push(prepared.staged);
      return await writePrepared(connection, source, prepared, target, onPhase);
    } catch (error) {
      if (
        source.latin1Relation &&
        /Invalid unicode/i.test(error instanceof Error ? error.message : String(error))
      ) {
        const latin1 = { ...source, relation: source.latin1Relation, retryRelation: undefined };
        const prepared = await prepare(connection, latin1, latin1.relation, false, onPhase);
        if (prepared.staged) staged.push(prepared.staged);
        const written = await writePrepared(connection, latin1, prepared, target, onPhase);
        written.warnings.unshift('the file is not valid UTF-8 throughout; it was read as Latin-1');
        return written;
      }
      if (!source.retryRelation || !isReadError(error)) throw error;
      try {
        const prepared = await prepare(connection, source, source.retryRelation, true, onPhase);
        if (prepared.staged) staged.push(prepared.staged);
        return await writePrepared(connection, source, prepared, target, onPhase);
      } catch (retryError) {
        // Last resort: DuckDB's sniffer can insist on a type the data contradicts (an ambiguous date
        // format, a quote inside a number); read every column as text and let askdata's inference type it.
        if (!source.textRelation || !isReadError(retryError)) throw retryError;
        const prepared = await prepare(connection, source, source.textRelation, true, onPhase);
        if (prepared.staged) staged.push(prepared.staged);
        return await writePrepared(connection, source, prepared, target, onPhase);
      }
    }
  } finally {
    for (const table of staged) await connection.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
