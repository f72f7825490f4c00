import { EventEmitter } from 'node:events';
import { type AskOptions, askQuestion, type PipelineEvent } from '@askdata/assistant';
import { userMessage } from '@askdata/core';
import {
  type AskedQuestion,
  createGroupCommit,
  type FinalRunStatus,
  type JsonValue,
  type KnownAnswer,
  type NewAuditEntry,
  type NewQuestion,
  type NewRunEvent,
  type Organisation,
  type Run,
  type RunConclusion,
  type Store,
} from '@askdata/store';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../ops/server-metrics';
import type { SourceRegistry } from '../sources/source-registry';
import { AnswerCache } from './answer-cache';
import { EventPersister } from './event-persister';
import { FollowUpMemory } from './follow-up-memory';
import { LiveRun } from './live-run';
import { RecentRuns } from './recent-runs';
import { firstStep, RunRecorder } from './replayed-answer';
import { runInputSchema } from './run-input';
import { type Outcome, outcomeOf, unfinished } from './run-outcome';
import { RunSlots } from './run-slots';
import { knownAnswerOf, offlineAnswerKey, runSourceFor } from './run-source';

/** What streams that read the store learn early: a run ended (cancelled while queued, or interrupted). */
export type RunSignal = { kind: 'finished'; status: FinalRunStatus };

export interface RunManagerOptions {
  store: Store;
  org: Organisation;
  sources: SourceRegistry;
  logger: Logger;
  metrics: ServerMetrics;
  heartbeatMs: number;
  staleRunMs: number;
  maxRows: number;
  queryTimeoutMs: number;
  /** The configured LLM: questions then run in `auto` mode (offline first, the LLM when unsure). */
  llm?: NonNullable<AskOptions['llm']>;
  /** Longest wait before a running run's events reach the store (other processes replay them from there). */
  eventFlushMs?: number;
  /** Runs answering at once in this process (default 8); more wait, their first event already sent. */
  maxConcurrentRuns?: number;
}

/** Queued runs this process adopts per heartbeat at most, beside the ones it runs already. */
const maxAdoptedRuns = 4;

const messageStatus = { succeeded: 'complete', failed: 'failed', cancelled: 'cancelled' } as const;

/**
 * Executes answer runs: claims each one in the store (so exactly one process runs it), streams
 * `askQuestion` events to the local streams from memory and into the run's event log in batches, fills
 * the assistant message and commits the last events with the final status in one transaction, and keeps
 * heartbeats so a crashed holder's runs can be marked failed.
 */
