import { z } from 'zod';
import { principalOf } from '../auth/access';
import { readableDatasource } from '../auth/resource-access';
import { defineRoute } from './define-route';

export const queryRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/query',
    summary: 'Run guarded SQL (read-only, your tables and columns only, row-capped)',
    tag: 'query',
    access: { auth: 'user', role: 'viewer', scope: 'ask' },
    body: z.object({ datasourceId: z.string().min(1), sql: z.string().min(1).max(100_000) }),
    responses: {
      200: {
        description: 'the result',
        schema: z.object({
          columns: z.array(z.object({ name: z.string(), logicalType: z.string() })),
          rows: z.array(z.array(z.unknown())),
          truncated: z.boolean(),
          sql: z.string(),
        }),
      },
    },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const { datasource, deniedColumns } = await readableDatasource(deps, principal, body.datasourceId);
      const source = await deps.sources.sqlSource(datasource, deniedColumns);
      const maxRows = deps.config.maxRows;
      // One row beyond the cap, so the result can tell that it was cut.
      const validated = await source.validate(body.sql, maxRows + 1);
      const result = await source.run(validated.sql, { maxRows, timeoutMs: deps.config.queryTimeoutMs });
      await deps.store.audit.append(deps.org.id, {
        action: 'sql.run',
        actor:
          principal.kind === 'api-key'
            ? { userId: principal.user.id, apiKeyId: principal.apiKeyId }
            : { userId: principal.user.id },
        details: {
          datasourceId: datasource.id,
          sql: validated.sql,
          rows: result.rowCount,
          durationMs: Math.round(result.elapsedMs),
        },
      });
      return c.json({
        columns: result.columns.map((column) => ({ name: column.name, logicalType: column.logicalType })),
        rows: result.rows,
        truncated: result.truncated,
        sql: validated.sql,
      });
    },
  }),
];
