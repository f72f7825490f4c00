import type { FinalRunStatus, RunEvent, RunStatus } from '@askdata/store';
import type { SSEStreamingApi } from 'hono/streaming';
import type { ServerDeps } from '../app-env';
import { eventJson } from './event-json';
import type { LiveRun } from './live-run';
import type { RunSignal } from './run-manager';

const finalStatuses = new Set<RunStatus>(['succeeded', 'failed', 'cancelled']);

/** How often a stream reads the store while another process runs the run. */
const remotePollMs = 250;

/** One event to send: its name, its data as JSON text, its number (none for `done`). */
export interface EventMessage {
  event: string;
  data: string;
  id?: number;
}

/** A stream that sends events its own way (a WebSocket: one frame each) instead of as SSE text. */
export interface EventFrames {
  sendEvents(messages: readonly EventMessage[]): Promise<void>;
}

/** Server-sent events as text (event names have no line breaks; JSON data has none either). */
function sseText(messages: readonly EventMessage[]): string {
  let text = '';
  for (const { event, data, id } of messages)
    text += `event: ${event}\ndata: ${data}\n${id === undefined ? '' : `id: ${id}\n`}\n`;
  return text;
}

/** The events in one write. */
async function send(stream: SSEStreamingApi, messages: readonly EventMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const frames = stream as Partial<EventFrames>;
  if (typeof frames.sendEvents === 'function') return frames.sendEvents(messages);
  await stream.write(sseText(messages));
}

function messageOf(event: RunEvent): EventMessage {
  return { event: event.type, data: eventJson(event.data), id: event.seq };
}

function doneMessage(status: FinalRunStatus): EventMessage {
  return { event: 'done', data: JSON.stringify({ status }) };
}

/**
 * The whole stream of a run that ended in this process moments ago (a replayed answer, usually), from
 * event `afterSeq` on, `done` included: sent as one body instead of a stream. Undefined for any other run.
 */
export function finishedRunText(deps: ServerDeps, runId: string, afterSeq: number): string | undefined {
  const live = deps.runs.liveRun(runId);
  if (live?.state.kind !== 'finished') return undefined;
  const events = live.events.filter((event) => event.seq > afterSeq);
  return sseText([...events.map(messageOf), doneMessage(live.state.status)]);
}

/**
 * Streams one run's events from `afterSeq` on and ends with `event: done` and the final status. A run
 * this process executes is streamed from memory as its events happen; any other (run elsewhere, or
 * already finished) from the store, which also serves the replay after `Last-Event-ID`.
 */
export async function streamRunEvents(
  deps: ServerDeps,
  stream: SSEStreamingApi,
  runId: string,
  afterSeq: number,
): Promise<void> {
  let last = afterSeq;
  // The events at hand go out in one write (a replayed answer is a dozen events: one packet, not twelve).
  const write = async (events: readonly RunEvent[]) => {
    const messages: EventMessage[] = [];
    for (const event of events) {
      if (event.seq <= last) continue;
      messages.push(messageOf(event));
      last = event.seq;
    }
    await send(stream, messages);
  };
  let finished: FinalRunStatus | undefined;
  const live = deps.runs.liveRun(runId);
  if (live) {
    const outcome = await streamLive(live, stream, () => last, write);
    if (outcome === 'released') finished = await streamStored(deps, stream, runId, () => last, write);
    else finished = outcome;
  } else {
    finished = await streamStored(deps, stream, runId, () => last, write);
  }
  if (finished && !stream.aborted) {
    await send(stream, [doneMessage(finished)]);
  }
}

/** From memory until the run ends here; 'released' when another process turned out to run it. */
async function streamLive(
  live: LiveRun,
  stream: SSEStreamingApi,
  last: () => number,
  write: (events: readonly RunEvent[]) => Promise<void>,
): Promise<FinalRunStatus | 'released' | undefined> {
  let wake: (() => void) | undefined;
  let changed = true;
  const unsubscribe = live.subscribe(() => {
    changed = true;
    wake?.();
  });
  stream.onAbort(() => wake?.());
  try {
    while (!stream.aborted) {
      if (!changed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      changed = false;
      // Events are numbered from 1 in the order of the array.
      if (last() < live.events.length) await write(live.events.slice(last()));
      const state = live.state;
      if (state.kind === 'released') return 'released';
      if (state.kind === 'finished' && last() >= live.events.length) return state.status;
    }
    return undefined;
  } finally {
    unsubscribe();
  }
}

/** From the store, polling while the run goes on elsewhere. */
async function streamStored(
  deps: ServerDeps,
  stream: SSEStreamingApi,
  runId: string,
  last: () => number,
  write: (events: readonly RunEvent[]) => Promise<void>,
): Promise<FinalRunStatus | undefined> {
  const { store, org, runs } = deps;
  let finished: FinalRunStatus | undefined;
  let wake: (() => void) | undefined;
  const unsubscribe = runs.subscribe(runId, (signal: RunSignal) => {
    finished = signal.status;
    wake?.();
  });
  stream.onAbort(() => wake?.());
  const readStore = async () => {
    await write(await store.runs.events(runId, last()));
    const run = await store.runs.get(org.id, runId);
    if (run && finalStatuses.has(run.status)) finished = run.status as FinalRunStatus;
  };
  try {
    await readStore();
    while (!stream.aborted && !finished) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remotePollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (finished) wake();
      });
      wake = undefined;
      await readStore();
    }
    if (finished && !stream.aborted) {
      // Anything committed with the final status after the last read.
      await write(await store.runs.events(runId, last()));
    }
    return finished;
  } finally {
    unsubscribe();
  }
}
