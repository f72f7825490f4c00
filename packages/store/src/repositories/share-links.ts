import type { Row } from '../sql/sql-client';
import { randomToken, sha256Hex } from '../tokens';
import type { ShareLink, ShareLinkRepository, ShareRole } from '../types';
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
