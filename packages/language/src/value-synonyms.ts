/**
 * Spoken forms of stored values from the semantic model ("north" → "N"), added to a value index once
 * per model so questions can name values the way people say them.
 */
import type { SemanticModel } from '@askdata/core';
import type { ValueIndex } from './value-index';

const indexed = new WeakMap<ValueIndex, WeakSet<SemanticModel>>();

export function indexValueSynonyms(values: ValueIndex, model: SemanticModel): void {
  const models = indexed.get(values) ?? new WeakSet<SemanticModel>();
  if (models.has(model)) return;
  models.add(model);
  indexed.set(values, models);
  for (const entity of model.entities)
    for (const column of entity.columns)
      for (const [value, synonyms] of Object.entries(column.valueSynonyms ?? {}))
        for (const synonym of synonyms) values.addSynonym(entity.name, column.name, value, synonym);
}