export class RunManager {
  private readonly active = new Map<string, AbortController>();
  private readonly live = new Map<string, LiveRun>();
  private readonly toClaim: LiveRun[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly signals = new EventEmitter().setMaxListeners(0);
  private readonly finishedRuns = new RecentRuns();
  private readonly slots: RunSlots;
  private readonly followUps: FollowUpMemory;
  readonly answers = new AnswerCache();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Questions asked together commit together (group commit), and so do runs that end together. */
  private readonly askTogether: (question: NewQuestion) => Promise<AskedQuestion>;
  private readonly concludeTogether: (conclusion: RunConclusion) => Promise<Run | null>;
  private readonly appendTogether: (batch: {
    runId: string;
    events: NewRunEvent[];
  }) => Promise<number | null>;

  constructor(private readonly options: RunManagerOptions) {
    const { store, org } = options;
    this.slots = new RunSlots(options.maxConcurrentRuns ?? 8);
    this.followUps = new FollowUpMemory(store, org.id);
    this.askTogether = createGroupCommit((questions) => store.questions.ask(org.id, questions));
    this.concludeTogether = createGroupCommit((conclusions) => store.questions.conclude(org.id, conclusions));
    this.appendTogether = createGroupCommit((batches) => store.questions.appendEvents(org.id, batches));
  }

  /**
   * Commits the question (user message, pending answer, queued run, audit entry) and starts its run. When
   * this resolves the question is durable: a crash after it leaves a run that is marked failed or adopted.
   */
  async ask(question: NewQuestion): Promise<Run> {
    const started = performance.now();
    const knownAnswer =
      this.stopping || this.options.llm
        ? undefined
        : await knownAnswerOf(this.options, question, this.followUps, this.answers);
    const { run } = await this.askTogether({
      ...question,
      claim: !this.stopping,
      ...(knownAnswer ? { knownAnswer } : {}),
    });
    if (knownAnswer && run.id === knownAnswer.runId) {
      this.answeredAtIntake(run, knownAnswer, started);
      return run;
    }
    if (run.status === 'running') {
      // Committed claimed by this process: it runs here (even if shutdown began meanwhile: the drain then
      // stops it and it ends cancelled, never left hanging), no claim statement needed.
      const live = new LiveRun(run.id, run.userId);
      this.live.set(run.id, live);
      this.track(() => this.execute(run, live));
    } else this.start(run);
    return run;
  }

  private answeredAtIntake(run: Run, known: KnownAnswer, started: number): void {
    this.finishedRuns.add(LiveRun.stored(run.id, run.userId, known.events, 'succeeded'));
    this.followUps.replied(run.sessionId, run.messageId, known.message.answer);
    this.options.metrics.runsFinished.inc({ status: 'succeeded' });
    this.options.metrics.answeredAtIntake.inc();
    this.options.metrics.runSeconds.observe((performance.now() - started) / 1000);
    this.signals.emit(run.id, { kind: 'finished', status: 'succeeded' } satisfies RunSignal);
  }

  /** Starts the heartbeat / cancellation / stale-run loop. */
  startLoop(): void {
    this.timer = setInterval(() => {
      this.tick().catch((error) => this.options.logger.warn({ err: error }, 'run heartbeat failed'));
    }, this.options.heartbeatMs);
    this.timer.unref();
  }

  get activeCount(): number {
    return this.active.size;
  }

  isLocal(runId: string): boolean {
    return this.active.has(runId);
  }

  /**
   * The run while this process runs it (or is about to claim it), or one that ended here moments ago; its
   * streams read events from here.
   */
  liveRun(runId: string): LiveRun | undefined {
    return this.live.get(runId) ?? this.finishedRuns.get(runId);
  }

  /** Runs it in the background if this process wins the claim (runs started together are claimed together). */
  start(run: Pick<Run, 'id' | 'userId'>): void {
    if (this.stopping || this.live.has(run.id)) return;
    const live = new LiveRun(run.id, run.userId);
    this.live.set(run.id, live);
    this.toClaim.push(live);
    // Tracked at once, so a drain that starts before the claim still waits for these runs.
    if (this.toClaim.length === 1)
      this.track(() => new Promise(setImmediate).then(() => this.claimStarted()));
  }

  private async claimStarted(): Promise<void> {
    const lives = this.toClaim.splice(0);
    const claimed = await this.options.store.runs
      .claimMany(lives.map((live) => live.id))
      .catch((error: unknown) => {
        for (const live of lives) this.release(live);
        throw error;
      });
    const won = new Map(claimed.map((run) => [run.id, run]));
    await Promise.all(
      lives.map((live) => {
        const run = won.get(live.id);
        if (!run) return this.release(live);
        return this.execute(run, live).catch((error) =>
          this.options.logger.error({ err: error, runId: run.id }, 'run failed outside the pipeline'),
        );
      }),
    );
  }

  private release(live: LiveRun): void {
    if (this.live.get(live.id) === live) this.live.delete(live.id);
    live.release();
  }

  private track(work: () => Promise<void>): void {
    const running = work().catch((error) =>
      this.options.logger.error({ err: error }, 'run failed outside the pipeline'),
    );
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }

  /** Local listeners of one run (the SSE streams of this process). */
  subscribe(runId: string, listener: (signal: RunSignal) => void): () => void {
    this.signals.on(runId, listener);
    return () => this.signals.off(runId, listener);
  }

  /** Asks the run to stop: at once when it runs here, at the next heartbeat when elsewhere. */
  async cancel(runId: string): Promise<Run | null> {
    const run = await this.options.store.runs.requestCancel(this.options.org.id, runId);
    this.active.get(runId)?.abort();
    if (run?.status === 'cancelled') this.signals.emit(runId, { kind: 'finished', status: 'cancelled' });
    return run;
  }

  /** Graceful shutdown: take no new runs and wait (up to `timeoutMs`) for the ones in flight. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    const all = Promise.all([...this.running]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    for (const controller of this.active.values()) controller.abort();
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  private async tick(): Promise<void> {
    const { store, staleRunMs } = this.options;
    const ids = [...this.active.keys()];
    if (ids.length > 0) {
      for (const id of await store.runs.heartbeat(ids)) this.active.get(id)?.abort();
    }
    const marked = await store.runs.markInterruptedRuns({ staleAfterMs: staleRunMs });
    for (const run of marked) this.signals.emit(run.id, { kind: 'finished', status: 'failed' });
    // Queued runs whose process died between commit and claim (or that another process left) run here.
    while (!this.stopping && this.active.size < maxAdoptedRuns) {
      const run = await store.runs.claimNext();
      if (!run) break;
      const live = new LiveRun(run.id, run.userId);
      this.live.set(run.id, live);
      this.track(() => this.execute(run, live));
    }
  }

  private async execute(run: Run, live: LiveRun): Promise<void> {
    const { logger, metrics } = this.options;
    const controller = new AbortController();
    this.active.set(run.id, controller);
    metrics.runsActive.inc();
    const persister = new EventPersister(
      live,
      (events) =>
        this.appendTogether({ runId: run.id, events: events.map(({ type, data }) => ({ type, data })) }),
      this.options.eventFlushMs ?? 100,
      logger,
    );
    const emit = (type: string, data: JsonValue) => {
      live.push(type, data);
      persister.schedule();
    };
    emit(firstStep.type, firstStep as unknown as JsonValue);
    // The run's audit entries commit with its final status (one transaction for the runs ending together).
    const audit: NewAuditEntry[] = [];
    const started = performance.now();
    let outcome: Outcome = {
      status: 'failed',
      error: { code: 'internal', message: 'The run ended without an answer.' },
      message: { content: 'The run ended without an answer.', answer: null },
    };
    try {
      const release = await this.slots.acquire(controller.signal);
      try {
        outcome = await this.perform(run, controller.signal, emit, audit);
      } finally {
        release();
      }
    } catch (error) {
      logger.error({ err: error, runId: run.id }, 'run failed');
      const message = userMessage(error);
      outcome = {
        status: 'failed',
        error: { code: 'internal', message },
        message: { content: message, answer: null },
      };
      emit('error', { type: 'error', code: 'internal', message });
    } finally {
      this.active.delete(run.id);
      metrics.runsActive.dec();
    }
    if (controller.signal.aborted && outcome.status !== 'succeeded') {
      outcome = {
        status: 'cancelled',
        error: { code: 'query_cancelled', message: 'The run was cancelled.' },
        message: { content: 'Cancelled.', answer: null },
      };
    }
    if (outcome.status === 'cancelled') {
      audit.push({
        action: 'run.cancelled',
        actor: { userId: run.userId },
        targetType: 'run',
        targetId: run.id,
      });
    }
    let finished: Run | null;
    try {
      await persister.settle();
      // The last events, the answer and the final status commit together.
      const rest = live.unpersisted();
      finished = await this.concludeTogether({
        runId: run.id,
        messageId: run.messageId,
        events: rest.map(({ type, data }) => ({ type, data })),
        message: {
          content: outcome.message.content,
          answer: outcome.message.answer,
          status: messageStatus[outcome.status],
        },
        status: outcome.status,
        ...(outcome.error ? { error: outcome.error } : {}),
        audit,
      });
      live.markPersisted(rest.length);
    } catch (error) {
      // Streams go on from the store; the run is marked failed once its heartbeat is stale.
      this.release(live);
      throw error;
    }
    const status = finished?.status ?? outcome.status;
    if (finished?.status === 'succeeded')
      this.followUps.replied(run.sessionId, run.messageId, outcome.message.answer);
    metrics.runsFinished.inc({ status });
    metrics.runSeconds.observe((performance.now() - started) / 1000);
    if (this.live.get(run.id) === live) this.live.delete(run.id);
    live.finish(status as FinalRunStatus);
    this.finishedRuns.add(live);
    this.signals.emit(run.id, { kind: 'finished', status: status as FinalRunStatus } satisfies RunSignal);
  }

  private async perform(
    run: Run,
    signal: AbortSignal,
    emit: (type: string, data: JsonValue) => void,
    audit: NewAuditEntry[],
  ): Promise<Outcome> {
    const input = runInputSchema.parse(run.input);
    const source = await runSourceFor(this.options, input, run.userId);
    if (!source) {
      const message = 'The datasource of this session no longer exists.';
      emit('error', { type: 'error', code: 'dataset_not_found', message });
      return {
        status: 'failed',
        error: { code: 'dataset_not_found', message },
        message: { content: message, answer: null },
      };
    }
    const { datasource, prepared, asOf } = source;
    const previous = await this.followUps.previousAnswer(run);
    // The pipeline's own first step was announced at the start already.
    const recorder = new RunRecorder(
      { runId: run.id, userId: run.userId, datasourceId: datasource.id },
      audit,
    );
    const handle = (event: PipelineEvent) => {
      const recorded = recorder.record(event);
      if (recorded) emit(recorded.type, recorded.data);
    };
    const cacheKey = this.options.llm ? undefined : offlineAnswerKey(source, input, previous);
    const cached = cacheKey ? await this.answers.lookup(cacheKey) : undefined;
    if (cached) {
      for (const event of cached) {
        if (signal.aborted) break;
        handle(event);
      }
      return recorder.outcome ?? unfinished;
    }
    const settle = cacheKey ? this.answers.begin(cacheKey) : undefined;
    const events: PipelineEvent[] = [];
    try {
      for await (const event of askQuestion(input.question, prepared, {
        signal,
        maxRows: this.options.maxRows,
        timeoutMs: this.options.queryTimeoutMs,
        ...(this.options.llm ? { llm: this.options.llm, engine: 'auto' as const } : {}),
        ...(asOf ? { asOf } : {}),
        ...(previous ? { previous } : {}),
      })) {
        events.push(event);
        handle(event);
        if (signal.aborted) break;
      }
    } finally {
      const final = events.at(-1);
      settle?.(!signal.aborted && final && final.type !== 'error' && outcomeOf(final) ? events : undefined);
    }
    return recorder.outcome ?? unfinished;
  }
}
