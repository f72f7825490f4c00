import type { Answer, PipelineEvent } from '@askdata/assistant';
import pc from 'picocolors';
import { renderResultTable } from './result-table';

/** The answer for a person in a terminal: what we understood, the SQL, the rows, the narrative and its caveats. */
export function renderAnswer(answer: Answer): string {
  const lines: string[] = [];
  lines.push(
    `${pc.bold('Understood:')} ${answer.interpretation} ${pc.dim(`(confidence ${Math.round(answer.confidence * 100)}%)`)}`,
  );
  for (const correction of answer.corrections)
    lines.push(pc.yellow(`  read "${correction.from}" as "${correction.to}"`));
  lines.push(pc.dim(answer.sql.replace(/\s+/g, ' ').trim()));
  lines.push(renderResultTable(answer.result));
  lines.push('');
  lines.push(answer.narrative.text);
  for (const caveat of answer.narrative.caveats) lines.push(pc.yellow(`  ! ${caveat.message}`));
  const confidence = answer.narrative.confidence;
  lines.push(
    pc.dim(
      `Confidence: ${confidence.level}${confidence.reasons.length > 0 ? ` — ${confidence.reasons.join('; ')}` : ''}`,
    ),
  );
  const sources = [
    ...answer.narrative.citations.tables.map((table) => `table ${table}`),
    ...answer.snapshotIds.map((id) => `snapshot ${id}`),
  ];
  if (sources.length > 0) lines.push(pc.dim(`Sources: ${sources.join(', ')}`));
  lines.push(pc.dim(`Chart: ${answer.chart.choice.type} — ${answer.chart.choice.reason}`));
  for (const alternative of answer.alternatives ?? []) {
    lines.push(pc.yellow(`  ${alternative.engine} read it as: ${alternative.text} (${alternative.summary})`));
  }
  if (answer.llm) {
    const tokens = (answer.llm.inputTokens + answer.llm.outputTokens).toLocaleString('en-US');
    const cost = answer.llm.costIncomplete ? 'cost unknown' : `$${answer.llm.costUsd.toFixed(4)}`;
    lines.push(
      pc.dim(
        `Model: ${answer.llm.model} — ${tokens} tokens, ${cost}; narrative by ${answer.llm.narrativePhrasedBy === 'model' ? 'the model (numbers checked)' : `askdata${answer.llm.narrativeNote ? ` (${answer.llm.narrativeNote})` : ''}`}`,
      ),
    );
  }
  if (answer.narrative.followUps.length > 0) {
    lines.push(pc.bold('You could ask next:'));
    for (const followUp of answer.narrative.followUps) lines.push(`  ${followUp.question}`);
  }
  return lines.join('\n');
}

/** Events worth showing while a question runs (stderr): repairs of the LLM's attempts. */
export function renderLiveEvent(event: PipelineEvent): string | undefined {
  if (event.type === 'repair') {
    return pc.yellow(`attempt ${event.attempt} failed, repairing: ${event.diagnosis.replace(/\n/g, ' ')}`);
  }
  return undefined;
}

/** Non-answer endings (clarification, abstention, error) as text. */
export function renderEnding(event: PipelineEvent): string | undefined {
  switch (event.type) {
    case 'clarification':
      return [
        `${pc.bold('Which did you mean?')} ${event.question}`,
        ...event.options.map((option, index) => `  ${index + 1}. ${option.description}`),
      ].join('\n');
    case 'abstention': {
      const lines = [`${pc.bold("I can't answer that reliably:")} ${event.reason}`];
      if (event.understood.length > 0) lines.push(`  understood: ${event.understood.join(', ')}`);
      if (event.notUnderstood.length > 0) lines.push(`  not understood: ${event.notUnderstood.join(', ')}`);
      if (event.suggestions.length > 0) {
        lines.push('  try:');
        for (const suggestion of event.suggestions) lines.push(`    ${suggestion}`);
      }
      return lines.join('\n');
    }
    default:
      return undefined;
  }
}
