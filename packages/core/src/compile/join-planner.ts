import { AskdataError } from '../errors';
import type { Relationship, SemanticModel } from '../semantic/types';

/**
 * One step of a join path. `up` follows a many-to-one relationship (each row keeps at most one partner,
 * so aggregates stay correct); `down` goes one-to-many and multiplies rows (fan-out).
 */
export interface JoinStep {
  from: string;
  to: string;
  direction: 'up' | 'down';
  relationship: Relationship;
}

/** Join steps from `start` to every table in `targets`, as a tree rooted at `start` (each table joined once). */
export function planJoins(model: SemanticModel, start: string, targets: Iterable<string>): JoinStep[] {
  const steps: JoinStep[] = [];
  const joined = new Set([start.toLowerCase()]);
  for (const target of targets) {
    if (joined.has(target.toLowerCase())) continue;
    const path = shortestPath(model, start, target);
    for (const step of path) {
      if (joined.has(step.to.toLowerCase())) continue;
      joined.add(step.to.toLowerCase());
      steps.push(step);
    }
  }
  return steps;
}

/** Cheapest path, where a fan-out step costs far more than a lookup step, so lookups are preferred. */
export function shortestPath(model: SemanticModel, start: string, target: string): JoinStep[] {
  const cost = new Map<string, number>([[start.toLowerCase(), 0]]);
  const via = new Map<string, JoinStep>();
  const queue = [start.toLowerCase()];
  while (queue.length > 0) {
    queue.sort((a, b) => (cost.get(a) ?? 0) - (cost.get(b) ?? 0));
    const current = queue.shift() as string;
    for (const step of neighbours(model.relationships, current)) {
      const next = step.to.toLowerCase();
      // Low-confidence (name-inferred) links cost a little more than declared ones.
      const stepCost = (step.direction === 'up' ? 1 : 100) + (1 - step.relationship.confidence);
      const total = (cost.get(current) ?? 0) + stepCost;
      if (total < (cost.get(next) ?? Number.POSITIVE_INFINITY)) {
        cost.set(next, total);
        via.set(next, step);
        queue.push(next);
      }
    }
  }
  const path: JoinStep[] = [];
  let cursor = target.toLowerCase();
  while (cursor !== start.toLowerCase()) {
    const step = via.get(cursor);
    if (step === undefined) {
      throw new AskdataError(
        'spec_invalid',
        `There is no known relationship linking '${start}' to '${target}'.`,
        {
          hint: 'Declare it under relationships in askdata.yaml (e.g. from: orders.customer_id, to: customers.id).',
        },
      );
    }
    path.unshift(step);
    cursor = step.from.toLowerCase();
  }
  return path;
}

function neighbours(relationships: Relationship[], table: string): JoinStep[] {
  const steps: JoinStep[] = [];
  for (const relationship of relationships) {
    if (relationship.from.table.toLowerCase() === table) {
      steps.push({ from: relationship.from.table, to: relationship.to.table, direction: 'up', relationship });
    }
    if (relationship.to.table.toLowerCase() === table) {
      steps.push({
        from: relationship.to.table,
        to: relationship.from.table,
        direction: 'down',
        relationship,
      });
    }
  }
  return steps;
}
