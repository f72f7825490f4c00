import { AskdataError } from '../errors';
import { didYouMean } from '../semantic/closest-name';
import type { Entity, Metric, SemanticColumn, SemanticModel } from '../semantic/types';

/** Name lookups over a semantic model with person-readable errors (closest names as hints). */
export class ModelIndex {
  readonly model: SemanticModel;
  private readonly entities = new Map<string, Entity>();

  constructor(model: SemanticModel) {
    this.model = model;
    for (const entity of model.entities) this.entities.set(entity.name.toLowerCase(), entity);
  }

  entity(table: string): Entity {
    const entity = this.entities.get(table.toLowerCase());
    if (entity === undefined) {
      const names = this.model.entities.map((candidate) => candidate.name);
      throw new AskdataError('table_not_found', `There is no table '${table}'${didYouMean(table, names)}`, {
        details: { table },
      });
    }
    return entity;
  }

  column(table: string, column: string): SemanticColumn {
    const entity = this.entity(table);
    const found =
      entity.columns.find((candidate) => candidate.name === column) ??
      entity.columns.find((candidate) => candidate.name.toLowerCase() === column.toLowerCase());
    if (found === undefined) {
      const names = entity.columns.map((candidate) => candidate.name);
      throw new AskdataError(
        'column_not_found',
        `Table '${entity.name}' has no column '${column}'${didYouMean(column, names)}`,
        { details: { table: entity.name, column } },
      );
    }
    return found;
  }

  metric(name: string): Metric {
    const found = this.model.metrics.find((metric) => metric.name.toLowerCase() === name.toLowerCase());
    if (found === undefined) {
      const names = this.model.metrics.map((metric) => metric.name);
      throw new AskdataError('spec_invalid', `There is no metric '${name}'${didYouMean(name, names)}`, {
        details: { metric: name },
      });
    }
    return found;
  }
}
