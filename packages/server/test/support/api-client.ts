/** Anything that answers a Request like `app.request` (the Hono app in process). */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** A signed-in caller of the app: cookie + CSRF token, or an API key. */
export interface Caller {
  cookie?: string;
  csrfToken?: string;
  apiKey?: string;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the CSRF header even for a cookie caller. */
  noCsrf?: boolean;
}

/** Calls the app in process (no socket) as `caller`. */
export function callApi(app: Requester, caller?: Caller) {
  return async (method: string, path: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (caller?.cookie) headers['cookie'] = caller.cookie;
    if (caller?.csrfToken && !options.noCsrf) headers['x-csrf-token'] = caller.csrfToken;
    if (caller?.apiKey) headers['authorization'] = `Bearer ${caller.apiKey}`;
    let body: RequestInit['body'];
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  };
}

/** Signs in and returns the cookie and CSRF token. */
export async function signIn(app: Requester, email: string, password: string): Promise<Caller> {
  const response = await app.request('/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
