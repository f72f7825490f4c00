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

  /** Keeps a complete answer committed here for the next follow-up. */
  remember(messageId: string, answer: JsonValue | null): void {
    const { spec, result } = (answer ?? {}) as Partial<Answer>;
    if (!spec || !result) return;
    this.recentAnswers.set(messageId, { spec, result });
    if (this.recentAnswers.size > maxRecentAnswers) {
      const oldest = this.recentAnswers.keys().next().value;
      if (oldest !== undefined) this.recentAnswers.delete(oldest);
    }
  }
}
