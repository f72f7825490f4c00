import type { Row } from '../sql/sql-client';
import type { DatasourceAccess, DatasourcePermission, DatasourcePermissionRepository } from '../types';
import { iso, isUuid, type RepositoryContext, toJson } from './context';

const columns = 'org_id, datasource_id, user_id, access, denied_columns, updated_at';

function toPermission(row: Row): DatasourcePermission {
  return {
    orgId: String(row.org_id),
    datasourceId: String(row.datasource_id),
    userId: String(row.user_id),
    access: row.access as DatasourceAccess,
    deniedColumns: row.denied_columns as string[],
    updatedAt: iso(row.updated_at),
  };
}

export function createPermissionRepository({ client }: RepositoryContext): DatasourcePermissionRepository {
  return {
    async set(orgId, input) {
      const [row] = await client.query(
        `INSERT INTO datasource_permissions (org_id, datasource_id, user_id, access, denied_columns)
         VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (datasource_id, user_id)
         DO UPDATE SET access = excluded.access, denied_columns = excluded.denied_columns, updated_at = now()
         WHERE datasource_permissions.org_id = excluded.org_id
         RETURNING ${columns}`,
        [
          orgId,
          input.datasourceId,
          input.userId,
          input.access,
          toJson([...new Set(input.deniedColumns ?? [])]),
        ],
      );
      return toPermission(row as Row);
    },
    async get(orgId, datasourceId, userId) {
      if (!isUuid(datasourceId) || !isUuid(userId)) return null;
      const [row] = await client.query(
        `SELECT ${columns} FROM datasource_permissions WHERE org_id = $1 AND datasource_id = $2 AND user_id = $3`,
        [orgId, datasourceId, userId],
      );
      return row ? toPermission(row) : null;
    },
    async listForDatasource(orgId, datasourceId) {
      if (!isUuid(datasourceId)) return [];
      const rows = await client.query(
        `SELECT ${columns} FROM datasource_permissions WHERE org_id = $1 AND datasource_id = $2 ORDER BY updated_at`,
        [orgId, datasourceId],
      );
      return rows.map(toPermission);
    },
    async listForUser(orgId, userId) {
      if (!isUuid(userId)) return [];
      const rows = await client.query(
        `SELECT ${columns} FROM datasource_permissions WHERE org_id = $1 AND user_id = $2 ORDER BY updated_at`,
        [orgId, userId],
      );
      return rows.map(toPermission);
    },
    async remove(orgId, datasourceId, userId) {
      if (!isUuid(datasourceId) || !isUuid(userId)) return false;
      const rows = await client.query(
        'DELETE FROM datasource_permissions WHERE org_id = $1 AND datasource_id = $2 AND user_id = $3 RETURNING user_id',
        [orgId, datasourceId, userId],
      );
      return rows.length > 0;
    },
  };
}
