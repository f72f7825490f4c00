import { rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { AnalysisSource } from '@askdata/assistant';
import { AskdataError } from '@askdata/core';
import { cleanName, profileWorkspaceTable } from '@askdata/engine';
import type { Datasource, JsonObject } from '@askdata/store';
import { z } from 'zod';
import type { ServerDeps } from '../app-env';
import { principalOf } from '../auth/access';
import { canReadDatasource, readableDatasource } from '../auth/resource-access';
import { HttpError } from '../http-error';
import { type DatabaseKind, isDatabaseKind, openDatabaseSource } from '../sources/database-source';
import { profileDatabaseTable } from '../sources/profile-database-table';
import { columnPolicy } from '../sources/scoped-workspace-source';
import { defineRoute } from './define-route';
import { receiveUpload } from './receive-upload';
import { datasourceSchema } from './schemas';
import { datasourceView } from './views';

const read = { auth: 'user', role: 'viewer', scope: 'read' } as const;
const admin = { auth: 'user', role: 'admin', scope: 'admin' } as const;
const editor = { auth: 'user', role: 'editor', scope: 'admin' } as const;

const columnSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  semanticType: z.string(),
});
const tableSchema = z.object({ name: z.string(), rows: z.number(), columns: z.array(columnSchema) });

const cleanTableName = (raw: string) => cleanName(raw) || 'data';

/** Database tables larger than this are profiled on their first this-many rows (the row count stays exact). */
const databaseProfileSampleRows = 100_000;

