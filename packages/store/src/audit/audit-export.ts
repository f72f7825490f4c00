import type { AuditEntry, AuditExportFormat } from '../types';

const csvHeader = [
  'id',
  'seq',
  'at',
  'org_id',
  'action',
  'actor_user_id',
  'actor_api_key_id',
  'target_type',
  'target_id',
  'details',
  'prev_hash',
  'hash',
];

/** RFC 4180 quoting; a leading = + - @ gets a ' so a spreadsheet does not run it as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(entry: AuditEntry): string {
  const cells = [
    entry.id,
    entry.seq,
    entry.at,
    entry.orgId,
    entry.action,
    entry.actorUserId,
    entry.actorApiKeyId,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.details),
    entry.prevHash,
    entry.hash,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Turns pages of entries into export chunks; CSV starts with its header line. */
export async function* formatAuditExport(
  pages: AsyncIterable<AuditEntry[]>,
  format: AuditExportFormat,
): AsyncIterable<string> {
  if (format === 'csv') yield `${csvHeader.join(',')}\r\n`;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield page.map((entry) => (format === 'csv' ? csvLine(entry) : `${JSON.stringify(entry)}\n`)).join('');
  }
}
