import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ColumnProfile,
  profileTable,
  renderProfileHtml,
  renderProfileMarkdown,
  renderProfileTerminal,
  type TableProfile,
} from '../src/index';

/**
 * A 60-row table whose figures can be worked out by hand: ids 1..60, amounts 1..59 plus one 1000
 * (the only IQR outlier), three segments 30/20/10, ratings 1..5, dates from 2024-01-01, and columns of
 * personal data in common formats.
 */
const cards = ['4111111111111111', '5500000000000004', '4012888888881881', '378282246310005'];
const ibans = ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606'];
const setupSql = `
CREATE TABLE people AS
SELECT
  i AS id,
  CASE WHEN i % 20 = 0 THEN NULL ELSE 'user' || i || '@example.com' END AS email,
  '+49 30 ' || (1000000 + i * 7) AS phone,
  (['Anna Schmidt', 'Ben Okafor', 'Carla Rossi', 'David Kim'])[1 + i % 4] AS full_name,
  'https://example.com/p/' || i AS website,
  ([${cards.map((c) => `'${c}'`).join(', ')}])[1 + i % 4] AS card,
  ([${ibans.map((c) => `'${c}'`).join(', ')}])[1 + i % 3] AS account_iban,
  CASE WHEN i <= 30 THEN 'Consumer' WHEN i <= 50 THEN 'Corporate' ELSE 'Home Office' END AS segment,
  CASE WHEN i = 60 THEN 1000.0 ELSE i::DOUBLE END AS revenue,
  1 + i % 5 AS rating,
  DATE '2024-01-01' + i::INTEGER AS signup_date,
  (['Germany', 'France', 'Japan'])[1 + i % 3] AS country,
  CASE WHEN i = 7 THEN '<script>alert(1)</script>' ELSE 'a|b' END AS remark,
  'The customer asked about delivery times and wanted to change the address ' || i AS comment,
  'same' AS constant,
  CASE WHEN i % 10 = 0 THEN 'N/A' WHEN i % 10 = 1 THEN 'open ' ELSE 'open' END AS state
FROM range(1, 61) t(i)`;

