import { appendChained } from '../audit/audit-append';
import type { Row, SqlClient } from '../sql/sql-client';
import type {
  AskedQuestion,
  ChatSession,
  JsonValue,
  Message,
  NewRunEvent,
  QuestionRepository,
  Run,
  RunConclusion,
} from '../types';
import { chatSessionColumns, toChatSession } from './chat-sessions';
import { newId, type RepositoryContext, toJson, toNumber } from './context';
import { messageColumns, toMessage } from './messages';
import { answerReferenceKey, runColumns, toRun } from './runs';

const prefixedRunColumns = runColumns
  .split(', ')
  .map((column) => `r.${column}`)
  .join(', ');

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

function found<T>(map: Map<string, T>, id: string): T {
  const value = map.get(id);
  if (value === undefined) throw new Error(`row ${id} was not written`);
  return value;
}

/**
 * Appends each run's events after its last stored one, for many runs in two statements: the row locks on
 * the runs hand out the events' numbers, as for single appends. Returns the first number given to each run.
 */
async function insertEvents(
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
    const first = found(lastSeq, batch.runId) - batch.events.length + 1;
    firstSeq.set(batch.runId, first);
    return batch.events.map((event, index) => ({
      run_id: batch.runId,
      seq: first + index,
      type: event.type,
      data: event.data,
    }));
  });
  await transaction.query(
    `INSERT INTO run_events (org_id, run_id, seq, type, data)
     SELECT $1::uuid, e.run_id, e.seq, e.type, e.data
     FROM jsonb_to_recordset($2::jsonb) AS e(run_id uuid, seq integer, type text, data jsonb)`,
    [orgId, toJson(events)],
  );
  return firstSeq;
}

/**
 * The final answer is stored once: in the answer message. An event that carries that very answer (the same
 * object, as the run manager passes it) keeps a reference to the message instead, and `runs.events` puts the
 * answer back when it reads the event. Half the bytes a question writes.
 */
function withAnswerByReference(conclusion: RunConclusion): RunConclusion {
  const answer = conclusion.message.answer;
  if (answer === null || typeof answer !== 'object') return conclusion;
  const events = conclusion.events.map((event) => {
    const data = event.data as { answer?: unknown } | null;
    if (data === null || typeof data !== 'object' || Array.isArray(data) || data.answer !== answer)
      return event;
    const { answer: _stored, ...rest } = data as Record<string, JsonValue>;
    return { ...event, data: { ...rest, [answerReferenceKey]: conclusion.messageId } };
  });
  return { ...conclusion, events };
}

