import { dirname, resolve } from 'node:path';

/** A record scored by execution accuracy (Spider-like): gold SQL run on a SQLite database. */
export interface SqlRecord {
  kind: 'sql';
  id: string;
  question: string;
  /** Absolute path of the SQLite database. */
  db: string;
  goldSql: string;
  fields: Record<string, unknown>;
}

/** A record scored by denotation accuracy (WikiTableQuestions-like): gold answers over one CSV table. */
export interface DenotationRecord {
  kind: 'denotation';
  id: string;
  question: string;
  /** Absolute path of the CSV table. */
  table: string;
  answers: string[];
  fields: Record<string, unknown>;
}

/** A chart record (nvBench-like): only the chart type is scored here. */
export interface ChartRecord {
  kind: 'chart';
  id: string;
  question: string;
  db: string;
  chart: string;
  fields: Record<string, unknown>;
}

export type EvalRecord = SqlRecord | DenotationRecord | ChartRecord;

/** A line the harness cannot score: invalid JSON or an unknown shape. Counted and reported, never fatal. */
export interface SkippedLine {
  line: number;
  id: string;
  reason: string;
}

export interface ParsedRecords {
  records: EvalRecord[];
  skipped: SkippedLine[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function answerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Gold answers may be a list or, in hand-written files, a single value. */
function goldAnswers(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    const texts = value.map(answerText);
    return texts.every((text) => text !== undefined) && texts.length > 0 ? (texts as string[]) : undefined;
  }
  const single = answerText(value);
  return single === undefined ? undefined : [single];
}

/**
 * Turns one parsed JSON value into a record. Paths are resolved against the JSONL file's folder,
 * as the bench README specifies; whether the files exist is checked per record at run time.
 */
export function toRecord(value: unknown, line: number, baseDir: string): EvalRecord | SkippedLine {
  if (!isObject(value)) return { line, id: `line-${line}`, reason: 'not a JSON object' };
  const id = answerText(value.id) ?? `line-${line}`;
  const question = nonEmptyString(value.question);
  const db = nonEmptyString(value.db);
  const goldSql = nonEmptyString(value.gold_sql);
  if (question && db && goldSql) {
    return { kind: 'sql', id, question, db: resolve(baseDir, db), goldSql, fields: value };
  }
  const table = nonEmptyString(value.table);
  const answers = goldAnswers(value.answers);
  if (question && table && answers) {
    return { kind: 'denotation', id, question, table: resolve(baseDir, table), answers, fields: value };
  }
  const questions = Array.isArray(value.questions) ? value.questions.map(nonEmptyString) : [];
  const firstQuestion = question ?? questions.find((text) => text !== undefined);
  const chart = nonEmptyString(value.chart);
  if (firstQuestion && db && chart) {
    return { kind: 'chart', id, question: firstQuestion, db: resolve(baseDir, db), chart, fields: value };
  }
  const missing = question || firstQuestion ? 'gold_sql+db, answers+table or chart+db' : 'question';
  return { line, id, reason: `unknown record shape (missing ${missing})` };
}

/** Parses JSON Lines text; blank lines are ignored, bad lines are reported as skipped. */
export function parseRecords(text: string, jsonlPath: string): ParsedRecords {
  const baseDir = dirname(resolve(jsonlPath));
  const records: EvalRecord[] = [];
  const skipped: SkippedLine[] = [];
  // A byte-order mark (common in files saved by Windows tools) would otherwise spoil the first line.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]?.trim() ?? '';
    if (raw === '') continue;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      skipped.push({ line, id: `line-${line}`, reason: 'invalid JSON' });
      continue;
    }
    const parsed = toRecord(value, line, baseDir);
    if ('kind' in parsed) records.push(parsed);
    else skipped.push(parsed);
  }
  return { records, skipped };
}
