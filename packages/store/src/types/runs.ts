/** Answer runs with their replayable events, and idempotency keys. */

import type { JsonObject, JsonValue } from './json';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type FinalRunStatus = Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>;

export interface RunError {
  code: string;
  message: string;
}

export interface Run {
  id: string;
  orgId: string;
  sessionId: string;
  /** The assistant message this run fills in. */
  messageId: string;
  userId: string;
  status: RunStatus;
  /** What the worker needs to run it (question, datasource id…). */
  input: JsonObject;
  error: RunError | null;
  cancelRequested: boolean;
  /** Store `processId` of the process running it. */
  claimedBy: string | null;
  heartbeatAt: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunEvent {
  runId: string;
  /** 1, 2, 3… per run; the SSE `id:` and what `Last-Event-ID` replays after. */
  seq: number;
  type: string;
  data: JsonValue;
  createdAt: string;
}

export interface NewRunEvent {
  type: string;
  data: JsonValue;
}

export interface RunRepository {
  create(
    orgId: string,
    input: { sessionId: string; messageId: string; userId: string; input: JsonObject },
  ): Promise<Run>;
  get(orgId: string, id: string): Promise<Run | null>;
  /** queued → running for this process; null when it is not queued any more (so a run runs once). */
  claim(id: string): Promise<Run | null>;
  /** `claim` for several runs in one statement; returns those this process won, in no particular order. */
  claimMany(ids: readonly string[]): Promise<Run[]>;
  /** Claims the oldest queued run (SKIP LOCKED, safe across processes); null when none. */
  claimNext(): Promise<Run | null>;
  /** Refreshes the heartbeat of runs this process holds; returns those of them whose cancellation was asked. */
  heartbeat(ids: string[]): Promise<string[]>;
  /** Appends one event and returns it with its sequence number. */
  appendEvent(id: string, type: string, data: JsonValue): Promise<RunEvent>;
  /** Appends events in order in one transaction (numbered on from the run's last event); returns them. */
  appendEvents(id: string, events: readonly NewRunEvent[]): Promise<RunEvent[]>;
  /** Events with `seq > afterSeq` (all when omitted), in order. */
  events(id: string, afterSeq?: number): Promise<RunEvent[]>;
  /** Moves a queued/running run to a final status; null when it had already finished. */
  finish(id: string, status: FinalRunStatus, error?: RunError): Promise<Run | null>;
  /**
   * Flags cancellation; a queued run becomes 'cancelled' at once (its answer message too), a running one
   * is told via `cancelRequested`.
   */
  requestCancel(orgId: string, id: string): Promise<Run | null>;
  /**
   * On startup: runs left 'running' by processes that are gone become 'failed' (code 'interrupted')
   * and their assistant messages 'failed'. A holder is gone when its heartbeat is older than
   * `staleAfterMs`, or it ran on this host and its pid no longer exists. Returns the runs marked.
   * Queued runs are left alone: `claimNext()` picks them up, so they still run exactly once.
   */
  markInterruptedRuns(options?: { staleAfterMs?: number }): Promise<Run[]>;
}

export interface StoredResponse {
  status: number;
  body: JsonValue;
}

export type IdempotencyBegin =
  /** First time: run the request, then call `complete` (or `release` if it failed). */
  | { state: 'new' }
  /** Same key, same request, finished: send this response again. */
  | { state: 'replay'; response: StoredResponse }
  /** Same key, same request, still running elsewhere. */
  | { state: 'in_progress' }
  /** Same key used with a different request body. */
  | { state: 'mismatch' };

export interface IdempotencyRepository {
  /** Keys live 24 hours (the store's `idempotencyTtlMs`). `requestHash` is the caller's hash of method+path+body. */
  begin(orgId: string, userId: string, key: string, requestHash: string): Promise<IdempotencyBegin>;
  complete(orgId: string, userId: string, key: string, response: StoredResponse): Promise<void>;
  /** Forget an unfinished key so the client may retry. */
  release(orgId: string, userId: string, key: string): Promise<void>;
  deleteExpired(): Promise<number>;
}
