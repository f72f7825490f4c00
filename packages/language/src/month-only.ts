/**
 * "How many games were played in November?" on one sheet (a season's fixtures, a tour's dates): a month
 * named without a year means that month in whatever year the sheet covers, not the month of the current
 * year. When the dates are text ("November 7", "Nov 7, 1999") the cells naming the month are kept. A
 * real date column cannot be filtered on a month of any year by a spec, so that reading is refused
 * rather than answered for the wrong year. Sources with several tables keep the current-year reading.
 */
import { type Filter, monthNames } from '@askdata/core';
import { type CatalogColumn, isTemporalType } from './catalog';
import type { DatePhrase } from './dates';
import type { SchemaResolver } from './schema-resolver';

const dateName = /(^|_)(date|dates|month|day)($|_)/;

export function monthWithoutYear(
  phrase: DatePhrase,
  resolver: SchemaResolver,
  table: string,
  subject: CatalogColumn | undefined,
): { filter?: Filter; doubt: string } | undefined {
  if (phrase.kind !== 'absolute' || phrase.monthOnly === undefined) return undefined;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const month = monthNames[phrase.monthOnly] ?? '';
  const columns = resolver.table(table)?.columns ?? [];
  const textDates = columns.filter((column) => column.logicalType === 'text' && dateName.test(column.name));
  const column =
    subject?.logicalType === 'text' && dateName.test(subject.name)
      ? subject
      : textDates.length === 1
        ? textDates[0]
        : undefined;
  if (column) {
    // "Nov 7" and "November 7" both hold the first three letters of the month.
    const filter: Filter = { op: 'contains', column: { column: column.name }, value: month.slice(0, 3) };
    return { filter, doubt: '' };
  }
  if (columns.some((candidate) => isTemporalType(candidate.logicalType)))
    return { doubt: `"${month}" names no year, and the dates span years` };
  return undefined;
}
