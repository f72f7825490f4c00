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

/** Largest group written by one transaction. */
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
    // One fixed statement however many entries (the rows travel as one JSON array).
    await transaction.query(
      `INSERT INTO audit_log (${auditColumns})
       SELECT ${auditColumns}
       FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, seq bigint, org_id uuid, at timestamptz, action text,
         actor_user_id uuid, actor_api_key_id uuid, target_type text, target_id text, details jsonb,
         prev_hash text, hash text)`,
      [
        toJson(
          entries.map((entry) => ({
            id: entry.id,
            seq: entry.seq,
            org_id: entry.orgId,
            at: entry.at,
            action: entry.action,
            actor_user_id: entry.actorUserId,
            actor_api_key_id: entry.actorApiKeyId,
            target_type: entry.targetType,
            target_id: entry.targetId,
            details: entry.details,
            prev_hash: entry.prevHash,
            hash: entry.hash,
          })),
        ),
      ],
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
