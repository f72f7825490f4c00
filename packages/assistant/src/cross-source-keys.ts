import {
  type ColumnSchema,
  compileQuery,
  type DatabaseSchema,
  deriveSemanticModel,
  dialects,
  type LogicalType,
  type TableSchema,
} from '@askdata/core';
import { singularize } from '@askdata/language';
import type { AnalysisSource } from './analysis-source';

/** One possible join between a file column and a database column, with what backs it. */
export interface JoinKeyCandidate {
  file: { table: string; column: string };
  database: { table: string; column: string };
  /** How the pair was found: same column name, `<table>_id` → `id`, or named in the question. */
  reason: 'same-name' | 'table-key' | 'named';
  /** Sampled distinct file keys and how many of them the database column holds. */
  overlap: { sampled: number; found: number; ratio: number };
}

/** At least this share of sampled file keys must occur in the database column for a key found by name. */
export const minimumKeyOverlap = 0.5;
/** Distinct file keys sampled for the overlap check. */
const sampledKeys = 200;

type TypeFamily = 'number' | 'text' | 'date';
const typeFamilies: Record<LogicalType, TypeFamily | undefined> = {
  integer: 'number',
  decimal: 'number',
  float: undefined,
  boolean: undefined,
  date: 'date',
  timestamp: 'date',
  time: undefined,
  interval: undefined,
  text: 'text',
  blob: undefined,
  json: undefined,
  other: undefined,
};

