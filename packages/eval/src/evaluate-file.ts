import { readFile } from 'node:fs/promises';
import { AskdataError } from '@askdata/core';
import { type EvalRecord, parseRecords } from './records';
import { buildReport, type EvalReport } from './report';
import { type RunEvalOptions, runEval } from './run-eval';
import { type SelectionOptions, selectRecords } from './sample';

export interface EvaluateFileOptions extends RunEvalOptions, SelectionOptions {
  /** A custom choice of records, applied instead of offset/limit/sample. */
  select?: (records: EvalRecord[]) => EvalRecord[];
}

/** Reads a JSONL benchmark file, picks the records to run, scores them and builds the report. */
export async function evaluateFile(path: string, options: EvaluateFileOptions): Promise<EvalReport> {
  const startedAt = new Date();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AskdataError('file_not_found', `Cannot read the evaluation file ${path}.`, { cause: error });
  }
  const { records, skipped } = parseRecords(text, path);
  const selected = options.select ? options.select(records) : selectRecords(records, options);
  const results = await runEval(selected, options);
  return buildReport(results, {
    file: path,
    engine: options.answerer.name,
    startedAt,
    selection: {
      offset: options.offset,
      limit: options.limit,
      sample: options.sample,
      seed: options.sample === undefined ? undefined : (options.seed ?? 0),
      records: records.length,
      selected: selected.length,
    },
    skippedLines: skipped,
  });
}
