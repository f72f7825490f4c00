import Table from 'cli-table3';
import pc from 'picocolors';
import {
  boundText,
  columnRemarks,
  distinctText,
  formatShare,
  formatValue,
  tableFacts,
  topValuesText,
  typeText,
} from './format-figures';
import type { TableProfile } from './types';

/** The profile as a terminal report: facts, one row per column, remarks and suggested questions. */
export function renderProfileTerminal(profile: TableProfile, options: { color?: boolean } = {}): string {
  const colors = pc.createColors(options.color ?? pc.isColorSupported);
  const table = new Table({
    head: ['column', 'type', 'nulls', 'distinct', 'min', 'max', 'mean', 'top values'].map((h) =>
      colors.bold(h),
    ),
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [20, 22, 8, 10, 14, 14, 12, 40],
  });
  for (const column of profile.columns) {
    table.push([
      column.name + (column.pii.length > 0 ? colors.yellow(' (PII)') : ''),
      typeText(column),
      column.nullCount > 0 ? colors.yellow(formatShare(column.nullShare)) : '0%',
      distinctText(column),
      boundText(column, column.min),
      boundText(column, column.max),
      formatValue(column.mean),
      topValuesText(column),
    ]);
  }
  const lines = [
    colors.bold(`Table ${profile.table}`),
    ...tableFacts(profile).map((fact) => `  ${fact}`),
    table.toString(),
  ];
  const remarks = profile.columns.flatMap((column) =>
    columnRemarks(column).map((remark) => `  ${column.name}: ${remark}`),
  );
  const notes = [...profile.notes.map((note) => `  ${note}`), ...remarks];
  if (notes.length > 0) lines.push(colors.bold('Notes'), ...notes);
  if (profile.suggestedQuestions.length > 0) {
    lines.push(
      colors.bold('Try asking'),
      ...profile.suggestedQuestions.map((question) => `  ${colors.cyan(question)}`),
    );
  }
  return lines.join('\n');
}
