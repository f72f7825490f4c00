/**
 * A column of results written as words ("Win" / "Loss" / "Draw", "Won" / "Nominated", "Winner" /
 * "Runner-up", "W" / "L"): people ask "how many wins did they have?", "how many games did they lose?".
 * When every distinct cell of a column headed as a result is such a result, the nouns and verbs of each result
 * ("wins", "victories", "won"; "losses", "defeats", "lost"; "draws", "ties") name its cell, as a spoken
 * form of the value. Columns holding anything else ("W 21–14", scores, names) are left alone.
 */
import type { Filter, QuerySpec, SemanticModel } from '@askdata/core';
import type { CatalogTable } from './catalog';
import type { TaggedQuestion } from './tagger';
import type { ValueIndex } from './value-index';

type Outcome = 'win' | 'loss' | 'draw' | 'other';

const cells: Record<string, Outcome> = {
  w: 'win',
  win: 'win',
  won: 'win',
  winner: 'win',
  victory: 'win',
  l: 'loss',
  loss: 'loss',
  lost: 'loss',
  lose: 'loss',
  defeat: 'loss',
  'runner-up': 'loss',
  'runner up': 'loss',
  runnerup: 'loss',
  d: 'draw',
  draw: 'draw',
  drawn: 'draw',
  t: 'draw',
  tie: 'draw',
  tied: 'draw',
  nominated: 'other',
  nominee: 'other',
};

const spoken: Record<Exclude<Outcome, 'other'>, string[]> = {
  win: ['wins', 'win', 'won', 'victories', 'victory'],
  loss: ['losses', 'loss', 'lost', 'lose', 'defeats', 'defeat'],
  draw: ['draws', 'draw', 'drawn', 'drew', 'ties', 'tie', 'tied'],
};

/** Headers of a results column: "Result", "Outcome", "Res.", "W/L", "Decision". */
const resultHeader = /(^|_)(results?|outcomes?|res|w_?l|decision)($|_)/;

const indexed = new WeakMap<ValueIndex, WeakSet<SemanticModel>>();

/** Adds the spoken forms of result cells to the value index, once per model. */
export function indexOutcomeCells(values: ValueIndex, model: SemanticModel): void {
  const models = indexed.get(values) ?? new WeakSet<SemanticModel>();
  if (models.has(model)) return;
  models.add(model);
  indexed.set(values, models);
  for (const entity of model.entities)
    for (const column of entity.columns) {
      // Only a column headed as the result: a coin toss "won" / "lost" is not a game's outcome.
      if (!resultHeader.test(column.name)) continue;
      const texts = values.allValues(entity.name, column.name);
      if (!texts || texts.length < 2) continue;
      const kinds = texts.map((text) => cells[text.trim().toLowerCase()]);
      // Every cell a result, and at least a win and one other outcome: a column of results.
      if (kinds.some((kind) => kind === undefined) || !kinds.includes('win') || new Set(kinds).size < 2)
        continue;
      // One stored text per outcome, so each spoken form names one value.
      const byOutcome = new Map<Outcome, string[]>();
      texts.forEach((text, i) => {
        const kind = kinds[i] as Outcome;
        byOutcome.set(kind, [...(byOutcome.get(kind) ?? []), text]);
      });
      for (const [kind, stored] of byOutcome) {
        if (kind === 'other' || stored.length !== 1) continue;
        for (const word of spoken[kind])
          values.addSynonym(entity.name, column.name, stored[0] as string, word);
      }
    }
}

/** A result cell starts with its letter: "W 28–21", "L 0–21", "T 13–13", "W (OT) 24–21". */
const letterResult = /^([WLDT])(?=[\s\d(,–-]|$)/i;
const letterOf: Record<Exclude<Outcome, 'other'>, string[]> = { win: ['W'], loss: ['L'], draw: ['D', 'T'] };

/**
 * "How many wins …?" over a results column that writes each game as its letter and score ("W 28–21"):
 * the rows whose result starts with the outcome's letter. Only when nearly every cell is such a result
 * (a "canceled" game aside) and no other cell starts with that letter; undefined otherwise.
 */
export function outcomePrefixFilter(
  values: ValueIndex,
  table: CatalogTable,
  word: string,
): Filter | undefined {
  const outcome = (Object.keys(spoken) as Array<keyof typeof spoken>).find((kind) =>
    spoken[kind].includes(word.toLowerCase()),
  );
  if (!outcome) return undefined;
  for (const column of table.columns) {
    if (!resultHeader.test(column.name) || column.logicalType !== 'text') continue;
    const texts = (values.allValues(table.name, column.name) ?? []).map((text) => text.trim());
    const lettered = texts.filter((text) => letterResult.test(text));
    if (lettered.length < 3 || lettered.length < 0.8 * texts.length) continue;
    if (!lettered.some((text) => /^w/i.test(text)) || !lettered.some((text) => /^l/i.test(text))) continue;
    const letters = letterOf[outcome].filter((letter) => lettered.some((text) => text.startsWith(letter)));
    const [letter] = letters;
    if (letters.length !== 1 || letter === undefined) continue;
    // Another cell starting with the letter ("Lost in overtime", "Walkover") would be counted too.
    if (texts.some((text) => text.toUpperCase().startsWith(letter) && !letterResult.test(text))) continue;
    return { op: 'starts_with', column: { column: column.name }, value: letter };
  }
  return undefined;
}

/**
 * A count of rows read without the outcome ("how many wins are there?" counted every game): when a word
 * of the question is an outcome nothing else explained and the sheet writes results as "W 28–21", only
 * the rows with that result are counted.
 */
export function withOutcomeRows(
  spec: QuerySpec,
  tagged: TaggedQuestion,
  table: CatalogTable,
  values: ValueIndex,
): QuerySpec {
  const [measure] = spec.measures;
  if (spec.measures.length !== 1 || measure?.aggregation !== 'count' || measure.column) return spec;
  for (const tag of tagged.tags) {
    if (tag.type !== 'unknown') continue;
    const filter = outcomePrefixFilter(values, table, tag.word);
    if (!filter || !('column' in filter)) continue;
    if (spec.filters.some((other) => other.column.column === filter.column.column)) return spec;
    return { ...spec, filters: [...spec.filters, filter] };
  }
  return spec;
}
