/**
 * Wire types of the askdata HTTP API v1 (docs/api.md). They mirror the server's JSON, not its TypeScript:
 * the web app never imports server or engine code, so only what the UI reads is spelled out here.
 */

export type Role = 'admin' | 'editor' | 'viewer';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Me {
  user: User;
  csrfToken: string;
}

export type DatasourceKind = 'workspace' | 'postgres' | 'mysql' | 'sqlite';

export interface Datasource {
  id: string;
  name: string;
  kind: DatasourceKind;
  tables: string[];
  createdAt: string;
}

export interface ColumnInfo {
  name: string;
  label?: string;
  type: string;
  semanticType?: string;
}

export interface TableInfo {
  name: string;
  rows: number;
  columns: ColumnInfo[] | number;
}

/** The engine's table profile (packages/engine/src/profile/types.ts), as much of it as the UI shows. */
export interface TableProfile {
  table: string;
  rowCount: number;
  columnCount: number;
  duplicateRows: number;
  candidateKeys: string[];
  dateRange: { column: string; min: string; max: string } | null;
  columns: ColumnProfile[];
  suggestedQuestions: string[];
  notes: string[];
}

export interface ColumnProfile {
  name: string;
  label?: string;
  sourceType: string;
  logicalType: string;
  semanticType: string;
  nullCount: number;
  nullShare: number;
  distinctCount: number;
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  topValues: { value: string; count: number }[];
  histogram: { from: number | string; to: number | string; count: number }[];
  pii: string[];
  notes: string[];
}

export interface Session {
  id: string;
  title: string;
  datasourceId: string;
  createdAt: string;
  updatedAt: string;
}

export type CellValue = string | number | boolean | null;

export interface ResultColumn {
  name: string;
  sourceType?: string;
  logicalType?: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: CellValue[][];
  rowCount?: number;
  truncated: boolean;
  elapsedMs?: number;
}

export interface Caveat {
  code: string;
  message: string;
}

export interface Citations {
  tables: string[];
  columns: string[];
  metrics: { name: string; version?: string; owner?: string; description?: string; expression?: string }[];
  filters: string[];
  snapshotIds: string[];
  definitions?: string[];
}

export interface FollowUp {
  question: string;
}

export interface KpiCard {
  label: string;
  formatted: string;
  comparison?: { label: string; formatted: string; changeText: string };
}

export interface Answer {
  question: string;
  interpretation: string;
  confidence: number;
  sql: string;
  dialect: string;
  result: QueryResult;
  chart: {
    choice: { type: string; reason: string };
    spec: Record<string, unknown>;
    altText: string;
    kpi?: KpiCard;
  };
  narrative: {
    text: string;
    caveats: Caveat[];
    citations: Citations;
    confidence: { level: 'high' | 'medium' | 'low'; score: number; reasons: string[] };
    followUps: FollowUp[];
  };
  source: string;
  /** Present when the LLM engine answered (absent for the offline engine). */
  engine?: 'offline' | 'llm';
  steps?: { title: string; sql: string; result: QueryResult }[];
  alternatives?: { engine: 'offline' | 'llm'; text: string; sql: string; summary: string }[];
  llm?: {
    model: string;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    costIncomplete: boolean;
  };
}

export type MessageStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | string;

export interface Message {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  answer?: Answer | null;
  status: MessageStatus;
  createdAt: string;
  /** The run that produces an assistant message, when the server reports it. */
  runId?: string;
}

export type PipelineStep =
  | 'understanding'
  | 'retrieving'
  | 'planning'
  | 'querying'
  | 'verifying'
  | 'charting'
  | 'writing';

/** One SSE event of `GET /v1/runs/:id/events`: the assistant's PipelineEvent, plus the closing `done`. */
export type RunEvent =
  | { type: 'step-started'; step: PipelineStep }
  | { type: 'step-finished'; step: PipelineStep; elapsedMs: number }
  | { type: 'interpretation'; text: string; confidence: number }
  | { type: 'sql'; sql: string; dialect: string }
  | { type: 'warning'; message: string }
  | { type: 'rows'; result: QueryResult }
  | { type: 'clarification'; question: string; options: { description: string }[] }
  | {
      type: 'abstention';
      reason: string;
      understood: string[];
      notUnderstood: string[];
      suggestions: string[];
    }
  | { type: 'error'; code: string; message: string }
  | { type: 'answer'; answer: Answer }
  | { type: 'model-text'; purpose: string; delta: string }
  | { type: 'retrieval'; tables: string[]; omittedTables: number }
  | { type: 'disagreement'; chosen: 'offline' | 'llm'; interpretations: { engine: string; text: string }[] }
  | { type: 'done'; status: 'succeeded' | 'failed' | 'cancelled' };

export interface SqlResult {
  columns: (string | ResultColumn)[];
  rows: CellValue[][];
  truncated: boolean;
  sql: string;
}

export interface Metric {
  id: string;
  name: string;
  description: string;
  expression: string;
  table: string;
  owner?: string | null;
  version?: number;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
