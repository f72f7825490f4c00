/** Decisions that need the catalog: which table a word means, which column, how tables join. */
import {
  type Catalog,
  type CatalogColumn,
  type CatalogTable,
  isNumericType,
  isTemporalType,
} from './catalog';
import { splitIdentifier } from './inflect';
import type { LexiconEntry } from './lexicon';

export class SchemaResolver {
  private readonly tablesByName = new Map<string, CatalogTable>();
  private readonly neighbours = new Map<string, Set<string>>();

  constructor(readonly catalog: Catalog) {
    for (const table of catalog.tables) this.tablesByName.set(table.name, table);
    for (const join of catalog.joins) {
      if (!this.neighbours.has(join.fromTable)) this.neighbours.set(join.fromTable, new Set());
      if (!this.neighbours.has(join.toTable)) this.neighbours.set(join.toTable, new Set());
      this.neighbours.get(join.fromTable)?.add(join.toTable);
      this.neighbours.get(join.toTable)?.add(join.fromTable);
    }
  }

  table(name: string): CatalogTable | undefined {
    return this.tablesByName.get(name);
  }

  /** Join distance between two tables (0 = same), or undefined when no path exists. */
  distance(from: string, to: string): number | undefined {
    if (from === to) return 0;
    const seen = new Set([from]);
    let frontier = [from];
    for (let depth = 1; depth <= 4; depth++) {
      const next: string[] = [];
      for (const table of frontier) {
        for (const neighbour of this.neighbours.get(table) ?? []) {
          if (neighbour === to) return depth;
          if (!seen.has(neighbour)) {
            seen.add(neighbour);
            next.push(neighbour);
          }
        }
      }
      frontier = next;
    }
    return undefined;
  }

  /** The column that names a row of the table ("name", "title", "<table>_name"), if any. */
  labelColumn(tableName: string): CatalogColumn | undefined {
    const table = this.table(tableName);
    if (!table) return undefined;
    const text = table.columns.filter((column) => column.logicalType === 'text' && !column.isKey);
    const score = (column: CatalogColumn): number => {
      const words = splitIdentifier(column.name);
      if (words.length === 1 && (words[0] === 'name' || words[0] === 'title')) return 3;
      if (words.includes('name') || words.includes('title')) return 2 - words.length * 0.01;
      return 0;
    };
    const ranked = [...text].sort((a, b) => score(b) - score(a));
    const best = ranked[0];
    return best && score(best) > 0 ? best : undefined;
  }

  /** A column of `tableName` whose name contains one of the hint words (a leading '-' flips direction). */
  hintColumn(
    tableName: string,
    hints: string[],
    searchRelated = false,
  ): { column: CatalogColumn; flip: boolean } | undefined {
    const own = this.hintColumnOf(tableName, hints);
    if (own || !searchRelated) return own;
    // "the tallest poker player" when height lives in the related people table.
    const related = this.catalog.tables
      .map((table) => ({ name: table.name, distance: this.distance(tableName, table.name) }))
      .filter((entry) => entry.distance !== undefined && entry.distance > 0 && entry.distance <= 2)
      .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0));
    for (const entry of related) {
      const found = this.hintColumnOf(entry.name, hints);
      if (found) return found;
    }
    return undefined;
  }

  private hintColumnOf(
    tableName: string,
    hints: string[],
  ): { column: CatalogColumn; flip: boolean } | undefined {
    const table = this.table(tableName);
    if (!table) return undefined;
    for (const hint of hints) {
      const flip = hint.startsWith('-');
      const word = flip ? hint.slice(1) : hint;
      const column = table.columns.find((candidate) => {
        const words = splitIdentifier(candidate.name);
        // A text column named exactly like the hint ("Age" stored as text) still orders as the person means.
        const exact = words.length === 1 && words[0] === word;
        return (
          words.includes(word) &&
          (exact ||
            isNumericType(candidate.logicalType) ||
            isTemporalType(candidate.logicalType) ||
            word === 'date' ||
            word === 'year')
        );
      });
      if (column) return { column, flip };
    }
    return undefined;
  }

  /**
   * The column an ambiguous phrase most likely means: the best lexicon score, then the base table,
   * then tables the question mentions, then the nearest joinable table. Returns runners-up that are
   * as plausible, so the caller can ask instead of guessing.
   */
  chooseColumn(
    entries: LexiconEntry[],
    base: string | undefined,
    mentioned: Set<string>,
    near?: string,
  ): { column: CatalogColumn; score: number; rivals: CatalogColumn[] } | undefined {
    const scored: Array<{ column: CatalogColumn; score: number }> = [];
    for (const entry of entries) {
      if (entry.target.kind !== 'column') continue;
      const column = entry.target.column;
      let score = entry.score;
      if (base !== undefined) {
        const distance = this.distance(base, column.table);
        if (distance === undefined) score -= 0.5;
        else score -= distance * 0.04;
        if (column.table === base) score += 0.05;
      }
      if (mentioned.has(column.table)) score += 0.05;
      if (near !== undefined && column.table === near) score += 0.15;
      scored.push({ column, score });
    }
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best) return undefined;
    const rivals = scored
      .slice(1)
      .filter((other) => best.score - other.score < 0.015)
      .map((other) => other.column);
    return { column: best.column, score: best.score, rivals };
  }

  temporalColumns(tableName: string): CatalogColumn[] {
    return this.table(tableName)?.columns.filter((column) => isTemporalType(column.logicalType)) ?? [];
  }
}
