import { request } from './client';
import type { QueryResult } from './types';

/** A column of the uploaded file and a database column that join them, with the value overlap behind it. */
export interface JoinKey {
  file: { table: string; column: string };
  database: { table: string; column: string };
  reason: 'same-name' | 'table-key' | 'named';
  overlap: { sampled: number; found: number; ratio: number };
}

/** A preview or full run of a join between uploaded files and a database table (docs/api.md). */
export interface CrossSourceResult {
  strategy: 'send-file-rows-to-database' | 'pull-database-slice-into-workspace';
  ranIn: { label: string; dialect: string };
  sql: string;
  sliceSql: string;
  moved: { table: string; from: string; rows: number; columns: string[] };
  preview: boolean;
  result: QueryResult;
  sources: { label: string; dialect: string; tables: string[]; snapshotIds: string[] }[];
  notes: string[];
  interpretation: string;
  question: string;
  key: JoinKey;
  chart: { spec: Record<string, unknown>; altText: string; choice: { type: string } };
}

export type CrossSourcePreview =
  | { status: 'preview'; planId: string; expiresAt: string; preview: CrossSourceResult }
  | { status: 'clarification'; question: string; candidates: JoinKey[] }
  | { status: 'abstention'; reason: string; suggestions: string[] };

export const crossSourceApi = {
  preview: (input: { fileDatasourceId: string; databaseDatasourceId: string; question: string }) =>
    request<CrossSourcePreview>('POST', '/v1/cross-source/preview', input),
  run: (planId: string) =>
    request<{ result: CrossSourceResult }>('POST', `/v1/cross-source/${encodeURIComponent(planId)}/run`),
};
