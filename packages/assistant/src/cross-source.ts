import {
  AskdataError,
  type CellValue,
  compileQuery,
  type DatabaseSchema,
  type DialectName,
  deriveSemanticModel,
  dialects,
  type Filter,
  type QueryResult,
  type QuerySpec,
  type TableSchema,
  type ValidatedSql,
} from '@askdata/core';
import { validateSql } from '@askdata/guard';
import type { AnalysisSource } from './analysis-source';
import { canInlineRows, inlineTableCte, withCtes } from './cross-source-values';

/** The join between an uploaded file's table and a database table: `from` holds the key that points at `to`. */
export interface CrossSourceRelationship {
  from: { table: string; column: string };
  to: { table: string; column: string };
}

export interface CrossSourceOptions {
  /** The workspace holding uploaded files (DuckDB). */
  files: AnalysisSource;
  /** The database the other table lives in (push-down source). */
  database: AnalysisSource;
  relationship: CrossSourceRelationship;
  /** The question over the two tables joined by `relationship`. */
  spec: QuerySpec;
  /** `preview` moves only a sample of the small side; `full` (after the person confirms) moves all of it. */
  mode: 'preview' | 'full';
  /** Rows of the moved side in a preview (default 200). */
  previewRows?: number;
  /** The most rows that may travel between the sources (default 10 000); beyond it the join is refused. */
  maxMovedRows?: number;
  maxRows?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type CrossSourceStrategy = 'send-file-rows-to-database' | 'pull-database-slice-into-workspace';

export interface CrossSourceCitation {
  label: string;
  dialect: DialectName;
  tables: string[];
  snapshotIds: string[];
}

export interface CrossSourceAnswer {
  strategy: CrossSourceStrategy;
  /** Where the join and the aggregation ran. */
  ranIn: { label: string; dialect: DialectName };
  /** The statement that ran there (the moved rows inline as a CTE). */
  sql: ValidatedSql;
  /** The statement that read the moved rows from their own source. */
  sliceSql: ValidatedSql;
  moved: { table: string; from: string; rows: number; columns: string[] };
  preview: boolean;
  result: QueryResult;
  /** Both sources, with the snapshot ids of uploaded files. */
  sources: CrossSourceCitation[];
  notes: string[];
}

interface Side {
  source: AnalysisSource;
  table: TableSchema;
  key: string;
}

/**
 * Answers a question that joins an uploaded file with a database table. The small side moves to where the big
 * side lives: file rows travel inline (a VALUES CTE) into the database's SQL, or, when the file is the big side
 * or the database cannot take inline rows, only the needed slice of the database table (projected columns,
 * rows whose key occurs in the file) is read into the DuckDB workspace. A preview moves a sample; `full` moves
 * everything once the person confirms. Every statement passes the guard of the source it runs on.
 */
export async function crossSourceQuery(options: CrossSourceOptions): Promise<CrossSourceAnswer> {
  const { file, database } = locateSides(options);
  const maxMovedRows = options.maxMovedRows ?? 10_000;
  const limits = {
    maxRows: options.maxRows ?? 10_000,
    timeoutMs: options.timeoutMs ?? 60_000,
    signal: options.signal,
  };
  const fileRows = file.table.rowCount ?? (await countRows(file, limits));
  const databaseRows = database.table.rowCount ?? Number.POSITIVE_INFINITY;
  const pushFile =
    canInlineRows(database.source.dialect) && fileRows <= maxMovedRows && fileRows <= databaseRows;
  const [moving, staying] = pushFile ? [file, database] : [database, file];
  const strategy: CrossSourceStrategy = pushFile
    ? 'send-file-rows-to-database'
    : 'pull-database-slice-into-workspace';

  // Compile where the join runs, with the moved table as a plain name (it becomes a CTE there).
  const movedSchema: TableSchema = { ...moving.table };
  delete movedSchema.namespace;
  const schema = joinedSchema(staying.table, movedSchema, options.relationship);
  const dialect = staying.source.dialect;
  const compiled = compileQuery(options.spec, deriveSemanticModel(schema), dialect);
  const columns = await neededColumns(compiled.sql, dialect, schema.tables, movedSchema, moving.key);

  const preview = options.mode === 'preview';
  const slice = await readSlice(moving, file, columns, pushableFilters(options.spec, moving.table.name), {
    asOf: options.spec.asOf,
    preview,
    previewRows: options.previewRows ?? 200,
    maxMovedRows,
    pushFile,
    limits,
  });
  const cte = inlineTableCte(movedSchema.name, slice.columns, slice.rows, dialect);
  const validated = await staying.source.validate(withCtes([cte], compiled.sql), limits.maxRows);
  const result = await staying.source.run(validated.sql, limits);

  const notes = [...compiled.notes];
  const movedFrom = moving.source.label;
  notes.push(
    pushFile
      ? `${slice.rows.length} rows of ${file.table.name} (from ${file.source.label}) were sent with the query to ${database.source.label}; the join ran there.`
      : `${slice.rows.length} rows of ${database.table.name} (columns ${slice.columns.map((column) => column.name).join(', ')}) were read from ${database.source.label} into the workspace; the join ran there.`,
  );
  const previewRows = options.previewRows ?? 200;
  if (preview && slice.rows.length < previewRows)
    notes.push(
      `Preview: all ${slice.rows.length} rows of ${moving.table.name} that the join needs fit in the sample, so the full run gives the same result.`,
    );
  else if (preview)
    notes.push(
      `Preview: computed on a sample of ${slice.rows.length} rows of ${moving.table.name}; confirm to run on all of them.`,
    );
  return {
    strategy,
    ranIn: { label: staying.source.label, dialect },
    sql: validated.sql,
    sliceSql: slice.sql,
    moved: {
      table: moving.table.name,
      from: movedFrom,
      rows: slice.rows.length,
      columns: slice.columns.map((column) => column.name),
    },
    preview,
    result,
    sources: [
      {
        label: file.source.label,
        dialect: file.source.dialect,
        tables: [file.table.name],
        snapshotIds: file.source.snapshotIds([file.table.name]),
      },
      {
        label: database.source.label,
        dialect: database.source.dialect,
        tables: [
          database.table.namespace
            ? `${database.table.namespace}.${database.table.name}`
            : database.table.name,
        ],
        snapshotIds: [],
      },
    ],
    notes,
  };
}

function locateSides(options: CrossSourceOptions): { file: Side; database: Side } {
  const { relationship, files, database } = options;
  const find = (source: AnalysisSource, table: string) =>
    source.tables().find((candidate) => candidate.name.toLowerCase() === table.toLowerCase());
  const ends = [relationship.from, relationship.to];
  const fileEnd = ends.find((end) => find(files, end.table));
  const databaseEnd = ends.find((end) => end !== fileEnd && find(database, end.table));
  if (!fileEnd || !databaseEnd) {
    throw new AskdataError(
      'table_not_found',
      `A cross-source join needs one table from the uploaded files and one from ${database.label}: ${relationship.from.table} and ${relationship.to.table} are not one of each.`,
    );
  }
  const fileTable = find(files, fileEnd.table) as TableSchema;
  const databaseTable = find(database, databaseEnd.table) as TableSchema;
  if (fileTable.name.toLowerCase() === databaseTable.name.toLowerCase())
    throw new AskdataError(
      'invalid_input',
      `Both sources have a table named ${fileTable.name}; rename the file.`,
    );
  for (const [table, column] of [
    [fileTable, fileEnd.column],
    [databaseTable, databaseEnd.column],
  ] as const) {
    if (!table.columns.some((candidate) => candidate.name === column))
      throw new AskdataError('column_not_found', `${table.name} has no column ${column}.`);
  }
  return {
    file: { source: files, table: fileTable, key: fileEnd.column },
    database: { source: database, table: databaseTable, key: databaseEnd.column },
  };
}

function joinedSchema(
  staying: TableSchema,
  moved: TableSchema,
  relationship: CrossSourceRelationship,
): DatabaseSchema {
  const tables = [staying, moved].map((table) => {
    const keys =
      table.name.toLowerCase() === relationship.from.table.toLowerCase()
        ? [
            {
              columns: [relationship.from.column],
              referencedTable: relationshipTarget(relationship, staying, moved),
              referencedColumns: [relationship.to.column],
            },
          ]
        : [];
    return { ...table, foreignKeys: keys, primaryKey: table.primaryKey ?? [] };
  });
  return { tables };
}

function relationshipTarget(relationship: CrossSourceRelationship, ...tables: TableSchema[]): string {
  return (
    tables.find((table) => table.name.toLowerCase() === relationship.to.table.toLowerCase())?.name ??
    relationship.to.table
  );
}

/** The moved table's columns the compiled query reads (from the guard's resolution), plus the join key. */
async function neededColumns(
  sql: string,
  dialect: DialectName,
  schema: readonly TableSchema[],
  moved: TableSchema,
  key: string,
) {
  const read = await validateSql(sql, { dialect, schema });
  const prefix = `${moved.name.toLowerCase()}.`;
  const names = new Set(
    read.columns
      .filter((column) => column.toLowerCase().startsWith(prefix))
      .map((column) => column.slice(prefix.length)),
  );
  names.add(key.toLowerCase());
  return moved.columns.filter((column) => names.has(column.name.toLowerCase()));
}

interface SliceOptions {
  asOf: string | undefined;
  preview: boolean;
  previewRows: number;
  maxMovedRows: number;
  pushFile: boolean;
  limits: { maxRows: number; timeoutMs: number; signal?: AbortSignal | undefined };
}

/**
 * The question's filters on the moved table that can run before the join: those that drop rows whose value is
 * NULL anyway, so dropping them early changes nothing after the outer join (`is_null` and `keepEmpty` do not).
 */
function pushableFilters(spec: QuerySpec, movedTable: string): Filter[] {
  const onMoved = (filter: Filter) =>
    (filter.column.table ?? spec.table).toLowerCase() === movedTable.toLowerCase();
  return spec.filters
    .filter(
      (filter) => onMoved(filter) && filter.op !== 'is_null' && !('keepEmpty' in filter && filter.keepEmpty),
    )
    .map((filter) => ({ ...filter, column: { column: filter.column.column } }) as Filter);
}

/**
 * Reads the rows that travel, compiled in their own source's dialect: only the needed columns, the question's
 * filters on that table, and for a database slice only the keys the file holds.
 */
async function readSlice(
  moving: Side,
  file: Side,
  columns: TableSchema['columns'],
  filters: Filter[],
  options: SliceOptions,
) {
  const keyFilters: Filter[] = [];
  if (!options.pushFile) {
    const keys = await distinctKeys(file, options);
    if (keys !== undefined) {
      const values = keys.filter((value): value is string | number | boolean => value !== null);
      if (values.length === 0) return { sql: '' as ValidatedSql, columns, rows: [] as CellValue[][] };
      keyFilters.push({ op: 'in', column: { column: moving.key }, values });
    }
  }
  const spec: QuerySpec = {
    table: moving.table.name,
    measures: [],
    dimensions: [],
    filters: [...filters, ...keyFilters],
    select: columns.map((column, index) => ({ id: `c${index}`, column: { column: column.name } })),
    ...(options.asOf ? { asOf: options.asOf } : {}),
  };
  const compiled = compileQuery(spec, deriveSemanticModel({ tables: [moving.table] }), moving.source.dialect);
  const cap = options.preview ? options.previewRows : options.maxMovedRows + 1;
  const validated = await moving.source.validate(compiled.sql, cap);
  const result = await moving.source.run(validated.sql, { ...options.limits, maxRows: cap });
  if (!options.preview && result.rows.length > options.maxMovedRows) {
    throw new AskdataError(
      'result_too_large',
      `Joining needs more than ${options.maxMovedRows} rows of ${moving.table.name} moved between the sources; filter the question or load that table into the workspace first.`,
    );
  }
  return { sql: validated.sql, columns, rows: result.rows };
}

/** The file's distinct join keys, or undefined when there are too many to send as a filter. */
async function distinctKeys(file: Side, options: SliceOptions): Promise<CellValue[] | undefined> {
  const quote = dialects[file.source.dialect].quoteIdentifier;
  const sql = `SELECT DISTINCT ${quote(file.key)} FROM ${quote(file.table.name)} WHERE ${quote(file.key)} IS NOT NULL`;
  const validated = await file.source.validate(sql, options.maxMovedRows + 1);
  const result = await file.source.run(validated.sql, {
    ...options.limits,
    maxRows: options.maxMovedRows + 1,
  });
  if (result.rows.length > options.maxMovedRows) return undefined;
  return result.rows.map((row) => row[0] ?? null);
}

async function countRows(
  side: Side,
  limits: { maxRows: number; timeoutMs: number; signal?: AbortSignal | undefined },
) {
  const quote = dialects[side.source.dialect].quoteIdentifier;
  const validated = await side.source.validate(`SELECT COUNT(*) FROM ${quote(side.table.name)}`, 1);
  const result = await side.source.run(validated.sql, { ...limits, maxRows: 1 });
  return Number(result.rows[0]?.[0] ?? 0);
}
