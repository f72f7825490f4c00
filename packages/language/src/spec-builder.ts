/** Accumulates the parts of a QuerySpec with unique output ids. */
import type {
  Aggregation,
  ColumnRef,
  Dimension,
  Filter,
  Measure,
  OrderBy,
  QuerySpec,
  SelectColumn,
  TimeGrain,
} from '@askdata/core';
import type { CatalogColumn } from './catalog';

function identifier(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(cleaned) ? cleaned || 'value' : `c_${cleaned}`;
}

export class SpecBuilder {
  readonly measures: Measure[] = [];
  readonly dimensions: Dimension[] = [];
  readonly filters: Filter[] = [];
  readonly select: SelectColumn[] = [];
  readonly order: OrderBy[] = [];
  readonly having: NonNullable<QuerySpec['having']> = [];
  limit: number | undefined;
  /** Output ids that answer the question when other outputs only serve grouping or filtering. */
  answerIds: string[] | undefined;
  distinct = false;
  /** Output ids that only keep groups apart (an entity's key next to its name); not part of the answer. */
  readonly supportIds = new Set<string>();
  chart: QuerySpec['chart'];
  derived: NonNullable<QuerySpec['derived']> = [];
  /** "the row after X": the neighbour of a named row in the source's order. */
  rowAnchor: QuerySpec['rowAnchor'];
  sameAs: QuerySpec['sameAs'];
  private readonly ids = new Set<string>();

  constructor(public base: string) {}

  ref(column: CatalogColumn): ColumnRef {
    return column.table === this.base
      ? { column: column.name }
      : { table: column.table, column: column.name };
  }

  private uniqueId(wanted: string): string {
    let id = identifier(wanted);
    let counter = 2;
    while (this.ids.has(id)) id = `${identifier(wanted)}_${counter++}`;
    this.ids.add(id);
    return id;
  }

  addMeasure(aggregation: Aggregation, column: CatalogColumn | undefined): string {
    const existing = this.measures.find(
      (measure) =>
        measure.aggregation === aggregation &&
        measure.column?.column === column?.name &&
        (measure.column?.table ?? this.base) === (column?.table ?? this.base),
    );
    if (existing) return existing.id;
    const id = this.uniqueId(column ? `${aggregation}_${column.name}` : aggregation);
    this.measures.push(column ? { id, aggregation, column: this.ref(column) } : { id, aggregation });
    return id;
  }

  /** A metric of the semantic model, measured as its definition says. */
  addMetric(name: string): string {
    const existing = this.measures.find((measure) => measure.metric === name);
    if (existing) return existing.id;
    const id = this.uniqueId(name);
    this.measures.push({ id, metric: name });
    return id;
  }

  addDimension(column: CatalogColumn, grain?: TimeGrain): string {
    const existing = this.dimensions.find(
      (dimension) =>
        dimension.column.column === column.name &&
        dimension.grain === grain &&
        (dimension.column.table ?? this.base) === column.table,
    );
    if (existing) return existing.id;
    const id = this.uniqueId(grain ? `${column.name}_${grain}` : column.name);
    this.dimensions.push(grain ? { id, column: this.ref(column), grain } : { id, column: this.ref(column) });
    return id;
  }

  addSelect(column: CatalogColumn): string {
    const existing = this.select.find(
      (item) => item.column.column === column.name && (item.column.table ?? this.base) === column.table,
    );
    if (existing) return existing.id;
    const id = this.uniqueId(column.name);
    this.select.push({ id, column: this.ref(column) });
    return id;
  }

  addFilter(filter: Filter): void {
    this.filters.push(filter);
  }

  build(asOf: string): QuerySpec {
    const spec: QuerySpec = {
      version: 1,
      table: this.base,
      measures: this.measures,
      dimensions: this.dimensions,
      filters: this.filters,
    };
    if (this.measures.length === 0 && this.dimensions.length === 0 && this.select.length > 0)
      spec.select = this.select;
    if (this.distinct && spec.select) spec.distinct = true;
    if (this.having.length > 0) spec.having = this.having;
    if (this.order.length > 0) spec.order = this.order;
    if (this.limit !== undefined) spec.limit = this.limit;
    if (this.derived.length > 0) spec.derived = this.derived;
    if (this.chart) spec.chart = this.chart;
    if (this.rowAnchor) spec.rowAnchor = this.rowAnchor;
    if (this.sameAs) spec.sameAs = this.sameAs;
    if (this.filters.some((filter) => filter.op === 'relative_date')) spec.asOf = asOf;
    return spec;
  }
}
