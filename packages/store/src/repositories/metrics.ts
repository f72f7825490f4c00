import type { Row } from '../sql/sql-client';
import type { MetricDefinition, MetricRepository } from '../types';
import { conflictOn, iso, isUuid, newId, type RepositoryContext, stringOrNull, toNumber } from './context';

const columns =
  'id, org_id, name, description, expression, table_name, owner, version, created_at, updated_at';
const nameTaken = 'A metric with this name already exists.';

function toMetric(row: Row): MetricDefinition {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    name: String(row.name),
    description: String(row.description),
    expression: String(row.expression),
    table: String(row.table_name),
    owner: stringOrNull(row.owner),
    version: toNumber(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function createMetricRepository({ client }: RepositoryContext): MetricRepository {
  return {
    async create(orgId, input) {
      try {
        const [row] = await client.query(
          `INSERT INTO metric_definitions (id, org_id, name, description, expression, table_name, owner)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
          [newId(), orgId, input.name, input.description, input.expression, input.table, input.owner ?? null],
        );
        return toMetric(row as Row);
      } catch (error) {
        return conflictOn(error, nameTaken);
      }
    },
    async get(orgId, id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        `SELECT ${columns} FROM metric_definitions WHERE org_id = $1 AND id = $2`,
        [orgId, id],
      );
      return row ? toMetric(row) : null;
    },
    async list(orgId) {
      const rows = await client.query(
        `SELECT ${columns} FROM metric_definitions WHERE org_id = $1 ORDER BY name`,
        [orgId],
      );
      return rows.map(toMetric);
    },
    async update(orgId, id, patch) {
      if (!isUuid(id)) return null;
      try {
        const [row] = await client.query(
          `UPDATE metric_definitions SET
             name = coalesce($3, name),
             description = coalesce($4, description),
             expression = coalesce($5, expression),
             table_name = coalesce($6, table_name),
             owner = CASE WHEN $7::boolean THEN $8 ELSE owner END,
             version = version + 1,
             updated_at = now()
           WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
          [
            orgId,
            id,
            patch.name ?? null,
            patch.description ?? null,
            patch.expression ?? null,
            patch.table ?? null,
            patch.owner !== undefined,
            patch.owner ?? null,
          ],
        );
        return row ? toMetric(row) : null;
      } catch (error) {
        return conflictOn(error, nameTaken);
      }
    },
  };
}
