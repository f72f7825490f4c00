import { existsSync } from 'node:fs';
import { AskdataError, type CellValue, userMessage } from '@askdata/core';
import type { Answerer, AnswerOutcome, EvalSource } from './answerer';
import { compareResults } from './compare-results';
import { denotationMatches } from './normalise-answer';
import { toOutcome } from './outcome';
import { questionCategory } from './question-category';
import { preview, type RecordResult } from './record-result';
import type { ChartRecord, DenotationRecord, EvalRecord, SqlRecord } from './records';
import { shapeLabel, sqlShape } from './sql-shape';
import { SqliteRunner } from './sqlite-runner';
import type { LoadedTable, TableLoader } from './table-loader';

export interface RunEvalOptions {
  answerer: Answerer;
  /** Loads CSV tables for denotation records; without one those records are errors. */
  tableLoader?: TableLoader;
  /** Record field to group by instead of the derived category (e.g. "hardness"). */
  categoryField?: string;
  /** Longest wait for one answer before it counts as wrong. */
  answerTimeoutMs?: number;
  onResult?: (result: RecordResult, done: number, total: number) => void;
}

type Answered = {
  outcome: AnswerOutcome | { kind: 'invalid'; reason: string };
  answerMs: number;
  prepareMs?: number;
};

/** A record that cannot be scored for a reason outside the system under test (missing file, no loader). */
class RecordError extends Error {}

