import {
  AskdataError,
  type CellValue,
  compileQuery,
  type QueryResult,
  type ScalarValue,
  userMessage,
} from '@askdata/core';
import { dryRun } from '@askdata/guard';
import { type Understanding, understand } from '@askdata/language';
import type { ConversationTurn, LlmClient, VerifiedExample } from '@askdata/llm';
import type { Answer } from './answer';
import type { ExecutedQuery } from './execute-query';
import { askWithLlm } from './llm-path';
import type { PipelineEvent } from './pipeline-event';
import type { PreparedSource } from './prepare-source';
import { presentAnswer } from './present-answer';
import { StepClock } from './step-clock';

export type EngineChoice = 'offline' | 'llm' | 'auto';

export interface AskOptions {
  /** "Today" for relative dates (YYYY-MM-DD); default: the current date. */
  asOf?: string;
  /** The previous answer in this conversation, for follow-ups ("now by month", "why?"). */
  previous?: Pick<Answer, 'spec' | 'result'>;
  maxRows?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * offline: the embedded language engine only. llm: the LLM agent. auto (the default when an LLM is
   * given): the offline engine first as a fast path, the LLM when the offline reading is not confident;
   * when both answer differently the answer shows both.
   */
  engine?: EngineChoice;
  /** The configured LLM client (providers, budget, request gate); required for llm and auto. */
  llm?: LlmClient;
  /** Earlier turns of this conversation (specs, SQL, summaries; never rows), for LLM follow-ups. */
  memory?: readonly ConversationTurn[];
  /** Verified question→SQL pairs the LLM may retrieve as examples. */
  examples?: VerifiedExample[];
  /** In auto mode, offline readings at or above this confidence skip the LLM (default 0.9). */
  fastPathConfidence?: number;
}

const defaults = { maxRows: 5000, timeoutMs: 30_000 };

/** At or above this confidence, `auto` answers offline without asking the LLM. */
export const fastPathConfidence = 0.9;

function firstRow(result: QueryResult): Record<string, ScalarValue> | undefined {
  const row = result.rows[0];
  if (!row) return undefined;
  const entries = result.columns
    .map((column, index) => [column.name, row[index]] as [string, CellValue | undefined])
    .filter((entry): entry is [string, ScalarValue] => entry[1] !== null && entry[1] !== undefined);
  return Object.fromEntries(entries);
}

function isLlmFailure(error: unknown): boolean {
  return AskdataError.isInstance(error) && error.code.startsWith('llm_');
}

function understandOffline(question: string, prepared: PreparedSource, options: AskOptions): Understanding {
  const previousTop = options.previous ? firstRow(options.previous.result) : undefined;
  return understand(question, {
    model: prepared.model,
    valueIndex: prepared.values,
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.previous?.spec ? { previous: options.previous.spec } : {}),
    ...(previousTop ? { previousTop } : {}),
  });
}

/**
 * One question through the pipeline: understand (offline engine or LLM agent) → compile → validate →
 * execute → verify → chart → narrate. Yields events as it goes and ends with an answer, a
 * clarification, an abstention or an error.
 */
export async function* askQuestion(
  question: string,
  prepared: PreparedSource,
  options: AskOptions = {},
): AsyncGenerator<PipelineEvent> {
  const engine = options.engine ?? (options.llm ? 'auto' : 'offline');
  const limits = {
    maxRows: options.maxRows ?? defaults.maxRows,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const clock = new StepClock();
  try {
    if (engine !== 'offline' && !options.llm) {
      throw new AskdataError(
        'llm_not_configured',
        'No LLM is configured: set ASKDATA_LLM (for example openai:gpt-4.1-mini or ollama:llama3.1), or use the offline engine.',
      );
    }
    let offline: Understanding | undefined;
    if (engine !== 'llm') {
      yield clock.begin('understanding');
      offline = understandOffline(question, prepared, options);
      yield clock.finish();
    }
    const llm = options.llm;
    const fastPath =
      offline?.kind === 'spec' && offline.confidence >= (options.fastPathConfidence ?? fastPathConfidence);
    if (engine === 'offline' || fastPath || !llm) {
      if (offline) yield* answerOffline(question, prepared, offline, options, limits, clock);
      return;
    }
    try {
      yield* askWithLlm(
        question,
        prepared,
        { ...options, llm, ...(offline ? { offline } : {}) },
        limits,
        clock,
      );
    } catch (error) {
      // In auto mode the offline reading is the fallback when the model cannot be used.
      if (engine !== 'auto' || offline?.kind !== 'spec' || !isLlmFailure(error)) throw error;
      yield { type: 'warning', message: `${userMessage(error)} Answering with the offline engine instead.` };
      yield* answerOffline(question, prepared, offline, options, limits, clock);
    }
  } catch (error) {
    const code = AskdataError.isInstance(error) ? error.code : 'internal';
    yield { type: 'error', code, message: userMessage(error) };
  }
}

async function* answerOffline(
  question: string,
  prepared: PreparedSource,
  understanding: Understanding,
  options: AskOptions,
  limits: { maxRows: number; timeoutMs: number; signal?: AbortSignal },
  clock: StepClock,
): AsyncGenerator<PipelineEvent> {
  const { source, model } = prepared;
  if (understanding.kind === 'clarify') {
    yield { type: 'clarification', question: understanding.question, options: understanding.candidates };
    return;
  }
  if (understanding.kind === 'abstain') {
    yield {
      type: 'abstention',
      reason: understanding.reason,
      understood: understanding.understood,
      notUnderstood: understanding.notUnderstood,
      suggestions: understanding.suggestions,
    };
    return;
  }
  const { spec } = understanding;
  const corrections = understanding.corrections.map((correction) => ({
    from: correction.from,
    to: correction.to,
  }));
  yield {
    type: 'interpretation',
    text: understanding.interpretation,
    confidence: understanding.confidence,
    spec,
    corrections,
  };

  yield clock.begin('planning');
  const compiled = compileQuery(spec, model, source.dialect);
  // One row beyond the cap, so the run can tell that the result was cut.
  const { sql: validated, tables } = await source.validate(compiled.sql, limits.maxRows + 1);
  yield { type: 'sql', sql: validated, dialect: source.dialect };
  const { warnings } = await dryRun(source, validated);
  for (const message of warnings) yield { type: 'warning', message };
  yield clock.finish();

  yield clock.begin('querying');
  const result = await source.run(validated, limits);
  yield { type: 'rows', result };
  yield clock.finish();

  const executed: ExecutedQuery = {
    spec,
    sql: validated,
    tables,
    columns: compiled.columns,
    result,
    warnings,
  };
  const answer = yield* presentAnswer(
    prepared,
    executed,
    {
      question,
      interpretation: understanding.interpretation,
      confidence: understanding.confidence,
      corrections,
      ...(options.asOf ? { asOf: options.asOf } : {}),
      limits,
    },
    clock,
  );
  yield { type: 'answer', answer: { ...answer, engine: 'offline' } };
}
