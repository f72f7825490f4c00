import { percentile } from './percentile';
import type { RecordResult, RecordStatus } from './record-result';
import type { SkippedLine } from './records';

export interface Summary {
  records: number;
  /** Records with a verdict: correct, wrong, abstained or clarified (errors and skips excluded). */
  scored: number;
  correct: number;
  wrong: number;
  abstained: number;
  clarified: number;
  errors: number;
  skipped: number;
  /** correct / scored. */
  accuracy: number;
  /** correct / (correct + wrong): how often an answer the engine chose to give is right. */
  precision: number;
  /** (abstained + clarified) / scored. */
  abstentionRate: number;
  answerMsP50?: number;
  answerMsP95?: number;
  /** Sum of the engines' one-off warm-ups per source (not in the latency figures). */
  prepareMsTotal?: number;
  /** Answer plus running the predicted SQL. */
  totalMsP50?: number;
  totalMsP95?: number;
}

export interface CategorySummary extends Summary {
  kind: RecordResult['kind'];
  category: string;
}

export interface EvalReport {
  file: string;
  engine: string;
  startedAt: string;
  finishedAt: string;
  selection: Record<string, number | string | undefined>;
  overall: Summary;
  byKind: Partial<Record<RecordResult['kind'], Summary>>;
  byCategory: CategorySummary[];
  /** Execution records grouped by the gold query's shape (joins, grouping, nesting, …). */
  byShape: CategorySummary[];
  /** Lines that were not records (invalid JSON, unknown shape). */
  skippedLines: SkippedLine[];
  /** Wrong answers and records that could not be scored, with what the engine understood and did. */
  failures: RecordResult[];
  abstentions: Pick<RecordResult, 'id' | 'question' | 'status' | 'reason'>[];
}

/** Difficulty levels read best from easy to extra; other categories follow, largest first. */
const difficultyOrder = ['easy', 'medium', 'hard', 'extra'];
function categoryRank(category: string): number {
  const rank = difficultyOrder.indexOf(category);
  return rank < 0 ? difficultyOrder.length : rank;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function summarise(results: readonly RecordResult[]): Summary {
  const count = (status: RecordStatus) => results.filter((result) => result.status === status).length;
  const correct = count('correct');
  const wrong = count('wrong');
  const abstained = count('abstained');
  const clarified = count('clarified');
  const scored = correct + wrong + abstained + clarified;
  const answerTimes = results.flatMap((result) => (result.answerMs === undefined ? [] : [result.answerMs]));
  const totalTimes = results.flatMap((result) =>
    result.answerMs === undefined ? [] : [result.answerMs + (result.executionMs ?? 0)],
  );
  const prepareTimes = results.flatMap((result) =>
    result.prepareMs === undefined ? [] : [result.prepareMs],
  );
  return {
    records: results.length,
    scored,
    correct,
    wrong,
    abstained,
    clarified,
    errors: count('error'),
    skipped: count('skipped'),
    accuracy: ratio(correct, scored),
    precision: ratio(correct, correct + wrong),
    abstentionRate: ratio(abstained + clarified, scored),
    prepareMsTotal: prepareTimes.length === 0 ? undefined : prepareTimes.reduce((sum, time) => sum + time, 0),
    answerMsP50: percentile(answerTimes, 50),
    answerMsP95: percentile(answerTimes, 95),
    totalMsP50: percentile(totalTimes, 50),
    totalMsP95: percentile(totalTimes, 95),
  };
}

export interface ReportContext {
  file: string;
  engine: string;
  startedAt: Date;
  selection: Record<string, number | string | undefined>;
  skippedLines: SkippedLine[];
}

/** One summary per (record kind, group), in reading order: difficulty levels first, then largest groups. */
function groupSummaries(
  results: readonly RecordResult[],
  groupOf: (result: RecordResult) => string,
): CategorySummary[] {
  const groups = new Map<string, RecordResult[]>();
  for (const result of results) {
    const key = `${result.kind}\u0000${groupOf(result)}`;
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups.entries()]
    .map(([key, members]) => {
      const [kind, category] = key.split('\u0000') as [RecordResult['kind'], string];
      return { kind, category, ...summarise(members) };
    })
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        categoryRank(a.category) - categoryRank(b.category) ||
        b.records - a.records ||
        a.category.localeCompare(b.category),
    );
}

export function buildReport(results: readonly RecordResult[], context: ReportContext): EvalReport {
  const kinds = [...new Set(results.map((result) => result.kind))];
  const byKind: EvalReport['byKind'] = {};
  for (const kind of kinds) byKind[kind] = summarise(results.filter((result) => result.kind === kind));
  const byCategory = groupSummaries(results, (result) => result.category);
  const byShape = groupSummaries(
    results.filter((result) => result.shape !== undefined),
    (result) => result.shape ?? '',
  );
  return {
    file: context.file,
    engine: context.engine,
    startedAt: context.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    selection: context.selection,
    overall: summarise(results),
    byKind,
    byCategory,
    byShape,
    skippedLines: context.skippedLines,
    failures: results.filter((result) => result.status === 'wrong' || result.status === 'error'),
    abstentions: results
      .filter((result) => result.status === 'abstained' || result.status === 'clarified')
      .map(({ id, question, status, reason }) => ({ id, question, status, reason })),
  };
}
