import type { PlanNode } from '@askdata/core';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns `EXPLAIN (FORMAT JSON)` output into the shared plan shape. */
export function postgresPlan(value: unknown): PlanNode {
  const root = Array.isArray(value) ? value[0] : value;
  const plan = isRecord(root) && isRecord(root.Plan) ? root.Plan : root;
  return convert(plan);
}

function convert(node: unknown): PlanNode {
  if (!isRecord(node)) return { operator: 'unknown', children: [] };
  const operator = typeof node['Node Type'] === 'string' ? node['Node Type'] : 'unknown';
  const children = Array.isArray(node.Plans) ? node.Plans.map(convert) : [];
  const joinCondition = ['Join Filter', 'Hash Cond', 'Merge Cond'].some((key) => key in node);
  const innerIndexed = children.some((child) => /Index/.test(child.operator));
  return {
    operator,
    table: typeof node['Relation Name'] === 'string' ? node['Relation Name'] : undefined,
    estimatedRows: typeof node['Plan Rows'] === 'number' ? node['Plan Rows'] : undefined,
    unconditionalJoin: operator === 'Nested Loop' && !joinCondition && !innerIndexed,
    children,
  };
}
