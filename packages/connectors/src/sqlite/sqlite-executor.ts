import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AskdataError, type PlanNode, type QueryResult, type ValidatedSql } from '@askdata/core';
import type { RowBatch, StreamOptions } from '../connector';
import { defaultMaxBytes, type ExecuteOptions, type SqlExecutor } from '../executor';
import { logicalTypeOf, ResultBuilder, toCell } from '../result-builder';
import { sqlitePlan } from './sqlite-plan';
import { sqliteWorkerSource } from './sqlite-worker-source';

const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');

interface WorkerReply {
  id: number;
  ok: boolean;
  message?: string;
  columns?: Array<{ name: string; type: string | null }>;
  rows?: unknown[][];
  truncated?: boolean;
  done?: boolean;
  plan?: Array<{ id: number; parent: number; detail: string }>;
}

/**
 * SQLite opened `readonly` + `fileMustExist` with `PRAGMA query_only`, in a worker thread: a time limit or an
 * abort terminates the worker (a real stop, even inside one long step), and the next query gets a fresh
 * worker on the same file, so the executor stays usable.
 */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite' as const;
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(protected readonly file: string) {}

  execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult> {
    return this.serialised(async () => {
      const started = performance.now();
      const reply = await this.request(
        { kind: 'query', sql, maxRows: options.maxRows, maxBytes: options.maxBytes ?? defaultMaxBytes },
        options.timeoutMs,
        options.signal,
      );
      const columns = (reply.columns ?? []).map((column) => {
        const sourceType = column.type ?? '';
        return { name: column.name, sourceType, logicalType: logicalTypeOf(sourceType) };
      });
      const builder = new ResultBuilder(options.maxRows, Number.POSITIVE_INFINITY);
      for (const row of reply.rows ?? []) {
        builder.push(row.map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other')));
      }
      const result = builder.build(columns);
      return {
        ...result,
        truncated: reply.truncated === true,
        elapsedMs: Math.round(performance.now() - started),
      };
    });
  }

  explain(sql: ValidatedSql): Promise<PlanNode> {
    return this.serialised(async () =>
      sqlitePlan((await this.request({ kind: 'explain', sql }, 30_000)).plan ?? []),
    );
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.worker?.terminate();
    this.worker = undefined;
  }

  /**
   * Opens an iterator in the worker and pulls `batchRows` at a time, so rows are read as the consumer asks.
   * The time limit is wall-clock for the whole stream; leaving early closes the iterator.
   */
  async *stream(sql: ValidatedSql, options: StreamOptions): AsyncGenerator<RowBatch> {
    const release = await this.acquire();
    const deadline = performance.now() + options.timeoutMs;
    const cursor = this.nextId++;
    const remaining = () => {
      const left = deadline - performance.now();
      if (left <= 0) {
        // The statement is idle between batches: ending the worker ends it.
        void this.worker?.terminate();
        this.worker = undefined;
        throw new AskdataError(
          'query_timeout',
          `The query took longer than ${options.timeoutMs} ms and was stopped.`,
        );
      }
      return left;
    };
    let open = false;
    try {
      const opened = await this.request({ kind: 'open', sql, cursor }, remaining(), options.signal);
      open = true;
      const columns = (opened.columns ?? []).map((column) => {
        const sourceType = column.type ?? '';
        return { name: column.name, sourceType, logicalType: logicalTypeOf(sourceType) };
      });
      const batchRows = Math.max(1, options.batchRows ?? 1000);
      const cap = options.maxRows ?? Number.POSITIVE_INFINITY;
      let total = 0;
      for (;;) {
        const want = Math.min(batchRows, cap - total);
        if (want <= 0) break;
        const reply = await this.request({ kind: 'next', cursor, count: want }, remaining(), options.signal);
        const rows = (reply.rows ?? []).map((row) =>
          row.map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other')),
        );
        total += rows.length;
        if (reply.done) open = false;
        if (rows.length > 0 || total === 0) yield { columns, rows };
        if (reply.done) break;
      }
    } finally {
      // Messages are handled in order, so the iterator is closed before the next query starts.
      if (open) this.worker?.postMessage({ kind: 'close', cursor });
      release();
    }
  }

  /** One query at a time per connection, as with any single database connection. */
  private async acquire(): Promise<() => void> {
    const previous = this.queue;
    let release: () => void = () => undefined;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous.catch(() => undefined);
    return release;
  }

  private async serialised<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(sqliteWorkerSource, {
      eval: true,
      workerData: { modulePath, file: this.file },
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private request(
    message: Record<string, unknown>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<WorkerReply> {
    if (signal?.aborted)
      return Promise.reject(new AskdataError('query_cancelled', 'The query was cancelled.'));
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const stop = (error: AskdataError) => {
        finish();
        // Terminating the thread is the cancellation; the next request starts a new connection.
        this.worker = undefined;
        void worker.terminate();
        reject(error);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        finish();
        if (reply.ok) resolve(reply);
        else
          reject(
            new AskdataError('query_failed', `SQLite refused the query: ${reply.message ?? 'unknown error'}`),
          );
      };
      const onError = (error: Error) => {
        finish();
        this.worker = undefined;
        reject(
          new AskdataError('connection_failed', `Could not open the SQLite file: ${error.message}`, {
            cause: error,
          }),
        );
      };
      const onAbort = () => stop(new AskdataError('query_cancelled', 'The query was cancelled.'));
      const timer = setTimeout(
        () =>
          stop(
            new AskdataError('query_timeout', `The query took longer than ${timeoutMs} ms and was stopped.`),
          ),
        timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ ...message, id });
    });
  }
}
