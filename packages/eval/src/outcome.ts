import type { CellValue } from '@askdata/core';
import type { AnswerOutcome } from './answerer';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Predicted values in any accepted shape (row arrays, row objects, flat list, scalar) as row arrays. */
export function toRows(values: unknown): CellValue[][] {
  if (!Array.isArray(values)) return [[toCell(values)]];
  return values.map((row: unknown) => {
    if (Array.isArray(row)) return row.map(toCell);
    if (isObject(row)) return Object.values(row).map(toCell);
    return [toCell(row)];
  });
}

/**
 * Checks what an engine returned, since engines are loaded at run time: anything malformed becomes
 * an error message for that record rather than a crash or a silent pass.
 */
export function toOutcome(value: unknown): AnswerOutcome | { kind: 'invalid'; reason: string } {
  if (!isObject(value)) return { kind: 'invalid', reason: 'the engine returned no answer object' };
  const text = (field: unknown) => (typeof field === 'string' ? field : undefined);
  if (value.kind === 'abstain') return { kind: 'abstain', reason: text(value.reason) ?? '' };
  if (value.kind === 'clarify') {
    const options = Array.isArray(value.options) ? value.options.map((option) => String(option)) : [];
    return { kind: 'clarify', options };
  }
  if (value.kind === 'answer') {
    const sql = text(value.sql);
    const hasValues = value.values !== undefined && value.values !== null;
    const chart = text(value.chart);
    if (sql === undefined && !hasValues && chart === undefined) {
      return { kind: 'invalid', reason: 'the answer has neither SQL, values nor a chart' };
    }
    return {
      kind: 'answer',
      sql,
      values: hasValues ? toRows(value.values) : undefined,
      interpretation: text(value.interpretation),
      chart,
      confidence: typeof value.confidence === 'number' ? value.confidence : undefined,
    };
  }
  return { kind: 'invalid', reason: `unknown answer kind ${JSON.stringify(value.kind)}` };
}
