import type { Answer } from '@askdata/assistant';
import type { JsonValue, Run, Store } from '@askdata/store';

/** What a follow-up builds on: the previous answer's spec and result. */
export type FollowUpBase = Pick<Answer, 'spec' | 'result'>;

/** Answers kept in memory for follow-ups (the latest of each busy session). */
const maxRecentAnswers = 1000;

/**
 * The previous answer of a run's session. Complete answers never change, so the ones committed in this
 * process are kept in memory; others are read from the store.
 */
export class FollowUpMemory {
  private readonly recentAnswers = new Map<string, FollowUpBase>();
  /** Each busy session's latest complete reply committed here (a guess: the store has the last word). */
  private readonly latestReplies = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly orgId: string,
  ) {}

  /** The last answer in the session, for follow-ups ("now by month"). */
  async previousAnswer(run: Run): Promise<FollowUpBase | undefined> {
    const { store, orgId } = this;
    // The latest reply when the question was committed (runs from before that was recorded: read it now).
    // Usually it is an answer committed here, kept in memory. Otherwise look further back.
    const recorded = (run.input as { previousReplyId?: unknown }).previousReplyId;
    const latest =
      typeof recorded === 'string' || recorded === null
        ? recorded
        : await store.messages.lastCompleteReplyId(orgId, run.sessionId, run.messageId);
    if (!latest) return undefined;
    const recent = this.recentAnswers.get(latest);
    if (recent) return recent;
    const id = await store.messages.lastAnswerId(orgId, run.sessionId, run.messageId);
    if (!id) return undefined;
    const known = this.recentAnswers.get(id);
    if (known) return known;
    const answer = (await store.messages.get(orgId, id))?.answer as unknown as Partial<Answer> | null;
    return answer?.spec && answer.result ? { spec: answer.spec, result: answer.result } : undefined;
  }

  /**
   * What the next question of a session would build on, as far as this process knows without a read: the
   * session's latest reply committed here and its answer. Undefined when that answer is not at hand. The
   * commit checks the reply is still the latest.
   */
  latestKnown(sessionId: string): { replyId: string; previous: FollowUpBase } | undefined {
    const replyId = this.latestReplies.get(sessionId);
    const previous = replyId === undefined ? undefined : this.recentAnswers.get(replyId);
    return replyId !== undefined && previous ? { replyId, previous } : undefined;
  }

  /** A complete reply committed here: kept for the next follow-up, and as the session's latest. */
  replied(sessionId: string, messageId: string, answer: JsonValue | null): void {
    remember(this.latestReplies, sessionId, messageId);
    const { spec, result } = (answer ?? {}) as Partial<Answer>;
    if (spec && result) remember(this.recentAnswers, messageId, { spec, result });
  }
}

/** Sets the entry as the newest of a bounded map, dropping the oldest beyond the bound. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxRecentAnswers) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}
