import { AskdataError, describeQuerySpec, userMessage } from '@askdata/core';
import type { Understanding } from '@askdata/language';
import {
  type AgentEvent,
  type AgentOutcome,
  type LlmClient,
  phraseNarrative,
  runAgent,
  summariseResult,
} from '@askdata/llm';
import type { AskOptions } from './ask-question';
import { type ExecutedQuery, executeQuery, type QueryLimits } from './execute-query';
import type { Interpretation, PipelineEvent } from './pipeline-event';
import type { PreparedSource } from './prepare-source';
import { presentAnswer } from './present-answer';
import { sameResult } from './same-result';
import type { StepClock } from './step-clock';

type LlmAskOptions = AskOptions & { llm: LlmClient; offline?: Understanding };

/** Confidence of an LLM answer: fair by default, lower for each repair it needed. */
function llmConfidence(repairs: number): number {
  return Math.max(0.4, 0.8 - 0.15 * repairs);
}

function toPipelineEvent(event: AgentEvent, llm: LlmClient): PipelineEvent {
  switch (event.type) {
    case 'notice':
      return { type: 'warning', message: event.message };
    case 'usage':
      return { type: 'usage', ...event.usage, session: { ...llm.meter.session } };
    default:
      return event;
  }
}

/** Passes an agent generator's events on as pipeline events and returns its result. */
async function* relay<R>(
  events: AsyncGenerator<AgentEvent, R>,
  llm: LlmClient,
): AsyncGenerator<PipelineEvent, R> {
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value;
    yield toPipelineEvent(next.value, llm);
  }
}

/**
 * The LLM path: retrieve → plan (QuerySpec, SQL or steps) → execute through the guard, with repair →
 * verify, chart, narrate → let the model phrase the narrative under the number check. When the offline
 * engine also read the question (auto mode) and its result differs, the answer shows both readings.
 */
