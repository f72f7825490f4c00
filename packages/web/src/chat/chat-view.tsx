import { Alert, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Answer, SqlResult } from '../api/types';
import { ProfileView } from '../catalog/profile-view';
import { AnswerBlock } from './answer-block';
import type { ChatItem } from './chat-item';
import { DataGrid } from './data-grid';
import { AbstentionBlock, ClarificationBlock } from './outcome-blocks';
import { RunBlock } from './run-block';
import { columnNames } from './sql-panel';

export interface ChatViewProps {
  items: ChatItem[];
  datasourceId: string | undefined;
  onAsk: (question: string) => void;
  onSettled: (runId: string, answer: Answer | undefined) => void;
}

function SqlItem(props: { sql: string; datasourceId: string | undefined }) {
  const [result, setResult] = useState<SqlResult>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!props.datasourceId) return setError('Choose a dataset first.');
    api
      .query(props.datasourceId, props.sql)
      .then(setResult)
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [props.sql, props.datasourceId]);
  return (
    <Paper withBorder p="md" component="article" aria-label="SQL result">
      <Text ff="monospace" size="sm" mb="xs" className="sql-code">
        {props.sql}
      </Text>
      {error && (
        <Alert color="red" role="alert" title="The query did not run">
          {error}
        </Alert>
      )}
      {!result && !error && <Loader size="sm" role="status" aria-label="Running the query" />}
      {result && (
        <DataGrid
          columns={columnNames(result)}
          rows={result.rows}
          truncated={result.truncated}
          fileName="query-result"
          label="SQL result"
        />
      )}
    </Paper>
  );
}

/** The conversation: questions on the right, answers and command results below them. */
export function ChatView(props: ChatViewProps) {
  return (
    <Stack gap="md">
      {props.items.map((item) => {
        switch (item.kind) {
          case 'question':
            return (
              <Group key={item.key} justify="flex-end">
                <Paper bg="var(--mantine-primary-color-light)" px="md" py="xs" radius="lg" maw="80%">
                  <Text size="sm" fw={500} data-testid="question">
                    {item.text}
                  </Text>
                </Paper>
              </Group>
            );
          case 'run':
            return (
              <RunBlock
                key={item.key}
                runId={item.runId}
                messageId={item.messageId}
                datasourceId={props.datasourceId}
                explain={item.explain}
                onAsk={props.onAsk}
                onSettled={props.onSettled}
              />
            );
          case 'answer':
            return (
              <AnswerBlock
                key={item.key}
                answer={item.answer}
                messageId={item.messageId}
                datasourceId={props.datasourceId}
                onAsk={props.onAsk}
              />
            );
          case 'note':
            return (
              <Alert key={item.key} color={item.tone === 'error' ? 'red' : 'gray'} variant="light">
                {item.text}
              </Alert>
            );
          case 'sql':
            return <SqlItem key={item.key} sql={item.sql} datasourceId={props.datasourceId} />;
          case 'clarification':
            return (
              <ClarificationBlock
                key={item.key}
                question={item.question}
                options={item.options}
                onAsk={props.onAsk}
              />
            );
          case 'abstention':
            return (
              <AbstentionBlock
                key={item.key}
                reason={item.reason}
                suggestions={item.suggestions}
                onAsk={props.onAsk}
              />
            );
          case 'profile':
            return props.datasourceId ? (
              <ProfileView
                key={item.key}
                datasourceId={props.datasourceId}
                table={item.table}
                onAsk={props.onAsk}
              />
            ) : null;
        }
        return null;
      })}
    </Stack>
  );
}