/** Dataset ids the datasource reads from the workspace (uploads own theirs; the demo shares its own). */
function datasetIds(datasource: Datasource): string[] {
  const ids = datasource.config['datasetIds'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** A dataset name not yet used in the workspace, so an upload never replaces someone else's data. */
function freeDatasetName(deps: ServerDeps, wanted: string): string {
  const used = new Set(deps.workspace.datasets().map((dataset) => dataset.id));
  const tables = new Set(deps.workspace.tables().map((table) => table.name));
  let name = wanted;
  for (let index = 2; used.has(cleanTableName(name)) || tables.has(cleanTableName(name)); index++) {
    name = `${wanted}_${index}`;
  }
  return name;
}

async function tablesOf(deps: ServerDeps, datasource: Datasource, deniedColumns: string[]) {
  const prepared = await deps.sources.prepare(datasource, deniedColumns);
  return prepared.source.tables().map((table) => {
    const entity = prepared.model.entities.find((candidate) => candidate.name === table.name);
    return {
      name: table.name,
      rows: table.rowCount ?? 0,
      columns: table.columns.map((column) => ({
        name: column.name,
        label: column.label ?? column.name,
        type: column.logicalType,
        semanticType: entity?.columns.find((candidate) => candidate.name === column.name)?.role ?? 'other',
      })),
    };
  });
}

/** Connection failures a person fixes in the URL they registered: a 400 with the connector's sentence. */
const connectionFailures = new Set([
  'auth_failed',
  'host_unreachable',
  'database_not_found',
  'tls_required',
  'tls_unavailable',
  'connection_failed',
  'invalid_input',
]);

/** Connects once to a database being registered (or refreshed); a failure is the caller's to fix. */
async function connectDatabase(kind: DatabaseKind, url: string): Promise<AnalysisSource> {
  try {
    return await openDatabaseSource(kind, url);
  } catch (error) {
    if (AskdataError.isInstance(error) && connectionFailures.has(error.code))
      throw new HttpError('invalid_body', error.message);
    throw error;
  }
}

/** Host and database of a connection URL, safe to keep in clear; the URL itself is a secret. */
function describeUrl(kind: string, url: string): JsonObject {
  if (kind === 'sqlite') return { path: url.replace(/^sqlite:\/\//, '') };
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname, port: parsed.port, database: parsed.pathname.replace(/^\//, '') };
  } catch {
    throw new HttpError('invalid_body', 'Invalid body: url: is not a valid connection URL.');
  }
}

export const datasourceRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/datasources',
    summary: 'Datasources you may read',
    tag: 'datasources',
    access: read,
    responses: { 200: { description: 'list', schema: z.object({ datasources: z.array(datasourceSchema) }) } },
    async handler(c) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const all = await deps.store.datasources.list(deps.org.id);
      const visible: Datasource[] = [];
      for (const datasource of all)
        if (await canReadDatasource(deps, principal, datasource)) visible.push(datasource);
      return c.json({ datasources: visible.map(datasourceView) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/datasources/upload',
    summary: 'Upload a file (CSV, TSV, Excel, Parquet, JSON) as a new datasource',
    tag: 'datasources',
    access: editor,
    multipart: { fields: { file: 'the file', name: 'optional datasource name' } },
    responses: {
      201: {
        description: 'loaded',
        schema: z.object({ datasource: datasourceSchema, tables: z.array(tableSchema) }),
      },
      413: { description: 'over the size limit' },
    },
    async handler(c) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const upload = await receiveUpload(
        c.req.raw,
        join(deps.config.home, 'uploads'),
        deps.config.maxUploadBytes,
      );
      const wanted =
        (upload.fields['name'] ?? '').trim() || basename(upload.fileName, extname(upload.fileName));
      let loaded: Awaited<ReturnType<typeof deps.workspace.load>>;
      try {
        loaded = await deps.workspace.load(upload.path, {
          name: freeDatasetName(deps, cleanTableName(wanted)),
        });
      } catch (error) {
        await rm(upload.path, { force: true });
        throw error;
      }
      const datasource = await deps.store.datasources.create(deps.org.id, {
        name: wanted,
        kind: 'workspace',
        config: {
          datasetIds: [loaded.dataset.id],
          uploaded: true,
          fileName: upload.fileName,
          bytes: upload.bytes,
        },
        tables: loaded.dataset.tables.map((table) => table.name),
        defaultAccess: 'none',
        createdBy: principal.user.id,
      });
      await deps.store.permissions.set(deps.org.id, {
        datasourceId: datasource.id,
        userId: principal.user.id,
        access: 'read',
      });
      await deps.store.audit.append(deps.org.id, {
        action: 'datasource.uploaded',
        actor: { userId: principal.user.id },
        targetType: 'datasource',
        targetId: datasource.id,
        details: { fileName: upload.fileName, bytes: upload.bytes },
      });
      return c.json(
        { datasource: datasourceView(datasource), tables: await tablesOf(deps, datasource, []) },
        201,
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/datasources',
    summary:
      'Register a database by URL (connected once to list its tables; the URL is encrypted at rest and never returned)',
    tag: 'datasources',
    access: editor,
    body: z.object({
      name: z.string().min(1).max(200),
      kind: z.enum(['postgres', 'mysql', 'sqlite']),
      url: z.string().min(1).max(4000),
    }),
    responses: { 201: { description: 'registered', schema: z.object({ datasource: datasourceSchema }) } },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const config = describeUrl(body.kind, body.url);
      const source = await connectDatabase(body.kind, body.url);
      let datasource: Datasource;
      try {
        datasource = await deps.store.datasources.create(deps.org.id, {
          name: body.name,
          kind: body.kind,
          config,
          secrets: { url: body.url },
          tables: source.tables().map((table) => table.name),
          defaultAccess: 'none',
          createdBy: principal.user.id,
        });
      } catch (error) {
        await source.close().catch(() => undefined);
        throw error;
      }
      deps.sources.adopt(datasource.id, source);
      await deps.store.permissions.set(deps.org.id, {
        datasourceId: datasource.id,
        userId: principal.user.id,
        access: 'read',
      });
      await deps.store.audit.append(deps.org.id, {
        action: 'datasource.created',
        actor: { userId: principal.user.id },
        targetType: 'datasource',
        targetId: datasource.id,
        details: { kind: body.kind },
      });
      return c.json({ datasource: datasourceView(datasource) }, 201);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/datasources/:id/tables',
    summary: 'Tables and columns you may read',
    tag: 'datasources',
    access: read,
    responses: { 200: { description: 'tables', schema: z.object({ tables: z.array(tableSchema) }) } },
    async handler(c) {
      const deps = c.get('deps');
      const { datasource, deniedColumns } = await readableDatasource(
        deps,
        principalOf(c),
        c.req.param('id') ?? '',
      );
      return c.json({ tables: await tablesOf(deps, datasource, deniedColumns) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/datasources/:id/tables/:table/profile',
    summary: "A table's profile (denied columns left out); computed in the database for database datasources",
    tag: 'datasources',
    access: read,
    responses: { 200: { description: 'the engine profile JSON', schema: z.record(z.string(), z.unknown()) } },
    async handler(c) {
      const deps = c.get('deps');
      const { datasource, deniedColumns } = await readableDatasource(
        deps,
        principalOf(c),
        c.req.param('id') ?? '',
      );
      const table = c.req.param('table') ?? '';
      if (!datasource.tables.includes(table)) {
        throw new HttpError('not_found', `There is no table ${table} in this datasource.`);
      }
      if (isDatabaseKind(datasource.kind)) {
        const source = await deps.sources.sqlSource(datasource, deniedColumns);
        if (!source.tables().some((candidate) => candidate.name === table)) {
          throw new HttpError(
            'not_found',
            `There is no table ${table} in this database any more; refresh it.`,
          );
        }
        return c.json(
          await profileDatabaseTable(source, table, {
            sampleRows: databaseProfileSampleRows,
            timeoutMs: deps.config.queryTimeoutMs,
          }),
        );
      }
      const profile = await profileWorkspaceTable(deps.workspace, table);
      const policy = columnPolicy({ tables: datasource.tables, deniedColumns });
      const allowed = (column: string) => policy(table, column) === 'allow';
      return c.json({
        ...profile,
        columns: profile.columns.filter((column) => allowed(column.name)),
        columnCount: profile.columns.filter((column) => allowed(column.name)).length,
        candidateKeys: profile.candidateKeys.filter(allowed),
        dateRange: profile.dateRange && allowed(profile.dateRange.column) ? profile.dateRange : null,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/datasources/:id/refresh',
    summary: 'Reload the files behind a workspace datasource, or re-read the tables of a database',
    tag: 'datasources',
    access: editor,
    responses: { 200: { description: 'refreshed', schema: z.object({ datasource: datasourceSchema }) } },
    async handler(c) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const { datasource } = await readableDatasource(deps, principal, c.req.param('id') ?? '');
      let updated = datasource;
      if (datasource.kind === 'workspace') {
        const tables: string[] = [];
        for (const id of datasetIds(datasource)) {
          const dataset = deps.workspace.datasets().find((candidate) => candidate.id === id);
          if (!dataset) continue;
          const loaded = await deps.workspace.load(dataset.source.path, { name: dataset.name });
          tables.push(...loaded.dataset.tables.map((table) => table.name));
        }
        updated = (await deps.store.datasources.update(deps.org.id, datasource.id, { tables })) ?? datasource;
        await deps.sources.forget(datasource.id);
      } else {
        const url = (await deps.store.datasources.readSecrets(deps.org.id, datasource.id))?.['url'];
        if (!url) throw new HttpError('invalid_body', 'This datasource has no connection URL.');
        const source = await connectDatabase(datasource.kind, url);
        const tables = source.tables().map((table) => table.name);
        updated = (await deps.store.datasources.update(deps.org.id, datasource.id, { tables })) ?? datasource;
        deps.sources.adopt(datasource.id, source);
      }
      await deps.store.audit.append(deps.org.id, {
        action: 'datasource.refreshed',
        actor: { userId: principal.user.id },
        targetType: 'datasource',
        targetId: datasource.id,
      });
      return c.json({ datasource: datasourceView(updated) });
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/datasources/:id/permissions',
    summary: "Set a user's access and denied columns on a datasource",
    tag: 'datasources',
    access: admin,
    body: z.object({
      userId: z.string().min(1),
      access: z.enum(['none', 'read']),
      deniedColumns: z.array(z.string().min(1)).max(1000).optional(),
    }),
    responses: {
      200: {
        description: 'the permission',
        schema: z.object({
          permission: z.object({
            userId: z.string(),
            access: z.string(),
            deniedColumns: z.array(z.string()),
          }),
        }),
      },
    },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const { datasource } = await readableDatasource(deps, principal, c.req.param('id') ?? '');
      if (!(await deps.store.users.get(deps.org.id, body.userId)))
        throw new HttpError('not_found', 'There is no such user.');
      const permission = await deps.store.permissions.set(deps.org.id, {
        datasourceId: datasource.id,
        ...body,
      });
      await deps.store.audit.append(deps.org.id, {
        action: 'permission.changed',
        actor: { userId: principal.user.id },
        targetType: 'datasource',
        targetId: datasource.id,
        details: { userId: body.userId, access: body.access, deniedColumns: body.deniedColumns ?? [] },
      });
      return c.json({
        permission: {
          userId: permission.userId,
          access: permission.access,
          deniedColumns: permission.deniedColumns,
        },
      });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/datasources/:id',
    summary: 'Delete a datasource (uploaded files are dropped from the workspace)',
    tag: 'datasources',
    access: admin,
    responses: { 204: { description: 'deleted' } },
    async handler(c) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const { datasource } = await readableDatasource(deps, principal, c.req.param('id') ?? '');
      await deps.store.datasources.delete(deps.org.id, datasource.id);
      if (datasource.config['uploaded'] === true) {
        for (const id of datasetIds(datasource)) await deps.workspace.drop(id).catch(() => undefined);
      }
      await deps.sources.forget(datasource.id);
      await deps.store.audit.append(deps.org.id, {
        action: 'datasource.deleted',
        actor: { userId: principal.user.id },
        targetType: 'datasource',
        targetId: datasource.id,
      });
      return c.body(null, 204);
    },
  }),
];