async function ask(
  answerer: Answerer,
  question: string,
  source: EvalSource,
  timeoutMs: number,
): Promise<Answered> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const value: unknown = await Promise.race([answerer.answer({ question, source }), timeout]);
    return { outcome: toOutcome(value), answerMs: performance.now() - started };
  } catch (error) {
    return {
      outcome: { kind: 'invalid', reason: `the engine failed: ${userMessage(error)}` },
      answerMs: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

function categoryOf(record: EvalRecord, field: string | undefined): string {
  const custom = field === undefined ? undefined : record.fields[field];
  if (typeof custom === 'string' || typeof custom === 'number') return String(custom);
  if (record.kind === 'sql') return sqlShape(record.goldSql).hardness;
  if (record.kind === 'chart' && typeof record.fields.hardness === 'string')
    return record.fields.hardness.toLowerCase();
  return questionCategory(record.question);
}

/** The non-answer endings shared by every record kind; undefined when there is an answer to score. */
function unanswered(record: RecordResult, answered: Answered): RecordResult | undefined {
  const { outcome, answerMs, prepareMs } = answered;
  const base = prepareMs === undefined ? record : { ...record, prepareMs };
  if (outcome.kind === 'abstain') return { ...base, status: 'abstained', answerMs, reason: outcome.reason };
  if (outcome.kind === 'clarify')
    return {
      ...base,
      status: 'clarified',
      answerMs,
      reason: `asked to choose: ${outcome.options.join(' | ')}`,
    };
  if (outcome.kind === 'invalid') return { ...base, status: 'wrong', answerMs, reason: outcome.reason };
  return undefined;
}

export class EvalRun {
  private readonly sqlite = new SqliteRunner();
  private readonly tables = new Map<string, Promise<LoadedTable>>();
  /** Sources the engine has warmed up on. */
  private readonly prepared = new Set<string>();

  constructor(private readonly options: RunEvalOptions) {}

  private loadTable(path: string): Promise<LoadedTable> {
    let loaded = this.tables.get(path);
    if (!loaded) {
      const loader = this.options.tableLoader;
      if (!existsSync(path))
        loaded = Promise.reject(new RecordError(`The table file ${path} does not exist.`));
      else if (!loader)
        loaded = Promise.reject(new RecordError('No table loader is configured for CSV records.'));
      else loaded = loader.load(path);
      // Failures are cached too: every record on a broken table reports the same error without retrying.
      loaded.catch(() => undefined);
      this.tables.set(path, loaded);
    }
    return loaded;
  }

  private async ask(question: string, source: EvalSource): Promise<Answered> {
    const { answerer } = this.options;
    let prepareMs: number | undefined;
    if (answerer.prepare && !this.prepared.has(source.path)) {
      this.prepared.add(source.path);
      const started = performance.now();
      try {
        await answerer.prepare(source);
      } catch {
        // A failing warm-up shows up again, and is reported, when the engine answers.
      }
      prepareMs = performance.now() - started;
    }
    const answered = await ask(answerer, question, source, this.options.answerTimeoutMs ?? 60_000);
    return { ...answered, prepareMs };
  }

  private async scoreSql(record: SqlRecord, base: RecordResult): Promise<RecordResult> {
    const shape = sqlShape(record.goldSql);
    const withShape = { ...base, shape: shapeLabel(shape) };
    let gold: CellValue[][];
    try {
      gold = this.sqlite.run(record.db, record.goldSql);
    } catch (error) {
      return { ...withShape, status: 'error', reason: `gold SQL could not run: ${userMessage(error)}` };
    }
    const answered = await this.ask(record.question, { kind: 'sqlite', path: record.db, dialect: 'sqlite' });
    const ending = unanswered(withShape, answered);
    if (ending) return ending;
    const outcome = answered.outcome as Extract<AnswerOutcome, { kind: 'answer' }>;
    const result: RecordResult = {
      ...withShape,
      status: 'wrong',
      answerMs: answered.answerMs,
      prepareMs: answered.prepareMs,
      interpretation: outcome.interpretation,
      sql: outcome.sql,
      expected: preview(gold),
    };
    let predicted: CellValue[][];
    const started = performance.now();
    try {
      predicted =
        (outcome.values as CellValue[][] | undefined) ?? this.sqlite.run(record.db, outcome.sql ?? '');
    } catch (error) {
      return { ...result, executionMs: performance.now() - started, reason: userMessage(error) };
    }
    const executionMs = outcome.values ? undefined : performance.now() - started;
    const comparison = compareResults(gold, predicted, { ordered: shape.ordered });
    if (comparison.equal) return { ...result, status: 'correct', executionMs, expected: undefined };
    return { ...result, executionMs, reason: comparison.reason, got: preview(predicted) };
  }

  private async scoreDenotation(record: DenotationRecord, base: RecordResult): Promise<RecordResult> {
    let loaded: LoadedTable;
    try {
      loaded = await this.loadTable(record.table);
    } catch (error) {
      // A missing file or missing engine is a setup problem; failing to ingest an existing CSV is ours to fix.
      const setup =
        error instanceof RecordError ||
        (AskdataError.isInstance(error) && error.code === 'engine_unavailable');
      return {
        ...base,
        status: setup ? 'error' : 'wrong',
        reason: `table could not be loaded: ${userMessage(error)}`,
      };
    }
    const source: EvalSource = {
      kind: 'table',
      path: record.table,
      table: loaded.table,
      dialect: 'duckdb',
      query: loaded.query,
    };
    const answered = await this.ask(record.question, source);
    const ending = unanswered(base, answered);
    if (ending) return ending;
    const outcome = answered.outcome as Extract<AnswerOutcome, { kind: 'answer' }>;
    const result: RecordResult = {
      ...base,
      status: 'wrong',
      answerMs: answered.answerMs,
      prepareMs: answered.prepareMs,
      interpretation: outcome.interpretation,
      sql: outcome.sql,
      expected: record.answers,
    };
    let predicted: CellValue[][];
    const started = performance.now();
    try {
      predicted =
        (outcome.values as CellValue[][] | undefined) ?? (await loaded.query(outcome.sql ?? '')).rows;
    } catch (error) {
      return { ...result, executionMs: performance.now() - started, reason: userMessage(error) };
    }
    const executionMs = outcome.values ? undefined : performance.now() - started;
    // Every cell of the predicted result is one answer: engines return just the asked-for column(s).
    const values = predicted.flat();
    if (denotationMatches(record.answers, values)) {
      return { ...result, status: 'correct', executionMs, expected: undefined };
    }
    return { ...result, executionMs, reason: 'different answer', got: values.slice(0, 10) };
  }

  private async scoreChart(record: ChartRecord, base: RecordResult): Promise<RecordResult> {
    if (!existsSync(record.db)) {
      return { ...base, status: 'error', reason: `The database file ${record.db} does not exist.` };
    }
    const answered = await this.ask(record.question, { kind: 'sqlite', path: record.db, dialect: 'sqlite' });
    const ending = unanswered(base, answered);
    if (ending) return ending;
    const outcome = answered.outcome as Extract<AnswerOutcome, { kind: 'answer' }>;
    const common = {
      ...base,
      answerMs: answered.answerMs,
      prepareMs: answered.prepareMs,
      interpretation: outcome.interpretation,
      sql: outcome.sql,
    };
    if (outcome.chart === undefined) {
      return {
        ...common,
        status: 'skipped',
        reason: 'not scored by eval (no chart in the answer): use bench:nvbench',
      };
    }
    const normalise = (chart: string) =>
      chart
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, ' ');
    const equal = normalise(outcome.chart) === normalise(record.chart);
    return equal
      ? { ...common, status: 'correct' }
      : {
          ...common,
          status: 'wrong',
          reason: 'different chart type',
          expected: record.chart,
          got: outcome.chart,
        };
  }

  async scoreRecord(record: EvalRecord): Promise<RecordResult> {
    const base: RecordResult = {
      id: record.id,
      kind: record.kind,
      question: record.question,
      category: categoryOf(record, this.options.categoryField),
      status: 'error',
    };
    try {
      if (record.kind === 'sql') {
        if (!existsSync(record.db)) {
          return { ...base, status: 'error', reason: `The database file ${record.db} does not exist.` };
        }
        return await this.scoreSql(record, base);
      }
      if (record.kind === 'denotation') return await this.scoreDenotation(record, base);
      return await this.scoreChart(record, base);
    } catch (error) {
      // A harness-side failure on one record (e.g. an unreadable database) must not end the run.
      return { ...base, status: 'error', reason: userMessage(error) };
    }
  }

  async close(): Promise<void> {
    this.sqlite.close();
    await this.options.tableLoader?.close();
  }
}

/** Runs every record in order (one at a time, so latency figures are not distorted by contention). */
export async function runEval(
  records: readonly EvalRecord[],
  options: RunEvalOptions,
): Promise<RecordResult[]> {
  const run = new EvalRun(options);
  const results: RecordResult[] = [];
  try {
    for (const record of records) {
      const result = await run.scoreRecord(record);
      results.push(result);
      options.onResult?.(result, results.length, records.length);
    }
  } finally {
    await run.close();
  }
  return results;
}
