import type { ColumnInfo, TableInfo } from '../api/types';

const numericType = /int|double|decimal|float|numeric|real|hugeint/i;
const temporalType = /date|time/i;
const textType = /char|text|string|enum/i;
const identifierName = /(^id$|_id$|^id_|_no$|email|phone|^name$)/i;

function columnsOf(table: TableInfo): ColumnInfo[] {
  return Array.isArray(table.columns) ? table.columns : [];
}

function words(name: string): string {
  return name.replaceAll('_', ' ');
}

/**
 * Up to `limit` questions that the offline engine can answer about these tables, built from the columns
 * it finds: a measure by a category, a count over time, a top-N. The demo's curated questions come first.
 */
export function sampleQuestions(tables: TableInfo[], limit = 4, curated: string[] = []): string[] {
  const questions = [...curated];
  for (const table of [...tables].sort((a, b) => b.rows - a.rows)) {
    const columns = columnsOf(table);
    const measure = columns.find(
      (column) => numericType.test(column.type) && !identifierName.test(column.name),
    );
    const category = columns.find(
      (column) => textType.test(column.type) && !identifierName.test(column.name),
    );
    const time = columns.find((column) => temporalType.test(column.type));
    if (measure && category) questions.push(`Total ${words(measure.name)} by ${words(category.name)}`);
    if (time) questions.push(`Number of ${words(table.name)} by month`);
    if (measure && category) questions.push(`Top 5 ${words(category.name)} by ${words(measure.name)}`);
    if (!measure && !time) questions.push(`How many ${words(table.name)} are there?`);
  }
  return [...new Set(questions)].slice(0, limit);
}

/** Questions known to read well on the built-in retail demo (see packages/engine/src/demo). */
export const demoQuestions = [
  'Total revenue by customer segment',
  'Number of orders by year',
  'Top 5 products by revenue',
  'Revenue by region in 2025',
];
