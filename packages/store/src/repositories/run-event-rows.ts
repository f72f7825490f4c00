import type { Row, SqlClient } from '../sql/sql-client';
import type { JsonValue, NewRunEvent } from '../types';
import { toJson, toNumber } from './context';
import { answerReferenceKey } from './runs';

/** A stored event row: its run and its number in that run. */
export interface NumberedEvent extends NewRunEvent {
  runId: string;
  seq: number;
}

/** Inserts events whose numbers are already given, for many runs in one statement. */
export async function insertNumberedEvents(
  transaction: SqlClient,
  orgId: string,
  events: readonly NumberedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await transaction.query(
    `INSERT INTO run_events (org_id, run_id, seq, type, data)
     SELECT $1::uuid, e.run_id, e.seq, e.type, e.data
     FROM jsonb_to_recordset($2::jsonb) AS e(run_id uuid, seq integer, type text, data jsonb)`,
    [
      orgId,
      toJson(
        events.map((event) => ({ run_id: event.runId, seq: event.seq, type: event.type, data: event.data })),
      ),
    ],
  );
}

/**
 * Appends each run's events after its last stored one, for many runs in two statements: the row locks on
 * the runs hand out the events' numbers, as for single appends. Returns the first number given to each run.
 */
export async function appendRunEvents(
  transaction: SqlClient,
  orgId: string,
  batches: readonly { runId: string; events: readonly NewRunEvent[] }[],
): Promise<Map<string, number>> {
  const withEvents = batches.filter((batch) => batch.events.length > 0);
  const firstSeq = new Map<string, number>();
  if (withEvents.length === 0) return firstSeq;
  const numbered = await transaction.query(
    `UPDATE runs r SET last_seq = r.last_seq + v.n
     FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, n integer)
     WHERE r.id = v.id RETURNING r.id, r.last_seq`,
    [toJson(withEvents.map((batch) => ({ id: batch.runId, n: batch.events.length })))],
  );
  const lastSeq = new Map(numbered.map((row: Row) => [String(row.id), toNumber(row.last_seq)]));
  const events = withEvents.flatMap((batch) => {
    const last = lastSeq.get(batch.runId);
    if (last === undefined) throw new Error(`run ${batch.runId} was not found`);
    const first = last - batch.events.length + 1;
    firstSeq.set(batch.runId, first);
    return batch.events.map((event, index) => ({ ...event, runId: batch.runId, seq: first + index }));
  });
  await insertNumberedEvents(transaction, orgId, events);
  return firstSeq;
}

/**
 * The final answer is stored once: in the answer message. An event that carries that very answer (the same
 * object, as the run manager passes it) keeps a reference to the message instead, and `runs.events` puts the
 * answer back when it reads the event. Half the bytes a question writes.
 */
export function withAnswerByReference(
  events: readonly NewRunEvent[],
  answer: JsonValue | null,
  messageId: string,
): { events: NewRunEvent[] } {
  if (answer === null || typeof answer !== 'object') return { events: [...events] };
  return {
    events: events.map((event) => {
      const data = event.data as { answer?: unknown } | null;
      if (data === null || typeof data !== 'object' || Array.isArray(data) || data.answer !== answer)
        return event;
      const { answer: _stored, ...rest } = data as Record<string, JsonValue>;
      return { ...event, data: { ...rest, [answerReferenceKey]: messageId } };
    }),
  };
}
