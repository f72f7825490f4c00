/**
 * The code of the worker thread that owns a read-only SQLite connection. It is plain JavaScript run with
 * `eval` so that it works the same under tsx, Vitest and a bundle; the parent terminates the worker to stop a
 * long query (better-sqlite3 is synchronous and has no interrupt), then starts a fresh one.
 */
export const sqliteWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('query_only = ON');
db.defaultSafeIntegers(true);
parentPort.on('message', (message) => {
  try {
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
