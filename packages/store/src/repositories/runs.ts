import { hostname } from 'node:os';
import { AskdataError } from '@askdata/core';
import type { Row } from '../sql/sql-client';
import type {
  JsonObject,
  JsonValue,
  NewRunEvent,
  Run,
  RunError,
  RunEvent,
  RunRepository,
  RunStatus,
} from '../types';
import {
  iso,
  isoOrNull,
  isUuid,
  newId,
  type RepositoryContext,
  stringOrNull,
  toJson,
  toNumber,
} from './context';

export const runColumns =
  'id, org_id, session_id, message_id, user_id, status, input, error, cancel_requested, claimed_by, heartbeat_at, created_at, started_at, finished_at';

const columns = runColumns;

export function toRun(row: Row): Run {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    sessionId: String(row.session_id),
    messageId: String(row.message_id),
    userId: String(row.user_id),
    status: row.status as RunStatus,
    input: row.input as JsonObject,
    error: (row.error ?? null) as RunError | null,
    cancelRequested: row.cancel_requested === true,
    claimedBy: stringOrNull(row.claimed_by),
    heartbeatAt: isoOrNull(row.heartbeat_at),
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}

function toRunEvent(row: Row): RunEvent {
  return {
    runId: String(row.run_id),
    seq: toNumber(row.seq),
    type: String(row.type),
    data: row.data as JsonValue,
    createdAt: iso(row.created_at),
  };
}

