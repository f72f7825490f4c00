import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion, type PipelineEvent, type PreparedSource } from '../src/index';
import { type CsvWorkspace, openCsvWorkspace } from './support/csv-workspace';

async function collect(
  question: string,
  prepared: PreparedSource,
  previous?: { spec: never; result: never },
) {
  const events: PipelineEvent[] = [];
  for await (const event of askQuestion(question, prepared, {
    asOf: '2024-12-31',
    ...(previous ? { previous } : {}),
  })) {
    events.push(event);
  }
  return events;
}

describe('askQuestion', () => {
  let sales: CsvWorkspace;
  let prepared: PreparedSource;

  beforeAll(async () => {
    sales = await openCsvWorkspace(
      'sales.csv',
      'order_date,region,amount\n2024-01-05,EMEA,100\n2024-02-10,APAC,50\n2024-02-11,EMEA,25\n2024-03-01,Americas,10\n',
    );
    prepared = sales.prepared;
  });
  afterAll(() => sales?.close());

  it('streams the steps in order and ends with an answer', async () => {
    const events = await collect('total amount by region', prepared);
    const types = events.map((event) =>
      event.type.startsWith('step') ? `${event.type}:${'step' in event ? event.step : ''}` : event.type,
    );
    expect(types[0]).toBe('step-started:understanding');
    expect(types.at(-1)).toBe('answer');
    expect(types.indexOf('interpretation')).toBeLessThan(types.indexOf('sql'));
    expect(types.indexOf('sql')).toBeLessThan(types.indexOf('rows'));
    const answer = events.at(-1);
    if (answer?.type !== 'answer') throw new Error('no answer');
    const totals = Object.fromEntries(answer.answer.result.rows.map((row) => [row[0], row[1]]));
    expect(totals).toEqual({ EMEA: 125, APAC: 50, Americas: 10 });
    // The guard wrote the row cap into the SQL that ran.
    expect(answer.answer.sql).toMatch(/LIMIT\s+5001/i);
    expect(answer.answer.snapshotIds).toHaveLength(1);
    expect(answer.answer.narrative.text).toContain('EMEA');
  });

  it('answers a follow-up by editing the previous spec', async () => {
    const first = (await collect('total amount by region', prepared)).at(-1);
    if (first?.type !== 'answer') throw new Error('no answer');
    const events: PipelineEvent[] = [];
    for await (const event of askQuestion('only for EMEA', prepared, {
      asOf: '2024-12-31',
      previous: { spec: first.answer.spec, result: first.answer.result },
    })) {
      events.push(event);
    }
    const last = events.at(-1);
    if (last?.type !== 'answer') throw new Error(`expected an answer, got ${last?.type}`);
    // The region filter is added; whether the single-region breakdown column stays is the engine's choice.
    expect(last.answer.result.rows).toHaveLength(1);
    expect(last.answer.result.rows[0]?.at(-1)).toBe(125);
    expect(last.answer.spec?.filters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: expect.objectContaining({ column: 'region' }) }),
      ]),
    );
  });

  it('says when a relative period holds no data and offers the latest one', async () => {
    const last = (await collect('total amount last month', prepared)).at(-1);
    if (last?.type !== 'answer') throw new Error(`expected an answer, got ${last?.type}`);
    expect(last.answer.narrative.text).toContain('the data ends on 2024-03-01');
    expect(last.answer.narrative.confidence.level).toBe('low');
    const offer = last.answer.narrative.followUps[0];
    expect(offer?.spec.filters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'date_range', from: '2024-02-01', to: '2024-02-29' }),
      ]),
    );
  });

  it('abstains, listing the words it did not understand', async () => {
    const last = (await collect('frobnicate the quux', prepared)).at(-1);
    expect(last?.type).toBe('abstention');
    if (last?.type === 'abstention')
      expect(last.notUnderstood).toEqual(expect.arrayContaining(['frobnicate', 'quux']));
  });
});
