export type { AnalysisSource, RunLimits } from './analysis-source';
export type { Answer } from './answer';
export { type AskOptions, askQuestion } from './ask-question';
export type { Correction, PipelineEvent, PipelineStep } from './pipeline-event';
export { type PreparedSource, prepareSource } from './prepare-source';
export { sqliteSource } from './sqlite-source';
export { workspaceSource } from './workspace-source';
