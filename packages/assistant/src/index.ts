export type { AnalysisSource, RunLimits } from './analysis-source';
export type { Answer, AnswerStep } from './answer';
export { type AskOptions, askQuestion, type EngineChoice, fastPathConfidence } from './ask-question';
export { connectorSource } from './connector-source';
export * from './cross-source';
export * from './cross-source-answer';
export { type JoinKeyCandidate, keyPairsByName, namedJoinKey } from './cross-source-keys';
export * from './cross-source-plan';
export { createLlmAnswerer, type LlmAnswererOptions } from './llm-answerer';
export { mysqlSource } from './mysql-source';
export type {
  Correction,
  Interpretation,
  PipelineEvent,
  PipelineStep,
  TokenUsageReport,
} from './pipeline-event';
export { postgresSource } from './postgres-source';
export { type PreparedSource, prepareSource } from './prepare-source';
export { sqliteSource } from './sqlite-source';
export { workspaceSource } from './workspace-source';
