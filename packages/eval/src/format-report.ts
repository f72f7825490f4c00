import type { EvalReport, Summary } from './report';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const millis = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(1)}`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const summaryHeader = [
  '',
  'n',
  'scored',
  'correct',
  'accuracy',
  'precision',
  'abstain',
  'errors',
  'p50 ms',
  'p95 ms',
];

function summaryRow(label: string, summary: Summary): string[] {
  return [
    label,
    String(summary.records),
    String(summary.scored),
    String(summary.correct),
    percent(summary.accuracy),
    percent(summary.precision),
    percent(summary.abstentionRate),
    String(summary.errors + summary.skipped),
    millis(summary.totalMsP50),
    millis(summary.totalMsP95),
  ];
}

const kindLabels = { sql: 'execution (SQL)', denotation: 'denotation (table)', chart: 'chart type' } as const;

/**
 * The human summary printed on stdout: one line per task kind and overall, then the category breakdown.
 * Latency columns are answer + running the predicted SQL; accuracy is over scored records.
 */
export function formatReport(report: EvalReport): string {
  const kindRows = Object.entries(report.byKind).map(([kind, summary]) =>
    summaryRow(kindLabels[kind as keyof typeof kindLabels] ?? kind, summary as Summary),
  );
  const rows = kindRows.length > 1 ? [...kindRows, summaryRow('overall', report.overall)] : kindRows;
  const categoryRows = report.byCategory.map((category) =>
    summaryRow(`${category.kind}: ${category.category}`, category),
  );
  const parts = [
    `askdata eval — ${report.file} — engine ${report.engine}`,
    table(summaryHeader, rows),
    '',
    'by category',
    table(summaryHeader, categoryRows),
  ];
  if (report.byShape.length > 0) {
    const shapeRows = report.byShape.map((shape) => summaryRow(shape.category, shape));
    parts.push('', 'by SQL shape (gold query)', table(summaryHeader, shapeRows));
  }
  if (report.skippedLines.length > 0) {
    parts.push(
      '',
      `${report.skippedLines.length} line(s) skipped: ${report.skippedLines
        .slice(0, 3)
        .map((line) => `line ${line.line} (${line.reason})`)
        .join(', ')}`,
    );
  }
  parts.push(
    '',
    `errors = records that could not be scored or were skipped; failures are listed in the JSON report.`,
  );
  return parts.join('\n');
}
