import { type RepositoryContext, toNumber } from '../repositories/context';
import type { SqlClient } from '../sql/sql-client';
import type { AuditEntry, AuditLog, AuditVerification } from '../types';
import { appendChained, createAppendBatcher } from './audit-append';
import { formatAuditExport } from './audit-export';
import { auditHash, genesisHash } from './audit-hash';
import { auditColumns, toAuditEntry } from './audit-rows';

const pageSize = 500;

/** Oldest first, in pages, up to `untilSeq`; `orgId` null walks every organisation. */
async function* pagesOf(
  client: SqlClient,
  orgId: string | null,
  untilSeq = Number.MAX_SAFE_INTEGER,
): AsyncIterable<AuditEntry[]> {
  let afterSeq = 0;
  for (;;) {
    const rows = await client.query(
      `SELECT ${auditColumns} FROM audit_log
       WHERE seq > $1 AND seq <= $2 AND ($3::uuid IS NULL OR org_id = $3::uuid) ORDER BY seq LIMIT $4`,
      [afterSeq, untilSeq, orgId, pageSize],
    );
    const page = rows.map(toAuditEntry);
    yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterSeq = last.seq;
  }
}

/**
 * `groupAppends` is on for the store itself and off inside `store.transaction`, where an entry must
 * commit or roll back with the caller's other writes.
 */
export function createAuditLog({ client }: RepositoryContext, groupAppends: boolean): AuditLog {
  const appendGrouped = groupAppends ? createAppendBatcher(client) : null;
  return {
    async append(orgId, entry) {
      if (appendGrouped) return appendGrouped({ orgId, entry });
      const [appended] = await appendChained(client, [{ orgId, entry }]);
      return appended as AuditEntry;
    },

    async list(orgId, options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
      const before =
        options.cursor !== undefined && /^\d+$/.test(options.cursor) ? Number(options.cursor) : null;
      const rows = await client.query(
        `SELECT ${auditColumns} FROM audit_log WHERE org_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
         ORDER BY seq DESC LIMIT $3`,
        [orgId, before, limit + 1],
      );
      const entries = rows.slice(0, limit).map(toAuditEntry);
      const last = entries.at(-1);
      return { entries, nextCursor: rows.length > limit && last ? String(last.seq) : null };
    },

    async verify(): Promise<AuditVerification> {
      // Read the head first: every entry up to it was committed with it, so appends that land
      // during the walk neither break it nor get half-checked.
      const [head] = await client.query('SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1');
      const headSeq = toNumber(head?.last_seq ?? 0);
      let previousHash = genesisHash;
      let checked = 0;
      for await (const page of pagesOf(client, null, headSeq)) {
        for (const entry of page) {
          checked += 1;
          if (entry.seq !== checked || entry.prevHash !== previousHash) {
            return { ok: false, checked, firstBadId: entry.id, problem: 'broken_link' };
          }
          const { hash, ...unhashed } = entry;
          if (auditHash(unhashed) !== hash) {
            return { ok: false, checked, firstBadId: entry.id, problem: 'hash_mismatch' };
          }
          previousHash = hash;
        }
      }
      if (checked !== headSeq || previousHash !== String(head?.last_hash ?? genesisHash)) {
        return { ok: false, checked, problem: 'missing_entries' };
      }
      return { ok: true, checked };
    },

    export(orgId, format) {
      return formatAuditExport(pagesOf(client, orgId), format);
    },
  };
}
