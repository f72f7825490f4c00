import {
  buildVegaLite,
  chooseChart,
  detectChartRequest,
  narrate,
  type VerificationReport,
  verifyAnswer,
} from '@askdata/answer';
import { compileQuery, type Measure, type QueryResult, type QuerySpec } from '@askdata/core';
import type { Answer } from './answer';
import { emptyRangeNotice } from './empty-range';
import type { ExecutedQuery } from './execute-query';
import type { Correction, PipelineEvent } from './pipeline-event';
import type { PreparedSource } from './prepare-source';
import type { StepClock } from './step-clock';

export interface Presentation {
  question: string;
  interpretation: string;
  confidence: number;
  corrections: Correction[];
  asOf?: string;
  limits: { maxRows: number; timeoutMs: number; signal?: AbortSignal };
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
 * Verify, chart and narrate an executed query: the shared second half of the offline and LLM paths.
 * Checks that need a spec (totals, empty ranges) run only when there is one.
 */
export async function* presentAnswer(
  prepared: PreparedSource,
  executed: ExecutedQuery,
  presentation: Presentation,
  clock: StepClock,
): AsyncGenerator<PipelineEvent, Answer> {
  const { source, model } = prepared;
  const { spec, result } = executed;
  const runSpec = async (query: QuerySpec, maxRows: number) => {
    const compiled = compileQuery(query, model, source.dialect);
    const validated = await source.validate(compiled.sql, maxRows + 1);
    return source.run(validated.sql, { ...presentation.limits, maxRows });
  };

  yield clock.begin('verifying');
  const aggregated = spec !== undefined && spec.measures.length > 0 && (spec.select?.length ?? 0) === 0;
  const verification: VerificationReport =
    spec && aggregated
      ? await verifyAnswer(spec, result, {
          model,
          runTotal: async (measure) => {
            const total = await runSpec(totalSpec(spec, measure), 1);
            const value = total.rows[0]?.[0];
            return typeof value === 'number' ? value : null;
          },
          runOneMore: () => runSpec({ ...spec, limit: 2 }, 2),
        })
      : { checks: [], caveats: [], confidenceDelta: 0 };
  const dataEnd = spec ? await latestDate(prepared, spec, runSpec) : undefined;
  yield clock.finish();

  yield clock.begin('charting');
  const units = Object.fromEntries(
    executed.columns.filter((column) => column.unit).map((column) => [column.name, column.unit as string]),
  );
  const request = detectChartRequest(presentation.question);
  const choice = chooseChart({ ...(spec ? { spec } : {}), result, units, ...(request ? { request } : {}) });
  const chart = buildVegaLite(choice, result, { units, title: presentation.interpretation });
  yield clock.finish();

  yield clock.begin('writing');
  const snapshotIds = source.snapshotIds(executed.tables);
  const asOf = spec?.asOf ?? presentation.asOf;
  const narrative = narrate(
    spec,
    result,
    {
      model,
      outputColumns: executed.columns,
      ...(asOf ? { asOf } : {}),
      ...(dataEnd ? { dataEnd } : {}),
      corrections: presentation.corrections,
      snapshotIds,
    },
    verification,
  );
  for (const message of executed.warnings) {
    narrative.caveats.push({ code: 'verification_warning', message, weight: 0.1 });
  }
  const today = presentation.asOf ?? new Date().toISOString().slice(0, 10);
  const notice = spec ? emptyRangeNotice(spec, result, dataEnd, today, model) : undefined;
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
  yield clock.finish();

  return {
    question: presentation.question,
    interpretation: presentation.interpretation,
    confidence: presentation.confidence,
    ...(spec ? { spec } : {}),
    sql: executed.sql,
    dialect: source.dialect,
    outputColumns: executed.columns,
    result,
    chart: { choice, ...chart },
    narrative,
    verification,
    corrections: presentation.corrections,
    snapshotIds,
    source: source.label,
    timings: clock.timings,
  };
}

/** The last date in the base table's time column, so a partial last period or an empty range can be named. */
async function latestDate(
  prepared: PreparedSource,
  spec: QuerySpec,
  runSpec: (spec: QuerySpec, maxRows: number) => Promise<QueryResult>,
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
    const value = latest.rows[0]?.[0];
    return typeof value === 'string' ? value.slice(0, 10) : undefined;
  } catch {
    return undefined;
  }
}
