import { chmod } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from './data-dir-lock';
import { quoteIdentifier, type Row, type SqlClient } from './sql-client';

type Request =
  | { op: 'open' | 'begin' | 'close' }
  | { op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'end'; tx: number; commit: boolean };

type Reply = { id: number; result?: unknown; error?: { message: string } & Record<string, string> };

/** A PostgreSQL error from the worker, with its fields (`code` 23505 …) as the `pg` driver gives them. */
class PgliteError extends Error {
  constructor(fields: { message: string } & Record<string, string>) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

/**
 * The PGlite worker thread: requests go out with an id, replies come back in any order. The worker holds
 * the process open only while requests are pending, so a forgotten close never keeps a CLI alive.
 */
function startWorker(dataDir: string | undefined) {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
  worker.unref();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.error) waiter.reject(new PgliteError(reply.error));
    else waiter.resolve(reply.result);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the metadata store's worker stopped (exit ${code})`)));
  return {
    call<T>(request: Request): Promise<T> {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      if (pending.size === 0) worker.ref();
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, ...request });
      });
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * PGlite runs one PostgreSQL backend on a worker thread of this process (the WebAssembly work no longer
 * holds up HTTP); its own mutex serialises transactions, and statements of a transaction run in order.
 */
export async function openPgliteClient(dataDir: string | undefined, schema?: string): Promise<SqlClient> {
  const unlock = dataDir === undefined ? () => {} : lockDataDir(dataDir);
  const worker = startWorker(dataDir);
  try {
    await worker.call({ op: 'open' });
    // Password hashes and sealed secrets live here: owner-only, like secret.key.
    if (dataDir !== undefined) await chmod(dataDir, 0o700);
    if (schema !== undefined) {
      await worker.call({
        op: 'exec',
        sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}; SET search_path TO ${quoteIdentifier(schema)}`,
      });
    }
  } catch (error) {
    await worker.terminate();
    unlock();
    throw error;
  }
  return {
    query<T extends Row>(sql: string, params: unknown[] = []) {
      return worker.call<T[]>({ op: 'query', sql, params });
    },
    async exec(sql: string) {
      await worker.call({ op: 'exec', sql });
    },
    async transaction<T>(work: (client: SqlClient) => Promise<T>) {
      const { tx } = await worker.call<{ tx: number }>({ op: 'begin' });
      let result: T;
      try {
        result = await work(transactionClient(worker.call, tx));
      } catch (error) {
        await worker.call({ op: 'end', tx, commit: false }).catch(() => {});
        throw error;
      }
      await worker.call({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      try {
        await worker.call({ op: 'close' });
        await worker.terminate();
      } finally {
        unlock();
      }
    },
  };
}

function transactionClient(call: <T>(request: Request) => Promise<T>, tx: number): SqlClient {
  const client: SqlClient = {
    query<T extends Row>(sql: string, params: unknown[] = []) {
      return call<T[]>({ op: 'query', sql, params, tx });
    },
    async exec(sql: string) {
      await call({ op: 'exec', sql, tx });
    },
    transaction: (work) => work(client),
    close: async () => {},
  };
  return client;
}
