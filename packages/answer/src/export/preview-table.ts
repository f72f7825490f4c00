/** The first rows of a result as a Markdown table or HTML table, escaped for each. */
import type { CellValue, QueryResult } from '@askdata/core';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Markdown text that renders literally: pipes and emphasis marks escaped, raw HTML neutralised. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|#]/g, '\\$&')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/\r?\n/g, ' ');
}

function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  // Previews are for reading: 27848.239999999998 shows as 27848.24 (12 significant digits).
  if (typeof cell === 'number' && !Number.isInteger(cell)) return String(Number(cell.toPrecision(12)));
  return String(cell);
}

export function markdownTable(result: Pick<QueryResult, 'columns' | 'rows'>, maxRows: number): string {
  const header = `| ${result.columns.map((column) => escapeMarkdown(column.name)).join(' | ')} |`;
  const rule = `| ${result.columns.map(() => '---').join(' | ')} |`;
  const body = result.rows
    .slice(0, maxRows)
    .map(
      (row) => `| ${result.columns.map((_, index) => escapeMarkdown(cellText(row[index]))).join(' | ')} |`,
    );
  return [header, rule, ...body].join('\n');
}

export function htmlTable(result: Pick<QueryResult, 'columns' | 'rows'>, maxRows: number): string {
  const numeric = result.columns.map((column) =>
    ['integer', 'decimal', 'float'].includes(column.logicalType),
  );
  const head = result.columns.map((column) => `<th>${escapeHtml(column.name)}</th>`).join('');
  const body = result.rows
    .slice(0, maxRows)
    .map(
      (row) =>
        `<tr>${result.columns.map((_, index) => `<td${numeric[index] ? ' class="num"' : ''}>${escapeHtml(cellText(row[index]))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
