import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decideChart, detectChartRequest } from '../../packages/answer/src/index';
import { type NvBenchChart, type NvBenchRecord, toNvBench } from './nvbench-types';
import { loadSchema, shapeFromQuestion } from './question-shape';

export interface TypeScore {
  correct: number;
  total: number;
}

export interface NvBenchScore {
  records: number;
  questions: number;
  correct: number;
  accuracy: number;
  byType: Record<NvBenchChart, TypeScore>;
  /** By what decided: an explicit chart word, a cue word, or the shape alone (no chart word at all). */
  byRequest: Record<'explicit' | 'cue' | 'none', TypeScore>;
  /** gold → predicted → count */
  confusion: Record<string, Record<string, number>>;
  misses: Array<{ id: string; gold: NvBenchChart; predicted: string; question: string }>;
}

export function readRecords(file: string, limit?: number): NvBenchRecord[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0);
  return (limit === undefined ? lines : lines.slice(0, limit)).map(
    (line) => JSON.parse(line) as NvBenchRecord,
  );
}

/** Predicts a chart type for every phrasing of every record and scores it against the gold type. */
export function evaluateNvBench(file: string, records: NvBenchRecord[]): NvBenchScore {
  const byType = {
    bar: { correct: 0, total: 0 },
    pie: { correct: 0, total: 0 },
    line: { correct: 0, total: 0 },
    scatter: { correct: 0, total: 0 },
    'stacked bar': { correct: 0, total: 0 },
    'grouping line': { correct: 0, total: 0 },
    'grouping scatter': { correct: 0, total: 0 },
  } satisfies Record<NvBenchChart, TypeScore>;
  const byRequest = {
    explicit: { correct: 0, total: 0 },
    cue: { correct: 0, total: 0 },
    none: { correct: 0, total: 0 },
  } satisfies NvBenchScore['byRequest'];
  const confusion: Record<string, Record<string, number>> = {};
  const misses: NvBenchScore['misses'] = [];
  let questions = 0;
  let correct = 0;
  for (const record of records) {
    const columns = loadSchema(path.resolve(path.dirname(file), record.db));
    for (const question of record.questions) {
      if (question.trim().length === 0) continue;
      const request = detectChartRequest(question);
      const choice = decideChart(shapeFromQuestion(question, columns), request);
      const predicted = toNvBench(choice);
      const decidedBy = byRequest[request?.strength ?? 'none'];
      decidedBy.total += 1;
      if (predicted === record.chart) decidedBy.correct += 1;
      questions += 1;
      byType[record.chart].total += 1;
      const row = confusion[record.chart] ?? {};
      row[predicted] = (row[predicted] ?? 0) + 1;
      confusion[record.chart] = row;
      if (predicted === record.chart) {
        correct += 1;
        byType[record.chart].correct += 1;
      } else {
        misses.push({ id: record.id, gold: record.chart, predicted, question });
      }
    }
  }
  return {
    records: records.length,
    questions,
    correct,
    accuracy: questions === 0 ? 0 : correct / questions,
    byType,
    byRequest,
    confusion,
    misses,
  };
}
