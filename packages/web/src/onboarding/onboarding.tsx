import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Datasource, TableInfo } from '../api/types';
import { demoQuestions, sampleQuestions } from './sample-questions';

/** The empty conversation: what askdata does, and questions to click that work on the chosen data. */
export function Onboarding(props: {
  datasource: Datasource | undefined;
  tables: TableInfo[];
  onAsk: (question: string) => void;
  canUpload: boolean;
}) {
  const isDemo = props.datasource?.name === 'Demo retail';
  const questions = sampleQuestions(props.tables, 4, isDemo ? demoQuestions : []);
  return (
    <Paper withBorder p="lg" maw={720} mx="auto" mt="xl" data-testid="onboarding">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Ask your data a question
        </Title>
        <Text size="sm">
          Type a question in plain language. askdata shows each step, then a chart, the numbers, a sentence
          that sums them up, and the SQL it ran so you can check it.
          {props.datasource ? ` You are asking ${props.datasource.name}.` : ''}
        </Text>
        {questions.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              Try one of these
            </Text>
            <Group gap="xs" role="group" aria-label="Sample questions">
              {questions.map((question) => (
                <Button
                  key={question}
                  variant="light"
                  radius="xl"
                  size="sm"
                  onClick={() => props.onAsk(question)}
                >
                  {question}
                </Button>
              ))}
            </Group>
          </>
        )}
        <Text size="sm" c="dimmed">
          {props.canUpload
            ? 'Bring your own: drop a file in the Data panel or type /upload. Type / to see all commands.'
            : 'Type / to see all commands.'}
        </Text>
      </Stack>
    </Paper>
  );
}
