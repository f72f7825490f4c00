import { openWorkspace } from '@askdata/engine';
import { openStore, type StoreOptions } from '@askdata/store';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ServerConfig, ServerDeps } from './app-env';
import { withLookupCache } from './cache/lookup-cache';
import { memoryResultCache, redisResultCache } from './cache/result-cache';
import { Lifecycle } from './ops/lifecycle';
import { createLogger } from './ops/logger';
import { createServerMetrics } from './ops/server-metrics';
import { memoryRateLimiter } from './rate-limit/memory-rate-limiter';
import { redisRateLimiter } from './rate-limit/redis-rate-limiter';
import { RunManager, type RunManagerOptions } from './runs/run-manager';
import { SourceRegistry } from './sources/source-registry';

export interface ServerDepsOptions {
  config: ServerConfig;
  store: StoreOptions;
  /** Shared rate limits and result cache across processes. */
  redisUrl?: string;
  logger?: Logger;
  /** The configured LLM client, when there is one. */
  llm?: RunManagerOptions['llm'];
}

/**
 * Opens everything a server needs: the store (migrations run on open), the workspace, Redis when given;
 * marks runs interrupted by a previous crash as failed. `close` releases it all.
 */
export async function createServerDeps(
  options: ServerDepsOptions,
): Promise<ServerDeps & { close(): Promise<void>; redis: Redis | undefined }> {
  const logger = options.logger ?? createLogger();
  const store = withLookupCache(await openStore(options.store), options.config.lookupCacheMs ?? 2_000);
  const org = await store.defaultOrg();
  const workspace = await openWorkspace({ home: options.config.home });
  const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  const limiter = redis
    ? redisRateLimiter(redis, options.config.rateLimit)
    : memoryRateLimiter(options.config.rateLimit);
  const cache = redis ? redisResultCache(redis) : memoryResultCache();
  const metrics = createServerMetrics();
  const sources = new SourceRegistry(workspace, cache, (datasource) =>
    store.datasources.readSecrets(datasource.orgId, datasource.id),
  );
  const runs = new RunManager({
    store,
    org,
    sources,
    logger,
    metrics,
    heartbeatMs: options.config.runHeartbeatMs,
    staleRunMs: options.config.staleRunMs,
    maxRows: options.config.maxRows,
    queryTimeoutMs: options.config.queryTimeoutMs,
    ...(options.config.maxConcurrentRuns ? { maxConcurrentRuns: options.config.maxConcurrentRuns } : {}),
    ...(options.llm ? { llm: options.llm } : {}),
  });
  const interrupted = await store.runs.markInterruptedRuns({ staleAfterMs: options.config.staleRunMs });
  if (interrupted.length > 0)
    logger.warn({ runs: interrupted.map((run) => run.id) }, 'marked interrupted runs failed');
  runs.startLoop();
  return {
    config: options.config,
    store,
    org,
    workspace,
    logger,
    limiter,
    cache,
    runs,
    sources,
    metrics,
    lifecycle: new Lifecycle(),
    redis,
    async close() {
      await runs.drain(0);
      await limiter.close();
      await sources.close();
      redis?.disconnect();
      await store.close();
      workspace.close();
    },
  };
}
