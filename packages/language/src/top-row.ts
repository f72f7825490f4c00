/**
 * "top" as a superlative in a one-table question (table-lookup.ts): "the top enrollment" ranks by the
 * amount column it names, like "the highest enrollment"; "the top player" (a text column) or "who was
 * the top scorer?" names the row ranked first — the smallest value of a rank-like column (Rank, Place, Pos) when the
 * table has one, else the first row as listed, since ranked tables are listed best first.
 */
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import { splitIdentifier } from './inflect';
import { amountAfter, type LookupScan, penalise } from './table-lookup-scan-state';

const rankWords = new Set(['rank', 'ranking', 'place', 'placing', 'position', 'pos', 'standing']);

/** A numeric column whose name says it holds ranks (1 = best), if exactly one does. */
export function rankColumn(table: CatalogTable): CatalogColumn | undefined {
  const ranks = table.columns.filter(
    (column) =>
      isNumericType(column.logicalType) && splitIdentifier(column.name).some((word) => rankWords.has(word)),
  );
  return ranks.length === 1 ? ranks[0] : undefined;
}

/** Reads "top" at tag `at`; false when the question must be left unanswered. */
export function readTopWord(scan: LookupScan, at: number): boolean {
  if (scan.head.kind !== 'select' || scan.ranked) return false;
  const following = amountAfter(scan, at);
  if (following && isNumericType(following.column.logicalType)) {
    // "the top enrollment": the amount column named right after "top" is the one ranked.
    scan.ranked = { column: following.column, direction: 'desc' };
    return true;
  }
  // "the top time" in a column of times written as text: which end is best is not knowable.
  if (following && amountCells(scan, following.column)) return false;
  // "the top player" (a column of names) or "the top scorer" (no column): the row ranked first.
  const rank = rankColumn(scan.table);
  if (rank) {
    scan.ranked = { column: rank, direction: 'asc' };
    penalise(scan, 0.95, `"top" read as the best ${rank.name}`);
    return true;
  }
  if (scan.rowEnd === 'desc') return false;
  scan.rowEnd = 'asc';
  scan.listedEnd = true;
  penalise(scan, 0.9, '"top" read as the first row listed');
  return true;
}

/** A text column most of whose cells hold digits ("1:57.17", "12,000 m"): amounts, not names. */
function amountCells(scan: LookupScan, column: CatalogColumn): boolean {
  const cells = scan.context.values.allValues(scan.table.name, column.name);
  if (!cells || cells.length === 0) return true;
  return cells.filter((cell) => /\d/.test(cell)).length > 0.25 * cells.length;
}
