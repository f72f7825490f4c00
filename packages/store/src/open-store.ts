import { AskdataError } from '@askdata/core';
import { createAuditLog } from './audit/audit-log';
import type { Store, StoreLocation, StoreOptions, TransactionStore } from './index';
import { createApiKeyRepository } from './repositories/api-keys';
import { createAuthSessionRepository } from './repositories/auth-sessions';
import { createChatSessionRepository } from './repositories/chat-sessions';
import { iso, type RepositoryContext } from './repositories/context';
import { createCrossSourcePlanRepository } from './repositories/cross-source-plans';
import { createDatasourceRepository } from './repositories/datasources';
import { createIdempotencyRepository } from './repositories/idempotency';
import { createMessageRepository } from './repositories/messages';
import { createMetricRepository } from './repositories/metrics';
import { createPermissionRepository } from './repositories/permissions';
import { createQuestionRepository } from './repositories/questions';
import { createRunRepository, defaultProcessId } from './repositories/runs';
import { createShareLinkRepository } from './repositories/share-links';
import { createUserIdentityRepository } from './repositories/user-identities';
import { createUserRepository } from './repositories/users';
import { createSecretBox } from './secrets/secret-box';
import { migrate } from './sql/migrate';
import { openPgliteClient } from './sql/pglite-client';
import { openPostgresClient } from './sql/postgres-client';
import type { SqlClient } from './sql/sql-client';

const dayMs = 24 * 60 * 60 * 1000;

function bindRepositories(
  kind: StoreLocation['kind'],
  context: RepositoryContext,
  inTransaction: boolean,
): TransactionStore {
  return {
    kind,
    processId: context.processId,
    users: createUserRepository(context),
    identities: createUserIdentityRepository(context),
    authSessions: createAuthSessionRepository(context),
    apiKeys: createApiKeyRepository(context),
    datasources: createDatasourceRepository(context),
    permissions: createPermissionRepository(context),
    chatSessions: createChatSessionRepository(context),
    shareLinks: createShareLinkRepository(context),
    messages: createMessageRepository(context),
    runs: createRunRepository(context),
    questions: createQuestionRepository(context),
    idempotency: createIdempotencyRepository(context),
    metrics: createMetricRepository(context),
    crossSourcePlans: createCrossSourcePlanRepository(context),
    audit: createAuditLog(context, !inTransaction),
    async defaultOrg() {
      const [row] = await context.client.query(
        'SELECT id, name, created_at FROM organisations WHERE is_default ORDER BY created_at LIMIT 1',
      );
      if (!row) throw new AskdataError('internal', 'The metadata store has no default organisation.');
      return { id: String(row.id), name: String(row.name), createdAt: iso(row.created_at) };
    },
  };
}

function openClient(location: StoreLocation): Promise<SqlClient> {
  return location.kind === 'pglite'
    ? openPgliteClient(location.dataDir)
    : openPostgresClient(location.url, location.schema, location.poolSize);
}

/** Opens the metadata store and brings its schema up to date (migrations run on every open). */
export async function openStore(options: StoreOptions): Promise<Store> {
  let client: SqlClient;
  try {
    client = await openClient(options.location);
  } catch (error) {
    if (AskdataError.isInstance(error)) throw error;
    throw new AskdataError('connection_failed', 'Could not open the metadata database.', {
      cause: error,
      hint: options.location.kind === 'postgres' ? 'check DATABASE_URL' : 'check the ASKDATA_HOME folder',
    });
  }
  try {
    return await createStore(client, options);
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}

/** A store over a client the caller opened (tests keep the client to read raw rows). */
export async function createStore(client: SqlClient, options: StoreOptions): Promise<Store> {
  await migrate(client);
  const base = {
    secretBox: createSecretBox(options.secretKey),
    processId: options.processId ?? defaultProcessId(),
    idempotencyTtlMs: options.idempotencyTtlMs ?? dayMs,
  };
  const kind = options.location.kind;
  return {
    ...bindRepositories(kind, { ...base, client }, false),
    transaction: (work) =>
      client.transaction((transactionClient) =>
        work(bindRepositories(kind, { ...base, client: transactionClient }, true)),
      ),
    async ping() {
      await client.query('SELECT 1');
    },
    close: () => client.close(),
  };
}
