import { fileURLToPath } from 'node:url';
import {
  createLogger,
  createServerDeps,
  ensureDemoDatasource,
  oidcConfigFromEnvironment,
  type ServerConfig,
  startServer,
} from '@askdata/server';
import { resolveStoreOptions } from '@askdata/store';
import type { Command } from 'commander';
import { globalOptions } from '../context';
import { llmClientFor } from '../llm-settings';
import type { RegisterCommand } from './index';
import { positiveInteger } from './options';

interface ServeOptions {
  port: number;
  host: string;
  demo?: boolean;
}

/** The built web app, when `npm run build -w @askdata/web` has been run. */
const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

function numberFromEnvironment(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive number, not ${value}.`);
  return parsed;
}

export const registerServe: RegisterCommand = (program) => {
  program
    .command('serve')
    .description(
      'Run the HTTP API and web app (metadata in PGlite, or PostgreSQL with DATABASE_URL; Redis with REDIS_URL)',
    )
    .option('--port <n>', 'port to listen on', positiveInteger, 8787)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--demo', 'load the retail demo data and register it as the datasource "Demo retail"')
    .action(async (options: ServeOptions, command: Command) => {
      const global = globalOptions(command);
      const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
      const publicUrl = process.env.ASKDATA_PUBLIC_URL ?? `http://${options.host}:${options.port}`;
      const oidc = oidcConfigFromEnvironment(process.env, publicUrl);
      const config: ServerConfig = {
        home: global.home,
        maxUploadBytes: numberFromEnvironment('ASKDATA_MAX_UPLOAD_BYTES', 200 * 1024 * 1024),
        sessionTtlMs: numberFromEnvironment('ASKDATA_SESSION_HOURS', 24 * 7) * 3_600_000,
        secureCookies: process.env.ASKDATA_SECURE_COOKIES === 'true',
        rateLimit: { max: numberFromEnvironment('ASKDATA_RATE_LIMIT_PER_MINUTE', 600), windowMs: 60_000 },
        webDist,
        publicUrl,
        runHeartbeatMs: numberFromEnvironment('ASKDATA_RUN_HEARTBEAT_MS', 2_000),
        staleRunMs: numberFromEnvironment('ASKDATA_STALE_RUN_MS', 30_000),
        maxRows: numberFromEnvironment('ASKDATA_MAX_ROWS', 5000),
        queryTimeoutMs: numberFromEnvironment('ASKDATA_QUERY_TIMEOUT_MS', 30_000),
        maxConcurrentRuns: numberFromEnvironment('ASKDATA_MAX_CONCURRENT_RUNS', 8),
        lookupCacheMs:
          process.env.ASKDATA_LOOKUP_CACHE_MS === '0'
            ? 0
            : numberFromEnvironment('ASKDATA_LOOKUP_CACHE_MS', 2_000),
        ...(oidc ? { oidc } : {}),
      };
      const llm = await llmClientFor(global.home);
      const deps = await createServerDeps({
        config,
        ...(llm ? { llm } : {}),
        store: await resolveStoreOptions(global.home, process.env),
        logger,
        ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
      });
      if (options.demo) {
        const demo = await ensureDemoDatasource(deps);
        logger.info({ datasourceId: demo.id, tables: demo.tables.length }, 'demo datasource ready');
      }
      const server = await startServer(deps, { port: options.port, host: options.host });
      logger.info(
        { address: server.url, store: deps.store.kind, redis: Boolean(process.env.REDIS_URL) },
        'askdata serving',
      );
      console.log(`askdata serving on ${server.url}`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'shutting down: finishing runs and streams');
          server.shutdown().then(resolve, (error) => {
            logger.error({ err: error }, 'shutdown failed');
            resolve();
          });
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
};
