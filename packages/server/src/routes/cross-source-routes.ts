import {
  type CrossSourceResult,
  type JoinKeyCandidate,
  planCrossSource,
  runCrossSourcePlan,
} from '@askdata/assistant';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv, Principal, ServerDeps } from '../app-env';
import { principalOf } from '../auth/access';
import { readableDatasource } from '../auth/resource-access';
import { crossSourcePlans } from '../cross-source/cross-source-plans';
import { HttpError } from '../http-error';
import { isDatabaseKind } from '../sources/database-source';
import { defineRoute } from './define-route';

/** Previewed plans live in the metadata store, so any server process can run them in full. */
const plansOf = (deps: ServerDeps) => crossSourcePlans(deps.store, deps.org.id);

const sideSchema = z.object({ table: z.string(), column: z.string() });
const keySchema = z.object({
  file: sideSchema,
  database: sideSchema,
  reason: z.enum(['same-name', 'table-key', 'named']),
  overlap: z.object({ sampled: z.number(), found: z.number(), ratio: z.number() }),
});
const resultSchema = z.object({
  strategy: z.enum(['send-file-rows-to-database', 'pull-database-slice-into-workspace']),
  ranIn: z.object({ label: z.string(), dialect: z.string() }),
  sql: z.string(),
  sliceSql: z.string(),
  moved: z.object({ table: z.string(), from: z.string(), rows: z.number(), columns: z.array(z.string()) }),
  preview: z.boolean(),
  result: z.object({ columns: z.array(z.object({ name: z.string() })), rows: z.array(z.array(z.unknown())) }),
  sources: z.array(
    z.object({
      label: z.string(),
      dialect: z.string(),
      tables: z.array(z.string()),
      snapshotIds: z.array(z.string()),
    }),
  ),
  notes: z.array(z.string()),
  interpretation: z.string(),
  key: keySchema,
  chart: z.object({ spec: z.unknown() }),
});

interface Sides {
  file: Awaited<ReturnType<typeof readableDatasource>>;
  database: Awaited<ReturnType<typeof readableDatasource>>;
}

/** Both datasources, readable by this person (404 otherwise), one of uploaded files and one database. */
async function readableSides(
  deps: ServerDeps,
  principal: Principal,
  fileDatasourceId: string,
  databaseDatasourceId: string,
): Promise<Sides> {
  const file = await readableDatasource(deps, principal, fileDatasourceId);
  const database = await readableDatasource(deps, principal, databaseDatasourceId);
  if (isDatabaseKind(file.datasource.kind))
    throw new HttpError(
      'invalid_body',
      `${file.datasource.name} is a database; pass a datasource of uploaded files.`,
    );
  if (!isDatabaseKind(database.datasource.kind))
    throw new HttpError('invalid_body', `${database.datasource.name} is not a database datasource.`);
  return { file, database };
}

const dialectNames: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite' };

/**
 * The scoped sources of both sides, prepared once per data version and permission scope (shared cache), and
 * named as the person knows them: the datasource names ("CRM (PostgreSQL)"), not a connection string or the
 * server's workspace folder, in the notes and sources of the answer.
 */
async function preparedSides(deps: ServerDeps, sides: Sides) {
  const [files, database] = await Promise.all([
    deps.sources.prepare(sides.file.datasource, sides.file.deniedColumns),
    deps.sources.prepare(sides.database.datasource, sides.database.deniedColumns),
  ]);
  const { dialect } = database.source;
  const sources = {
    files: { ...files.source, label: sides.file.datasource.name },
    database: {
      ...database.source,
      label: `${sides.database.datasource.name} (${dialectNames[dialect] ?? dialect})`,
    },
  };
  return { files, database, sources };
}

function actorOf(principal: Principal) {
  return principal.kind === 'api-key'
    ? { userId: principal.user.id, apiKeyId: principal.apiKeyId }
    : { userId: principal.user.id };
}

/** Who asked what across which datasources, and how it ended (a plan, a clarification, an abstention). */
async function auditQuestion(
  c: Context<AppEnv>,
  asked: { question: string; fileDatasourceId: string; databaseDatasourceId: string },
  outcome: 'plan' | 'clarify' | 'abstain',
  planId: string | null,
) {
  const deps = c.get('deps');
  await deps.store.audit.append(deps.org.id, {
    action: 'question.asked',
    actor: actorOf(principalOf(c)),
    targetType: 'cross-source-plan',
    targetId: planId,
    details: { ...asked, outcome },
  });
}

