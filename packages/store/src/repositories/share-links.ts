import type { Row } from '../sql/sql-client';
import { randomToken, sha256Hex } from '../tokens';
import type { ShareLink, ShareLinkRepository, ShareRole } from '../types';
import { toChatSession } from './chat-sessions';
import { iso, isoOrNull, isUuid, newId, type RepositoryContext } from './context';

const columns = 'id, org_id, session_id, role, created_by, created_at, expires_at, revoked_at';

function toShareLink(row: Row): ShareLink {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    sessionId: String(row.session_id),
    role: row.role as ShareRole,
    createdBy: String(row.created_by),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

export function createShareLinkRepository({ client }: RepositoryContext): ShareLinkRepository {
  return {
    async create(orgId, input) {
      const token = randomToken();
      const [row] = await client.query(
        `INSERT INTO share_links (id, org_id, session_id, token_hash, role, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING ${columns}`,
        [
          newId(),
          orgId,
          input.sessionId,
          sha256Hex(token),
          input.role,
          input.createdBy,
          input.expiresInHours * 3600,
        ],
      );
      return { shareLink: toShareLink(row as Row), token };
    },
    async findByToken(token) {
      const [row] = await client.query(
        `SELECT l.id, l.org_id, l.session_id, l.role, l.created_by, l.created_at, l.expires_at, l.revoked_at
         FROM share_links AS l
         JOIN chat_sessions AS s ON s.id = l.session_id AND s.deleted_at IS NULL
         WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND l.expires_at > now()`,
        [sha256Hex(token)],
      );
      return row ? toShareLink(row) : null;
    },
    async listForSession(orgId, sessionId) {
      if (!isUuid(sessionId)) return [];
      const rows = await client.query(
        `SELECT ${columns} FROM share_links WHERE org_id = $1 AND session_id = $2 ORDER BY created_at`,
        [orgId, sessionId],
      );
      return rows.map(toShareLink);
    },
    async recordVisit(orgId, shareLinkId, userId) {
      if (!isUuid(shareLinkId) || !isUuid(userId)) return;
      await client.query(
        `INSERT INTO share_link_visits (share_link_id, user_id, org_id) VALUES ($1, $2, $3)
         ON CONFLICT (share_link_id, user_id) DO UPDATE SET last_opened_at = now()`,
        [shareLinkId, userId, orgId],
      );
    },
    async listSharedWith(orgId, userId) {
      if (!isUuid(userId)) return [];
      // One row per session: the live link that lasts longest; the user's own sessions are not "shared".
      const rows = await client.query(
        `SELECT DISTINCT ON (s.id) s.id, s.org_id, s.owner_id, s.datasource_id, s.title, s.created_at,
                s.updated_at, s.deleted_at, l.created_by AS shared_by, l.expires_at AS link_expires_at
         FROM share_link_visits AS v
         JOIN share_links AS l ON l.id = v.share_link_id AND l.revoked_at IS NULL AND l.expires_at > now()
         JOIN chat_sessions AS s ON s.id = l.session_id AND s.deleted_at IS NULL
         WHERE v.org_id = $1 AND v.user_id = $2 AND s.owner_id <> $2
         ORDER BY s.id, l.expires_at DESC`,
        [orgId, userId],
      );
      return rows
        .map((row) => ({
          session: toChatSession(row),
          sharedBy: String(row.shared_by),
          expiresAt: iso(row.link_expires_at),
        }))
        .sort((a, b) => b.session.updatedAt.localeCompare(a.session.updatedAt));
    },
    async isSharedWith(orgId, sessionId, userId) {
      if (!isUuid(sessionId) || !isUuid(userId)) return false;
      const rows = await client.query(
        `SELECT 1 FROM share_link_visits AS v
         JOIN share_links AS l ON l.id = v.share_link_id AND l.revoked_at IS NULL AND l.expires_at > now()
         WHERE v.org_id = $1 AND v.user_id = $2 AND l.session_id = $3 LIMIT 1`,
        [orgId, userId, sessionId],
      );
      return rows.length > 0;
    },
    async revoke(orgId, id) {
      if (!isUuid(id)) return false;
      const rows = await client.query(
        'UPDATE share_links SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
        [orgId, id],
      );
      return rows.length > 0;
    },
  };
}
