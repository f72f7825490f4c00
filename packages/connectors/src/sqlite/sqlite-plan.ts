import type { PlanNode } from '@askdata/core';

/**
 * Turns `EXPLAIN QUERY PLAN` rows (id, parent, detail) into the shared plan shape. SQLite gives no row
 * estimates; a `SCAN` of a table that no `SEARCH` narrows, nested inside another scan, is a cartesian loop.
 */
export function sqlitePlan(rows: Array<{ id: number; parent: number; detail: string }>): PlanNode {
  const nodes = new Map<number, PlanNode>();
  const root: PlanNode = { operator: 'QUERY PLAN', children: [] };
  nodes.set(0, root);
  for (const row of rows) {
    const scan = /^SCAN (\S+)/.exec(row.detail);
    const node: PlanNode = { operator: row.detail, table: scan?.[1], children: [] };
    nodes.set(row.id, node);
    (nodes.get(row.parent) ?? root).children.push(node);
  }
  // Two or more plain SCANs at the same level of a join are a nested loop without an index: a cartesian product.
  const mark = (node: PlanNode) => {
    const scans = node.children.filter((child) => child.table !== undefined && !/USING/.test(child.operator));
    if (scans.length >= 2) node.unconditionalJoin = true;
    node.children.forEach(mark);
  };
  mark(root);
  return root;
}
