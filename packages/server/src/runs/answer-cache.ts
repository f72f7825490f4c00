import { createHash } from 'node:crypto';
import type { PipelineEvent } from '@askdata/assistant';

/** What makes two offline runs give the same events: the question, the data seen, the permissions, the context. */
export interface AnswerKey {
  datasourceId: string;
  deniedColumns: readonly string[];
  snapshotIds: readonly string[];
  question: string;
  asOf: string | undefined;
  /** The previous answer's spec and result (follow-ups read them), or undefined. */
  previous: unknown;
}

export function answerCacheKey(key: AnswerKey): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        key.datasourceId,
        [...key.deniedColumns].sort(),
        [...key.snapshotIds].sort(),
        key.question.trim(),
        key.asOf ?? null,
        key.previous ?? null,
      ]),
    )
    .digest('hex');
}

/**
 * Event lists of finished offline runs. The offline engine is deterministic over immutable snapshots, so a
 * repeated question replays them instead of running the pipeline again; concurrent identical questions wait
 * for the first one (single flight). LLM runs are never cached.
 */
export class AnswerCache {
  private readonly entries = new Map<string, PipelineEvent[]>();
  private readonly pending = new Map<string, Promise<PipelineEvent[] | undefined>>();
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly maxEntries = 1000) {}

  /** The cached events, those of an identical run in flight once it ends, or undefined (run it yourself). */
  async lookup(key: string): Promise<PipelineEvent[] | undefined> {
    const found = this.entries.get(key) ?? (await this.pending.get(key));
    if (found) this.stats.hits++;
    else this.stats.misses++;
    return found;
  }

  /** The cached events of a finished run, without waiting for one in flight. */
  peek(key: string): PipelineEvent[] | undefined {
    const found = this.entries.get(key);
    if (found) this.stats.hits++;
    return found;
  }

  /** Marks a run of this key in flight; call `settle` with its events (or undefined when not cacheable). */
  begin(key: string): (events: PipelineEvent[] | undefined) => void {
    let settle: (events: PipelineEvent[] | undefined) => void = () => {};
    if (!this.pending.has(key)) {
      this.pending.set(
        key,
        new Promise((resolve) => {
          settle = resolve;
        }),
      );
    }
    return (events) => {
      this.pending.delete(key);
      if (events) {
        this.entries.set(key, events);
        if (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
      }
      settle(events);
    };
  }
}
