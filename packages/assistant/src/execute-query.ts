import {
  compileQuery,
  type OutputColumn,
  type QueryResult,
  type QuerySpec,
  type ResultColumn,
  type ValidatedSql,
} from '@askdata/core';
import { dryRun } from '@askdata/guard';
import type { PreparedSource } from './prepare-source';

export type QueryCandidate = { kind: 'spec'; spec: QuerySpec } | { kind: 'sql'; sql: string };

export interface ExecutedQuery {
  spec?: QuerySpec;
  sql: ValidatedSql;
  tables: string[];
  columns: OutputColumn[];
  result: QueryResult;
  /** The dry run's findings on the plan. */
  warnings: string[];
}

export interface QueryLimits {
  maxRows: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

const numeric = new Set(['integer', 'decimal', 'float']);

/** Output columns of SQL the compiler did not write: numbers are measures, the rest dimensions. */
function columnsOf(columns: ResultColumn[]): OutputColumn[] {
  return columns.map((column) => ({
    name: column.name,
    role: numeric.has(column.logicalType) ? 'measure' : 'dimension',
    label: column.name.replace(/[_\s]+/g, ' ').replace(/^./, (first) => first.toUpperCase()),
  }));
}

/**
 * A spec or SQL through compile (specs), the guard, the dry run and the source. Every SQL passes the
 * source's `validate` first; one row beyond the cap is asked for, so the run can tell a cut result.
 */
export async function executeQuery(
  prepared: PreparedSource,
  candidate: QueryCandidate,
  limits: QueryLimits,
): Promise<ExecutedQuery> {
  const { source, model } = prepared;
  const compiled =
    candidate.kind === 'spec' ? compileQuery(candidate.spec, model, source.dialect) : undefined;
  const text: string = candidate.kind === 'sql' ? candidate.sql : (compiled?.sql ?? '');
  const { sql, tables } = await source.validate(text, limits.maxRows + 1);
  const { warnings } = await dryRun(source, sql);
  const result = await source.run(sql, limits);
  return {
    ...(candidate.kind === 'spec' ? { spec: candidate.spec } : {}),
    sql,
    tables,
    columns: compiled ? compiled.columns : columnsOf(result.columns),
    result,
    warnings,
  };
}
