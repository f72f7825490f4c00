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

/** Escapes what would break a Markdown table cell or start markup. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([*_`<>[\]])/g, '\\$1');
}

function histogramLines(column: ColumnProfile): string[] {
  if (column.histogram.length === 0) return [];
  const peak = Math.max(...column.histogram.map((bin) => bin.count), 1);
  const lines = column.histogram.map((bin) => {
    const bar = '█'.repeat(Math.round((bin.count / peak) * 30));
    const from = typeof bin.from === 'number' ? formatNumber(bin.from) : bin.from;
    return `${from.padStart(14)} ${bar} ${formatNumber(bin.count)}`;
  });
  return ['```text', ...lines, '```'];
}

function columnSection(column: ColumnProfile): string[] {
  const lines = [`### ${cell(column.name)}${column.label ? ` (${cell(column.label)})` : ''}`, ''];
  lines.push(`- type: ${cell(column.sourceType)} (${typeText(column)})`);
  lines.push(
    `- nulls: ${formatNumber(column.nullCount)} (${formatShare(column.nullShare)}); distinct: ${distinctText(column)}`,
  );
  if (column.min !== null)
    lines.push(`- range: ${cell(boundText(column, column.min))} to ${cell(boundText(column, column.max))}`);
  if (column.mean !== null)
    lines.push(`- mean ${formatNumber(column.mean)}, standard deviation ${formatNumber(column.stddev)}`);
  if (column.quantiles) {
    const { p25, p50, p75 } = column.quantiles;
    lines.push(
      `- quartiles: p25 ${formatNumber(p25)}, median ${formatNumber(p50)}, p75 ${formatNumber(p75)}`,
    );
  }
  if (column.length)
    lines.push(
      `- text length ${column.length.min}–${column.length.max} (mean ${formatNumber(column.length.mean)})`,
    );
  if (column.topValues.length > 0) lines.push(`- top values: ${cell(topValuesText(column, 5))}`);
  if (column.pii.length > 0) lines.push(`- **possible personal data**: ${column.pii.join(', ')}`);
  for (const remark of columnRemarks(column)) lines.push(`- ${cell(remark)}`);
  const histogram = histogramLines(column);
  if (histogram.length > 0) lines.push('', ...histogram);
  lines.push('');
  return lines;
}

export function renderProfileMarkdown(profile: TableProfile): string {
  const lines = [`# Profile of \`${profile.table.replaceAll('`', "'")}\``, ''];
  for (const fact of tableFacts(profile)) lines.push(`- ${cell(fact)}`);
  for (const note of profile.notes) lines.push(`- ${cell(note)}`);
  lines.push(
    '',
    '| column | type | nulls | distinct | min | max | mean | top values |',
    '|---|---|---:|---:|---|---|---:|---|',
  );
  for (const column of profile.columns) {
    const row = [
      column.name,
      typeText(column),
      formatShare(column.nullShare),
      distinctText(column),
      boundText(column, column.min),
      boundText(column, column.max),
      formatValue(column.mean),
      topValuesText(column),
    ];
    lines.push(`| ${row.map(cell).join(' | ')} |`);
  }
  if (profile.suggestedQuestions.length > 0) {
    lines.push(
      '',
      '## Suggested questions',
      '',
      ...profile.suggestedQuestions.map((question) => `- ${cell(question)}`),
    );
  }
  lines.push('', '## Columns', '');
  for (const column of profile.columns) lines.push(...columnSection(column));
  return `${lines.join('\n').trimEnd()}\n`;
}
