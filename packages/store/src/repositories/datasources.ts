import type { Row } from '../sql/sql-client';
import type {
  Datasource,
  DatasourceAccess,
  DatasourceKind,
  DatasourceRepository,
  JsonObject,
} from '../types';
import { iso, isUuid, newId, type RepositoryContext, stringOrNull, toJson } from './context';

const columns =
  'id, org_id, name, kind, config, tables, default_access, secrets_sealed IS NOT NULL AS has_secrets, created_by, created_at, updated_at';

function toDatasource(row: Row): Datasource {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    name: String(row.name),
    kind: row.kind as DatasourceKind,
    config: row.config as JsonObject,
    tables: row.tables as string[],
    defaultAccess: row.default_access as DatasourceAccess,
    hasSecrets: row.has_secrets === true,
    createdBy: stringOrNull(row.created_by),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The row id is the associated data of its sealed secrets. */
const secretContext = (id: string) => `datasource:${id}`;

export function createDatasourceRepository({ client, secretBox }: RepositoryContext): DatasourceRepository {
  const seal = (id: string, secrets: Record<string, string> | undefined) =>
    secrets === undefined ? null : secretBox.seal(JSON.stringify(secrets), secretContext(id));

  return {
    async create(orgId, input) {
      const id = newId();
      const [row] = await client.query(
        `INSERT INTO datasources (id, org_id, name, kind, config, tables, default_access, secrets_sealed, created_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9) RETURNING ${columns}`,
        [
          id,
          orgId,
          input.name,
          input.kind,
          toJson(input.config ?? {}),
          toJson(input.tables ?? []),
          input.defaultAccess ?? 'none',
          seal(id, input.secrets),
          input.createdBy ?? null,
        ],
      );
      return toDatasource(row as Row);
    },
    async get(orgId, id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(`SELECT ${columns} FROM datasources WHERE org_id = $1 AND id = $2`, [
        orgId,
        id,
      ]);
      return row ? toDatasource(row) : null;
    },
    async findByName(orgId, name) {
      const [row] = await client.query(
        `SELECT ${columns} FROM datasources WHERE org_id = $1 AND name = $2 ORDER BY created_at LIMIT 1`,
        [orgId, name],
      );
      return row ? toDatasource(row) : null;
    },
    async list(orgId) {
      const rows = await client.query(
        `SELECT ${columns} FROM datasources WHERE org_id = $1 ORDER BY created_at, name`,
        [orgId],
      );
      return rows.map(toDatasource);
    },
    async update(orgId, id, patch) {
      if (!isUuid(id)) return null;
      // Each column keeps its value when its patch field is absent ($n IS NULL → old value).
      const [row] = await client.query(
        `UPDATE datasources SET
           name = coalesce($3, name),
           config = coalesce($4::jsonb, config),
           tables = coalesce($5::jsonb, tables),
           default_access = coalesce($6, default_access),
           secrets_sealed = CASE WHEN $7::boolean THEN $8 ELSE secrets_sealed END,
           updated_at = now()
         WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
        [
          orgId,
          id,
          patch.name ?? null,
          patch.config === undefined ? null : toJson(patch.config),
          patch.tables === undefined ? null : toJson(patch.tables),
          patch.defaultAccess ?? null,
          patch.secrets !== undefined,
          seal(id, patch.secrets),
        ],
      );
      return row ? toDatasource(row) : null;
    },
    async readSecrets(orgId, id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        'SELECT secrets_sealed FROM datasources WHERE org_id = $1 AND id = $2',
        [orgId, id],
      );
      if (!row || row.secrets_sealed === null) return null;
      return JSON.parse(secretBox.open(String(row.secrets_sealed), secretContext(id))) as Record<
        string,
        string
      >;
    },
    async delete(orgId, id) {
      if (!isUuid(id)) return false;
      const rows = await client.query('DELETE FROM datasources WHERE org_id = $1 AND id = $2 RETURNING id', [
        orgId,
        id,
      ]);
      return rows.length > 0;
    },
  };
}
