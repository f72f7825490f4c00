// The embedded PostgreSQL (PGlite, WebAssembly) on a thread of its own, so the server's event loop keeps
// answering HTTP while the store works. Plain JavaScript: a worker starts without the TypeScript loader.
// Protocol (one reply per request id): open, query, exec, begin → {tx}, end {tx, commit}, close.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const port = parentPort;
if (!port) throw new Error('pglite-worker runs as a worker thread');

/** @type {PGlite | undefined} */
let database;
/** Open transactions: statements for each wait in its queue until `end`. */
const transactions = new Map();
let nextTransaction = 1;

function reply(id, result) {
  port.postMessage({ id, result });
}

/** What crosses the thread boundary of an error: PostgreSQL's fields (code 23505 …) and the message. */
function replyError(id, error) {
  const fields = {};
  for (const key of ['code', 'detail', 'constraint', 'table', 'column', 'schema', 'severity']) {
    if (error && typeof error[key] === 'string') fields[key] = error[key];
  }
  port.postMessage({ id, error: { message: String(error?.message ?? error), ...fields } });
}

/** A queue of the messages of one transaction, taken one at a time in order. */
function messageQueue() {
  const items = [];
  let waiting;
  return {
    push(item) {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(item);
      } else items.push(item);
    },
    next() {
      return items.length > 0
        ? Promise.resolve(items.shift())
        : new Promise((resolve) => (waiting = resolve));
    },
  };
}

class Rollback extends Error {}

async function run(target, message) {
  if (message.op === 'query') return (await target.query(message.sql, message.params)).rows;
  await target.exec(message.sql);
  return null;
}

function begin(id) {
  const tx = nextTransaction++;
  const queue = messageQueue();
  transactions.set(tx, queue);
  let endId;
  database
    .transaction(async (transaction) => {
      reply(id, { tx });
      for (;;) {
        const message = await queue.next();
        if (message.op === 'end') {
          endId = message.id;
          if (!message.commit) throw new Rollback();
          return;
        }
        try {
          reply(message.id, await run(transaction, message));
        } catch (error) {
          replyError(message.id, error);
        }
      }
    })
    .then(
      () => reply(endId, null),
      (error) => {
        if (error instanceof Rollback) reply(endId, null);
        else if (endId !== undefined) replyError(endId, error);
        else replyError(id, error);
      },
    )
    .finally(() => transactions.delete(tx));
}

port.on('message', async (message) => {
  const { id } = message;
  try {
    switch (message.op) {
      case 'open':
        database = await PGlite.create(workerData?.dataDir ? { dataDir: workerData.dataDir } : {});
        reply(id, null);
        return;
      case 'begin':
        begin(id);
        return;
      case 'query':
      case 'exec':
      case 'end': {
        if (message.tx !== undefined) {
          const queue = transactions.get(message.tx);
          if (!queue) throw new Error('the transaction has ended');
          queue.push(message);
          return;
        }
        reply(id, await run(database, message));
        return;
      }
      case 'close':
        await database?.close();
        reply(id, null);
        return;
      default:
        throw new Error(`unknown request ${message.op}`);
    }
  } catch (error) {
    replyError(id, error);
  }
});
