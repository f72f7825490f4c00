import { Alert, Container, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Message, Session } from '../api/types';
import { AnswerBlock } from '../chat/answer-block';
import { itemsFromMessages } from '../chat/chat-item';

/** A conversation opened from a share link: read-only, no sign-in. */
export function SharedSessionView(props: { token: string }) {
  const [data, setData] = useState<{ session: Session; messages: Message[] }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api
      .shared(props.token)
      .then(setData)
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [props.token]);

  return (
    <Container size="md" py="lg" component="main">
      {error && (
        <Alert color="red" role="alert" title="This link does not work">
          {error}
        </Alert>
      )}
      {!data && !error && <Loader role="status" aria-label="Loading the conversation" />}
      {data && (
        <Stack gap="md">
          <Title order={1} size="h3">
            {data.session.title}
          </Title>
          <Text size="sm" c="dimmed">
            Shared conversation, read-only.
          </Text>
          {itemsFromMessages(data.messages).map((item) => {
            switch (item.kind) {
              case 'question':
                return (
                  <Text key={item.key} fw={600}>
                    {item.text}
                  </Text>
                );
              case 'answer':
                return (
                  <AnswerBlock
                    key={item.key}
                    answer={item.answer}
                    messageId={undefined}
                    datasourceId={undefined}
                    onAsk={() => undefined}
                    readOnly
                  />
                );
              case 'clarification':
                return <Text key={item.key}>{item.question}</Text>;
              case 'abstention':
                return <Text key={item.key}>{item.reason}</Text>;
              case 'note':
                return <Text key={item.key}>{item.text}</Text>;
              default:
                return null;
            }
          })}
        </Stack>
      )}
    </Container>
  );
}
