import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env';
import { HttpError } from '../http-error';

/** JSON bodies are small; files go through the upload route. */
export const maxJsonBytes = 1024 * 1024;

/** The body as text, refusing non-JSON content types (415) and bodies over the limit (413). */
export async function readJsonText(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new HttpError(
      'unsupported_media_type',
      `Send the body as application/json${type ? `, not ${type.split(';')[0]}` : ''}.`,
    );
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxJsonBytes) throw new HttpError('too_large', `The body is over ${maxJsonBytes} bytes.`);
  const text = await c.req.text();
  if (Buffer.byteLength(text) > maxJsonBytes)
    throw new HttpError('too_large', `The body is over ${maxJsonBytes} bytes.`);
  return text;
}

/** Parses and validates; the 400 names the first field that is wrong. */
export function parseJsonBody<T>(text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError('invalid_body', 'The body is not valid JSON.');
  }
  return validate(value, schema, 'body');
}

export function validate<T>(value: unknown, schema: z.ZodType<T>, where: 'body' | 'query'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(
    'invalid_body',
    `Invalid ${where}: ${field}${issue?.message ?? 'does not match the schema'}.`,
  );
}
