import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Answer } from '../api/types';
import { scrollWithin } from '../shell/scroll-within';
import { AnswerBlock } from './answer-block';
import { AbstentionBlock, ClarificationBlock } from './outcome-blocks';
import { stepLabels } from './run-state';
import { useRun } from './use-run';

export interface RunBlockProps {
  runId: string;
  messageId: string | undefined;
  datasourceId: string | undefined;
  explain?: boolean;
  onAsk: (question: string) => void;
  onSettled: (runId: string, answer: Answer | undefined) => void;
}

/** A question being answered: step badges as they stream, a stop button, then the answer or what went wrong. */
export function RunBlock(props: RunBlockProps) {
  const { state, cancel } = useRun(props.runId);
  const settled = useRef(false);
  const block = useRef<HTMLDivElement>(null);
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string>();
  const { onSettled, runId } = props;

  useEffect(() => {
    if (state.status !== 'running' && !settled.current) {
      settled.current = true;
      onSettled(runId, state.answer);
      // Bring the start of the finished answer into view; focus stays where the person is typing.
      requestAnimationFrame(() => {
        if (block.current) scrollWithin(block.current, 'start');
      });
    }
  }, [state.status, state.answer, onSettled, runId]);

  const running = state.status === 'running';
  const current = state.steps.find((entry) => entry.status === 'running');

  return (
    <Stack gap="xs" ref={block} style={{ scrollMarginTop: 12 }}>
      {(running || !state.answer) && (
        <Paper withBorder p="sm" aria-label="Progress">
          <Group justify="space-between" wrap="nowrap">
            <Group gap={6} role="list" aria-label="Steps">
              {running && state.steps.length === 0 && <Loader size="xs" aria-hidden />}
              {state.steps.map((entry) => (
                <Badge
                  role="listitem"
                  key={entry.step}
                  variant={entry.status === 'done' ? 'light' : 'filled'}
                  color={entry.status === 'done' ? 'gray' : 'indigo'}
                  leftSection={
                    entry.status === 'running' ? <Loader size={10} color="white" aria-hidden /> : '✓'
                  }
                  data-step={entry.step}
                >
                  {stepLabels[entry.step] ?? entry.step}
                  {entry.elapsedMs !== undefined ? ` ${Math.round(entry.elapsedMs)} ms` : ''}
                </Badge>
              ))}
            </Group>
            {running && (
              <Button
                size="xs"
                color="red"
                variant="light"
                loading={stopping}
                onClick={() => {
                  setStopping(true);
                  cancel().catch((error: unknown) => {
                    setStopping(false);
                    setStopError(error instanceof Error ? error.message : String(error));
                  });
                }}
              >
                Stop
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed" aria-live="polite" mt={4}>
            {running
              ? `${current ? stepLabels[current.step] : 'Starting'}…`
              : state.status === 'cancelled'
                ? 'Stopped.'
                : ''}
          </Text>
          {stopError && (
            <Text size="xs" c="red.9" role="alert">
              Could not stop: {stopError}
            </Text>
          )}
          {state.interpretation && running && (
            <Text size="sm" mt={4}>
              Read as: {state.interpretation.text}
            </Text>
          )}
          {state.retrievedTables && running && (
            <Text size="xs" c="dimmed" mt={4}>
              Looking at {state.retrievedTables.join(', ')}
            </Text>
          )}
          {state.liveText && running && (
            <Text size="sm" mt={4} data-testid="live-text">
              {state.liveText}
            </Text>
          )}
          {state.warnings.map((warning) => (
            <Text size="xs" c="dimmed" mt={4} key={warning}>
              ⚠ {warning}
            </Text>
          ))}
        </Paper>
      )}
      {state.clarification && (
        <ClarificationBlock
          question={state.clarification.question}
          options={state.clarification.options}
          onAsk={props.onAsk}
        />
      )}
      {state.abstention && (
        <AbstentionBlock
          reason={state.abstention.reason}
          suggestions={state.abstention.suggestions}
          onAsk={props.onAsk}
        />
      )}
      {state.error && (
        <Alert color="red" role="alert" title="Something went wrong">
          {state.error.message}
        </Alert>
      )}
      {state.answer && (
        <AnswerBlock
          answer={state.answer}
          messageId={props.messageId}
          datasourceId={props.datasourceId}
          onAsk={props.onAsk}
          explain={props.explain}
        />
      )}
    </Stack>
  );
}
