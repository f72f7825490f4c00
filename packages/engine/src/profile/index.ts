export { type ProfileOptions, profileTable } from './profile-table';
export { profileWorkspaceTable } from './profile-workspace-table';
export { escapeHtml, renderProfileHtml } from './render-html';
export { renderProfileMarkdown } from './render-markdown';
export { renderProfileTerminal } from './render-terminal';
export { detectSemanticType, passesLuhn, type SemanticInput, type SemanticResult } from './semantic-type';
export { suggestQuestions } from './suggest-questions';
export type {
  ColumnProfile,
  HistogramBin,
  OutlierSummary,
  PiiKind,
  SemanticType,
  TableProfile,
  ValueCount,
} from './types';
