import type { Row } from '../sql/sql-client';
import { randomToken, sha256Hex } from '../tokens';
import type { ApiKey, ApiKeyRepository, ApiKeyScope } from '../types';
import { iso, isoOrNull, isUuid, newId, type RepositoryContext, toJson } from './context';
import { toUser } from './users';

const columns = 'id, org_id, user_id, name, scopes, prefix, created_at, last_used_at';

/** Secrets look like `askd_<43 chars>`; the first 12 characters are kept as the visible prefix. */
const secretPrefix = 'askd_';
const visiblePrefixLength = 12;

function toApiKey(row: Row): ApiKey {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    userId: String(row.user_id),
    name: String(row.name),
    scopes: row.scopes as ApiKeyScope[],
    prefix: String(row.prefix),
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
  };
}

export function createApiKeyRepository({ client }: RepositoryContext): ApiKeyRepository {
  return {
    async create(orgId, input) {
      const secret = `${secretPrefix}${randomToken()}`;
      const [row] = await client.query(
        `INSERT INTO api_keys (id, org_id, user_id, name, scopes, prefix, secret_hash)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING ${columns}`,
        [
          newId(),
          orgId,
          input.userId,
          input.name,
          toJson([...new Set(input.scopes)]),
          secret.slice(0, visiblePrefixLength),
          sha256Hex(secret),
        ],
      );
      return { apiKey: toApiKey(row as Row), secret };
    },
    async list(orgId, filter = {}) {
      const rows = await client.query(
        `SELECT ${columns} FROM api_keys WHERE org_id = $1 AND revoked_at IS NULL
         AND ($2::uuid IS NULL OR user_id = $2::uuid) ORDER BY created_at`,
        [orgId, filter.userId ?? null],
      );
      return rows.map(toApiKey);
    },
    async findBySecret(secret) {
      if (!secret.startsWith(secretPrefix)) return null;
      const [row] = await client.query(
        `SELECT k.id, k.org_id, k.user_id, k.name, k.scopes, k.prefix, k.created_at, k.last_used_at,
           k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' AS used_long_ago,
           u.email, u.name AS user_name, u.role, u.created_at AS user_created_at, u.updated_at AS user_updated_at
         FROM api_keys AS k JOIN users AS u ON u.id = k.user_id
         WHERE k.secret_hash = $1 AND k.revoked_at IS NULL`,
        [sha256Hex(secret)],
      );
      if (!row) return null;
      // Last use to the minute: no write on every request.
      if (row.used_long_ago === true) {
        const [used] = await client.query(
          'UPDATE api_keys SET last_used_at = now() WHERE id = $1 RETURNING last_used_at',
          [row.id],
        );
        row.last_used_at = used?.last_used_at ?? row.last_used_at;
      }
      const user = toUser({
        id: row.user_id,
        org_id: row.org_id,
        email: row.email,
        name: row.user_name,
        role: row.role,
        created_at: row.user_created_at,
        updated_at: row.user_updated_at,
      });
      return { apiKey: toApiKey(row), user };
    },
    async revoke(orgId, id) {
      if (!isUuid(id)) return false;
      const rows = await client.query(
        'UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
        [orgId, id],
      );
      return rows.length > 0;
    },
  };
}
