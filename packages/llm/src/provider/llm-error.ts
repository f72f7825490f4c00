/**
 * Provider failures in our terms: whether a retry may help (429, 5xx, dropped connections), whether the
 * next model in a fallback chain should be tried, and a message a person can act on. Keys and request
 * bodies never appear in these messages.
 */
import { APICallError } from 'ai';

export type LlmFailureKind =
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'rejected'
  | 'cancelled';

export interface LlmFailure {
  kind: LlmFailureKind;
  status?: number;
  message: string;
  /** How long the provider asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
}

/** Retry-After in seconds or as an HTTP date, or retry-after-ms; undefined when absent or unreadable. */
export function retryAfterMs(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const milliseconds = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] !== undefined && Number.isFinite(milliseconds))
    return Math.max(0, milliseconds);
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

export function classifyLlmError(error: unknown, model: string): LlmFailure {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const wait = retryAfterMs(error.responseHeaders);
    if (status === 429) {
      return {
        kind: 'rate_limited',
        status,
        message: `${model} is rate limited (HTTP 429)`,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      };
    }
    if (status !== undefined && status >= 500)
      return { kind: 'server_error', status, message: `${model} failed with HTTP ${status}` };
    if (status === undefined) return { kind: 'network', message: `${model} could not be reached` };
    const reason = status === 401 || status === 403 ? 'the API key was refused' : 'the request was refused';
    return { kind: 'rejected', status, message: `${model}: ${reason} (HTTP ${status})` };
  }
  if (isAbort(error)) return { kind: 'cancelled', message: `${model}: the request was cancelled` };
  if (
    error instanceof TypeError ||
    (error instanceof Error && /fetch failed|ECONNREFUSED|ECONNRESET|socket/i.test(error.message))
  )
    return { kind: 'network', message: `${model} could not be reached` };
  return {
    kind: 'rejected',
    message: `${model} failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export const retryableKinds: ReadonlySet<LlmFailureKind> = new Set([
  'rate_limited',
  'server_error',
  'network',
]);
