/**
 * One operator of an EXPLAIN plan, normalised across engines so that the guard's dry run can look for
 * cartesian products and huge scans without knowing each engine's plan format.
 */
export interface PlanNode {
  /** Engine operator name, e.g. `Seq Scan`, `Nested Loop`, `CROSS_PRODUCT`, `SCAN orders`. */
  operator: string;
  /** Table read by a scan operator, when the engine says. */
  table?: string;
  estimatedRows?: number;
  /** True for a join with no join condition (a cartesian product). */
  unconditionalJoin?: boolean;
  children: PlanNode[];
}
