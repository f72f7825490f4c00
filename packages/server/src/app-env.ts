import type { Workspace } from '@askdata/engine';
import type { ApiKeyScope, Organisation, Store, User } from '@askdata/store';
import type { Logger } from 'pino';
import type { OidcConfig } from './auth/oidc/oidc-config';
import type { ResultCache } from './cache/result-cache';
import type { Lifecycle } from './ops/lifecycle';
import type { ServerMetrics } from './ops/server-metrics';
import type { RateLimiter } from './rate-limit/rate-limiter';
import type { RunManager } from './runs/run-manager';
import type { SourceRegistry } from './sources/source-registry';

/** Settings the composition root (the `serve` command or a test) decides; nothing here reads the environment. */
export interface ServerConfig {
  /** Workspace folder: DuckDB snapshots, uploads. */
  home: string;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** Login session lifetime. */
  sessionTtlMs: number;
  /** Adds `Secure` to the session cookie (behind HTTPS). */
  secureCookies: boolean;
  /** Requests per user per window; anonymous requests count per client address. */
  rateLimit: { max: number; windowMs: number };
  /** Folder of the built web app (index.html), served at `/` when present. */
  webDist?: string;
  /** Base URL for share links, e.g. `http://127.0.0.1:8787`. */
  publicUrl: string;
  /** How often this process refreshes the heartbeat of the runs it holds and looks for cancellations. */
  runHeartbeatMs: number;
  /** Runs whose holder has not beaten for this long are marked failed. */
  staleRunMs: number;
  /** Row cap of `POST /v1/query` and of pipeline results. */
  maxRows: number;
  /** Time limit of one query. */
  queryTimeoutMs: number;
  /**
   * How long API keys, logins, datasources and permissions read from the store are reused (default 2 s;
   * 0 reads them on every request). Changes made by this process apply at once; by another, within this time.
   */
  lookupCacheMs?: number;
  /** Runs answering at once in this process (default 8); the others wait with their first event sent. */
  maxConcurrentRuns?: number;
  /** Sign-in with an OpenID Connect provider; off when undefined. */
  oidc?: OidcConfig;
}

/** Everything a route may use, built once by `createServerDeps`. */
export interface ServerDeps {
  config: ServerConfig;
  store: Store;
  org: Organisation;
  workspace: Workspace;
  logger: Logger;
  limiter: RateLimiter;
  cache: ResultCache;
  runs: RunManager;
  sources: SourceRegistry;
  metrics: ServerMetrics;
  lifecycle: Lifecycle;
}

/** Who is calling: a browser session (cookie + CSRF token) or an API key with scopes. */
export type Principal =
  | { kind: 'cookie'; user: User; csrfToken: string; sessionToken: string }
  | { kind: 'api-key'; user: User; scopes: ApiKeyScope[]; apiKeyId: string };

export interface AppEnv {
  Variables: {
    deps: ServerDeps;
    principal: Principal | undefined;
    requestId: string;
  };
}
