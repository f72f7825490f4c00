import { Alert, Button, Group, Paper, Text } from '@mantine/core';

/** The question asked back when a question can be read more than one way; each reading is a button. */
export function ClarificationBlock(props: {
  question: string;
  options: string[];
  onAsk: (question: string) => void;
}) {
  return (
    <Paper withBorder p="sm" role="group" aria-label="Clarification">
      <Text size="sm" mb="xs">
        {props.question}
      </Text>
      <Group gap="xs">
        {props.options.map((option) => (
          <Button key={option} size="xs" variant="outline" onClick={() => props.onAsk(option)}>
            {option}
          </Button>
        ))}
      </Group>
    </Paper>
  );
}

/** An honest "I could not answer that", with questions that would work instead. */
export function AbstentionBlock(props: {
  reason: string;
  suggestions: string[];
  onAsk: (question: string) => void;
}) {
  return (
    <Alert color="yellow" title="I could not answer that reliably">
      <Text size="sm">{props.reason}</Text>
      {props.suggestions.length > 0 && (
        <Group gap="xs" mt="xs" role="group" aria-label="Suggestions">
          {props.suggestions.map((suggestion) => (
            <Button
              key={suggestion}
              size="compact-sm"
              radius="xl"
              variant="light"
              onClick={() => props.onAsk(suggestion)}
            >
              {suggestion}
            </Button>
          ))}
        </Group>
      )}
    </Alert>
  );
}