/** `<hostname>:<pid>:<random>` — the random part tells a restarted process from its predecessor. */
export function defaultProcessId(): string {
  return `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;
}

/** A holder is known dead when it ran on this host under a pid that no longer exists. */
function deadOnThisHost(processId: string): boolean {
  const [host, pidText] = processId.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const interrupted: RunError = {
  code: 'interrupted',
  message: 'The server stopped while this answer was being prepared; please ask again.',
};

/** In a stored event's data: the id of the message whose answer the event carries (stored once, there). */
export const answerReferenceKey = '$answerOfMessage';

export function createRunRepository({ client, processId }: RepositoryContext): RunRepository {
  const claimSql = (where: string) =>
    `UPDATE runs SET status = 'running', claimed_by = $1, heartbeat_at = now(), started_at = now()
     WHERE ${where} RETURNING ${columns}`;

  /** One transaction, two statements however many events: the row lock on the run hands out their numbers. */
  function appendEvents(id: string, events: readonly NewRunEvent[]): Promise<RunEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    return client.transaction(async (transaction) => {
      const [run] = await transaction.query(
        'UPDATE runs SET last_seq = last_seq + $2 WHERE id = $1 RETURNING org_id, last_seq',
        [id, events.length],
      );
      if (!run) throw new AskdataError('internal', `Run ${id} does not exist.`);
      const first = toNumber(run.last_seq) - events.length + 1;
      const rows = await transaction.query(
        `INSERT INTO run_events (org_id, run_id, seq, type, data)
         SELECT $1::uuid, $2::uuid, $3::bigint + item.ordinality - 1, item.value->>'type', item.value->'data'
         FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS item
         RETURNING run_id, seq, type, data, created_at`,
        [run.org_id, id, first, toJson(events.map(({ type, data }) => ({ type, data })))],
      );
      return rows.map(toRunEvent).sort((a, b) => a.seq - b.seq);
    });
  }

  return {
    async create(orgId, input) {
      const [row] = await client.query(
        `INSERT INTO runs (id, org_id, session_id, message_id, user_id, status, input)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6::jsonb) RETURNING ${columns}`,
        [newId(), orgId, input.sessionId, input.messageId, input.userId, toJson(input.input)],
      );
      return toRun(row as Row);
    },
    async get(orgId, id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(`SELECT ${columns} FROM runs WHERE org_id = $1 AND id = $2`, [
        orgId,
        id,
      ]);
      return row ? toRun(row) : null;
    },
    async claim(id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(claimSql(`id = $2 AND status = 'queued'`), [processId, id]);
      return row ? toRun(row) : null;
    },
    async claimMany(ids) {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      const rows = await client.query(
        // Compared as uuids, so the primary key finds them (a text comparison would read every run).
        claimSql(`status = 'queued' AND id IN (SELECT (jsonb_array_elements_text($2::jsonb))::uuid)`),
        [processId, toJson(valid)],
      );
      return rows.map(toRun);
    },
    async claimNext() {
      const [row] = await client.query(
        claimSql(`id = (SELECT id FROM runs WHERE status = 'queued' ORDER BY created_at
                  FOR UPDATE SKIP LOCKED LIMIT 1)`),
        [processId],
      );
      return row ? toRun(row) : null;
    },
    async heartbeat(ids) {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      const rows = await client.query(
        `UPDATE runs SET heartbeat_at = now()
         WHERE claimed_by = $1 AND status = 'running' AND id IN (SELECT (jsonb_array_elements_text($2::jsonb))::uuid)
         RETURNING id, cancel_requested`,
        [processId, toJson(valid)],
      );
      return rows.filter((row) => row.cancel_requested === true).map((row) => String(row.id));
    },
    async appendEvent(id, type, data) {
      const [event] = await appendEvents(id, [{ type, data }]);
      return event as RunEvent;
    },
    appendEvents(id, events) {
      return appendEvents(id, events);
    },
    async events(id, afterSeq = 0) {
      if (!isUuid(id)) return [];
      // An answer stored by reference (see questions.conclude) is read back from its message.
      const rows = await client.query(
        `SELECT e.run_id, e.seq, e.type, e.created_at,
                CASE WHEN m.id IS NULL THEN e.data
                     ELSE (e.data - '${answerReferenceKey}') || jsonb_build_object('answer', m.answer) END AS data
         FROM run_events e
         LEFT JOIN messages m ON e.data ? '${answerReferenceKey}'
                             AND m.id = (e.data ->> '${answerReferenceKey}')::uuid
         WHERE e.run_id = $1 AND e.seq > $2 ORDER BY e.seq`,
        [id, afterSeq],
      );
      return rows.map(toRunEvent);
    },
    async finish(id, status, error) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        `UPDATE runs SET status = $2, error = $3::jsonb, finished_at = now()
         WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${columns}`,
        [id, status, error === undefined ? null : toJson(error)],
      );
      return row ? toRun(row) : null;
    },
    async requestCancel(orgId, id) {
      if (!isUuid(id)) return null;
      return client.transaction(async (transaction) => {
        const [row] = await transaction.query(
          `UPDATE runs SET cancel_requested = true,
             status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
             finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
           WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
          [orgId, id],
        );
        if (!row) return null;
        const run = toRun(row);
        // Cancelled before any process took it: nobody else will close its answer message.
        if (run.status === 'cancelled') {
          await transaction.query(
            `UPDATE messages SET status = 'cancelled', content = 'Cancelled.', updated_at = now()
             WHERE org_id = $1 AND id = $2 AND status = 'pending'`,
            [orgId, run.messageId],
          );
        }
        return run;
      });
    },
    markInterruptedRuns(options = {}) {
      const staleAfterSeconds = (options.staleAfterMs ?? 30_000) / 1000;
      // No row locks while looking (this runs on every heartbeat of every process); the UPDATE
      // re-checks its condition, so a heartbeat that lands in between keeps its run alive.
      return client.transaction(async (transaction) => {
        const candidates = await transaction.query(
          `SELECT id, claimed_by FROM runs WHERE status = 'running' AND claimed_by IS DISTINCT FROM $1`,
          [processId],
        );
        const deadHolders = candidates
          .filter((row) => row.claimed_by === null || deadOnThisHost(String(row.claimed_by)))
          .map((row) => String(row.id));
        if (candidates.length === 0) return [];
        const rows = await transaction.query(
          `UPDATE runs SET status = 'failed', error = $4::jsonb, finished_at = now()
           WHERE status = 'running' AND claimed_by IS DISTINCT FROM $1
             AND (id IN (SELECT (jsonb_array_elements_text($2::jsonb))::uuid)
                  OR heartbeat_at < now() - make_interval(secs => $3))
           RETURNING ${columns}`,
          [processId, toJson(deadHolders), staleAfterSeconds, toJson(interrupted)],
        );
        const marked = rows.map(toRun);
        if (marked.length > 0) {
          await transaction.query(
            `UPDATE messages SET status = 'failed', updated_at = now()
             WHERE status = 'pending' AND id IN (SELECT (jsonb_array_elements_text($1::jsonb))::uuid)`,
            [toJson(marked.map((run) => run.messageId))],
          );
        }
        return marked;
      });
    },
  };
}
