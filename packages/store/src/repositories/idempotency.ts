import type { IdempotencyRepository, JsonValue } from '../types';
import { type RepositoryContext, toJson } from './context';

export function createIdempotencyRepository({
  client,
  idempotencyTtlMs,
}: RepositoryContext): IdempotencyRepository {
  return {
    begin(orgId, userId, key, requestHash) {
      return client.transaction(async (transaction) => {
        // An expired key is forgotten first, so it can start over.
        await transaction.query(
          'DELETE FROM idempotency_keys WHERE org_id = $1 AND user_id = $2 AND key = $3 AND expires_at <= now()',
          [orgId, userId, key],
        );
        const inserted = await transaction.query(
          `INSERT INTO idempotency_keys (org_id, user_id, key, request_hash, expires_at)
           VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
           ON CONFLICT (org_id, user_id, key) DO NOTHING RETURNING key`,
          [orgId, userId, key, requestHash, idempotencyTtlMs / 1000],
        );
        if (inserted.length > 0) return { state: 'new' };
        const [existing] = await transaction.query(
          `SELECT request_hash, response_status, response_body FROM idempotency_keys
           WHERE org_id = $1 AND user_id = $2 AND key = $3`,
          [orgId, userId, key],
        );
        if (!existing) return { state: 'in_progress' };
        if (existing.request_hash !== requestHash) return { state: 'mismatch' };
        if (existing.response_status === null) return { state: 'in_progress' };
        return {
          state: 'replay',
          response: { status: Number(existing.response_status), body: existing.response_body as JsonValue },
        };
      });
    },
    async complete(orgId, userId, key, response) {
      await client.query(
        `UPDATE idempotency_keys SET response_status = $4, response_body = $5::jsonb
         WHERE org_id = $1 AND user_id = $2 AND key = $3`,
        [orgId, userId, key, response.status, toJson(response.body)],
      );
    },
    async release(orgId, userId, key) {
      await client.query(
        'DELETE FROM idempotency_keys WHERE org_id = $1 AND user_id = $2 AND key = $3 AND response_status IS NULL',
        [orgId, userId, key],
      );
    },
    async deleteExpired() {
      const rows = await client.query('DELETE FROM idempotency_keys WHERE expires_at <= now() RETURNING key');
      return rows.length;
    },
  };
}
