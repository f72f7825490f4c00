/**
 * The offline engine as an answerer for the evaluation harness (and any caller holding a SQLite file
 * or a loaded workspace table): introspect once per database, build the semantic model and the value
 * index, understand the question, compile the spec for the source's dialect, or abstain.
 */
import {
  compileQuery,
  type DatabaseSchema,
  type DialectName,
  deriveSemanticModel,
  type QueryResult,
  type SemanticModel,
  type TableSchema,
  userMessage,
} from '@askdata/core';
import BetterSqlite3 from 'better-sqlite3';
import { introspectSqlite, sampleSqliteValues } from './sqlite-schema';
import { understand } from './understand';
import { ValueIndex, type ValueSample } from './value-index';

/** Structurally the harness's request and outcome types (the eval package depends on this one). */
export type OfflineSource =
  | { kind: 'sqlite'; path: string; dialect: 'sqlite' }
  | {
      kind: 'table';
      path: string;
      table: TableSchema;
      dialect: 'duckdb';
      query: (sql: string) => Promise<QueryResult>;
    };

export interface OfflineRequest {
  question: string;
  source: OfflineSource;
}

export type OfflineOutcome =
  | { kind: 'answer'; sql: string; interpretation: string; confidence: number; chart?: string }
  | { kind: 'abstain'; reason: string }
  | { kind: 'clarify'; options: string[] };

export interface OfflineAnswererOptions {
  asOf?: string;
  minConfidence?: number;
}

interface Prepared {
  model: SemanticModel;
  values: ValueIndex;
  dialect: DialectName;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function createOfflineAnswerer(options: OfflineAnswererOptions = {}) {
  const cache = new Map<string, Promise<Prepared>>();

  async function prepare(source: OfflineSource): Promise<Prepared> {
    const key = `${source.kind}:${source.path}:${source.kind === 'table' ? source.table.name : ''}`;
    let prepared = cache.get(key);
    if (!prepared) {
      prepared =
        source.kind === 'sqlite' ? Promise.resolve(prepareSqlite(source.path)) : prepareTable(source);
      cache.set(key, prepared);
    }
    return prepared;
  }

  return {
    name: 'offline',
    async answer(request: OfflineRequest): Promise<OfflineOutcome> {
      const prepared = await prepare(request.source);
      const understanding = understand(request.question, {
        model: prepared.model,
        valueIndex: prepared.values,
        ...(options.asOf ? { asOf: options.asOf } : {}),
        ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
      });
      if (understanding.kind === 'abstain') {
        const missing =
          understanding.notUnderstood.length > 0
            ? ` (not understood: ${understanding.notUnderstood.join(', ')})`
            : '';
        return { kind: 'abstain', reason: `${understanding.reason}${missing}` };
      }
      if (understanding.kind === 'clarify')
        return {
          kind: 'clarify',
          options: understanding.candidates.map((candidate) => candidate.description),
        };
      try {
        const compiled = compileQuery(understanding.spec, prepared.model, prepared.dialect);
        let sql = String(compiled.sql).trim().replace(/;$/, '');
        if (understanding.answerColumns) {
          // Only the asked-for columns; ordering and grouping helpers stay inside.
          sql = `SELECT ${understanding.answerColumns.map(quote).join(', ')} FROM (${sql}) AS answer_rows`;
        }
        return {
          kind: 'answer',
          sql,
          interpretation: understanding.interpretation,
          confidence: understanding.confidence,
          ...(understanding.spec.chart ? { chart: understanding.spec.chart } : {}),
        };
      } catch (error) {
        return { kind: 'abstain', reason: `could not build SQL: ${userMessage(error)}` };
      }
    },
    close(): void {
      cache.clear();
    },
  };
}

function prepareSqlite(path: string): Prepared {
  const database = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const schema = introspectSqlite(database);
    return {
      model: deriveSemanticModel(schema),
      values: new ValueIndex(sampleSqliteValues(database, schema)),
      dialect: 'sqlite',
    };
  } finally {
    database.close();
  }
}

async function prepareTable(source: Extract<OfflineSource, { kind: 'table' }>): Promise<Prepared> {
  const schema: DatabaseSchema = { tables: [source.table] };
  // One round trip for every text column: (column index, value) pairs, distinct per column.
  const textColumns = source.table.columns.filter((column) => column.logicalType === 'text');
  const samples: ValueSample[] = textColumns.map((column) => ({
    table: source.table.name,
    column: column.name,
    values: [],
  }));
  if (textColumns.length > 0) {
    const parts = textColumns.map(
      (column, index) =>
        `SELECT ${index} AS c, v FROM (SELECT DISTINCT CAST(${quote(column.name)} AS VARCHAR) AS v FROM ${quote(source.table.name)} WHERE ${quote(column.name)} IS NOT NULL LIMIT 2000)`,
    );
    const result = await source.query(parts.join(' UNION ALL '));
    for (const [index, value] of result.rows) {
      if (typeof index === 'number' && typeof value === 'string') samples[index]?.values.push(value);
    }
    // Fewer distinct values than the limit: the sample is the whole column.
    for (const sample of samples) sample.complete = sample.values.length < 2000;
  }
  return { model: deriveSemanticModel(schema), values: new ValueIndex(samples), dialect: 'duckdb' };
}
