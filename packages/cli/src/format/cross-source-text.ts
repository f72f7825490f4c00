import type { CrossSourcePlanning, CrossSourceResult, JoinKeyCandidate } from '@askdata/assistant';
import pc from 'picocolors';
import { renderResultTable } from './result-table';

const strategyText: Record<CrossSourceResult['strategy'], string> = {
  'send-file-rows-to-database': 'send the file rows with the query to the database; the join runs there',
  'pull-database-slice-into-workspace':
    'read only the needed slice of the database table into the workspace; the join runs there',
};

export function describeKey(key: JoinKeyCandidate): string {
  const overlap = `${key.overlap.found} of ${key.overlap.sampled} sampled file keys found in the database`;
  return `${key.file.table}.${key.file.column} = ${key.database.table}.${key.database.column} (${key.reason === 'named' ? 'named in the question' : 'matched by name'}; ${overlap})`;
}

/** A preview or full result for a terminal: the plan (strategy, moved rows, both statements, both sources), then the rows. */
export function renderCrossSourceResult(result: CrossSourceResult): string {
  const lines: string[] = [];
  lines.push(`${pc.bold('Understood:')} ${result.interpretation}`);
  lines.push(`${pc.bold('Join key:')} ${describeKey(result.key)}`);
  lines.push(`${pc.bold('Plan:')} ${strategyText[result.strategy]}`);
  lines.push(
    `${pc.bold('Moved:')} ${result.moved.rows} rows of ${result.moved.table} (${result.moved.columns.join(', ')}) from ${result.moved.from}`,
  );
  if (result.sliceSql) lines.push(pc.dim(`Read from ${result.moved.from}: ${oneLine(result.sliceSql)}`));
  lines.push(pc.dim(`Ran in ${result.ranIn.label}: ${oneLine(result.sql, 600)}`));
  lines.push(renderResultTable(result.result));
  for (const note of result.notes) lines.push(pc.yellow(`  ! ${note}`));
  lines.push(
    pc.dim(
      `Sources: ${result.sources
        .map(
          (source) =>
            `${source.label} (${source.tables.join(', ')}${source.snapshotIds.length ? `; snapshot ${source.snapshotIds.join(', ')}` : ''})`,
        )
        .join(' + ')}`,
    ),
  );
  lines.push(pc.dim(`Chart: ${result.chart.choice.type} — ${result.chart.choice.reason}`));
  return lines.join('\n');
}

/** Why there is no plan: the clarification with the candidate keys, or the engine's abstention. */
export function renderCrossSourceEnding(planning: Exclude<CrossSourcePlanning, { kind: 'plan' }>): string {
  if (planning.kind === 'abstain') return `${pc.yellow('Not answered:')} ${planning.reason}`;
  const lines = [pc.yellow(planning.question)];
  for (const candidate of planning.candidates) lines.push(`  - ${describeKey(candidate)}`);
  return lines.join('\n');
}

/** Statements can be long (inline rows): one line, cut for the terminal. */
function oneLine(sql: string, limit = 400): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