/** Each statement that ran is audited like `POST /v1/query`, on the datasource it ran against. */
async function auditRun(c: Context<AppEnv>, sides: Sides, planId: string, result: CrossSourceResult) {
  const deps = c.get('deps');
  const actor = actorOf(principalOf(c));
  const pushed = result.strategy === 'send-file-rows-to-database';
  const statements = [
    {
      datasourceId: (pushed ? sides.file : sides.database).datasource.id,
      sql: result.sliceSql,
      rows: result.moved.rows,
    },
    {
      datasourceId: (pushed ? sides.database : sides.file).datasource.id,
      sql: result.sql,
      rows: result.result.rowCount,
    },
  ];
  for (const statement of statements.filter((entry) => entry.sql !== ''))
    await deps.store.audit.append(deps.org.id, {
      action: 'sql.run',
      actor,
      details: {
        ...statement,
        crossSourcePlanId: planId,
        mode: result.preview ? 'preview' : 'full',
        durationMs: Math.round(result.result.elapsedMs),
      },
    });
}

const limitsOf = (deps: ServerDeps) => ({
  maxRows: deps.config.maxRows,
  timeoutMs: deps.config.queryTimeoutMs,
});

export const crossSourceRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/cross-source/preview',
    summary:
      'Join uploaded files with a database table for a question: find the key, run on a sample, keep the plan for a full run',
    tag: 'cross-source',
    access: { auth: 'user', role: 'viewer', scope: 'ask' },
    body: z.object({
      fileDatasourceId: z.string().min(1),
      databaseDatasourceId: z.string().min(1),
      question: z.string().trim().min(1).max(2000),
      asOf: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
    responses: {
      200: {
        description:
          'status "preview" with planId, expiresAt and the sample result; or "clarification" (candidate keys) or "abstention"',
        schema: z.union([
          z.object({
            status: z.literal('preview'),
            planId: z.string(),
            expiresAt: z.string(),
            preview: resultSchema,
          }),
          z.object({
            status: z.literal('clarification'),
            question: z.string(),
            candidates: z.array(keySchema),
          }),
          z.object({ status: z.literal('abstention'), reason: z.string(), suggestions: z.array(z.string()) }),
        ]),
      },
    },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const sides = await readableSides(deps, principal, body.fileDatasourceId, body.databaseDatasourceId);
      const prepared = await preparedSides(deps, sides);
      const { sources } = prepared;
      const planning = await planCrossSource(body.question, {
        ...sources,
        prepared,
        timeoutMs: deps.config.queryTimeoutMs,
        ...(body.asOf ? { asOf: body.asOf } : {}),
      });
      const asked = {
        question: body.question,
        fileDatasourceId: sides.file.datasource.id,
        databaseDatasourceId: sides.database.datasource.id,
      };
      if (planning.kind !== 'plan') await auditQuestion(c, asked, planning.kind, null);
      if (planning.kind === 'clarify')
        return c.json({
          status: 'clarification' as const,
          question: planning.question,
          candidates: planning.candidates satisfies JoinKeyCandidate[],
        });
      if (planning.kind === 'abstain')
        return c.json({
          status: 'abstention' as const,
          reason: planning.reason,
          suggestions: planning.suggestions,
        });
      const preview = await runCrossSourcePlan(planning.plan, {
        ...sources,
        ...limitsOf(deps),
        mode: 'preview',
      });
      const pending = await plansOf(deps).add({
        userId: principal.user.id,
        fileDatasourceId: sides.file.datasource.id,
        databaseDatasourceId: sides.database.datasource.id,
        plan: planning.plan,
      });
      await auditQuestion(c, asked, 'plan', pending.id);
      await auditRun(c, sides, pending.id, preview);
      return c.json({
        status: 'preview' as const,
        planId: pending.id,
        expiresAt: pending.expiresAt,
        preview,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cross-source/:planId/run',
    summary: 'Run a previewed cross-source plan in full (after the person confirms)',
    tag: 'cross-source',
    access: { auth: 'user', role: 'viewer', scope: 'ask' },
    responses: {
      200: { description: 'the full result', schema: z.object({ result: resultSchema }) },
      404: { description: 'no such plan for you, or it expired: preview again' },
    },
    async handler(c) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const pending = await plansOf(deps).get(c.req.param('planId') ?? '', principal.user.id);
      if (!pending)
        throw new HttpError(
          'not_found',
          'This preview is no longer available (a preview can be run in full for 15 minutes); preview the question again.',
        );
      // Access is checked again: it may have been withdrawn since the preview.
      const sides = await readableSides(
        deps,
        principal,
        pending.fileDatasourceId,
        pending.databaseDatasourceId,
      );
      const prepared = await preparedSides(deps, sides);
      const result = await runCrossSourcePlan(pending.plan, {
        ...prepared.sources,
        ...limitsOf(deps),
        mode: 'full',
      });
      await auditRun(c, sides, pending.id, result);
      return c.json({ result });
    },
  }),
];
