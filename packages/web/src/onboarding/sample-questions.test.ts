import { describe, expect, it } from 'vitest';
import { sampleQuestions } from './sample-questions';

describe('sampleQuestions', () => {
  const sales = {
    name: 'sales',
    rows: 100,
    columns: [
      { name: 'sale_id', type: 'BIGINT' },
      { name: 'region', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(12,2)' },
      { name: 'sold_on', type: 'DATE' },
    ],
  };

  it('builds a measure-by-category, a count over time and a top-N from the columns', () => {
    expect(sampleQuestions([sales])).toEqual([
      'Total amount by region',
      'Number of sales by month',
      'Top 5 region by amount',
    ]);
  });

  it('puts curated questions first, drops duplicates and respects the limit', () => {
    expect(sampleQuestions([sales], 2, ['Total amount by region'])).toEqual([
      'Total amount by region',
      'Number of sales by month',
    ]);
  });

  it('falls back to a count for tables without measures or dates', () => {
    expect(
      sampleQuestions([{ name: 'tags', rows: 3, columns: [{ name: 'label', type: 'VARCHAR' }] }]),
    ).toEqual(['How many tags are there?']);
  });
});
