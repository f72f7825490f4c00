import type { Row } from '../sql/sql-client';
import type { CrossSourcePlanRepository, JsonObject, PendingCrossSourcePlan } from '../types';
import { iso, isUuid, newId, type RepositoryContext, toJson } from './context';

const columns =
  'id, org_id, user_id, file_datasource_id, database_datasource_id, plan, created_at, expires_at';
const defaultExpiryMs = 15 * 60_000;

function toPendingPlan(row: Row): PendingCrossSourcePlan {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    userId: String(row.user_id),
    fileDatasourceId: String(row.file_datasource_id),
    databaseDatasourceId: String(row.database_datasource_id),
    plan: row.plan as JsonObject,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
  };
}

export function createCrossSourcePlanRepository({ client }: RepositoryContext): CrossSourcePlanRepository {
  return {
    async create(orgId, input) {
      await client.query('DELETE FROM cross_source_plans WHERE expires_at <= now()');
      const [row] = await client.query(
        `INSERT INTO cross_source_plans
           (id, org_id, user_id, file_datasource_id, database_datasource_id, plan, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, now() + make_interval(secs => $7)) RETURNING ${columns}`,
        [
          newId(),
          orgId,
          input.userId,
          input.fileDatasourceId,
          input.databaseDatasourceId,
          toJson(input.plan),
          (input.expiresInMs ?? defaultExpiryMs) / 1000,
        ],
      );
      return toPendingPlan(row as Row);
    },
    async get(orgId, id, userId) {
      if (!isUuid(id) || !isUuid(userId)) return null;
      const [row] = await client.query(
        `SELECT ${columns} FROM cross_source_plans
         WHERE org_id = $1 AND id = $2 AND user_id = $3 AND expires_at > now()`,
        [orgId, id, userId],
      );
      return row ? toPendingPlan(row) : null;
    },
    async deleteExpired() {
      const rows = await client.query(
        'DELETE FROM cross_source_plans WHERE expires_at <= now() RETURNING id',
      );
      return rows.length;
    },
  };
}
