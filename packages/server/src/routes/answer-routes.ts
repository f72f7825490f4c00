import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderChart, renderReport, toCsv, toNotebook, toXlsxBuffer, writeParquet } from '@askdata/answer';
import type { Answer } from '@askdata/assistant';
import type { Message } from '@askdata/store';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { principalOf } from '../auth/access';
import { accessibleSession, readableDatasource } from '../auth/resource-access';
import { HttpError } from '../http-error';
import { defineRoute } from './define-route';

const read = { auth: 'user', role: 'viewer', scope: 'read' } as const;

/** A stored answer the caller may read: the session is theirs (admins: any) and they may still read its data. */
async function readableAnswer(c: Context<AppEnv>): Promise<{ message: Message; answer: Answer }> {
  const deps = c.get('deps');
  const principal = principalOf(c);
  const message = await deps.store.messages.get(deps.org.id, c.req.param('id') ?? '');
  if (!message) throw new HttpError('not_found', 'There is no such message.');
  const session = await accessibleSession(deps, principal, message.sessionId, 'read');
  await readableDatasource(deps, principal, session.datasourceId);
  const answer = message.answer as unknown as Partial<Answer> | null;
  if (!answer?.chart || !answer.result)
    throw new HttpError('not_found', 'This message holds no answer with a result.');
  return { message, answer: answer as Answer };
}

const exportTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
  ipynb: 'application/x-ipynb+json',
  md: 'text/markdown; charset=utf-8',
} as const;
type ExportFormat = keyof typeof exportTypes;

async function exportBytes(answer: Answer, format: ExportFormat): Promise<Buffer | string> {
  switch (format) {
    case 'csv':
      return toCsv(answer.result);
    case 'xlsx':
      return toXlsxBuffer(answer.result);
    case 'parquet': {
      const folder = await mkdtemp(join(tmpdir(), 'askdata-export-'));
      try {
        await writeParquet(answer.result, join(folder, 'answer.parquet'));
        return await readFile(join(folder, 'answer.parquet'));
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }
    case 'ipynb':
      return `${JSON.stringify(
        toNotebook({
          question: answer.question,
          sql: answer.sql,
          sources: [],
          narrative: answer.narrative,
          result: answer.result,
        }),
        null,
        1,
      )}\n`;
    case 'md': {
      const chart =
        answer.chart.choice.type === 'table' ? undefined : await renderChart(answer.chart.spec, 'svg');
      return renderReport(
        {
          question: answer.question,
          title: answer.interpretation,
          narrative: answer.narrative,
          ...(chart ? { chartSvg: chart.data.toString('utf8'), chartAlt: answer.chart.altText } : {}),
          sql: answer.sql,
          result: answer.result,
        },
        'markdown',
      );
    }
  }
}

export const answerRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/charts/:id',
    summary: "An answer's chart: Vega-Lite JSON, or rendered with ?format=svg|png",
    tag: 'answers',
    access: read,
    query: z.object({ format: z.enum(['json', 'svg', 'png']).optional() }),
    responses: {
      200: { description: 'Vega-Lite JSON, SVG or PNG', schema: z.record(z.string(), z.unknown()) },
    },
    async handler(c, { query }) {
      const { answer } = await readableAnswer(c);
      const format = query.format ?? 'json';
      if (format === 'json') return c.json(answer.chart.spec as unknown as object);
      const rendered = await renderChart(answer.chart.spec, format, format === 'png' ? { scale: 2 } : {});
      return c.body(new Uint8Array(rendered.data), 200, {
        'Content-Type': format === 'png' ? 'image/png' : 'image/svg+xml',
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/messages/:id/export',
    summary: "Download an answer's rows or analysis",
    tag: 'answers',
    access: read,
    query: z.object({ format: z.enum(['csv', 'xlsx', 'parquet', 'ipynb', 'md']) }),
    responses: { 200: { description: 'the file', contentType: 'application/octet-stream' } },
    async handler(c, { query }) {
      const deps = c.get('deps');
      const { message, answer } = await readableAnswer(c);
      const bytes = await exportBytes(answer, query.format);
      await deps.store.audit.append(deps.org.id, {
        action: 'export',
        actor: { userId: principalOf(c).user.id },
        targetType: 'message',
        targetId: message.id,
        details: { format: query.format, rows: answer.result.rowCount },
      });
      const body = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
      return c.body(body, 200, {
        'Content-Type': exportTypes[query.format],
        'Content-Disposition': `attachment; filename="answer-${message.id}.${query.format}"`,
      });
    },
  }),
];
