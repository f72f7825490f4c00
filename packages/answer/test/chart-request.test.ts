import { describe, expect, it } from 'vitest';
import { type ChartType, chooseChart, detectChartRequest } from '../src/index';
import { chartCases } from './chart-cases';

/* Chart words as people write them, with the type each must produce. */
const explicitWords: Array<[string, ChartType]> = [
  ['bar chart', 'bar'],
  ['bar graph', 'bar'],
  ['column chart', 'bar'],
  ['bars', 'bar'],
  ['pie chart', 'pie'],
  ['pie', 'pie'],
  ['donut chart', 'donut'],
  ['doughnut chart', 'donut'],
  ['line chart', 'line'],
  ['line graph', 'line'],
  ['multi-line chart', 'multi_line'],
  ['grouped line chart', 'multi_line'],
  ['scatter plot', 'scatter'],
  ['scatterplot', 'scatter'],
  ['scatter chart', 'scatter'],
  ['stacked bar chart', 'stacked_bar'],
  ['stacked bars', 'stacked_bar'],
  ['stacked column chart', 'stacked_bar'],
  ['grouped bar chart', 'grouped_bar'],
  ['clustered bar chart', 'grouped_bar'],
  ['side-by-side bars', 'grouped_bar'],
  ['histogram', 'histogram'],
  ['heatmap', 'heatmap'],
  ['heat map', 'heatmap'],
  ['area chart', 'area'],
  ['table', 'table'],
];

const templates = [
  (word: string) => `show revenue by region as a ${word}`,
  (word: string) => `Revenue by region, ${word} please`,
  (word: string) => `Can you draw a ${word} of revenue per region?`,
  (word: string) => `I want a ${word.toUpperCase()} for revenue by region`,
  (word: string) => `revenue by region in a ${word}`,
  (word: string) => `Visualize total sales per month with a ${word}.`,
  (word: string) => `using a ${word}, compare orders across channels`,
];

describe('detectChartRequest', () => {
  for (const [word, type] of explicitWords) {
    it(`reads "${word}" as ${type} in every phrasing`, () => {
      for (const template of templates) {
        const question = template(word);
        expect(detectChartRequest(question), question).toMatchObject({ type, strength: 'explicit' });
      }
    });
  }

  it('prefers an explicit chart word over a cue', () => {
    expect(detectChartRequest('show the trend of revenue as a bar chart')).toMatchObject({
      type: 'bar',
      strength: 'explicit',
    });
    expect(detectChartRequest('share of revenue by region, line chart')).toMatchObject({ type: 'line' });
    expect(detectChartRequest('correlation of price and rating as a table')).toMatchObject({ type: 'table' });
  });

  it('reads analytic cues with lower priority', () => {
    expect(detectChartRequest('what is the trend in monthly revenue?')).toEqual({
      type: 'line',
      strength: 'cue',
      phrase: 'trend',
    });
    expect(detectChartRequest('how did signups change over time')).toMatchObject({
      type: 'line',
      strength: 'cue',
    });
    expect(detectChartRequest('what proportion of orders come from each channel')).toMatchObject({
      type: 'pie',
      strength: 'cue',
    });
    expect(detectChartRequest('breakdown of revenue by segment')).toMatchObject({
      type: 'pie',
      strength: 'cue',
    });
    expect(detectChartRequest('relationship between price and rating')).toMatchObject({
      type: 'scatter',
      strength: 'cue',
    });
    expect(detectChartRequest('is discount correlated with churn')).toMatchObject({
      type: 'scatter',
      strength: 'cue',
    });
  });

  it('skips chart words the person does not want', () => {
    expect(detectChartRequest('revenue by region, not a pie chart')).toBeUndefined();
    expect(detectChartRequest('revenue by region as a bar chart instead of a pie chart')).toMatchObject({
      type: 'bar',
    });
  });

  it('does not mistake data words for chart words', () => {
    expect(detectChartRequest('revenue per product line')).toBeUndefined();
    expect(detectChartRequest('count the line items per order')).toBeUndefined();
    expect(detectChartRequest('how many rows are in the orders table')).toBeUndefined();
    expect(detectChartRequest('total sales at the bar in Dublin')?.type).not.toBe('bar');
    expect(detectChartRequest('average deadline slip per airline')).toBeUndefined();
  });
});

describe('chooseChart honours an explicit request', () => {
  const families: Record<string, ChartType[]> = {
    bar: ['bar', 'stacked_bar'],
    pie: ['pie'],
    donut: ['donut'],
    line: ['line', 'multi_line', 'area'],
    scatter: ['scatter'],
    stacked_bar: ['stacked_bar'],
    grouped_bar: ['grouped_bar'],
    histogram: ['histogram'],
    heatmap: ['heatmap'],
    area: ['area'],
    table: ['table'],
    multi_line: ['multi_line'],
  };
  const results = chartCases.filter((chartCase) => chartCase.result.rows.length > 0);
  for (const [word, type] of explicitWords) {
    it(`keeps a ${type} for "${word}" whatever the data`, () => {
      for (const chartCase of results) {
        const request = detectChartRequest(`show it as a ${word}`);
        const choice = chooseChart({ result: chartCase.result, ...(request ? { request } : {}) });
        expect(families[type], `${chartCase.name}: ${choice.type}`).toContain(choice.type);
        expect(choice.reason).toMatch(/You asked for/);
      }
    });
  }
});
