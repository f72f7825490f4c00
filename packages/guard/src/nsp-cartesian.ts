import { AskdataError } from '@askdata/core';
import type { AccessPolicy } from './access-policy';
import { isJson, type Json } from './pg-tree';

/** The join-without-condition rule of `cartesian-check.ts`, on node-sql-parser's flatter FROM list. */
export function checkNspCartesian(select: Json, policy: AccessPolicy, maxRows: number): void {
  const from = (Array.isArray(select.from) ? select.from : []).filter(isJson);
  const components: Array<Array<{ alias: string; rows: number | undefined }>> = [];
  for (const item of from) {
    const name = typeof item.table === 'string' ? item.table : '';
    const entry = {
      alias: (typeof item.as === 'string' ? item.as : name).toLowerCase(),
      rows: name
        ? policy.findTable(name, typeof item.db === 'string' ? item.db : undefined)?.rowCount
        : undefined,
    };
    const joined =
      item.on !== null && item.on !== undefined ? true : Array.isArray(item.using) && item.using.length > 0;
    const last = components.at(-1);
    if (joined && last) last.push(entry);
    else components.push([entry]);
  }
  if (components.length < 2) return;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isJson(value)) return;
    if (value.type === 'binary_expr' && value.operator === '=' && isJson(value.left) && isJson(value.right)) {
      const left = typeof value.left.table === 'string' ? value.left.table.toLowerCase() : undefined;
      const right = typeof value.right.table === 'string' ? value.right.table.toLowerCase() : undefined;
      const a = components.findIndex((component) => component.some((entry) => entry.alias === left));
      const b = components.findIndex((component) => component.some((entry) => entry.alias === right));
      if (a >= 0 && b >= 0 && a !== b) {
        const merged = [...(components[a] ?? []), ...(components[b] ?? [])];
        components.splice(Math.max(a, b), 1);
        components.splice(Math.min(a, b), 1, merged);
      }
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(select.where);
  let product = 1;
  for (const component of components) {
    const sizes = component.map((entry) => entry.rows);
    if (sizes.some((size) => size === undefined)) return;
    product *= Math.max(...(sizes as number[]));
  }
  if (product > maxRows) {
    throw new AskdataError(
      'sql_too_expensive',
      `This query joins tables without a join condition and would produce about ${product.toExponential(1)} rows; add a join condition`,
    );
  }
}
