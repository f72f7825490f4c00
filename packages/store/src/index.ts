/**
 * @askdata/store — metadata persistence (organisations, users, sessions, runs, audit…) in PostgreSQL:
 * embedded PGlite in `<home>/metadata` by default, a PostgreSQL server when `DATABASE_URL` is set,
 * one code path and one set of migrations for both. No HTTP here.
 */
import type {
  ApiKeyRepository,
  AuditLog,
  AuthSessionRepository,
  ChatSessionRepository,
  CrossSourcePlanRepository,
  DatasourcePermissionRepository,
  DatasourceRepository,
  IdempotencyRepository,
  MessageRepository,
  MetricRepository,
  Organisation,
  QuestionRepository,
  RunRepository,
  ShareLinkRepository,
  UserIdentityRepository,
  UserRepository,
} from './types';

export { openStore } from './open-store';
export { createGroupCommit } from './sql/group-commit';
export { resolveStoreOptions, type StoreEnvironment } from './store-options';
export { hashRequest } from './tokens';
export type * from './types';

/** Where the metadata lives. */
export type StoreLocation =
  /** Embedded PostgreSQL; `dataDir` undefined keeps it in memory (tests). */
  | { kind: 'pglite'; dataDir?: string }
  /** A PostgreSQL server; `schema` (created when missing) isolates tests or tenants of one database. */
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface StoreOptions {
  location: StoreLocation;
  /** 32-byte AES-256-GCM key for datasource secrets. */
  secretKey: Buffer;
  /** Identifies this process on the runs it claims; default `<hostname>:<pid>:<random>`. */
  processId?: string;
  /** Idempotency keys live this long; default 24 hours. */
  idempotencyTtlMs?: number;
}

export interface Store {
  readonly kind: StoreLocation['kind'];
  readonly processId: string;
  readonly users: UserRepository;
  /** OpenID Connect sign-in identities linked to users. */
  readonly identities: UserIdentityRepository;
  readonly authSessions: AuthSessionRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly datasources: DatasourceRepository;
  readonly permissions: DatasourcePermissionRepository;
  readonly chatSessions: ChatSessionRepository;
  readonly shareLinks: ShareLinkRepository;
  readonly messages: MessageRepository;
  readonly runs: RunRepository;
  /** Questions and run endings, many at once (what the server's group commits write). */
  readonly questions: QuestionRepository;
  readonly idempotency: IdempotencyRepository;
  readonly metrics: MetricRepository;
  /** Previewed cross-source plans waiting for their person to run them in full (any server process). */
  readonly crossSourcePlans: CrossSourcePlanRepository;
  readonly audit: AuditLog;
  /** The organisation everything belongs to while there is one (created by the migrations). */
  defaultOrg(): Promise<Organisation>;
  /**
   * Runs `work` in one database transaction with repositories bound to it: all or nothing
   * (e.g. user message + assistant message + run for `POST /messages`). Use only the repositories
   * passed to `work`: calling this outer store inside waits for the transaction to end (on PGlite,
   * forever).
   */
  transaction<T>(work: (store: TransactionStore) => Promise<T>): Promise<T>;
  /** Cheap round trip for `/readyz`; throws when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type TransactionStore = Omit<Store, 'transaction' | 'close' | 'ping'>;
