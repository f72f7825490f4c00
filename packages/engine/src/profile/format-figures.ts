import type { ColumnProfile, TableProfile } from './types';

/** Shared wording and number formats for the human renderers (terminal, Markdown, HTML). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  const digits = magnitude >= 1000 ? 0 : magnitude >= 1 ? 2 : 4;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function formatShare(share: number): string {
  if (share === 0) return '0%';
  if (share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

export function formatValue(value: number | string | null): string {
  if (value === null) return '';
  return typeof value === 'number' ? formatNumber(value) : truncate(value, 40);
}

/** A column's min or max for people: ids and codes without thousands separators. */
export function boundText(column: ColumnProfile, value: number | string | null): string {
  if (typeof value === 'number' && column.semanticType === 'id') return String(value);
  return formatValue(value);
}

export function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function distinctText(column: ColumnProfile): string {
  return `${column.distinctApproximate ? '≈' : ''}${formatNumber(column.distinctCount)}`;
}

export function topValuesText(column: ColumnProfile, count = 3): string {
  return column.topValues
    .slice(0, count)
    .map((entry) => `${truncate(entry.value, 24)} (${formatNumber(entry.count)})`)
    .join(', ');
}

export function typeText(column: ColumnProfile): string {
  return column.semanticType === column.logicalType
    ? column.logicalType
    : `${column.logicalType} · ${column.semanticType}`;
}

/** One-line facts about the table, in the order every renderer shows them. */
export function tableFacts(profile: TableProfile): string[] {
  const facts = [
    `${formatNumber(profile.rowCount)} rows, ${profile.columnCount} columns`,
    `${formatNumber(profile.duplicateRows)} duplicate rows`,
    `candidate keys: ${profile.candidateKeys.length > 0 ? profile.candidateKeys.join(', ') : 'none'}`,
  ];
  if (profile.dateRange) {
    facts.push(`dates (${profile.dateRange.column}): ${profile.dateRange.min} to ${profile.dateRange.max}`);
  }
  const pii = profile.columns.filter((column) => column.pii.length > 0);
  if (pii.length > 0)
    facts.push(`possible personal data: ${pii.map((c) => `${c.name} (${c.pii.join(', ')})`).join('; ')}`);
  if (profile.approximate.distinct) facts.push('distinct counts and quantiles are estimates (large table)');
  return facts;
}

/** Column notes plus outlier and PII remarks, as sentences. */
export function columnRemarks(column: ColumnProfile): string[] {
  const remarks = [...column.notes];
  if (column.outliers && column.outliers.count > 0) {
    const examples = column.outliers.examples.map((value) => formatNumber(value)).join(', ');
    const count = column.outliers.count;
    const range = `[${formatNumber(column.outliers.lowerFence)}, ${formatNumber(column.outliers.upperFence)}]`;
    remarks.push(
      `${formatNumber(count)} ${count === 1 ? 'outlier' : 'outliers'} outside ${range}, e.g. ${examples}`,
    );
  }
  return remarks;
}
