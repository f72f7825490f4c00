import { sha256Hex } from '../tokens';
import type { AuditEntry } from '../types';
import { canonicalJson } from './canonical-json';

export const genesisHash = '0'.repeat(64);

/** hash = sha256(prevHash + canonical JSON of every other field but `hash`), fields named one by one. */
export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = {
    id: entry.id,
    seq: entry.seq,
    orgId: entry.orgId,
    at: entry.at,
    action: entry.action,
    actorUserId: entry.actorUserId,
    actorApiKeyId: entry.actorApiKeyId,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details,
  };
  return sha256Hex(entry.prevHash + canonicalJson(fields));
}
