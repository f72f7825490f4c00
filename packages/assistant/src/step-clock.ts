import type { PipelineEvent, PipelineStep } from './pipeline-event';

/** Step-started/finished events and the timings an answer records. */
export class StepClock {
  readonly timings: Record<string, number> = {};
  private current: PipelineStep = 'understanding';
  private started = 0;

  begin(step: PipelineStep): PipelineEvent {
    this.current = step;
    this.started = performance.now();
    return { type: 'step-started', step };
  }

  finish(): PipelineEvent {
    const elapsedMs = performance.now() - this.started;
    this.timings[this.current] = (this.timings[this.current] ?? 0) + elapsedMs;
    return { type: 'step-finished', step: this.current, elapsedMs };
  }
}
