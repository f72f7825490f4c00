import type { DialectName, PlanNode, ValidatedSql } from '@askdata/core';

/** Anything that can explain a validated query without running it (every `SqlExecutor`, the workspace). */
export interface PlanSource {
  readonly dialect: DialectName;
  explain?(sql: ValidatedSql): Promise<PlanNode>;
}

export interface DryRunOptions {
  /** A full scan estimated above this many rows is reported; default 10 million. */
  hugeScanRows?: number;
}

export interface DryRunResult {
  plan: PlanNode | undefined;
  warnings: string[];
}

const scanOperator = /^(Seq Scan|SEQ_SCAN|TABLE_SCAN|SCAN \S+$|SIMPLE ALL|PRIMARY ALL|.* ALL$)/;

/**
 * The EXPLAIN-based dry run: asks the source for its plan and warns about cartesian products (a join with no
 * condition) and full scans of huge tables. Warnings, not refusals: the plan's estimates can be wrong, and
 * the validator already refuses the cartesian products it can size from the schema.
 */
export async function dryRun(
  source: PlanSource,
  sql: ValidatedSql,
  options: DryRunOptions = {},
): Promise<DryRunResult> {
  if (!source.explain) return { plan: undefined, warnings: [] };
  const plan = await source.explain(sql);
  return { plan, warnings: planWarnings(plan, options.hugeScanRows ?? 10_000_000) };
}

export function planWarnings(plan: PlanNode, hugeScanRows: number): string[] {
  const warnings = new Set<string>();
  const visit = (node: PlanNode) => {
    if (node.unconditionalJoin || /CROSS_PRODUCT|Cartesian/i.test(node.operator)) {
      warnings.add('The plan joins tables without a join condition (a cartesian product): check the join.');
    }
    if (
      node.estimatedRows !== undefined &&
      node.estimatedRows > hugeScanRows &&
      scanOperator.test(node.operator)
    ) {
      const table = node.table ? ` of \`${node.table}\`` : '';
      warnings.add(
        `The plan reads the whole table${table} (about ${node.estimatedRows.toLocaleString('en-US')} rows): add a filter.`,
      );
    }
    node.children.forEach(visit);
  };
  visit(plan);
  return [...warnings];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts DuckDB's `EXPLAIN (FORMAT JSON)` value (the `explain_value` text, parsed) to the shared plan shape. */
export function duckdbPlan(value: unknown): PlanNode {
  const convert = (node: unknown): PlanNode => {
    if (!isRecord(node)) return { operator: 'unknown', children: [] };
    const extra = isRecord(node.extra_info) ? node.extra_info : {};
    const estimate = Number(extra['Estimated Cardinality']);
    const operator = typeof node.name === 'string' ? node.name : 'unknown';
    return {
      operator,
      table: typeof extra.Table === 'string' ? extra.Table : undefined,
      estimatedRows: Number.isFinite(estimate) ? estimate : undefined,
      unconditionalJoin:
        operator === 'CROSS_PRODUCT' || (operator === 'NESTED_LOOP_JOIN' && !extra.Conditions),
      children: Array.isArray(node.children) ? node.children.map(convert) : [],
    };
  };
  const roots = Array.isArray(value) ? value : [value];
  return roots.length === 1 ? convert(roots[0]) : { operator: 'EXPLAIN', children: roots.map(convert) };
}
