import { describe, expect, it } from 'vitest';
import { AskdataError } from '../src/errors';
import { applySemanticYaml } from '../src/semantic/apply-semantic-yaml';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import { shopSchema } from './fixtures/shop-schema';

const model = deriveSemanticModel(shopSchema, { stats: { customers: { region: { distinctCount: 4 } } } });
const entity = (name: string) => model.entities.find((candidate) => candidate.name === name);
const column = (table: string, name: string) =>
  entity(table)?.columns.find((candidate) => candidate.name === name);

describe('deriveSemanticModel', () => {
  it('assigns roles and default aggregations', () => {
    expect(column('orders', 'amount')).toMatchObject({
      role: 'measure',
      defaultAggregation: 'sum',
      unit: 'USD',
    });
    expect(column('products', 'list_price')).toMatchObject({ role: 'measure', defaultAggregation: 'avg' });
    expect(column('orders', 'customer_id')?.role).toBe('key');
    expect(column('orders', 'order_date')?.role).toBe('time');
    expect(column('customers', 'region')).toMatchObject({
      role: 'dimension',
      distinctCount: 4,
      label: 'Region',
    });
    expect(entity('orders')?.defaultTimeColumn).toBe('order_date');
  });

  it('uses declared keys with full confidence and infers the rest from names', () => {
    const links = model.relationships.map(
      (r) =>
        `${r.from.table}.${r.from.columns[0]}->${r.to.table}.${r.to.columns[0]}:${r.source}:${r.confidence}`,
    );
    expect(links).toEqual([
      'orders.customer_id->customers.id:declared:1',
      'order_lines.order_id->orders.id:inferred:0.9',
      'order_lines.product_id->products.id:inferred:0.9',
    ]);
  });

  it('tags personal data by column name', () => {
    expect(column('customers', 'email')?.pii).toBe('email');
    expect(column('customers', 'name')?.pii).toBe('name');
    expect(column('products', 'category')?.pii).toBeUndefined();
    expect(column('orders', 'status')?.pii).toBeUndefined();
  });

  it('guesses a primary key named id when none is declared', () => {
    expect(entity('order_lines')?.primaryKey).toEqual(['id']);
  });
});

function yamlError(text: string): string {
  try {
    applySemanticYaml(model, text, 'askdata.yaml');
  } catch (error) {
    if (AskdataError.isInstance(error)) {
      expect(error.code).toBe('semantic_model_invalid');
      return error.message;
    }
    throw error;
  }
  throw new Error('expected an error');
}

describe('applySemanticYaml', () => {
  const yaml = `version: 1
tables:
  orders:
    synonyms: [sales]
    columns:
      amount:
        label: Revenue
        synonyms: [revenue, turnover]
        format: currency
  customers:
    columns:
      email:
        pii: email
      region:
        values:
          N: [north, northern]
relationships:
  - from: order_lines.order_id
    to: orders.id
metrics:
  - name: completed_revenue
    table: orders
    expression: sum(amount)
    filters:
      - { column: status, op: eq, value: completed }
    owner: finance
    version: 3
    unit: USD
  - name: buyers
    table: orders
    expression: count(distinct customer_id)
  - name: orders_count
    table: orders
    expression: count(*)
`;
  const enriched = applySemanticYaml(model, yaml, 'askdata.yaml');

  it('adds labels, synonyms, PII tags and value synonyms without changing the input model', () => {
    const amount = enriched.entities
      .find((e) => e.name === 'orders')
      ?.columns.find((c) => c.name === 'amount');
    expect(amount).toMatchObject({ label: 'Revenue', synonyms: ['revenue', 'turnover'], format: 'currency' });
    const customers = enriched.entities.find((e) => e.name === 'customers');
    expect(customers?.columns.find((c) => c.name === 'email')?.pii).toBe('email');
    expect(customers?.columns.find((c) => c.name === 'region')?.valueSynonyms).toEqual({
      N: ['north', 'northern'],
    });
    expect(enriched.entities.find((e) => e.name === 'orders')?.synonyms).toContain('sales');
    expect(column('orders', 'amount')?.label).toBe('Amount');
    expect(enriched.sources).toEqual(['askdata.yaml']);
  });

  it('replaces an inferred relationship by the declared one', () => {
    const link = enriched.relationships.filter(
      (r) => r.from.table === 'order_lines' && r.from.columns[0] === 'order_id',
    );
    expect(link).toHaveLength(1);
    expect(link[0]?.source).toBe('yaml');
  });

  it('parses metric expressions', () => {
    expect(
      enriched.metrics.map((m) => [m.name, m.aggregation, m.expression ?? '*', m.filters.length]),
    ).toEqual([
      ['completed_revenue', 'sum', 'amount', 1],
      ['buyers', 'count_distinct', 'customer_id', 0],
      ['orders_count', 'count', '*', 0],
    ]);
    expect(enriched.metrics[0]).toMatchObject({ owner: 'finance', version: '3', unit: 'USD' });
  });

  it('names the file, the line and the fix for a misspelt column', () => {
    const text = 'metrics:\n  - name: revenue\n    table: orders\n    expression: sum(amout)\n';
    expect(yamlError(text)).toBe(
      "askdata.yaml line 4: metric 'revenue' refers to column 'amout' which does not exist in orders; did you mean 'amount'?",
    );
  });

  it.each([
    [
      'tables:\n  order:\n    label: Orders\n',
      "askdata.yaml line 2: table 'order' does not exist; did you mean 'orders'?",
    ],
    [
      'tables:\n  orders:\n    colums: {}\n',
      "askdata.yaml line 3: unknown key 'colums' under tables.orders; did you mean 'columns'?",
    ],
    [
      'relationships:\n  - from: orders\n    to: customers.id\n',
      "askdata.yaml line 2: 'orders' should be written table.column",
    ],
    [
      'metrics:\n  - name: x\n    table: orders\n    expression: total(amount)\n',
      "askdata.yaml line 4: metric 'x': write the expression as an aggregation of a column expression, e.g. sum(amount) or count(distinct customer_id)",
    ],
    [
      'metrics:\n  - name: x\n    table: orders\n    expression: sum(amount)\n    filters:\n      - { column: state, op: eq, value: a }\n',
      "askdata.yaml line 6: a filter of metric 'x' refers to column 'state' which does not exist in orders; did you mean 'status'?",
    ],
    ['tables: [\n', 'askdata.yaml line 2: Flow sequence'],
  ])('reports %j', (text, message) => {
    expect(yamlError(text)).toContain(message);
  });
});

describe('position columns', () => {
  it('treats a line number within a parent as a key, not a measure or a dimension', () => {
    const model = deriveSemanticModel({
      tables: [
        {
          name: 'order_lines',
          columns: [
            { name: 'order_id', sourceType: 'INTEGER', logicalType: 'integer', nullable: false },
            { name: 'line_no', sourceType: 'INTEGER', logicalType: 'integer', nullable: false },
            { name: 'quantity', sourceType: 'INTEGER', logicalType: 'integer', nullable: false },
          ],
        },
      ],
    });
    const roles = Object.fromEntries(
      model.entities[0]?.columns.map((column) => [column.name, column.role]) ?? [],
    );
    expect(roles).toEqual({ order_id: 'key', line_no: 'key', quantity: 'measure' });
  });
});