/** Lower case with separators removed: "Customer ID", "customer_id" and "customerId" all read `customerid`. */
export function keyWord(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function tableWords(name: string): Set<string> {
  const word = keyWord(name);
  return new Set([word, keyWord(singularize(name.toLowerCase()))]);
}

function isTableKey(column: string, table: TableSchema): boolean {
  const own = table.primaryKey?.length === 1 ? table.primaryKey[0] : undefined;
  return keyWord(column) === 'id' || (own !== undefined && keyWord(own) === keyWord(column));
}

/** `customer_id` in one table names the key of a table called `customers` (or `customer`). */
function pointsAt(column: string, table: TableSchema): boolean {
  const word = keyWord(column);
  if (!word.endsWith('id') || word.length <= 2) return false;
  return tableWords(table.name).has(word.slice(0, -2));
}

function nameMatch(
  fileTable: TableSchema,
  fileColumn: ColumnSchema,
  databaseTable: TableSchema,
  databaseColumn: ColumnSchema,
): JoinKeyCandidate['reason'] | undefined {
  const fileWord = keyWord(fileColumn.name);
  if (fileWord === keyWord(databaseColumn.name)) {
    // A bare `id` names each table's own rows: the same name says nothing unless the tables are the same thing.
    if (fileWord !== 'id') return 'same-name';
    const fileWords = tableWords(fileTable.name);
    return [...tableWords(databaseTable.name)].some((word) => fileWords.has(word)) ? 'same-name' : undefined;
  }
  if (pointsAt(fileColumn.name, databaseTable) && isTableKey(databaseColumn.name, databaseTable))
    return 'table-key';
  if (pointsAt(databaseColumn.name, fileTable) && isTableKey(fileColumn.name, fileTable)) return 'table-key';
  return undefined;
}

function compatible(left: ColumnSchema, right: ColumnSchema): boolean {
  const family = typeFamilies[left.logicalType];
  return family !== undefined && family === typeFamilies[right.logicalType];
}

/**
 * Column pairs between the file tables and the database tables that may join them: by name (or the column the
 * question names, given as its key word) and compatible type. Overlap is not checked yet.
 */
export function keyPairsByName(
  fileTables: readonly TableSchema[],
  databaseTables: readonly TableSchema[],
  namedKey?: string,
): Array<Omit<JoinKeyCandidate, 'overlap'>> {
  const pairs: Array<Omit<JoinKeyCandidate, 'overlap'>> = [];
  for (const fileTable of fileTables)
    for (const databaseTable of databaseTables)
      for (const fileColumn of fileTable.columns)
        for (const databaseColumn of databaseTable.columns) {
          if (!compatible(fileColumn, databaseColumn)) continue;
          const byName = nameMatch(fileTable, fileColumn, databaseTable, databaseColumn);
          const named =
            namedKey !== undefined &&
            (keyWord(fileColumn.name) === namedKey || keyWord(databaseColumn.name) === namedKey);
          if (namedKey !== undefined && !named) continue;
          if (!byName && !(named && keyWord(fileColumn.name) === keyWord(databaseColumn.name))) continue;
          pairs.push({
            file: { table: fileTable.name, column: fileColumn.name },
            database: { table: databaseTable.name, column: databaseColumn.name },
            reason: named ? 'named' : (byName ?? 'same-name'),
          });
        }
  return pairs;
}

const joinWords = 'join(?:ed|ing)?|match(?:ed|ing)?|link(?:ed|ing)?';
const namedKeyPattern = new RegExp(
  `[,;]?\\s*\\b(?:${joinWords})\\s+(?:them\\s+|the\\s+(?:file|tables?)\\s+)?(?:on|by|using|via|with)\\s+(?:the\\s+)?([a-z][a-z0-9_]*(?:\\s+(?!(?:column|key|field)\\b)[a-z0-9_]+)?)(?:\\s+(?:column|key|field))?(?=\\s*$|\\s*[,.;?!])`,
  'i',
);

/**
 * The join key a person names ("…, join on customer_id", "joined by customer id"): its key word and the
 * question without that phrase, for the language engine.
 */
export function namedJoinKey(question: string): { key: string; question: string } | undefined {
  const match = namedKeyPattern.exec(question);
  if (!match?.[1]) return undefined;
  const rest = `${question.slice(0, match.index)}${question.slice(match.index + match[0].length)}`.trim();
  return { key: keyWord(match[1]), question: rest };
}

/**
 * The share of sampled distinct file keys that the database column holds, read with two small guarded queries
 * (a distinct sample from the file, an `IN` lookup in the database). When the database column has fewer
 * distinct values than were sampled (a small lookup table), the share is of those: all of them found is 100%.
 */
export async function keyOverlap(
  files: AnalysisSource,
  database: AnalysisSource,
  pair: Omit<JoinKeyCandidate, 'overlap'>,
  limits: { timeoutMs: number; signal?: AbortSignal | undefined },
  databaseDistinct?: number,
): Promise<JoinKeyCandidate['overlap']> {
  const quote = dialects[files.dialect].quoteIdentifier;
  const key = quote(pair.file.column);
  const sample = await files.validate(
    `SELECT DISTINCT ${key} FROM ${quote(pair.file.table)} WHERE ${key} IS NOT NULL ORDER BY ${key}`,
    sampledKeys,
  );
  const keys = (await files.run(sample.sql, { ...limits, maxRows: sampledKeys })).rows
    .map((row) => row[0])
    .filter((value): value is string | number | boolean => value !== null && value !== undefined);
  if (keys.length === 0) return { sampled: 0, found: 0, ratio: 0 };
  const table = database.tables().find((candidate) => candidate.name === pair.database.table);
  if (!table) return { sampled: keys.length, found: 0, ratio: 0 };
  const schema: DatabaseSchema = { tables: [table] };
  const lookup = compileQuery(
    {
      table: table.name,
      measures: [],
      dimensions: [{ id: 'key', column: { column: pair.database.column } }],
      filters: [{ op: 'in', column: { column: pair.database.column }, values: keys }],
    },
    deriveSemanticModel(schema),
    database.dialect,
  );
  const validated = await database.validate(lookup.sql, keys.length + 1);
  const found = (await database.run(validated.sql, { ...limits, maxRows: keys.length + 1 })).rowCount;
  const possible = Math.max(1, Math.min(keys.length, databaseDistinct ?? keys.length));
  return { sampled: keys.length, found, ratio: Math.min(1, found / possible) };
}
