import { appendChained, type PendingAppend } from '../audit/audit-append';
import type { Row, SqlClient } from '../sql/sql-client';
import type { AskedQuestion, ChatSession, JsonObject, Message, NewQuestion, Run, RunStatus } from '../types';
import { chatSessionColumns, toChatSession } from './chat-sessions';
import { iso, isoOrNull, newId, toJson } from './context';
import { insertNumberedEvents, withAnswerByReference } from './run-event-rows';

interface Planned {
  question: NewQuestion;
  userMessageId: string;
  answerMessageId: string;
  runId: string;
  input: JsonObject;
  /** Committed finished with its known answer (the session's latest reply is the one it was computed on). */
  answered: boolean;
  status: RunStatus;
}

function rowsById(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((row) => [String(row.id), row]));
}

function rowOf(rows: Map<string, Row>, id: string): Row {
  const row = rows.get(id);
  if (row === undefined) throw new Error(`row ${id} was not written`);
  return row;
}

/** Each session's latest complete reply before these questions: what a follow-up builds on. */
async function latestReplies(
  transaction: SqlClient,
  orgId: string,
  sessionIds: string,
): Promise<Map<string, string>> {
  const rows = await transaction.query(
    `SELECT s.id AS session_id, m.id
     FROM (SELECT DISTINCT (jsonb_array_elements_text($2::jsonb))::uuid AS id) s
     CROSS JOIN LATERAL (
       SELECT id FROM messages
       WHERE org_id = $1 AND session_id = s.id AND role = 'assistant' AND status = 'complete'
       ORDER BY position DESC LIMIT 1) m`,
    [orgId, sessionIds],
  );
  return new Map(rows.map((row: Row) => [String(row.session_id), String(row.id)]));
}

function plan(question: NewQuestion, previousReplyId: string | null): Planned {
  const known = question.knownAnswer;
  const answered = known !== undefined && known.previousReplyId === previousReplyId;
  return {
    question,
    userMessageId: newId(),
    answerMessageId: newId(),
    runId: answered ? known.runId : newId(),
    input: { ...question.input, previousReplyId },
    answered,
    status: answered ? 'succeeded' : question.claim === true ? 'running' : 'queued',
  };
}

/**
 * For each question: the user message, the assistant message, the run and the `question.asked` audit
 * entry, in one transaction with a few statements however many questions. A question with a known answer
 * (and the reply it was computed on still the latest) is committed finished: its answer message complete,
 * its run succeeded with its events and audit entries — nothing is left to write after.
 */
