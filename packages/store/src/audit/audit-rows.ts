import { iso, stringOrNull, toNumber } from '../repositories/context';
import type { Row } from '../sql/sql-client';
import type { AuditAction, AuditEntry, JsonObject } from '../types';

export const auditColumns =
  'id, seq, org_id, at, action, actor_user_id, actor_api_key_id, target_type, target_id, details, prev_hash, hash';

export function toAuditEntry(row: Row): AuditEntry {
  return {
    id: String(row.id),
    seq: toNumber(row.seq),
    orgId: String(row.org_id),
    at: iso(row.at),
    action: row.action as AuditAction,
    actorUserId: stringOrNull(row.actor_user_id),
    actorApiKeyId: stringOrNull(row.actor_api_key_id),
    targetType: stringOrNull(row.target_type),
    targetId: stringOrNull(row.target_id),
    details: row.details as JsonObject,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}
