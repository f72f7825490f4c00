import type { Answer, PipelineStep, QueryResult, RunEvent } from '../api/types';

export type StepStatus = 'running' | 'done';

export interface RunState {
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Steps in the order they started. */
  steps: { step: PipelineStep; status: StepStatus; elapsedMs?: number }[];
  interpretation?: { text: string; confidence: number };
  sql?: string;
  rows?: QueryResult;
  warnings: string[];
  clarification?: { question: string; options: string[] };
  abstention?: { reason: string; suggestions: string[] };
  error?: { code: string; message: string };
  answer?: Answer;
  /** What the model is writing right now (LLM engine only), shown until the answer arrives. */
  liveText: string;
  /** Tables the LLM engine was shown. */
  retrievedTables?: string[];
}

export const initialRunState: RunState = { status: 'running', steps: [], warnings: [], liveText: '' };

/** Folds one streamed event into the run's state; events after `done` are ignored. */
export function applyRunEvent(state: RunState, event: RunEvent): RunState {
  if (state.status !== 'running') return state;
  switch (event.type) {
    case 'step-started':
      if (state.steps.some((entry) => entry.step === event.step)) return state;
      return { ...state, steps: [...state.steps, { step: event.step, status: 'running' }] };
    case 'step-finished': {
      const known = state.steps.some((entry) => entry.step === event.step);
      const finished = { step: event.step, status: 'done' as const, elapsedMs: event.elapsedMs };
      return {
        ...state,
        steps: known
          ? state.steps.map((entry) => (entry.step === event.step ? finished : entry))
          : [...state.steps, finished],
      };
    }
    case 'interpretation':
      return { ...state, interpretation: { text: event.text, confidence: event.confidence } };
    case 'sql':
      return { ...state, sql: event.sql };
    case 'warning':
      return { ...state, warnings: [...state.warnings, event.message] };
    case 'rows':
      return { ...state, rows: event.result };
    case 'clarification':
      return {
        ...state,
        clarification: {
          question: event.question,
          options: event.options.map((option) => option.description),
        },
      };
    case 'abstention':
      return { ...state, abstention: { reason: event.reason, suggestions: event.suggestions } };
    case 'error':
      return { ...state, error: { code: event.code, message: event.message } };
    case 'answer':
      return { ...state, answer: event.answer, liveText: '' };
    case 'model-text':
      return event.purpose === 'narrative' ? { ...state, liveText: state.liveText + event.delta } : state;
    case 'retrieval':
      return { ...state, retrievedTables: event.tables };
    case 'disagreement':
      return {
        ...state,
        warnings: [
          ...state.warnings,
          `The two engines read this differently; showing the ${event.chosen === 'llm' ? 'model' : 'offline'} reading.`,
        ],
      };
    case 'done':
      return {
        ...state,
        status: event.status,
        steps: state.steps.map((entry) =>
          entry.status === 'running' ? { ...entry, status: 'done' } : entry,
        ),
      };
  }
}

/** Event names the server sends, one per PipelineEvent type plus `done`. */
export const runEventTypes = [
  'step-started',
  'step-finished',
  'interpretation',
  'sql',
  'warning',
  'rows',
  'clarification',
  'abstention',
  'error',
  'answer',
  'model-text',
  'retrieval',
  'disagreement',
  'done',
] as const satisfies readonly RunEvent['type'][];

export const stepLabels: Record<PipelineStep, string> = {
  understanding: 'Understanding',
  retrieving: 'Retrieving',
  planning: 'Planning',
  querying: 'Querying',
  verifying: 'Verifying',
  charting: 'Charting',
  writing: 'Writing',
};
