import { randomUUID } from 'node:crypto';
import { AskdataError, type TableSchema } from '@askdata/core';
import { type ConnectionTarget, connectionError, isUnreachable } from '../../connection-error';
import type { ConnectorCapabilities, RowBatch, TableRef } from '../../connector';
import { loadOptionalModule } from '../../optional-module';
import { queryTimeoutError } from '../driver-support';
import type { RunOptions, WarehouseDriver } from '../warehouse-driver';
import {
  type BigqueryField,
  type BigqueryRow,
  bigqueryCell,
  bigqueryColumns,
  bigqueryLogicalType,
} from './bigquery-values';

type BigqueryModule = typeof import('@google-cloud/bigquery');
type BigqueryClient = InstanceType<BigqueryModule['BigQuery']>;

export interface BigqueryOptions {
  projectId: string;
  /** The dataset unqualified table names resolve in, and the one `introspect` describes. */
  dataset: string;
  location?: string;
  /** A service-account key file, its parsed JSON, or an OAuth access token; default: the Google default chain. */
  keyFilename?: string;
  credentials?: { client_email: string; private_key: string };
  accessToken?: string;
  /** Refuse queries that would bill more than this many bytes (cost control at the source). */
  maximumBytesBilled?: number;
  /** Another endpoint (an emulator, a private endpoint); default: the public API. */
  apiEndpoint?: string;
}

export const bigqueryCapabilities = {
  pushDown: true,
  namespaces: true,
  cancel: 'server',
  // BigQuery has no read-only session: give askdata a principal with BigQuery Data Viewer and Job User only.
  readOnly: 'credentials',
  explain: false,
  primaryKeys: false,
  foreignKeys: false,
  comments: true,
  rowCounts: 'exact',
} as const satisfies ConnectorCapabilities;

/**
 * BigQuery through `@google-cloud/bigquery`: each statement is a query job (jobs.insert) with a server-side
 * `jobTimeoutMs` and optional `maximumBytesBilled`; rows are read page by page with getQueryResults and a
 * cancel is jobs.cancel. Values are read from the REST rows by their schema types (see bigquery-values.ts).
 */
export class BigqueryDriver implements WarehouseDriver {
  readonly kind = 'bigquery' as const;
  readonly dialect = 'bigquery' as const;
  readonly label: string;
  readonly capabilities = bigqueryCapabilities;
  private client: Promise<BigqueryClient> | undefined;
  private readonly target: ConnectionTarget;

  constructor(private readonly options: BigqueryOptions) {
    const host = options.apiEndpoint ? new URL(options.apiEndpoint).host : 'bigquery.googleapis.com';
    this.target = { product: 'BigQuery', host, database: `${options.projectId}.${options.dataset}` };
    this.label = `BigQuery ${options.projectId}.${options.dataset}`;
  }

  async connect(timeoutMs: number): Promise<void> {
    const client = await this.open();
    try {
      await withTimeout(client.dataset(this.options.dataset).getMetadata(), timeoutMs);
    } catch (error) {
      throw this.describe(error);
    }
  }

  async *run(sql: string, options: RunOptions): AsyncIterable<RowBatch> {
    const client = await this.open();
    const { projectId, dataset, location, maximumBytesBilled } = this.options;
    const jobId = `askdata_${randomUUID()}`;
    let job: import('@google-cloud/bigquery').Job;
    try {
      [job] = await client.createQueryJob({
        query: sql,
        jobId,
        useLegacySql: false,
        location,
        defaultDataset: { projectId, datasetId: dataset },
        jobTimeoutMs: options.timeoutMs,
        ...(maximumBytesBilled === undefined ? {} : { maximumBytesBilled: String(maximumBytesBilled) }),
        labels: { source: 'askdata' },
      } as never);
    } catch (error) {
      throw this.describe(error);
    }
    let finished = false;
    const cancel = () => {
      if (!finished) void job.cancel().catch(() => undefined);
    };
    options.signal.addEventListener('abort', cancel, { once: true });
    try {
      let pageToken: string | undefined;
      let columns: RowBatch['columns'] | undefined;
      let fields: BigqueryField[] = [];
      for (;;) {
        if (options.signal.aborted) throw options.signal.reason;
        const [rows, , response] = (await job.getQueryResults({
          autoPaginate: false,
          maxResults: Math.min(10_000, options.maxRows + 1),
          pageToken,
          skipParsing: true,
        } as never)) as unknown as [BigqueryRow[], unknown, QueryResponse];
        if (response.jobComplete === false) continue;
        if (!columns) {
          fields = response.schema?.fields ?? [];
          columns = bigqueryColumns(fields);
        }
        const cells = (rows ?? []).map((row) =>
          row.f.map((cell, index) => bigqueryCell(cell.v, fields[index] ?? { name: '', type: 'STRING' })),
        );
        if (cells.length > 0) yield { columns, rows: cells };
        pageToken = response.pageToken;
        if (!pageToken) break;
      }
      finished = true;
      yield { columns: columns ?? [], rows: [] };
    } catch (error) {
      throw this.describe(error);
    } finally {
      options.signal.removeEventListener('abort', cancel);
      if (!finished) cancel();
    }
  }

