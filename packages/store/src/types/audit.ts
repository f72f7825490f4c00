/** The append-only, hash-chained audit log. */

import type { JsonObject } from './json';

export type AuditAction =
  | 'auth.bootstrap'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.identity_linked'
  | 'user.created'
  | 'user.role_changed'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'datasource.created'
  | 'datasource.uploaded'
  | 'datasource.refreshed'
  | 'datasource.deleted'
  | 'permission.changed'
  | 'session.created'
  | 'session.renamed'
  | 'session.deleted'
  | 'session.restored'
  | 'session.shared'
  | 'question.asked'
  | 'sql.run'
  | 'tool.run'
  | 'run.cancelled'
  | 'metric.created'
  | 'metric.updated'
  | 'export'
  | 'audit.exported';

export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
}

export interface NewAuditEntry {
  action: AuditAction;
  actor?: AuditActor;
  targetType?: string | null;
  targetId?: string | null;
  /** For `sql.run`: `{datasourceId, sql, rows, durationMs}`; never secrets. */
  details?: JsonObject;
}

export interface AuditEntry {
  id: string;
  /** Position in the one chain shared by all organisations: 1, 2, 3… */
  seq: number;
  orgId: string;
  at: string;
  action: AuditAction;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: JsonObject;
  prevHash: string;
  /** sha256(prevHash + canonical JSON of the entry without its hashes). */
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose hash, link or position does not hold. */
  firstBadId?: string;
  /** What failed, for people: an edited entry, a broken link, or entries missing at the end. */
  problem?: 'hash_mismatch' | 'broken_link' | 'missing_entries';
}

export type AuditExportFormat = 'csv' | 'jsonl';

export interface AuditLog {
  /** Appends under a lock on the chain head, so concurrent writers never fork the chain. */
  append(orgId: string, entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first; `cursor` is the `nextCursor` of the previous page. */
  list(
    orgId: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<{ entries: AuditEntry[]; nextCursor: string | null }>;
  /** Walks the whole chain (every organisation) and recomputes every hash. */
  verify(): Promise<AuditVerification>;
  /** Lines of CSV (header first) or JSONL, oldest first, read in pages; each chunk ends with '\n'. */
  export(orgId: string, format: AuditExportFormat): AsyncIterable<string>;
}
