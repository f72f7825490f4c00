import type { FinalRunStatus, JsonValue, NewRunEvent, RunEvent } from '@askdata/store';

/** Where a live run stands: still running here, ended with a final status, or run by another process. */
export type LiveRunState =
  | { kind: 'running' }
  | { kind: 'finished'; status: FinalRunStatus }
  | { kind: 'released' };

/**
 * A run this process has taken on, from its start to its last commit. Its events are numbered and kept
 * here, so the streams of this process send them the moment they happen; the run manager persists them
 * in batches behind (`unpersisted` / `markPersisted`). Streams of other processes, and later replays,
 * read the store.
 */
export class LiveRun {
  /** Every event so far; `events[i].seq === i + 1`. */
  readonly events: RunEvent[] = [];
  private persistedCount = 0;
  private currentState: LiveRunState = { kind: 'running' };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly id: string,
    /** Who may read it (the asker) before the store is asked. */
    readonly userId: string,
  ) {}

  /** A run that ended before any stream followed it, with all its events already in the store. */
  static stored(id: string, userId: string, events: readonly NewRunEvent[], status: FinalRunStatus): LiveRun {
    const live = new LiveRun(id, userId);
    for (const event of events) live.push(event.type, event.data);
    live.markPersisted(events.length);
    live.finish(status);
    return live;
  }

  get state(): LiveRunState {
    return this.currentState;
  }

  push(type: string, data: JsonValue): RunEvent {
    const event: RunEvent = {
      runId: this.id,
      seq: this.events.length + 1,
      type,
      data,
      createdAt: new Date().toISOString(),
    };
    this.events.push(event);
    this.notify();
    return event;
  }

  /** Events not yet in the store, oldest first. */
  unpersisted(): RunEvent[] {
    return this.events.slice(this.persistedCount);
  }

  markPersisted(count: number): void {
    this.persistedCount += count;
  }

  /** Ends the run for its streams (after the final status is committed). */
  finish(status: FinalRunStatus): void {
    this.currentState = { kind: 'finished', status };
    this.notify();
  }

  /** Another process claimed it: streams go on from the store. */
  release(): void {
    this.currentState = { kind: 'released' };
    this.notify();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