  async describeTables(tables?: readonly TableRef[]): Promise<TableSchema[]> {
    const client = await this.open();
    const dataset = client.dataset(this.options.dataset);
    try {
      const names = tables
        ? tables.map((table) => table.name)
        : ((await dataset.getTables({ autoPaginate: true }))[0] ?? []).map((table) => table.id ?? '');
      const described: TableSchema[] = [];
      for (const name of names.filter(Boolean).sort()) {
        const [metadata] = (await dataset.table(name).getMetadata()) as unknown as [TableMetadata];
        described.push({
          name,
          namespace: this.options.dataset,
          ...(metadata.description ? { description: metadata.description } : {}),
          columns: (metadata.schema?.fields ?? []).map((field) => ({
            name: field.name,
            sourceType: field.mode === 'REPEATED' ? `ARRAY<${field.type}>` : field.type,
            logicalType: bigqueryLogicalType(field),
            nullable: field.mode !== 'REQUIRED',
            ...(field.description ? { description: field.description } : {}),
          })),
          ...(metadata.numRows === undefined ? {} : { rowCount: Number(metadata.numRows) }),
        });
      }
      return described;
    } catch (error) {
      throw this.describe(error);
    }
  }

  async close(): Promise<void> {
    this.client = undefined;
  }

  private open(): Promise<BigqueryClient> {
    this.client ??= loadOptionalModule(
      () => import('@google-cloud/bigquery'),
      '@google-cloud/bigquery',
      'Connecting to BigQuery',
    ).then((module) => {
      const { projectId, location, keyFilename, credentials, accessToken, apiEndpoint } = this.options;
      return new module.BigQuery({
        projectId,
        location,
        ...(apiEndpoint ? { apiEndpoint } : {}),
        ...(keyFilename ? { keyFilename } : {}),
        ...(credentials ? { credentials } : {}),
        ...(accessToken ? { authClient: tokenAuth(accessToken, projectId) as never } : {}),
        userAgent: 'askdata',
      });
    });
    return this.client;
  }

  private describe(error: unknown): AskdataError {
    if (AskdataError.isInstance(error)) return error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const reason = firstReason(error);
    if (code === 401 || reason === 'authError') return connectionError('auth_failed', this.target, error);
    if (code === 404 && /dataset/i.test(message) && !/table/i.test(message))
      return connectionError('database_not_found', this.target, error);
    if (code === 404 || reason === 'notFound')
      return new AskdataError('table_not_found', message.split('\n')[0] ?? message, { cause: error });
    if (code === 403 && reason === 'accessDenied')
      return new AskdataError('sql_forbidden_table', `BigQuery refused access: ${message}`, { cause: error });
    if (reason === 'bytesBilledLimitExceeded')
      return new AskdataError('sql_too_expensive', `BigQuery refused the query: ${message}`, {
        cause: error,
      });
    if (reason === 'stopped' || /Job timed out|exceeded the job timeout/i.test(message))
      return queryTimeoutError('BigQuery', error);
    if (isUnreachable(error)) return connectionError('host_unreachable', this.target, error);
    return new AskdataError('query_failed', `BigQuery could not run the query: ${message.split('\n')[0]}`, {
      cause: error,
    });
  }
}

interface QueryResponse {
  jobComplete?: boolean;
  pageToken?: string;
  schema?: { fields?: BigqueryField[] };
}

interface TableMetadata {
  description?: string;
  numRows?: string;
  schema?: { fields?: BigqueryField[] };
}

/** An OAuth access token as the client's auth: every request carries it, nothing else is looked up. */
function tokenAuth(token: string, projectId: string) {
  return {
    getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }),
    getProjectId: async () => projectId,
  };
}

function firstReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('errors' in error)) return undefined;
  const errors = error.errors;
  return Array.isArray(errors) && typeof errors[0]?.reason === 'string' ? errors[0].reason : undefined;
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