export function askQuestions(
  client: SqlClient,
  processId: string,
  orgId: string,
  questions: readonly NewQuestion[],
): Promise<AskedQuestion[]> {
  return client.transaction(async (transaction) => {
    const sessionIds = toJson([...new Set(questions.map((question) => question.sessionId))]);
    const previous = await latestReplies(transaction, orgId, sessionIds);
    const planned = questions.map((question) => plan(question, previous.get(question.sessionId) ?? null));
    // The user message before its answer, in the order the questions came: `ord` keeps positions in order.
    const messages = planned.flatMap((item, index) => {
      const answer = item.answered ? item.question.knownAnswer?.message : undefined;
      return [
        {
          ord: index * 2,
          id: item.userMessageId,
          session_id: item.question.sessionId,
          role: 'user',
          content: item.question.question,
          answer: null,
          status: 'complete',
        },
        {
          ord: index * 2 + 1,
          id: item.answerMessageId,
          session_id: item.question.sessionId,
          role: 'assistant',
          content: answer?.content ?? '',
          answer: answer?.answer ?? null,
          status: answer ? 'complete' : 'pending',
        },
      ];
    });
    // Only what the database adds is read back; the rest is known here (an answer is not sent twice).
    const messageRows = rowsById(
      await transaction.query(
        `INSERT INTO messages (id, org_id, session_id, role, content, answer, status)
         SELECT m.id, $1::uuid, m.session_id, m.role, m.content, m.answer, m.status
         FROM jsonb_to_recordset($2::jsonb) AS m(ord integer, id uuid, session_id uuid, role text, content text, answer jsonb, status text)
         ORDER BY m.ord
         RETURNING id, created_at, updated_at`,
        [orgId, toJson(messages)],
      ),
    );
    const sessionRows = await transaction.query(
      `UPDATE chat_sessions SET updated_at = now()
       WHERE org_id = $1 AND id IN (SELECT (jsonb_array_elements_text($2::jsonb))::uuid)
       RETURNING ${chatSessionColumns}`,
      [orgId, sessionIds],
    );
    // A run its asker's process executes at once is committed claimed by it (no claim statement after).
    const runRows = rowsById(
      await transaction.query(
        `INSERT INTO runs (id, org_id, session_id, message_id, user_id, status, input, claimed_by, heartbeat_at, started_at, finished_at, last_seq)
         SELECT r.id, $1::uuid, r.session_id, r.message_id, r.user_id, r.status, r.input,
                CASE WHEN r.status = 'running' THEN $3 END, CASE WHEN r.status = 'running' THEN now() END,
                CASE WHEN r.status <> 'queued' THEN now() END, CASE WHEN r.status = 'succeeded' THEN now() END,
                r.last_seq
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, session_id uuid, message_id uuid, user_id uuid, status text, input jsonb, last_seq integer)
         RETURNING id, created_at, heartbeat_at, started_at, finished_at`,
        [
          orgId,
          toJson(
            planned.map((item) => ({
              id: item.runId,
              session_id: item.question.sessionId,
              message_id: item.answerMessageId,
              user_id: item.question.userId,
              status: item.status,
              input: item.input,
              last_seq: item.answered ? (item.question.knownAnswer?.events.length ?? 0) : 0,
            })),
          ),
          processId,
        ],
      ),
    );
    await insertNumberedEvents(
      transaction,
      orgId,
      planned.flatMap((item) => {
        const known = item.answered ? item.question.knownAnswer : undefined;
        if (!known) return [];
        const { events } = withAnswerByReference(known.events, known.message.answer, item.answerMessageId);
        return events.map((event, index) => ({ runId: item.runId, seq: index + 1, ...event }));
      }),
    );
    const audit = planned.flatMap((item): PendingAppend[] => [
      {
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
      },
      ...(item.answered ? (item.question.knownAnswer?.audit ?? []) : []).map((entry) => ({ orgId, entry })),
    ]);
    await appendChained(transaction, audit);
    const sessions = new Map(
      sessionRows.map((row: Row): [string, ChatSession] => [String(row.id), toChatSession(row)]),
    );
    return planned.map((item): AskedQuestion => {
      const { question } = item;
      const known = item.answered ? question.knownAnswer : undefined;
      const userRow = rowOf(messageRows, item.userMessageId);
      const answerRow = rowOf(messageRows, item.answerMessageId);
      const runRow = rowOf(runRows, item.runId);
      const message = (id: string, row: Row): Omit<Message, 'role' | 'content' | 'answer' | 'status'> => ({
        id,
        orgId,
        sessionId: question.sessionId,
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
      });
      const run: Run = {
        id: item.runId,
        orgId,
        sessionId: question.sessionId,
        messageId: item.answerMessageId,
        userId: question.userId,
        status: item.status,
        input: item.input,
        error: null,
        cancelRequested: false,
        claimedBy: item.status === 'running' ? processId : null,
        heartbeatAt: isoOrNull(runRow.heartbeat_at),
        createdAt: iso(runRow.created_at),
        startedAt: isoOrNull(runRow.started_at),
        finishedAt: isoOrNull(runRow.finished_at),
      };
      const session = sessions.get(question.sessionId);
      if (!session) throw new Error(`session ${question.sessionId} was not updated`);
      return {
        userMessage: {
          ...message(item.userMessageId, userRow),
          role: 'user',
          content: question.question,
          answer: null,
          status: 'complete',
        },
        answerMessage: {
          ...message(item.answerMessageId, answerRow),
          role: 'assistant',
          content: known?.message.content ?? '',
          answer: known?.message.answer ?? null,
          status: known ? 'complete' : 'pending',
        },
        run,
        session,
      };
    });
  });
}
