import type { RunEvent } from '@askdata/store';
import type { Logger } from 'pino';
import type { LiveRun } from './live-run';

/**
 * Writes a live run's events to the store in batches: one write at most `delayMs` after the first
 * unwritten event, one write at a time, so a question costs a few transactions instead of one per event.
 * A failed batch stays unwritten and goes with the next one (or the run's final transaction).
 */
export class EventPersister {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly live: LiveRun,
    /** Stores the events; resolves with the number the store gave the first. */
    private readonly write: (events: RunEvent[]) => Promise<number | null>,
    private readonly delayMs: number,
    private readonly logger: Logger,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.writeNow());
    }, this.delayMs);
  }

  /** Stops the timer and waits for the write in flight; what is left is the caller's to write. */
  async settle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
  }

  private async writeNow(): Promise<void> {
    const events = this.live.unpersisted();
    if (events.length === 0) return;
    try {
      const first = await this.write(events);
      this.live.markPersisted(events.length);
      if (first !== events[0]?.seq) {
        this.logger.error(
          { runId: this.live.id, stored: first, local: events[0]?.seq },
          'run events were numbered differently in the store',
        );
      }
    } catch (error) {
      this.logger.warn(
        { err: error, runId: this.live.id },
        'writing run events failed; retrying with the next batch',
      );
      this.schedule();
    }
  }
}
