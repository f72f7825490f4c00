import { newId, toJson, toNumber } from '../repositories/context';
import { createGroupCommit } from '../sql/group-commit';
import type { SqlClient } from '../sql/sql-client';
import type { AuditEntry, JsonObject, NewAuditEntry } from '../types';
import { auditHash } from './audit-hash';
import { auditColumns } from './audit-rows';

export interface PendingAppend {
  orgId: string;
  entry: NewAuditEntry;
}

/** Largest group written by one transaction (12 parameters a row, well under PostgreSQL's 65,535). */
export const maxGroup = 500;

/**
 * Appends entries in order under a lock on the chain head row, so concurrent writers — in this
 * process or another — take turns and never fork the chain. Joins the caller's transaction if any.
 */
export function appendChained(client: SqlClient, pending: PendingAppend[]): Promise<AuditEntry[]> {
  return client.transaction(async (transaction) => {
    const [head] = await transaction.query(
      'SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE',
    );
    if (!head) throw new Error('the audit chain head row is missing');
    let seq = toNumber(head.last_seq);
    let prevHash = String(head.last_hash);
    const at = new Date().toISOString();
    const entries = pending.map(({ orgId, entry }): AuditEntry => {
      seq += 1;
      const unhashed: Omit<AuditEntry, 'hash'> = {
        id: newId(),
        seq,
        orgId,
        at,
        action: entry.action,
        actorUserId: entry.actor?.userId ?? null,
        actorApiKeyId: entry.actor?.apiKeyId ?? null,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        // Through JSON once, so the hashed value is exactly what jsonb gives back.
        details: JSON.parse(toJson(entry.details ?? {})) as JsonObject,
        prevHash,
      };
      const hashed = { ...unhashed, hash: auditHash(unhashed) };
      prevHash = hashed.hash;
      return hashed;
    });
    const values = entries.map((_, row) => {
      const first = row * 12;
      const placeholders = Array.from({ length: 12 }, (_, column) => `$${first + column + 1}`);
      placeholders[9] = `${placeholders[9]}::jsonb`;
      return `(${placeholders.join(', ')})`;
    });
    await transaction.query(
      `INSERT INTO audit_log (${auditColumns}) VALUES ${values.join(', ')}`,
      entries.flatMap((entry) => [
        entry.id,
        entry.seq,
        entry.orgId,
        entry.at,
        entry.action,
        entry.actorUserId,
        entry.actorApiKeyId,
        entry.targetType,
        entry.targetId,
        toJson(entry.details),
        entry.prevHash,
        entry.hash,
      ]),
    );
    await transaction.query('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [
      seq,
      prevHash,
    ]);
    return entries;
  });
}

/** Appends that arrive together share one transaction and one lock on the chain head. */
export function createAppendBatcher(client: SqlClient): (item: PendingAppend) => Promise<AuditEntry> {
  return createGroupCommit((items: PendingAppend[]) => appendChained(client, items), { maxGroup });
}
