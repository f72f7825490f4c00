import {
  buildVegaLite,
  chooseChart,
  detectChartRequest,
  narrate,
  type VerificationReport,
  verifyAnswer,
} from '@askdata/answer';
import {
  AskdataError,
  type CellValue,
  compileQuery,
  type Measure,
  type QueryResult,
  type QuerySpec,
  type ScalarValue,
  userMessage,
} from '@askdata/core';
import { dryRun } from '@askdata/guard';
import { understand } from '@askdata/language';
import type { Answer } from './answer';
import { emptyRangeNotice } from './empty-range';
import type { PipelineEvent, PipelineStep } from './pipeline-event';
import type { PreparedSource } from './prepare-source';

export interface AskOptions {
  /** "Today" for relative dates (YYYY-MM-DD); default: the current date. */
  asOf?: string;
  /** The previous answer in this conversation, for follow-ups ("now by month", "why?"). */
  previous?: Pick<Answer, 'spec' | 'result'>;
  maxRows?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const defaults = { maxRows: 5000, timeoutMs: 30_000 };

function firstRow(result: QueryResult): Record<string, ScalarValue> | undefined {
  const row = result.rows[0];
  if (!row) return undefined;
  const entries = result.columns
    .map((column, index) => [column.name, row[index]] as [string, CellValue | undefined])
    .filter((entry): entry is [string, ScalarValue] => entry[1] !== null && entry[1] !== undefined);
  return Object.fromEntries(entries);
}

/** The spec of one measure's grand total: same filters and table, no grouping, ordering or limits. */
function totalSpec(spec: QuerySpec, measure: Measure): QuerySpec {
  return {
    table: spec.table,
    measures: [measure],
    dimensions: [],
    filters: spec.filters,
    ...(spec.asOf ? { asOf: spec.asOf } : {}),
  };
}

/**
 * One question through the offline pipeline: understand → compile → validate → execute → verify → chart →
 * narrate. Yields events as it goes and ends with an answer, a clarification, an abstention or an error.
 */
export async function* askQuestion(
  question: string,
  prepared: PreparedSource,
  options: AskOptions = {},
): AsyncGenerator<PipelineEvent> {
  const { source, model, values } = prepared;
  const limits = {
    maxRows: options.maxRows ?? defaults.maxRows,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
  };
  const timings: Record<string, number> = {};
  let started = 0;
  let current: PipelineStep = 'understanding';
  const begin = (step: PipelineStep): PipelineEvent => {
    current = step;
    started = performance.now();
    return { type: 'step-started', step };
  };
  const finish = (): PipelineEvent => {
    const elapsedMs = performance.now() - started;
    timings[current] = elapsedMs;
    return { type: 'step-finished', step: current, elapsedMs };
  };

  const runSpec = async (spec: QuerySpec, maxRows: number) => {
    const compiled = compileQuery(spec, model, source.dialect);
    const validated = await source.validate(compiled.sql, maxRows + 1);
    const result = await source.run(validated.sql, {
      ...limits,
      maxRows,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { compiled, validated, result };
  };

  try {
    yield begin('understanding');
    const previousTop = options.previous ? firstRow(options.previous.result) : undefined;
    const understanding = understand(question, {
      model,
      valueIndex: values,
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.previous ? { previous: options.previous.spec } : {}),
      ...(previousTop ? { previousTop } : {}),
    });
    yield finish();
    if (understanding.kind === 'clarify') {
      yield { type: 'clarification', question: understanding.question, options: understanding.candidates };
      return;
    }
    if (understanding.kind === 'abstain') {
      yield {
        type: 'abstention',
        reason: understanding.reason,
        understood: understanding.understood,
        notUnderstood: understanding.notUnderstood,
        suggestions: understanding.suggestions,
      };
      return;
    }
    const { spec, corrections } = understanding;
    yield {
      type: 'interpretation',
      text: understanding.interpretation,
      confidence: understanding.confidence,
      spec,
      corrections: corrections.map((correction) => ({ from: correction.from, to: correction.to })),
    };

    yield begin('planning');
    const compiled = compileQuery(spec, model, source.dialect);
    // One row beyond the cap, so the run can tell that the result was cut.
    const { sql: validated, tables } = await source.validate(compiled.sql, limits.maxRows + 1);
    yield { type: 'sql', sql: validated, dialect: source.dialect };
    const { warnings: planWarnings } = await dryRun(source, validated);
    for (const message of planWarnings) yield { type: 'warning', message };
    yield finish();

    yield begin('querying');
    const result = await source.run(validated, {
      ...limits,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    yield { type: 'rows', result };
    yield finish();

    yield begin('verifying');
    const aggregated = spec.measures.length > 0 && (spec.select?.length ?? 0) === 0;
    const verification: VerificationReport = aggregated
      ? await verifyAnswer(spec, result, {
          model,
          runTotal: async (measure) => {
            const total = await runSpec(totalSpec(spec, measure), 1);
            const value = total.result.rows[0]?.[0];
            return typeof value === 'number' ? value : null;
          },
        })
      : { checks: [], caveats: [], confidenceDelta: 0 };
    const dataEnd = await latestDate(prepared, spec, runSpec);
    yield finish();

    yield begin('charting');
    const units = Object.fromEntries(
      compiled.columns.filter((column) => column.unit).map((column) => [column.name, column.unit as string]),
    );
    const request = detectChartRequest(question);
    const choice = chooseChart({ spec, result, units, ...(request ? { request } : {}) });
    const chart = buildVegaLite(choice, result, { units, title: understanding.interpretation });
    yield finish();

    yield begin('writing');
    const snapshotIds = source.snapshotIds(tables);
    const narrative = narrate(
      spec,
      result,
      {
        model,
        outputColumns: compiled.columns,
        ...(spec.asOf ? { asOf: spec.asOf } : options.asOf ? { asOf: options.asOf } : {}),
        ...(dataEnd ? { dataEnd } : {}),
        corrections: corrections.map((correction) => ({ from: correction.from, to: correction.to })),
        snapshotIds,
      },
      verification,
    );
    for (const message of planWarnings) {
      narrative.caveats.push({ code: 'verification_warning', message, weight: 0.1 });
    }
    const today = options.asOf ?? new Date().toISOString().slice(0, 10);
    const notice = emptyRangeNotice(spec, result, dataEnd, today, model);
    if (notice) {
      narrative.caveats.unshift(notice.caveat);
      narrative.followUps.unshift(notice.alternative);
      narrative.text = `${notice.caveat.message} ${narrative.text}`;
      narrative.confidence = {
        level: 'low',
        score: Math.min(narrative.confidence.score, 0.4),
        reasons: ['The period asked about holds no data.'],
      };
    }
    yield finish();

    yield {
      type: 'answer',
      answer: {
        question,
        interpretation: understanding.interpretation,
        confidence: understanding.confidence,
        spec,
        sql: validated,
        dialect: source.dialect,
        outputColumns: compiled.columns,
        result,
        chart: { choice, ...chart },
        narrative,
        verification,
        corrections: corrections.map((correction) => ({ from: correction.from, to: correction.to })),
        snapshotIds,
        source: source.label,
        timings,
      },
    };
  } catch (error) {
    const code = AskdataError.isInstance(error) ? error.code : 'internal';
    yield { type: 'error', code, message: userMessage(error) };
  }
}

/** The last date in the base table's time column, so a partial last period or an empty range can be named. */
async function latestDate(
  prepared: PreparedSource,
  spec: QuerySpec,
  runSpec: (spec: QuerySpec, maxRows: number) => Promise<{ result: QueryResult }>,
): Promise<string | undefined> {
  const entity = prepared.model.entities.find((candidate) => candidate.name === spec.table);
  const column = entity?.defaultTimeColumn;
  if (!entity || !column) return undefined;
  try {
    const latest = await runSpec(
      {
        table: entity.name,
        measures: [{ id: 'latest', aggregation: 'max', column: { column } }],
        dimensions: [],
        filters: [],
      },
      1,
    );
    const value = latest.result.rows[0]?.[0];
    return typeof value === 'string' ? value.slice(0, 10) : undefined;
  } catch {
    return undefined;
  }
}
