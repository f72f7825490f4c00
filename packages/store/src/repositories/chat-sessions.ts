import type { Row } from '../sql/sql-client';
import type { ChatSession, ChatSessionRepository } from '../types';
import { iso, isoOrNull, isUuid, newId, type RepositoryContext } from './context';

export const chatSessionColumns =
  'id, org_id, owner_id, datasource_id, title, created_at, updated_at, deleted_at';
const columns = chatSessionColumns;
const defaultTitle = 'New conversation';

export function toChatSession(row: Row): ChatSession {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    ownerId: String(row.owner_id),
    datasourceId: String(row.datasource_id),
    title: String(row.title),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: isoOrNull(row.deleted_at),
  };
}

export function createChatSessionRepository({ client }: RepositoryContext): ChatSessionRepository {
  return {
    async create(orgId, input) {
      const title = input.title?.trim() || defaultTitle;
      const [row] = await client.query(
        `INSERT INTO chat_sessions (id, org_id, owner_id, datasource_id, title) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${columns}`,
        [newId(), orgId, input.ownerId, input.datasourceId, title],
      );
      return toChatSession(row as Row);
    },
    async get(orgId, id, options = {}) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        `SELECT ${columns} FROM chat_sessions WHERE org_id = $1 AND id = $2 AND ($3 OR deleted_at IS NULL)`,
        [orgId, id, options.includeDeleted === true],
      );
      return row ? toChatSession(row) : null;
    },
    async listForOwner(orgId, ownerId) {
      if (!isUuid(ownerId)) return [];
      const rows = await client.query(
        `SELECT ${columns} FROM chat_sessions WHERE org_id = $1 AND owner_id = $2 AND deleted_at IS NULL
         ORDER BY updated_at DESC, created_at DESC`,
        [orgId, ownerId],
      );
      return rows.map(toChatSession);
    },
    async rename(orgId, id, title) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        `UPDATE chat_sessions SET title = $3, updated_at = now()
         WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
        [orgId, id, title.trim() || defaultTitle],
      );
      return row ? toChatSession(row) : null;
    },
    async softDelete(orgId, id) {
      if (!isUuid(id)) return false;
      const rows = await client.query(
        'UPDATE chat_sessions SET deleted_at = now() WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING id',
        [orgId, id],
      );
      return rows.length > 0;
    },
    async restore(orgId, id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        `UPDATE chat_sessions SET deleted_at = NULL WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
        [orgId, id],
      );
      return row ? toChatSession(row) : null;
    },
  };
}
