import { z } from 'zod';

/** Shapes shared by several routes; each route file declares its own bodies next to its handlers. */
export const roleSchema = z.enum(['admin', 'editor', 'viewer']);
export const scopeSchema = z.enum(['read', 'ask', 'admin']);

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});

export const datasourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['workspace', 'postgres', 'mysql', 'sqlite']),
  tables: z.array(z.string()),
  createdAt: z.string(),
});

export const sessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  datasourceId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A session of someone else shared with the caller (they opened its share link), read-only. */
export const sharedSessionSchema = sessionSchema.extend({
  sharedBy: z.object({ id: z.string(), name: z.string() }),
  sharedUntil: z.string(),
});

export const messageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  answer: z.unknown().optional(),
  status: z.string(),
  createdAt: z.string(),
});

export const runSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  messageId: z.string(),
});

export const idParam = z.string().min(1);
