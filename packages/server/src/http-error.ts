import { AskdataError, type ErrorCode } from '@askdata/core';

/** The error codes the HTTP API answers with, and their statuses. */
export const httpStatusByCode = {
  invalid_body: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  bad_gateway: 502,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<string, number>;

export type HttpErrorCode = keyof typeof httpStatusByCode;
export type HttpStatus = (typeof httpStatusByCode)[HttpErrorCode];

/** One error a route can throw; the app's error handler renders it as `{error: {code, message}}`. */
export class HttpError extends Error {
  readonly status: HttpStatus;
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = httpStatusByCode[code];
  }
}

/** Pipeline errors a person caused (bad SQL, missing table) are 400s; the rest stay server errors. */
const askdataStatus: Partial<Record<ErrorCode, HttpErrorCode>> = {
  invalid_input: 'invalid_body',
  file_empty: 'invalid_body',
  file_binary: 'unsupported_media_type',
  file_unsupported: 'unsupported_media_type',
  file_too_large: 'too_large',
  zip_bomb: 'too_large',
  workbook_macros: 'invalid_body',
  workbook_external_links: 'invalid_body',
  parse_failed: 'invalid_body',
  dataset_not_found: 'not_found',
  table_not_found: 'not_found',
  column_not_found: 'invalid_body',
  sql_invalid: 'invalid_body',
  sql_not_read_only: 'forbidden',
  sql_forbidden_function: 'forbidden',
  sql_forbidden_table: 'forbidden',
  sql_forbidden_column: 'forbidden',
  sql_multiple_statements: 'invalid_body',
  sql_too_expensive: 'invalid_body',
  query_timeout: 'unavailable',
  query_cancelled: 'conflict',
  query_failed: 'invalid_body',
  result_too_large: 'too_large',
  spec_invalid: 'invalid_body',
  cannot_answer: 'invalid_body',
  unsupported_dialect: 'invalid_body',
  connection_failed: 'unavailable',
  host_unreachable: 'unavailable',
  database_not_found: 'invalid_body',
  auth_failed: 'invalid_body',
  tls_required: 'invalid_body',
  tls_unavailable: 'invalid_body',
  engine_unavailable: 'unavailable',
};

export interface ErrorBody {
  error: { code: string; message: string };
}

/** Turns any thrown value into a status and body; unknown failures never leak their message or stack. */
export function errorResponse(error: unknown): {
  status: HttpStatus;
  body: ErrorBody;
  headers: Record<string, string>;
} {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message } },
      headers: error.headers,
    };
  }
  if (AskdataError.isInstance(error)) {
    const code = askdataStatus[error.code] ?? 'internal';
    const message = code === 'internal' ? 'Something went wrong on the server.' : error.message;
    // The pipeline's own code is more precise than the HTTP family; keep it when it is a client error.
    const shown = code === 'internal' ? 'internal' : error.code;
    return { status: httpStatusByCode[code], body: { error: { code: shown, message } }, headers: {} };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on the server.' } },
    headers: {},
  };
}
