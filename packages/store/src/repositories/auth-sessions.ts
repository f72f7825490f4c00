import type { Row } from '../sql/sql-client';
import { randomToken, sha256Hex } from '../tokens';
import type { AuthSession, AuthSessionRepository } from '../types';
import { iso, newId, type RepositoryContext } from './context';
import { toUser } from './users';

const columns = 'id, org_id, user_id, csrf_token, created_at, expires_at, last_seen_at';

function toAuthSession(row: Row): AuthSession {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    userId: String(row.user_id),
    csrfToken: String(row.csrf_token),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    lastSeenAt: iso(row.last_seen_at),
  };
}

export function createAuthSessionRepository({ client }: RepositoryContext): AuthSessionRepository {
  return {
    async create(orgId, userId, options) {
      const token = randomToken();
      const [row] = await client.query(
        `INSERT INTO auth_sessions (id, org_id, user_id, token_hash, csrf_token, user_agent, ip, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))
         RETURNING ${columns}`,
        [
          newId(),
          orgId,
          userId,
          sha256Hex(token),
          randomToken(),
          options.userAgent ?? null,
          options.ip ?? null,
          options.ttlMs / 1000,
        ],
      );
      return { session: toAuthSession(row as Row), token };
    },
    async findByToken(token) {
      const [row] = await client.query(
        `SELECT s.id, s.org_id, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at,
           s.last_seen_at < now() - interval '1 minute' AS seen_long_ago,
           u.email, u.name, u.role, u.created_at AS user_created_at, u.updated_at AS user_updated_at
         FROM auth_sessions AS s JOIN users AS u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [sha256Hex(token)],
      );
      if (!row) return null;
      // A write on every request would cost more than the lookup; a minute's precision is plenty.
      if (row.seen_long_ago === true) {
        await client.query('UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1', [row.id]);
      }
      const user = toUser({
        ...row,
        id: row.user_id,
        created_at: row.user_created_at,
        updated_at: row.user_updated_at,
      });
      return { session: toAuthSession(row), user };
    },
    async deleteByToken(token) {
      const rows = await client.query('DELETE FROM auth_sessions WHERE token_hash = $1 RETURNING id', [
        sha256Hex(token),
      ]);
      return rows.length > 0;
    },
    async deleteForUser(orgId, userId) {
      const rows = await client.query(
        'DELETE FROM auth_sessions WHERE org_id = $1 AND user_id = $2 RETURNING id',
        [orgId, userId],
      );
      return rows.length;
    },
    async deleteExpired() {
      const rows = await client.query('DELETE FROM auth_sessions WHERE expires_at <= now() RETURNING id');
      return rows.length;
    },
  };
}
