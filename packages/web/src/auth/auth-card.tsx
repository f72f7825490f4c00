import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The centred card that the first-run and sign-in screens share. */
export function AuthCard(props: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <Stack gap="md">
          <div>
            <Text fw={700} c="indigo" size="sm">
              askdata
            </Text>
            <Title order={1} size="h2">
              {props.title}
            </Title>
            <Text c="dimmed" size="sm">
              {props.subtitle}
            </Text>
          </div>
          {props.children}
        </Stack>
      </Paper>
    </Center>
  );
}
