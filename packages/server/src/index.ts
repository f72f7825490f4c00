export { apiRoutes, apiVersion, createApp } from './app';
export type { AppEnv, Principal, ServerConfig, ServerDeps } from './app-env';
export { createServerDeps, type ServerDepsOptions } from './create-server-deps';
export { demoDatasourceName, ensureDemoDatasource } from './demo-datasource';
export { errorResponse, HttpError, type HttpErrorCode } from './http-error';
export { buildOpenApi } from './openapi';
export { createLogger } from './ops/logger';
export type { Route } from './routes/define-route';
export { type RunningServer, startServer } from './start-server';
