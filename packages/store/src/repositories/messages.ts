import type { Row } from '../sql/sql-client';
import type { JsonValue, Message, MessageRepository, MessageRole, MessageStatus } from '../types';
import { iso, isUuid, newId, type RepositoryContext, toJson } from './context';

export const messageColumns = 'id, org_id, session_id, role, content, answer, status, created_at, updated_at';
const columns = messageColumns;

export function toMessage(row: Row): Message {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    sessionId: String(row.session_id),
    role: row.role as MessageRole,
    content: String(row.content),
    answer: (row.answer ?? null) as JsonValue | null,
    status: row.status as MessageStatus,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function createMessageRepository({ client }: RepositoryContext): MessageRepository {
  return {
    create(orgId, input) {
      return client.transaction(async (transaction) => {
        const [row] = await transaction.query(
          `INSERT INTO messages (id, org_id, session_id, role, content, answer, status)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING ${columns}`,
          [
            newId(),
            orgId,
            input.sessionId,
            input.role,
            input.content,
            input.answer === undefined ? null : toJson(input.answer),
            input.status ?? 'complete',
          ],
        );
        await transaction.query('UPDATE chat_sessions SET updated_at = now() WHERE org_id = $1 AND id = $2', [
          orgId,
          input.sessionId,
        ]);
        return toMessage(row as Row);
      });
    },
    async get(orgId, id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(`SELECT ${columns} FROM messages WHERE org_id = $1 AND id = $2`, [
        orgId,
        id,
      ]);
      return row ? toMessage(row) : null;
    },
    async listForSession(orgId, sessionId) {
      if (!isUuid(sessionId)) return [];
      const rows = await client.query(
        `SELECT ${columns} FROM messages WHERE org_id = $1 AND session_id = $2 ORDER BY position`,
        [orgId, sessionId],
      );
      return rows.map(toMessage);
    },
    async lastCompleteReplyId(orgId, sessionId, exceptId) {
      if (!isUuid(sessionId)) return null;
      const [row] = await client.query(
        `SELECT id FROM messages
         WHERE org_id = $1 AND session_id = $2 AND id <> $3::uuid AND role = 'assistant' AND status = 'complete'
         ORDER BY position DESC LIMIT 1`,
        [orgId, sessionId, isUuid(exceptId) ? exceptId : '00000000-0000-0000-0000-000000000000'],
      );
      return row ? String(row.id) : null;
    },
    async lastAnswerId(orgId, sessionId, exceptId) {
      if (!isUuid(sessionId)) return null;
      const [row] = await client.query(
        `SELECT id FROM messages
         WHERE org_id = $1 AND session_id = $2 AND id <> $3::uuid AND role = 'assistant' AND status = 'complete'
           AND jsonb_typeof(answer->'spec') = 'object' AND jsonb_typeof(answer->'result') = 'object'
         ORDER BY position DESC LIMIT 1`,
        [orgId, sessionId, isUuid(exceptId) ? exceptId : '00000000-0000-0000-0000-000000000000'],
      );
      return row ? String(row.id) : null;
    },
    async update(orgId, id, patch) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        `UPDATE messages SET
           content = coalesce($3, content),
           status = coalesce($4, status),
           answer = CASE WHEN $5::boolean THEN $6::jsonb ELSE answer END,
           updated_at = now()
         WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
        [
          orgId,
          id,
          patch.content ?? null,
          patch.status ?? null,
          patch.answer !== undefined,
          patch.answer === undefined || patch.answer === null ? null : toJson(patch.answer),
        ],
      );
      return row ? toMessage(row) : null;
    },
  };
}
