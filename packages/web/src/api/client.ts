import type {
  Answer,
  Datasource,
  Me,
  Message,
  Metric,
  Session,
  SqlResult,
  TableInfo,
  TableProfile,
  User,
} from './types';

/** An API failure carrying the server's code and its one-sentence message for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;

/** Mutating requests authenticated by cookie must echo the token from login or /v1/auth/me. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function currentCsrfToken(): string | undefined {
  return csrfToken;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message)
      return new ApiError(response.status, body.error.code ?? 'error', body.error.message);
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ApiError(
    response.status,
    'http_error',
    `The server answered ${response.status} ${response.statusText}.`,
  );
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The askdata server cannot be reached. Is `askdata serve` running?');
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

const encode = encodeURIComponent;

/** Every endpoint the web app calls, named after what it does. */
export const api = {
  status: () => request<{ bootstrapped: boolean; oidc?: boolean }>('GET', '/v1/auth/status'),
  bootstrap: (input: { email: string; password: string; name: string }) =>
    request<{ user: User }>('POST', '/v1/auth/bootstrap', input),
  login: (input: { email: string; password: string }) => request<Me>('POST', '/v1/auth/login', input),
  logout: () => request<void>('POST', '/v1/auth/logout'),
  me: () => request<Me>('GET', '/v1/auth/me'),

  datasources: () => request<{ datasources: Datasource[] }>('GET', '/v1/datasources'),
  tables: (datasourceId: string) =>
    request<{ tables: TableInfo[] }>('GET', `/v1/datasources/${encode(datasourceId)}/tables`),
  profile: (datasourceId: string, table: string) =>
    request<TableProfile>('GET', `/v1/datasources/${encode(datasourceId)}/tables/${encode(table)}/profile`),
  connect: (input: { name: string; kind: string; url: string }) =>
    request<{ datasource: Datasource }>('POST', '/v1/datasources', input),

  sessions: () => request<{ sessions: Session[] }>('GET', '/v1/sessions'),
  session: (id: string) =>
    request<{ session: Session; messages: Message[] }>('GET', `/v1/sessions/${encode(id)}`),
  createSession: (input: { datasourceId: string; title?: string }) =>
    request<{ session: Session }>('POST', '/v1/sessions', input),
  renameSession: (id: string, title: string) =>
    request<{ session: Session } | undefined>('PATCH', `/v1/sessions/${encode(id)}`, { title }),
  deleteSession: (id: string) => request<void>('DELETE', `/v1/sessions/${encode(id)}`),
  restoreSession: (id: string) => request<unknown>('POST', `/v1/sessions/${encode(id)}/restore`),
  shareSession: (id: string, expiresInHours: number) =>
    request<{ token: string; url: string }>('POST', `/v1/sessions/${encode(id)}/share`, {
      role: 'viewer',
      expiresInHours,
    }),
  shared: (token: string) =>
    request<{ session: Session; messages: Message[] }>('GET', `/v1/shared/${encode(token)}`),

  /** The idempotency key makes a retried or double-sent question start one run, not two. */
  ask: (sessionId: string, question: string, idempotencyKey: string = crypto.randomUUID()) =>
    request<{ runId: string; messageId: string }>(
      'POST',
      `/v1/sessions/${encode(sessionId)}/messages`,
      { question },
      { 'Idempotency-Key': idempotencyKey },
    ),
  cancelRun: (runId: string) => request<unknown>('POST', `/v1/runs/${encode(runId)}/cancel`),
  query: (datasourceId: string, sql: string) =>
    request<SqlResult>('POST', '/v1/query', { datasourceId, sql }),
  metrics: () => request<{ metrics: Metric[] }>('GET', '/v1/metrics'),
};

export function runEventsUrl(runId: string): string {
  return `/v1/runs/${encode(runId)}/events`;
}

export type ExportFormat = 'csv' | 'xlsx' | 'parquet' | 'ipynb' | 'md';

export function exportUrl(messageId: string, format: ExportFormat): string {
  return `/v1/messages/${encode(messageId)}/export?format=${format}`;
}

export function chartUrl(messageId: string, format: 'svg' | 'png'): string {
  return `/v1/charts/${encode(messageId)}?format=${format}`;
}

export type { Answer };
