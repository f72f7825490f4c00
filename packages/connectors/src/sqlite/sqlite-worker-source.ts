/**
 * The code of the worker thread that owns a read-only SQLite connection. It is plain JavaScript run with
 * `eval` so that it works the same under tsx, Vitest and a bundle; the parent terminates the worker to stop a
 * long query (better-sqlite3 is synchronous and has no interrupt), then starts a fresh one. A stream keeps an
 * iterator open between `next` requests; `close` (no reply) ends it early.
 */
export const sqliteWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('query_only = ON');
db.defaultSafeIntegers(true);
const cursors = new Map();
parentPort.on('message', (message) => {
  try {
    if (message.kind === 'open') {
      const statement = db.prepare(message.sql);
      if (!statement.reader || !statement.readonly) throw new Error('only read statements may run');
      statement.raw(true);
      const columns = statement.columns().map((column) => ({ name: column.name, type: column.type }));
      cursors.set(message.cursor, statement.iterate());
      parentPort.postMessage({ id: message.id, ok: true, columns });
      return;
    }
    if (message.kind === 'next') {
      const iterator = cursors.get(message.cursor);
      const rows = [];
      let done = !iterator;
      while (iterator && rows.length < message.count) {
        const next = iterator.next();
        if (next.done) { done = true; cursors.delete(message.cursor); break; }
        rows.push(next.value);
      }
      parentPort.postMessage({ id: message.id, ok: true, rows, done });
      return;
    }
    if (message.kind === 'close') {
      const iterator = cursors.get(message.cursor);
      cursors.delete(message.cursor);
      if (iterator) iterator.return();
      return;
    }
    if (message.kind === 'explain') {
      const rows = db.prepare('EXPLAIN QUERY PLAN ' + message.sql).all();
      parentPort.postMessage({ id: message.id, ok: true, plan: rows.map((row) => ({ id: Number(row.id), parent: Number(row.parent), detail: String(row.detail) })) });
      return;
    }
    const statement = db.prepare(message.sql);
    if (!statement.reader || !statement.readonly) throw new Error('only read statements may run');
    statement.raw(true);
    const columns = statement.columns().map((column) => ({ name: column.name, type: column.type }));
    const rows = [];
    let bytes = 0;
    let truncated = false;
    for (const row of statement.iterate()) {
      if (rows.length >= message.maxRows) { truncated = true; break; }
      const size = row.reduce((total, cell) => total + (cell === null ? 4 : String(cell).length + 2), 2);
      if (bytes + size > message.maxBytes) { truncated = true; break; }
      bytes += size;
      rows.push(row);
    }
    parentPort.postMessage({ id: message.id, ok: true, columns, rows, truncated });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, message: error && error.message ? error.message : String(error) });
  }
});
`;
