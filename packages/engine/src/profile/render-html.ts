import {
  boundText,
  columnRemarks,
  distinctText,
  formatNumber,
  formatShare,
  formatValue,
  tableFacts,
  topValuesText,
  typeText,
} from './format-figures';
import type { ColumnProfile, TableProfile } from './types';

/** Every piece of data goes through this; the report must be safe to open whatever the table holds. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const style = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2933;max-width:1100px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem;margin:1.5rem 0 .3rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e4e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right}.pii{color:#b54708;font-weight:600}.muted{color:#616e7c}
.hist{display:flex;align-items:flex-end;gap:2px;height:60px;margin:.4rem 0}.hist div{background:#3e7bfa;flex:1;min-height:1px}
`;

function histogramHtml(column: ColumnProfile): string {
  if (column.histogram.length === 0) return '';
  const peak = Math.max(...column.histogram.map((bin) => bin.count), 1);
  const bars = column.histogram
    .map((bin) => {
      const title = `${bin.from} – ${bin.to}: ${bin.count}`;
      return `<div style="height:${Math.round((bin.count / peak) * 100)}%" title="${escapeHtml(title)}"></div>`;
    })
    .join('');
  return `<div class="hist" role="img" aria-label="histogram of ${escapeHtml(column.name)}">${bars}</div>`;
}

function columnHtml(column: ColumnProfile): string {
  const items = [
    `type ${escapeHtml(column.sourceType)} (${escapeHtml(typeText(column))})`,
    `nulls ${formatNumber(column.nullCount)} (${formatShare(column.nullShare)}), distinct ${distinctText(column)}`,
  ];
  if (column.min !== null)
    items.push(
      `range ${escapeHtml(boundText(column, column.min))} to ${escapeHtml(boundText(column, column.max))}`,
    );
  if (column.mean !== null)
    items.push(`mean ${formatNumber(column.mean)}, standard deviation ${formatNumber(column.stddev)}`);
  if (column.quantiles) {
    const { p25, p50, p75 } = column.quantiles;
    items.push(`quartiles ${formatNumber(p25)} / ${formatNumber(p50)} / ${formatNumber(p75)}`);
  }
  if (column.topValues.length > 0) items.push(`top values: ${escapeHtml(topValuesText(column, 5))}`);
  if (column.pii.length > 0)
    items.push(`<span class="pii">possible personal data: ${column.pii.join(', ')}</span>`);
  for (const remark of columnRemarks(column)) items.push(escapeHtml(remark));
  return [
    `<h3>${escapeHtml(column.name)}${column.label ? ` <span class="muted">${escapeHtml(column.label)}</span>` : ''}</h3>`,
    `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`,
    histogramHtml(column),
  ].join('\n');
}

/** A self-contained HTML page (inline CSS, no scripts, no external resources). */
export function renderProfileHtml(profile: TableProfile): string {
  const rows = profile.columns
    .map((column) => {
      const cells = [
        `<td${column.pii.length > 0 ? ' class="pii"' : ''}>${escapeHtml(column.name)}</td>`,
        `<td>${escapeHtml(typeText(column))}</td>`,
        `<td class="num">${formatShare(column.nullShare)}</td>`,
        `<td class="num">${distinctText(column)}</td>`,
        `<td>${escapeHtml(boundText(column, column.min))}</td>`,
        `<td>${escapeHtml(boundText(column, column.max))}</td>`,
        `<td class="num">${escapeHtml(formatValue(column.mean))}</td>`,
        `<td>${escapeHtml(topValuesText(column))}</td>`,
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const facts = [...tableFacts(profile), ...profile.notes]
    .map((fact) => `<li>${escapeHtml(fact)}</li>`)
    .join('');
  const questions = profile.suggestedQuestions.map((question) => `<li>${escapeHtml(question)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Profile of ${escapeHtml(profile.table)}</title>
<style>${style}</style>
</head>
<body>
<h1>Profile of ${escapeHtml(profile.table)}</h1>
<ul>${facts}</ul>
<table>
<thead><tr><th>column</th><th>type</th><th>nulls</th><th>distinct</th><th>min</th><th>max</th><th>mean</th><th>top values</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${questions ? `<h2>Suggested questions</h2><ul>${questions}</ul>` : ''}
<h2>Columns</h2>
${profile.columns.map(columnHtml).join('\n')}
</body>
</html>
`;
}