/** Every statement takes its rows as one JSON array, so a group of any size is one statement per table. */
export function createQuestionRepository({ client, processId }: RepositoryContext): QuestionRepository {
  return {
    ask(orgId, questions) {
      if (questions.length === 0) return Promise.resolve([]);
      return client.transaction(async (transaction) => {
        const sessionIds = toJson([...new Set(questions.map((question) => question.sessionId))]);
        // Each session's latest complete reply before these questions: what a follow-up builds on.
        const previousRows = await transaction.query(
          `SELECT s.id AS session_id, m.id
           FROM (SELECT DISTINCT (jsonb_array_elements_text($2::jsonb))::uuid AS id) s
           CROSS JOIN LATERAL (
             SELECT id FROM messages
             WHERE org_id = $1 AND session_id = s.id AND role = 'assistant' AND status = 'complete'
             ORDER BY position DESC LIMIT 1) m`,
          [orgId, sessionIds],
        );
        const previousReply = new Map(
          previousRows.map((row: Row) => [String(row.session_id), String(row.id)]),
        );
        const planned = questions.map((question) => ({
          question,
          userMessageId: newId(),
          answerMessageId: newId(),
          runId: newId(),
        }));
        // The user message before its answer, in the order the questions came: `ord` keeps positions in order.
        const messages = planned.flatMap((item, index) => [
          {
            ord: index * 2,
            id: item.userMessageId,
            session_id: item.question.sessionId,
            role: 'user',
            content: item.question.question,
            status: 'complete',
          },
          {
            ord: index * 2 + 1,
            id: item.answerMessageId,
            session_id: item.question.sessionId,
            role: 'assistant',
            content: '',
            status: 'pending',
          },
        ]);
        const messageRows = await transaction.query(
          `INSERT INTO messages (id, org_id, session_id, role, content, status)
           SELECT m.id, $1::uuid, m.session_id, m.role, m.content, m.status
           FROM jsonb_to_recordset($2::jsonb) AS m(ord integer, id uuid, session_id uuid, role text, content text, status text)
           ORDER BY m.ord
           RETURNING ${messageColumns}`,
          [orgId, toJson(messages)],
        );
        const sessionRows = await transaction.query(
          `UPDATE chat_sessions SET updated_at = now()
           WHERE org_id = $1 AND id IN (SELECT (jsonb_array_elements_text($2::jsonb))::uuid)
           RETURNING ${chatSessionColumns}`,
          [orgId, sessionIds],
        );
        // A run its asker's process executes at once is committed claimed by it (no claim statement after).
        const runRows = await transaction.query(
          `INSERT INTO runs (id, org_id, session_id, message_id, user_id, status, input, claimed_by, heartbeat_at, started_at)
           SELECT r.id, $1::uuid, r.session_id, r.message_id, r.user_id,
                  CASE WHEN r.claim THEN 'running' ELSE 'queued' END, r.input,
                  CASE WHEN r.claim THEN $3 END, CASE WHEN r.claim THEN now() END, CASE WHEN r.claim THEN now() END
           FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, session_id uuid, message_id uuid, user_id uuid, input jsonb, claim boolean)
           RETURNING ${runColumns}`,
          [
            orgId,
            toJson(
              planned.map((item) => ({
                id: item.runId,
                session_id: item.question.sessionId,
                message_id: item.answerMessageId,
                user_id: item.question.userId,
                input: {
                  ...item.question.input,
                  previousReplyId: previousReply.get(item.question.sessionId) ?? null,
                },
                claim: item.question.claim === true,
              })),
            ),
            processId,
          ],
        );
        await appendChained(
          transaction,
          planned.map((item) => ({
            orgId,
            entry: {
              action: 'question.asked',
              actor: item.question.actor,
              targetType: 'run',
              targetId: item.runId,
              details: {
                ...item.question.auditDetails,
                sessionId: item.question.sessionId,
                question: item.question.question,
              },
            },
          })),
        );
        const messagesById = byId<Message>(messageRows.map(toMessage));
        const runsById = byId<Run>(runRows.map(toRun));
        const sessionsById = byId<ChatSession>(sessionRows.map(toChatSession));
        return planned.map(
          (item): AskedQuestion => ({
            userMessage: found(messagesById, item.userMessageId),
            answerMessage: found(messagesById, item.answerMessageId),
            run: found(runsById, item.runId),
            session: found(sessionsById, item.question.sessionId),
          }),
        );
      });
    },

    appendEvents(orgId, batches) {
      if (batches.length === 0) return Promise.resolve([]);
      return client.transaction(async (transaction) => {
        const firstSeq = await insertEvents(transaction, orgId, batches);
        return batches.map((batch) => firstSeq.get(batch.runId) ?? null);
      });
    },

    conclude(orgId, conclusions) {
      if (conclusions.length === 0) return Promise.resolve([]);
      return client.transaction(async (transaction) => {
        await insertEvents(transaction, orgId, conclusions.map(withAnswerByReference));
        await transaction.query(
          `UPDATE messages m SET content = v.content, status = v.status, answer = v.answer, updated_at = now()
           FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, content text, status text, answer jsonb)
           WHERE m.org_id = $1 AND m.id = v.id`,
          [
            orgId,
            toJson(
              conclusions.map((conclusion) => ({
                id: conclusion.messageId,
                content: conclusion.message.content,
                status: conclusion.message.status,
                answer: conclusion.message.answer,
              })),
            ),
          ],
        );
        const finished = await transaction.query(
          `UPDATE runs r SET status = v.status, error = v.error, finished_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, status text, error jsonb)
           WHERE r.id = v.id AND r.status IN ('queued', 'running') RETURNING ${prefixedRunColumns}`,
          [
            toJson(
              conclusions.map((conclusion) => ({
                id: conclusion.runId,
                status: conclusion.status,
                error: conclusion.error ?? null,
              })),
            ),
          ],
        );
        const audit = conclusions.flatMap((conclusion) =>
          (conclusion.audit ?? []).map((entry) => ({ orgId, entry })),
        );
        if (audit.length > 0) await appendChained(transaction, audit);
        const runsById = byId<Run>(finished.map(toRun));
        return conclusions.map((conclusion) => runsById.get(conclusion.runId) ?? null);
      });
    },
  };
}
