import {
  compileQuery,
  type DatabaseSchema,
  deriveSemanticModel,
  dialects,
  type QuerySpec,
  type SemanticModel,
  type TableSchema,
} from '@askdata/core';
import { validateSql } from '@askdata/guard';
import { understand, ValueIndex, type ValueSample } from '@askdata/language';
import type { AnalysisSource } from './analysis-source';
import type { CrossSourceRelationship } from './cross-source';
import {
  type JoinKeyCandidate,
  keyOverlap,
  keyPairsByName,
  minimumKeyOverlap,
  namedJoinKey,
} from './cross-source-keys';
import type { PreparedSource } from './prepare-source';

export interface CrossSourcePlanOptions {
  /** The workspace holding uploaded files (DuckDB). */
  files: AnalysisSource;
  /** The database to join with. */
  database: AnalysisSource;
  /** Only these workspace tables (e.g. the file just uploaded); default: all of them. */
  fileTables?: readonly string[];
  /**
   * What `prepareSource` already read from either source (distinct counts, value samples), so a cached
   * preparation is not read again; what is missing is read here.
   */
  prepared?: {
    files?: Pick<PreparedSource, 'stats' | 'samples'>;
    database?: Pick<PreparedSource, 'stats' | 'samples'>;
  };
  /** "Today" for relative dates (YYYY-MM-DD). */
  asOf?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A question read over a file table and a database table, with the key that joins them: ready to preview. */
export interface CrossSourcePlan {
  question: string;
  interpretation: string;
  confidence: number;
  spec: QuerySpec;
  relationship: CrossSourceRelationship;
  key: JoinKeyCandidate;
}

export type CrossSourcePlanning =
  | { kind: 'plan'; plan: CrossSourcePlan }
  | { kind: 'clarify'; question: string; candidates: JoinKeyCandidate[] }
  | { kind: 'abstain'; reason: string; suggestions: string[] };

/** Name pairs checked for value overlap at most (each costs two small queries). */
const maxPairsChecked = 12;
/** Distinct values per text column the language engine may match, as in prepareSource. */
const valuesPerColumn = 2000;

/**
 * Reads a question over an uploaded file and a database table: finds the join key (matching names and types
 * confirmed by value overlap on a sample, or the column the question names), then interprets the question with
 * the offline engine over the two tables joined by that key. Several equally good keys or none give a
 * clarification listing the candidates; the key is never guessed silently.
 */
export async function planCrossSource(
  question: string,
  options: CrossSourcePlanOptions,
): Promise<CrossSourcePlanning> {
  const { files, database } = options;
  const limits = { timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal };
  const wanted = options.fileTables?.map((name) => name.toLowerCase());
  const fileTables = files.tables().filter((table) => !wanted || wanted.includes(table.name.toLowerCase()));
  const fileNames = new Set(fileTables.map((table) => table.name.toLowerCase()));
  const databaseTables = database.tables().filter((table) => !fileNames.has(table.name.toLowerCase()));
  const named = namedJoinKey(question);
  const text = named?.question ?? question;

  const { prepared } = options;
  const [fileStats, databaseStats] = await Promise.all([
    prepared?.files?.stats ?? files.distinctCounts(),
    prepared?.database?.stats ?? database.distinctCounts(),
  ]);
  const stats = { ...databaseStats, ...fileStats };
  const pairs = keyPairsByName(fileTables, databaseTables, named?.key).slice(0, maxPairsChecked);
  const checked: JoinKeyCandidate[] = [];
  for (const pair of pairs) {
    const distinct = databaseStats[pair.database.table]?.[pair.database.column]?.distinctCount;
    checked.push({ ...pair, overlap: await keyOverlap(files, database, pair, limits, distinct) });
  }
  const confirmed = checked.filter(
    (candidate) => candidate.reason === 'named' || candidate.overlap.ratio >= minimumKeyOverlap,
  );
  if (confirmed.length === 0) return noKey(named?.key, checked, fileTables, databaseTables, database.label);

  const [fileSamples, databaseSamples] = await Promise.all([
    prepared?.files?.samples ?? files.sampleValues(valuesPerColumn),
    prepared?.database?.samples ?? database.sampleValues(valuesPerColumn),
  ]);
  const samples = [...fileSamples, ...databaseSamples];

  const readings: Array<CrossSourcePlan & { tablesRead: number }> = [];
  let fallback: CrossSourcePlanning | undefined;
  for (const candidate of confirmed) {
    const fileTable = fileTables.find((table) => table.name === candidate.file.table) as TableSchema;
    const databaseTable = databaseTables.find(
      (table) => table.name === candidate.database.table,
    ) as TableSchema;
    const relationship = await direct(candidate, files, databaseTable, stats, limits);
    const schema = pairSchema(fileTable, databaseTable, relationship);
    const model = deriveSemanticModel(schema, { stats });
    const reading = understand(text, {
      model,
      valueIndex: new ValueIndex(samplesOf(samples, schema)),
      ...(options.asOf ? { asOf: options.asOf } : {}),
    });
    if (reading.kind !== 'spec') {
      fallback ??=
        reading.kind === 'clarify'
          ? { kind: 'clarify', question: reading.question, candidates: [candidate] }
          : { kind: 'abstain', reason: reading.reason, suggestions: reading.suggestions };
      continue;
    }
    readings.push({
      question,
      interpretation: reading.interpretation,
      confidence: reading.confidence,
      spec: reading.spec,
      relationship,
      key: candidate,
      tablesRead: await tablesRead(reading.spec, model, schema),
    });
  }
  const joined = readings.filter((reading) => reading.tablesRead === 2);
  if (joined.length === 0) {
    if (readings.length > 0)
      return {
        kind: 'abstain',
        reason: `The question reads only one of the two sources, so nothing needs joining; ask it of ${readings[0]?.relationship.from.table} alone or name a column of the other table.`,
        suggestions: [],
      };
    return fallback ?? { kind: 'abstain', reason: 'The question could not be read.', suggestions: [] };
  }
  joined.sort(
    (left, right) => right.confidence - left.confidence || right.key.overlap.ratio - left.key.overlap.ratio,
  );
  const [best, next] = joined;
  if (
    best &&
    next &&
    best.confidence === next.confidence &&
    best.key.overlap.ratio === next.key.overlap.ratio
  ) {
    const tied = joined.filter(
      (reading) =>
        reading.confidence === best.confidence && reading.key.overlap.ratio === best.key.overlap.ratio,
    );
    return {
      kind: 'clarify',
      question: `Several columns could join the file with ${database.label}; which one should be used? Name it in the question, e.g. "join on ${tied[0]?.key.file.column}".`,
      candidates: tied.map((reading) => reading.key),
    };
  }
  const { tablesRead: _tablesRead, ...plan } = best as CrossSourcePlan & { tablesRead: number };
  return { kind: 'plan', plan };
}

function noKey(
  namedKey: string | undefined,
  checked: JoinKeyCandidate[],
  fileTables: readonly TableSchema[],
  databaseTables: readonly TableSchema[],
  databaseLabel: string,
): CrossSourcePlanning {
  const files = fileTables.map((table) => table.name).join(', ');
  if (namedKey !== undefined)
    return {
      kind: 'clarify',
      question: `No column named like "${namedKey}" is in both ${files} and a table of ${databaseLabel} with a compatible type; which columns should join them?`,
      candidates: checked,
    };
  const tried = checked.length
    ? ` Columns with matching names were found, but too few of the file's values occur in the database (${checked
        .map(
          (candidate) =>
            `${candidate.file.table}.${candidate.file.column} → ${candidate.database.table}.${candidate.database.column}: ${Math.round(candidate.overlap.ratio * 100)}%`,
        )
        .join('; ')}).`
    : ` No column of ${files} shares a name and type with a column of ${databaseTables.map((table) => table.name).join(', ') || 'the database'}.`;
  return {
    kind: 'clarify',
    question: `Which columns join ${files} with ${databaseLabel}?${tried} Name the key in the question, e.g. "… join on customer_id".`,
    candidates: checked,
  };
}

/**
 * The join points from the side whose key repeats to the side where it is unique: a database key is unique when
 * it is the primary key or its statistics say so; a file key is counted exactly (the workspace is local).
 */
async function direct(
  candidate: JoinKeyCandidate,
  files: AnalysisSource,
  databaseTable: TableSchema,
  stats: Record<string, Record<string, { distinctCount: number }>>,
  limits: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<CrossSourceRelationship> {
  const column = candidate.database.column;
  const rows = databaseTable.rowCount;
  const distinct = stats[databaseTable.name]?.[column]?.distinctCount;
  const databaseUnique =
    (databaseTable.primaryKey?.length === 1 && databaseTable.primaryKey[0] === column) ||
    (rows !== undefined && rows > 0 && distinct !== undefined && distinct >= rows * 0.99);
  if (databaseUnique || !(await fileKeyUnique(files, candidate.file, limits)))
    return { from: candidate.file, to: candidate.database };
  return { from: candidate.database, to: candidate.file };
}

async function fileKeyUnique(
  files: AnalysisSource,
  key: { table: string; column: string },
  limits: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<boolean> {
  const quote = dialects[files.dialect].quoteIdentifier;
  const validated = await files.validate(
    `SELECT COUNT(${quote(key.column)}) - COUNT(DISTINCT ${quote(key.column)}) FROM ${quote(key.table)}`,
    1,
  );
  const result = await files.run(validated.sql, { ...limits, maxRows: 1 });
  return Number(result.rows[0]?.[0] ?? 1) === 0;
}

/** The two tables as one schema (no namespaces: the moved table becomes a CTE), joined by `relationship`. */
function pairSchema(
  fileTable: TableSchema,
  databaseTable: TableSchema,
  relationship: CrossSourceRelationship,
): DatabaseSchema {
  const tables = [fileTable, databaseTable].map((table) => {
    const { namespace: _namespace, ...plain } = table;
    const foreignKeys =
      table.name === relationship.from.table
        ? [
            {
              columns: [relationship.from.column],
              referencedTable: relationship.to.table,
              referencedColumns: [relationship.to.column],
            },
          ]
        : [];
    return { ...plain, foreignKeys, primaryKey: table.primaryKey ?? [] };
  });
  return { tables };
}

function samplesOf(samples: readonly ValueSample[], schema: DatabaseSchema): ValueSample[] {
  const names = new Set(schema.tables.map((table) => table.name));
  return samples.filter((sample) => names.has(sample.table));
}

/** How many of the two tables the spec's SQL reads (the guard's reading of the compiled statement). */
async function tablesRead(spec: QuerySpec, model: SemanticModel, schema: DatabaseSchema): Promise<number> {
  const compiled = compileQuery(spec, model, 'postgres');
  const read = await validateSql(compiled.sql, { dialect: 'postgres', schema: schema.tables });
  const names = new Set(read.tables.map((table) => table.toLowerCase()));
  return schema.tables.filter((table) => names.has(table.name.toLowerCase())).length;
}
