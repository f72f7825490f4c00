import { z } from 'zod';
import { httpStatusByCode } from './http-error';
import type { Route } from './routes/define-route';
import { errorSchema } from './routes/schemas';

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' });

/** OpenAPI 3.1 built from the same route list and zod schemas that validate requests. */
export function buildOpenApi(routes: readonly Route[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query) {
      const query = jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const type = response.contentType ?? 'application/json';
      responses[status] = {
        description: response.description,
        ...(response.schema || response.contentType
          ? { content: { [type]: response.schema ? { schema: jsonSchema(response.schema) } : {} } }
          : {}),
      };
    }
    const errors = route.access.auth === 'user' ? ['400', '401', '403', '404', '429'] : ['400', '404', '429'];
    for (const status of errors) {
      responses[status] ??= {
        description:
          Object.entries(httpStatusByCode).find(([, code]) => String(code) === status)?.[0] ?? 'error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const body = route.body
      ? { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } }
      : route.multipart
        ? {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: Object.fromEntries(
                    Object.entries(route.multipart.fields).map(([name, description]) => [
                      name,
                      name === 'file'
                        ? { type: 'string', format: 'binary', description }
                        : { type: 'string', description },
                    ]),
                  ),
                },
              },
            },
          }
        : undefined;
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase())}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body ? { requestBody: body } : {}),
      responses,
      ...(route.access.auth === 'user'
        ? {
            security: [{ cookie: [], bearer: [] }],
            'x-askdata-access': { role: route.access.role, apiKeyScope: route.access.scope },
          }
        : { security: [] }),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'askdata HTTP API', version: info.version },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema) },
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'askdata_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'an API key' },
      },
    },
  };
}
