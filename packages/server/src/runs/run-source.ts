import { randomUUID } from 'node:crypto';
import type { KnownAnswer, NewQuestion, Organisation, Store } from '@askdata/store';
import type { SourceRegistry } from '../sources/source-registry';
import { type AnswerCache, answerCacheKey } from './answer-cache';
import type { FollowUpMemory } from './follow-up-memory';
import { replayedAnswer } from './replayed-answer';
import { type RunInput, runInputSchema } from './run-input';

interface SourceDeps {
  store: Store;
  org: Organisation;
  sources: SourceRegistry;
}

export type RunSource = NonNullable<Awaited<ReturnType<typeof runSourceFor>>>;

/** A run's datasource, with the columns its asker may not see, prepared for questions; undefined if gone. */
export async function runSourceFor({ store, org, sources }: SourceDeps, input: RunInput, userId: string) {
  const datasource = await store.datasources.get(org.id, input.datasourceId);
  if (!datasource) return undefined;
  const permission = await store.permissions.get(org.id, datasource.id, userId);
  const deniedColumns = permission?.deniedColumns ?? [];
  const prepared = await sources.prepare(datasource, deniedColumns);
  const configured = datasource.config['asOf'];
  const asOf = input.asOf ?? (typeof configured === 'string' ? configured : undefined);
  return { datasource, deniedColumns, prepared, asOf };
}

/**
 * Offline answers are deterministic over the snapshots: a repeated question replays the stored events
 * (the key names all they depend on). A database's data is live (no snapshots), so its answers are never
 * replayed: no key. Nor are an LLM's: the caller asks only without one.
 */
export function offlineAnswerKey(
  { datasource, deniedColumns, prepared, asOf }: RunSource,
  input: RunInput,
  previous: unknown,
): string | undefined {
  if (datasource.kind !== 'workspace') return undefined;
  return answerCacheKey({
    datasourceId: datasource.id,
    deniedColumns,
    snapshotIds: prepared.source.snapshotIds(datasource.tables),
    question: input.question,
    asOf,
    previous,
  });
}

/**
 * A repeated offline question whose answer this process has at hand (same data, permissions and previous
 * reply): committed with its run already finished, it needs no run and no second transaction.
 */
export async function knownAnswerOf(
  deps: SourceDeps,
  question: NewQuestion,
  followUps: FollowUpMemory,
  answers: AnswerCache,
): Promise<KnownAnswer | undefined> {
  const input = runInputSchema.safeParse(question.input);
  const base = followUps.latestKnown(question.sessionId);
  if (!input.success || !base) return undefined;
  const source = await runSourceFor(deps, input.data, question.userId);
  const key = source && offlineAnswerKey(source, input.data, base.previous);
  const cached = key ? answers.peek(key) : undefined;
  if (!source || !cached) return undefined;
  const context = { runId: randomUUID(), userId: question.userId, datasourceId: source.datasource.id };
  return replayedAnswer(cached, context, base.replyId);
}
