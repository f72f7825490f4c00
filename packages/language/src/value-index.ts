/**
 * Categorical values → columns, so "Rock", "Berlin" or "EMEA" become filters on the right column. The
 * caller samples distinct values per text column (the language engine does no I/O); values are keyed
 * by their normalised words so multi-word values ("New York") match word sequences in a question.
 */
import { stopWords } from './keywords';
import { tokenize } from './tokenize';

export interface ValueSample {
  table: string;
  column: string;
  values: Array<string | number | boolean | null>;
  /** Every distinct value of the column, not a sample: rankings over text amounts may use them. */
  complete?: boolean;
}

export interface ValueMatch {
  table: string;
  column: string;
  /** The value exactly as stored, used in the filter. */
  value: string;
}

export function valueKey(text: string): string {
  return tokenize(text)
    .filter((token) => token.kind !== 'punct' || token.text === '&')
    .map((token) => token.norm.toLowerCase())
    .join(' ');
}

/** A value without a trailing parenthesised code, bracketed note or footnote mark; undefined if none. */
export function shortForm(value: string): string | undefined {
  const short = value
    .replace(/\s*(\([^()]*\)|\[[^\]]*\])\s*$/u, '')
    .replace(/[*†‡§#^]+$/u, '')
    .trim();
  return short !== value && short.length >= 2 ? short : undefined;
}

export class ValueIndex {
  private readonly byKey = new Map<string, ValueMatch[]>();
  /** Single words inside values → the columns holding them, for partial matches ("Cochet" in "Henri Cochet"). */
  private readonly byWord = new Map<string, Set<string>>();
  /** Cells that label a summary row ("Total", "Totals:"), which rankings and counts must skip. */
  readonly summaries: ValueMatch[] = [];
  longestValue: number;
  /** Every distinct text of a column whose sample was complete, by table and column. */
  private readonly complete = new Map<string, string[]>();

  constructor(samples: ValueSample[] = []) {
    let longest = 1;
    const shortForms: Array<[string, ValueMatch]> = [];
    for (const sample of samples) {
      if (sample.complete)
        this.complete.set(
          `${sample.table}\u0000${sample.column}`,
          sample.values.filter((value): value is string => typeof value === 'string'),
        );
      for (const raw of sample.values) {
        if (typeof raw !== 'string') continue;
        const value = raw.trim();
        if (value.length < 2 || value.length > 80 || /^[-\d.,\s%$]+$/.test(value)) continue;
        const key = valueKey(value);
        if (/^(\w+ )?totals?$/.test(key))
          this.summaries.push({ table: sample.table, column: sample.column, value });
        if (key.length === 0 || stopWords.has(key)) continue;
        this.add(key, { table: sample.table, column: sample.column, value });
        longest = Math.max(longest, key.split(' ').length);
        // "India (IND)", "Ajax*", "Berlin [3]": people name the value without its code or footnote mark.
        const short = shortForm(value);
        if (short !== undefined)
          shortForms.push([valueKey(short), { table: sample.table, column: sample.column, value }]);
        for (const word of key.split(' ')) {
          if (word.length < 3 || stopWords.has(word) || /^\d/.test(word)) continue;
          const columns = this.byWord.get(word) ?? new Set<string>();
          columns.add(`${sample.table}\u0000${sample.column}`);
          this.byWord.set(word, columns);
        }
      }
    }
    // After every full value, so a column holding both "Ajax" and "Ajax*" keeps "Ajax" for "ajax"; a short
    // form shared by two values of one column ("Ajax (1)", "Ajax (2)") would pick one of them, so it is left out.
    const shared = new Map<string, Set<string>>();
    for (const [key, match] of shortForms) {
      const id = `${key}\u0000${match.table}\u0000${match.column}`;
      shared.set(id, (shared.get(id) ?? new Set()).add(match.value));
    }
    for (const [key, match] of shortForms) {
      if (key.length === 0 || stopWords.has(key) || /^\d+$/.test(key)) continue;
      if ((shared.get(`${key}\u0000${match.table}\u0000${match.column}`)?.size ?? 0) > 1) continue;
      this.add(key, match);
    }
    this.longestValue = Math.min(longest, 8);
  }

  private add(key: string, match: ValueMatch): void {
    const list = this.byKey.get(key) ?? [];
    if (!list.some((known) => known.table === match.table && known.column === match.column)) list.push(match);
    this.byKey.set(key, list);
  }

  /** Columns holding a value written as these normalised words. */
  lookup(words: string[]): ValueMatch[] | undefined {
    return this.byKey.get(words.join(' '));
  }

  /** The one column whose values contain this word, if exactly one does. */
  columnContaining(word: string): { table: string; column: string } | undefined {
    const columns = this.byWord.get(word);
    if (columns?.size !== 1) return undefined;
    const [table, column] = [...columns][0]?.split('\u0000') ?? [];
    return table && column ? { table, column } : undefined;
  }

  /** Every column whose values contain this word (for words a question names inside longer values). */
  columnsContaining(word: string): Array<{ table: string; column: string }> {
    return [...(this.byWord.get(word) ?? [])].flatMap((key) => {
      const [table, column] = key.split('\u0000');
      return table && column ? [{ table, column }] : [];
    });
  }

  /** Every distinct text of a column, when the caller passed all of them; undefined for a sample. */
  allValues(table: string, column: string): string[] | undefined {
    return this.complete.get(`${table}\u0000${column}`);
  }

  /** A spoken form of a stored value ("north" for "N"), from the semantic model's value synonyms. */
  addSynonym(table: string, column: string, value: string, synonym: string): void {
    const key = valueKey(synonym);
    if (key.length === 0 || stopWords.has(key)) return;
    const list = this.byKey.get(key) ?? [];
    if (!list.some((match) => match.table === table && match.column === column))
      list.push({ table, column, value });
    this.byKey.set(key, list);
    this.longestValue = Math.min(8, Math.max(this.longestValue, key.split(' ').length));
  }

  get size(): number {
    return this.byKey.size;
  }
}
