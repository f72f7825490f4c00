/**
 * Reads a lookup table by a word from the question. Plain objects inherit `constructor`, `toString`
 * and friends, so a column or word named "constructor" would otherwise find a function.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
