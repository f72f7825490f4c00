import type { ApiKeyScope, Role } from '@askdata/store';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: anyone, or a signed-in user with at least `role`; API keys also need `scope`
 * ('admin' covers 'ask', which covers 'read').
 */
export type RouteAccess = { auth: 'public' } | { auth: 'user'; role: Role; scope: ApiKeyScope };

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

export interface RouteInput<Body, Query> {
  body: Body;
  query: Query;
}

export interface RouteDefinition<Body, Query> {
  method: HttpMethod;
  /** Hono path, e.g. `/v1/sessions/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  /** A JSON body validated with this schema (415 unless the body is JSON, 400 when it does not match). */
  body?: z.ZodType<Body>;
  /** A multipart body the handler reads itself (uploads). */
  multipart?: { fields: Record<string, string> };
  query?: z.ZodType<Query>;
  responses: Record<number, RouteResponse>;
  handler: (c: Context<AppEnv>, input: RouteInput<Body, Query>) => Promise<Response> | Response;
}

/** A route with its input types erased, so routes of every shape live in one list. */
export type Route = Omit<RouteDefinition<unknown, unknown>, 'handler' | 'body' | 'query'> & {
  body?: z.ZodType;
  query?: z.ZodType;
  handle: (c: Context<AppEnv>, input: RouteInput<unknown, unknown>) => Promise<Response> | Response;
};

/** One route: method, path, access, zod schemas (validation and OpenAPI both read them) and the handler. */
export function defineRoute<Body = undefined, Query = Record<string, never>>(
  definition: RouteDefinition<Body, Query>,
): Route {
  const { handler, ...meta } = definition;
  return { ...meta, handle: (c, input) => handler(c, input as RouteInput<Body, Query>) };
}