describe('profileTable', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let profile: TableProfile;
  const column = (name: string): ColumnProfile => {
    const found = profile.columns.find((c) => c.name === name);
    if (!found) throw new Error(`no column ${name}`);
    return found;
  };

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(setupSql);
    await connection.run(
      `CREATE TABLE dupes AS SELECT * FROM (VALUES (1, 'a'), (1, 'a'), (2, 'b'), (1, 'a')) t(k, v)`,
    );
    profile = await profileTable(connection, 'people', {
      columnNotes: { remark: ['mixed: 40% numbers, kept as text'] },
      tableNotes: ['A totals row was left out.'],
    });
  });

  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it('reports table facts: rows, keys, duplicates, date range, notes', () => {
    expect(profile.rowCount).toBe(60);
    expect(profile.columnCount).toBe(16);
    expect(profile.candidateKeys).toEqual(['id', 'phone', 'website', 'comment']);
    expect(profile.duplicateRows).toBe(0);
    expect(profile.dateRange).toEqual({ column: 'signup_date', min: '2024-01-02', max: '2024-03-01' });
    expect(profile.notes).toEqual(['A totals row was left out.']);
    expect(profile.approximate).toEqual({ distinct: false, quantiles: false });
  });

  it('counts nulls, distinct values and top values exactly on small tables', () => {
    const email = column('email');
    expect(email).toMatchObject({
      nullCount: 3,
      nullShare: 0.05,
      distinctCount: 57,
      distinctApproximate: false,
    });
    expect(column('segment').topValues).toEqual([
      { value: 'Consumer', count: 30 },
      { value: 'Corporate', count: 20 },
      { value: 'Home Office', count: 10 },
    ]);
    expect(column('id').topValues).toEqual([]);
  });

  it('computes numeric figures, exact quartiles and IQR outliers', () => {
    const revenue = column('revenue');
    expect(revenue.min).toBe(1);
    expect(revenue.max).toBe(1000);
    expect(revenue.mean).toBeCloseTo((59 * 60) / 2 / 60 + 1000 / 60, 10);
    expect(revenue.quantiles).toEqual({ p25: 15.75, p50: 30.5, p75: 45.25 });
    expect(revenue.outliers).toEqual({ lowerFence: -28.5, upperFence: 89.5, count: 1, examples: [1000] });
    expect(revenue.histogram).toHaveLength(10);
    expect(revenue.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(60);
    expect(revenue.histogram.at(-1)).toMatchObject({ count: 1, to: 1000 });
  });

  it('gives small integer ranges one histogram bin per value, and dates date bounds', () => {
    expect(column('rating').histogram).toEqual(
      [1, 2, 3, 4, 5].map((value) => ({ from: value, to: value, count: 12 })),
    );
    const dates = column('signup_date').histogram;
    expect(dates[0]?.from).toBe('2024-01-02');
    expect(dates.reduce((sum, bin) => sum + bin.count, 0)).toBe(60);
  });

  it('detects semantic types and PII', () => {
    const summary = Object.fromEntries(
      profile.columns.map((c) => [c.name, [c.semanticType, c.pii.join('+')]]),
    );
    expect(summary).toMatchObject({
      id: ['id', ''],
      email: ['email', 'email'],
      phone: ['phone', 'phone'],
      full_name: ['person_name', 'person_name'],
      website: ['url', ''],
      card: ['id', 'card_number'],
      account_iban: ['id', 'iban'],
      segment: ['category', ''],
      revenue: ['currency', ''],
      rating: ['category', ''],
      signup_date: ['date', ''],
      country: ['country', ''],
      comment: ['free_text', ''],
    });
  });

  it('passes ingestion notes through and flags constant columns', () => {
    expect(column('remark').notes).toEqual(['mixed: 40% numbers, kept as text']);
    expect(column('constant').notes).toEqual(['Every row has the same value.']);
    expect(column('state').notes).toEqual([
      '6 values look like a missing-value marker (N/A, null, -): counted as values, not as empty.',
      '6 values have leading or trailing spaces.',
    ]);
  });

  it('suggests first questions from measures, dimensions and time', () => {
    expect(profile.suggestedQuestions).toEqual([
      'What is the total revenue by segment?',
      'How did total revenue change by day?',
      'How did person count change by day?',
      'How many persons are there per country?',
      'What is the total revenue?',
    ]);
  });

  it('counts duplicate rows when there is no key', async () => {
    const dupes = await profileTable(connection, 'dupes');
    expect(dupes.duplicateRows).toBe(2);
    expect(dupes.candidateKeys).toEqual([]);
  });

  it('switches to estimates on big tables but keeps keys exact', async () => {
    const estimated = await profileTable(connection, 'people', { exactRowLimit: 10 });
    expect(estimated.approximate).toEqual({ distinct: true, quantiles: true });
    expect(estimated.candidateKeys).toEqual(['id', 'phone', 'website', 'comment']);
    const revenue = estimated.columns.find((c) => c.name === 'revenue');
    expect(estimated.columns.find((c) => c.name === 'id')?.distinctApproximate).toBe(false);
    // Few values: counted exactly by the top-values GROUP BY; many values: a HyperLogLog estimate.
    expect(estimated.columns.find((c) => c.name === 'segment')).toMatchObject({
      distinctApproximate: false,
      distinctCount: 3,
    });
    expect(estimated.columns.find((c) => c.name === 'email')?.distinctApproximate).toBe(true);
    // 60 rows are under the sample size, so the "sample" is every row and the quartiles match.
    expect(revenue?.quantiles).toEqual({ p25: 15.75, p50: 30.5, p75: 45.25 });
  });

  it('fails with a clear error for a missing table', async () => {
    await expect(profileTable(connection, 'nope')).rejects.toMatchObject({
      code: 'table_not_found',
      message: 'Table "nope" does not exist.',
    });
  });

  it('renders Markdown with escaped cells', () => {
    const markdown = renderProfileMarkdown(profile);
    expect(markdown).toContain('# Profile of `people`');
    expect(markdown).toContain('| segment | text · category | 0% | 3 |');
    expect(markdown).toContain('a\\|b');
    expect(markdown).toContain('- What is the total revenue by segment?');
    expect(markdown).toContain('1 outlier outside \\[-28.5, 89.5\\], e.g. 1,000');
  });

  it('renders self-contained HTML that escapes data', () => {
    const html = renderProfileHtml(profile);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<link|src=|https?:\/\/(?!example\.com)/);
  });

  it('renders a terminal table without colour codes when asked', () => {
    const text = renderProfileTerminal(profile, { color: false });
    expect(text).toContain('Table people');
    expect(text).toContain('60 rows, 16 columns');
    expect(text).toContain('email (PII)');
    expect(text).not.toContain('\u001b[');
  });
});