export async function* askWithLlm(
  question: string,
  prepared: PreparedSource,
  options: LlmAskOptions,
  limits: QueryLimits,
  clock: StepClock,
): AsyncGenerator<PipelineEvent> {
  const { llm } = options;
  const start = llm.meter.snapshot();
  yield clock.begin('retrieving');
  const agent = runAgent(
    llm,
    {
      question,
      model: prepared.model,
      dialect: prepared.source.dialect,
      samples: (prepared.samples ?? []).map((sample) => ({
        table: sample.table,
        column: sample.column,
        values: sample.values.filter((value): value is string => typeof value === 'string'),
      })),
      ...(options.memory ? { memory: options.memory } : {}),
      ...(options.examples ? { examples: options.examples } : {}),
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    { execute: (candidate) => executeQuery(prepared, candidate, limits) },
  );
  let outcome: AgentOutcome<ExecutedQuery>;
  let repairs = 0;
  for (;;) {
    const next = await agent.next();
    if (next.done) {
      outcome = next.value;
      break;
    }
    yield toPipelineEvent(next.value, llm);
    if (next.value.type === 'retrieval') {
      yield clock.finish();
      yield clock.begin('planning');
    }
    if (next.value.type === 'repair') repairs += 1;
  }
  yield clock.finish();

  if (outcome.kind === 'clarify') {
    yield {
      type: 'clarification',
      question: outcome.question,
      options: outcome.options.map((description) => ({ description })),
    };
    return;
  }
  if (outcome.kind === 'cannot_answer') {
    yield { type: 'abstention', reason: outcome.reason, understood: [], notUnderstood: [], suggestions: [] };
    return;
  }

  const steps = outcome.steps;
  const primary = steps.at(-1);
  if (!primary) throw new AskdataError('internal', 'The LLM answered with no steps.');
  // The model's own sentence, else what its spec says, else the step's title.
  const interpretation =
    outcome.interpretation ||
    (primary.executed.spec ? describeQuerySpec(primary.executed.spec, prepared.model) : '') ||
    primary.title ||
    'SQL written by the model';
  const confidence = llmConfidence(repairs);
  yield {
    type: 'interpretation',
    text: interpretation,
    confidence,
    ...(primary.executed.spec ? { spec: primary.executed.spec } : {}),
    corrections: [],
  };
  yield clock.begin('querying');
  for (const step of steps) {
    yield { type: 'sql', sql: step.executed.sql, dialect: prepared.source.dialect };
    for (const message of step.executed.warnings) yield { type: 'warning', message };
    yield { type: 'rows', result: step.executed.result };
  }
  yield clock.finish();

  const alternatives = yield* compareWithOffline(
    prepared,
    options.offline,
    primary.executed,
    interpretation,
    limits,
  );
  const answer = yield* presentAnswer(
    prepared,
    primary.executed,
    {
      question,
      interpretation,
      confidence,
      corrections: [],
      ...(options.asOf ? { asOf: options.asOf } : {}),
      limits,
    },
    clock,
  );
  if (alternatives) {
    const offline = alternatives.find((item) => item.engine === 'offline');
    answer.narrative.caveats.unshift({
      code: 'assumption',
      message: `The offline engine read the question differently (${offline?.text ?? 'another reading'}) and got a different result; this answer uses the LLM's reading.`,
      weight: 0.15,
    });
  }

  const phrasing = yield* (async function* () {
    try {
      return yield* relay(
        phraseNarrative(
          llm,
          question,
          { text: answer.narrative.text, facts: answer.narrative.facts },
          options.signal,
        ),
        llm,
      );
    } catch (error) {
      // Phrasing is optional: a failed call keeps the deterministic narrative.
      if (AskdataError.isInstance(error) && error.code === 'llm_budget_exceeded') throw error;
      return {
        phrasedBy: 'deterministic' as const,
        text: answer.narrative.text,
        reason: `the model could not phrase it (${userMessage(error)})`,
      };
    }
  })();
  answer.narrative.text = phrasing.text;
  yield {
    type: 'narrative',
    text: phrasing.text,
    phrasedBy: phrasing.phrasedBy,
    ...(phrasing.phrasedBy === 'deterministic' ? { rejected: phrasing.reason } : {}),
  };
  const usage = llm.meter.since(start);
  yield {
    type: 'answer',
    answer: {
      ...answer,
      engine: 'llm',
      ...(steps.length > 1
        ? {
            steps: steps.slice(0, -1).map((step) => ({
              title: step.title,
              ...(step.executed.spec ? { spec: step.executed.spec } : {}),
              sql: step.executed.sql,
              result: step.executed.result,
            })),
          }
        : {}),
      ...(alternatives ? { alternatives } : {}),
      llm: {
        model: outcome.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costUsd: usage.costUsd,
        costIncomplete: usage.costIncomplete,
        narrativePhrasedBy: phrasing.phrasedBy,
        ...(phrasing.phrasedBy === 'deterministic' ? { narrativeNote: phrasing.reason } : {}),
      },
    },
  };
}

/** Runs the offline reading too (auto mode); both interpretations when the results differ. */
async function* compareWithOffline(
  prepared: PreparedSource,
  offline: Understanding | undefined,
  chosen: ExecutedQuery,
  interpretation: string,
  limits: QueryLimits,
): AsyncGenerator<PipelineEvent, Interpretation[] | undefined> {
  if (offline?.kind !== 'spec') return undefined;
  let theirs: ExecutedQuery;
  try {
    theirs = await executeQuery(prepared, { kind: 'spec', spec: offline.spec }, limits);
  } catch {
    return undefined;
  }
  if (sameResult(theirs.result, chosen.result)) return undefined;
  const describe = (engine: 'offline' | 'llm', text: string, executed: ExecutedQuery): Interpretation => ({
    engine,
    text,
    sql: executed.sql,
    summary: summariseResult(
      executed.result.rowCount,
      executed.result.columns.map((column) => column.name),
    ),
  });
  const interpretations = [
    describe('llm', interpretation, chosen),
    describe('offline', offline.interpretation, theirs),
  ];
  yield { type: 'disagreement', chosen: 'llm', interpretations };
  return interpretations;
}
