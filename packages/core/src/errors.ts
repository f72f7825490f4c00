/**
 * One error base for the whole product. Every failure a person can see carries a stable `code`,
 * a message written for that person, an optional hint, and the underlying cause for `--debug`.
 * Transports (CLI, HTTP, SSE) turn it into output in one place each; this file knows none of them.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'file_not_found'
  | 'file_empty'
  | 'file_too_large'
  | 'file_binary'
  | 'file_unsupported'
  | 'workbook_macros'
  | 'workbook_external_links'
  | 'zip_bomb'
  | 'parse_failed'
  | 'dataset_not_found'
  | 'table_not_found'
  | 'column_not_found'
  | 'sql_invalid'
  | 'sql_not_read_only'
  | 'sql_forbidden_function'
  | 'sql_forbidden_table'
  | 'sql_forbidden_column'
  | 'sql_multiple_statements'
  | 'sql_too_expensive'
  | 'query_timeout'
  | 'query_cancelled'
  | 'query_failed'
  | 'result_too_large'
  | 'spec_invalid'
  | 'semantic_model_invalid'
  | 'unsupported_dialect'
  | 'cannot_answer'
  | 'engine_unavailable'
  | 'connection_failed'
  | 'conflict'
  | 'llm_not_configured'
  | 'llm_failed'
  | 'llm_timeout'
  | 'llm_budget_exceeded'
  | 'auth_failed'
  | 'host_unreachable'
  | 'database_not_found'
  | 'tls_required'
  | 'tls_unavailable'
  | 'internal';

export interface AskdataErrorOptions {
  hint?: string;
  cause?: unknown;
  /** Structured details safe to show or serialise (never secrets). */
  details?: Record<string, unknown>;
}

const marker = Symbol.for('askdata.error');

export class AskdataError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AskdataErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AskdataError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** Works across package copies and realms, unlike `instanceof`. */
  static isInstance(value: unknown): value is AskdataError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/** The message to show a person for any thrown value; unknown failures stay generic. */
export function userMessage(error: unknown): string {
  if (AskdataError.isInstance(error)) return error.hint ? `${error.message} (${error.hint})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
