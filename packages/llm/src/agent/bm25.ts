/**
 * Okapi BM25 over small documents (a table, a column, a metric, an example question), for pruning a
 * schema to what a question is about. Terms are lower-cased words with snake_case and camelCase split,
 * plus a crude singular, so "customers" finds customer_id.
 */
export interface Bm25Document<T> {
  item: T;
  text: string;
}

export function terms(text: string): string[] {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  return words.map((word) =>
    word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
  );
}

export class Bm25Index<T> {
  private readonly documents: { item: T; counts: Map<string, number>; length: number }[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(
    documents: Bm25Document<T>[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.documents = documents.map((document) => {
      const counts = new Map<string, number>();
      const words = terms(document.text);
      for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
      for (const word of counts.keys())
        this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
      return { item: document.item, counts, length: words.length };
    });
    const total = this.documents.reduce((sum, document) => sum + document.length, 0);
    this.averageLength = this.documents.length === 0 ? 0 : total / this.documents.length;
  }

  /** Documents with a positive score, best first. */
  search(query: string): { item: T; score: number }[] {
    const queryTerms = [...new Set(terms(query))];
    const count = this.documents.length;
    const scored: { item: T; score: number }[] = [];
    for (const document of this.documents) {
      let score = 0;
      for (const term of queryTerms) {
        const frequency = document.counts.get(term);
        if (!frequency) continue;
        const containing = this.documentFrequency.get(term) ?? 0;
        const idf = Math.log(1 + (count - containing + 0.5) / (containing + 0.5));
        const norm = 1 - this.b + (this.b * document.length) / (this.averageLength || 1);
        score += (idf * frequency * (this.k1 + 1)) / (frequency + this.k1 * norm);
      }
      if (score > 0) scored.push({ item: document.item, score });
    }
    return scored.sort((left, right) => right.score - left.score);
  }
}
