import type { PipelineEvent } from '@askdata/assistant';
import type { JsonObject, JsonValue, KnownAnswer, NewAuditEntry, NewRunEvent } from '@askdata/store';
import { type Outcome, outcomeOf } from './run-outcome';

/** Announced as soon as a run starts: preparing the source is part of understanding the question. */
export const firstStep: PipelineEvent = { type: 'step-started', step: 'understanding' };

/** Who ran a run's SQL, where: what its `sql.run` audit entries name. */
export interface RunAuditContext {
  runId: string;
  userId: string;
  datasourceId: string;
}

/**
 * Follows a run's pipeline events as they happen: what each adds to the run's event log (the pipeline's
 * own first step is announced already at the start), the `sql.run` audit entry of each result, and how
 * the run ends so far.
 */
export class RunRecorder {
  outcome: Outcome | undefined;
  private sql: string | undefined;
  private announced = false;

  constructor(
    private readonly context: RunAuditContext,
    /** Where the audit entries go as they come (so a run that fails later still records its SQL). */
    readonly audit: NewAuditEntry[] = [],
  ) {}

  /** The event to add to the run's log, or undefined for the duplicate first step. */
  record(event: PipelineEvent): NewRunEvent | undefined {
    const duplicate = !this.announced && event.type === 'step-started' && event.step === 'understanding';
    this.announced = true;
    if (event.type === 'sql') this.sql = event.sql;
    if (event.type === 'rows' && this.sql) {
      const { runId, userId, datasourceId } = this.context;
      const details: JsonObject = {
        datasourceId,
        runId,
        sql: this.sql,
        rows: event.result.rowCount,
        durationMs: Math.round(event.result.elapsedMs),
      };
      this.audit.push({ action: 'sql.run', actor: { userId }, details });
    }
    this.outcome = outcomeOf(event) ?? this.outcome;
    return duplicate ? undefined : { type: event.type, data: event as unknown as JsonValue };
  }
}

/**
 * A repeated offline question's stored events, as the run that replays them would record them: its whole
 * event log, its audit entries and its answer — so the question can be committed already answered. Only a
 * replay that ends in an answer (not an error) qualifies.
 */
export function replayedAnswer(
  cached: readonly PipelineEvent[],
  context: RunAuditContext,
  previousReplyId: string | null,
): KnownAnswer | undefined {
  const recorder = new RunRecorder(context);
  const events: NewRunEvent[] = [{ type: firstStep.type, data: firstStep as unknown as JsonValue }];
  for (const event of cached) {
    const recorded = recorder.record(event);
    if (recorded) events.push(recorded);
  }
  const { outcome } = recorder;
  if (outcome?.status !== 'succeeded') return undefined;
  return {
    previousReplyId,
    runId: context.runId,
    events,
    message: outcome.message,
    audit: recorder.audit,
  };
}
