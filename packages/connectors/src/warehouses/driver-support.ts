import { AskdataError } from '@askdata/core';
import { type ConnectionTarget, connectionError } from '../connection-error';
import type { RowBatch } from '../connector';
import type { WarehouseDriver } from './warehouse-driver';

/** The time limit in whole seconds (at least one), as warehouses take it in their session settings. */
export function timeLimitSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000));
}

export function queryTimeoutError(product: string, cause: unknown): AskdataError {
  return new AskdataError(
    'query_timeout',
    `The query ran past its time limit on ${product} and was stopped.`,
    {
      cause,
    },
  );
}

export function queryCancelledError(cause: unknown): AskdataError {
  return new AskdataError('query_cancelled', 'The query was cancelled.', { cause });
}

/**
 * Runs a connection probe under its own time limit; a probe still waiting when the limit passes means the
 * warehouse did not answer, so it fails as `host_unreachable` rather than with the driver's abort error.
 */
export async function probeWithin(
  target: ConnectionTarget,
  timeoutMs: number,
  probe: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await probe(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw connectionError('host_unreachable', target, error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** All rows of one statement askdata writes itself (catalog queries), read to the end. */
export async function collectRows(
  driver: Pick<WarehouseDriver, 'run'>,
  sql: string,
  limits: { timeoutMs: number; maxRows: number },
): Promise<RowBatch['rows']> {
  const signal = new AbortController().signal;
  const rows: RowBatch['rows'] = [];
  for await (const batch of driver.run(sql, { signal, ...limits })) rows.push(...batch.rows);
  return rows;
}

/** Where an HTTP(S) warehouse endpoint listens, with the product's default port for each scheme. */
export function httpTarget(
  url: URL,
  ports: { https: number; http: number },
  target: Omit<ConnectionTarget, 'host' | 'port'>,
): ConnectionTarget {
  return {
    ...target,
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? ports.https : ports.http)),
  };
}
