/** Minimal RFC 4180 writer: quotes only fields that need it, so dirty values (trailing spaces) survive as-is. */
export type CsvField = string | number | null;

function field(value: CsvField): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvText(header: readonly string[], rows: readonly (readonly CsvField[])[]): string {
  const lines = [header.map(field).join(',')];
  for (const row of rows) lines.push(row.map(field).join(','));
  return `${lines.join('\n')}\n`;
}
