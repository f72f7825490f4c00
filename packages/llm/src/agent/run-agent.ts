/**
 * The agent loop for one question: retrieve the relevant part of the schema (BM25, blended with
 * embedding similarity when the client has an embedding model), ask the model for a
 * QuerySpec (or SQL, or several steps, or a clarifying question), run each step through the caller's
 * `execute` (compile, guard, run), and on failure repair with the error and the closest valid names —
 * at most `maxRepairs` times, each diagnosis reported as an event.
 */
import { AskdataError, type DialectName, type SemanticModel, userMessage } from '@askdata/core';
import type { PromptMessage, PromptPart } from '../privacy/request-gate';
import type { ChatReply } from '../provider/chat-model';
import type { LlmClient } from '../provider/create-llm-client';
import { agentInstructions, repairInstruction } from './agent-instructions';
import { type Candidate, parseAgentReply } from './agent-reply';
import { type ConversationTurn, memoryMessages } from './conversation-memory';
import { diagnoseError } from './diagnose-error';
import { embeddingSimilarity } from './embedding-similarity';
import { retrievalDocuments } from './retrieval-documents';
import {
  estimateTokens,
  type RetrievalOptions,
  retrieveSchema,
  type VerifiedExample,
} from './retrieve-schema';
import { type ColumnValues, renderSampleValues, renderSchema } from './schema-prompt';
import { streamCall } from './stream-call';

export interface AgentRequest {
  question: string;
  model: SemanticModel;
  dialect: DialectName;
  /** Sample values of text columns; the request gate withholds them in privacy mode. */
  samples?: ColumnValues[];
  memory?: readonly ConversationTurn[];
  examples?: VerifiedExample[];
  asOf?: string;
  signal?: AbortSignal;
  maxRepairs?: number;
  retrieval?: RetrievalOptions;
}

export interface CallUsage {
  purpose: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
}

export type AgentEvent =
  | { type: 'retrieval'; tables: string[]; omittedTables: number; schemaTokens: number }
  | { type: 'model-text'; purpose: string; delta: string }
  | { type: 'notice'; message: string }
  | { type: 'usage'; usage: CallUsage }
  | { type: 'repair'; attempt: number; error: string; diagnosis: string };

export interface ExecutedStep<T> {
  title: string;
  candidate: Candidate;
  executed: T;
}

export type AgentOutcome<T> =
  | { kind: 'answer'; interpretation: string; steps: ExecutedStep<T>[]; model: string }
  | { kind: 'clarify'; question: string; options: string[] }
  | { kind: 'cannot_answer'; reason: string };

export interface AgentTools<T> {
  /** Compiles (specs), validates with the guard and runs; throws an AskdataError to trigger repair. */
  execute(candidate: Candidate): Promise<T>;
}

export interface CallSettings {
  which: 'model' | 'cheap';
  purpose: string;
  /** Stream text as model-text events (not for text that must be checked before anyone sees it). */
  stream: boolean;
  signal?: AbortSignal;
}

/** One model call: the prompt sealed by the gate, text streamed when asked, notices, and a usage event. */
export async function* callModel(
  client: LlmClient,
  settings: CallSettings,
  system: PromptPart[],
  messages: PromptMessage[],
): AsyncGenerator<AgentEvent, ChatReply> {
  const { purpose, signal } = settings;
  const prompt = client.gate.seal({ purpose, system, messages });
  const reply: ChatReply = yield* mapStream(
    purpose,
    streamCall((onText, onNotice) =>
      client[settings.which].complete(prompt, {
        onNotice,
        ...(settings.stream ? { onText } : {}),
        ...(signal ? { signal } : {}),
      }),
    ),
  );
  yield {
    type: 'usage',
    usage: {
      purpose,
      model: reply.model,
      inputTokens: reply.usage.inputTokens,
      outputTokens: reply.usage.outputTokens,
      ...(reply.costUsd !== undefined ? { costUsd: reply.costUsd } : {}),
    },
  };
  return reply;
}

async function* mapStream<R>(
  purpose: string,
  stream: AsyncGenerator<{ type: 'text'; delta: string } | { type: 'notice'; message: string }, R>,
): AsyncGenerator<AgentEvent, R> {
  for (;;) {
    const next = await stream.next();
    if (next.done) return next.value;
    yield next.value.type === 'text'
      ? { type: 'model-text', purpose, delta: next.value.delta }
      : { type: 'notice', message: next.value.message };
  }
}

export async function* runAgent<T>(
  client: LlmClient,
  request: AgentRequest,
  tools: AgentTools<T>,
): AsyncGenerator<AgentEvent, AgentOutcome<T>> {
  const maxRepairs = request.maxRepairs ?? 2;
  const asOf = request.asOf ?? new Date().toISOString().slice(0, 10);
  const recent = (request.memory ?? [])
    .slice(-2)
    .map((turn) => turn.question)
    .join(' ');
  const query = `${request.question} ${recent}`.trim();
  const similarity = yield* embeddingSimilarity(
    client,
    client.embedding ? retrievalDocuments(request.model, request.examples, request.samples) : [],
    query,
    request.signal,
  );
  const view = retrieveSchema(request.model, query, request.examples, request.retrieval, similarity);
  const schemaText = renderSchema(view);
  yield {
    type: 'retrieval',
    tables: view.entities.map((entity) => entity.name),
    omittedTables: view.omittedTables,
    schemaTokens: estimateTokens(schemaText),
  };
  const samples = renderSampleValues(view, request.samples ?? []);
  const system: PromptPart[] = [
    { kind: 'instruction', text: agentInstructions(request.dialect, asOf) },
    { kind: 'schema', text: schemaText },
    ...(samples
      ? [{ kind: 'cell-values' as const, label: 'Sample values of text columns (data)', text: samples }]
      : []),
  ];
  const messages: PromptMessage[] = [
    ...memoryMessages(request.memory ?? []),
    { role: 'user', parts: [{ kind: 'question', text: request.question }] },
  ];

  for (let attempt = 0; ; attempt++) {
    const reply = yield* callModel(
      client,
      {
        which: 'model',
        purpose: attempt === 0 ? 'plan' : 'repair',
        stream: true,
        ...(request.signal ? { signal: request.signal } : {}),
      },
      system,
      messages,
    );
    let failed: Candidate | undefined;
    try {
      const parsed = parseAgentReply(reply.text);
      if (parsed.kind !== 'query') return parsed;
      const steps: ExecutedStep<T>[] = [];
      for (const step of parsed.steps) {
        failed = step.candidate;
        steps.push({ ...step, executed: await tools.execute(step.candidate) });
      }
      return { kind: 'answer', interpretation: parsed.interpretation, steps, model: reply.model };
    } catch (caught) {
      if (request.signal?.aborted) throw caught;
      // Anything the parser, compiler, guard or database throws is something the model may repair.
      const error = AskdataError.isInstance(caught)
        ? caught
        : new AskdataError('query_failed', userMessage(caught), { cause: caught });
      if (error.code === 'query_cancelled' || error.code === 'llm_budget_exceeded') throw error;
      const diagnosis = diagnoseError(error, failed, request.model);
      if (attempt >= maxRepairs) throw error;
      yield { type: 'repair', attempt: attempt + 1, error: error.message, diagnosis };
      messages.push(
        { role: 'assistant', parts: [{ kind: 'model-output', text: reply.text }] },
        {
          role: 'user',
          parts: [
            { kind: 'diagnostic', text: `Diagnosis:\n${diagnosis}` },
            { kind: 'instruction', text: repairInstruction },
          ],
        },
      );
    }
  }
}
