import { Alert, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { TableProfile } from '../api/types';
import { profileCounts, Sparkline } from './sparkline';

function formatValue(value: number | string | null): string {
  if (value === null) return '—';
  return typeof value === 'number' ? value.toLocaleString(undefined, { maximumFractionDigits: 2 }) : value;
}

/** Loads and shows one table's profile: size, keys, date range, and per column types, empties and shape. */
export function ProfileView(props: {
  datasourceId: string;
  table: string;
  onAsk?: (question: string) => void;
}) {
  const [profile, setProfile] = useState<TableProfile>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    setProfile(undefined);
    setError(undefined);
    api
      .profile(props.datasourceId, props.table)
      .then((loaded) => current && setProfile(loaded))
      .catch(
        (caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)),
      );
    return () => {
      current = false;
    };
  }, [props.datasourceId, props.table]);

  if (error)
    return (
      <Alert color="red" role="alert" title={`No profile for ${props.table}`}>
        {error}
      </Alert>
    );
  if (!profile) return <Loader size="sm" role="status" aria-label={`Profiling ${props.table}`} />;

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={`Profile of ${profile.table}`}
      data-testid="profile"
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {profile.table}: {profile.rowCount.toLocaleString()} rows, {profile.columnCount} columns
        </Title>
        <Text size="sm" c="dimmed">
          {profile.candidateKeys.length > 0 ? `Key: ${profile.candidateKeys.join(', ')}. ` : ''}
          {profile.dateRange
            ? `${profile.dateRange.column} from ${profile.dateRange.min} to ${profile.dateRange.max}. `
            : ''}
          {profile.duplicateRows > 0 ? `${profile.duplicateRows.toLocaleString()} duplicate rows.` : ''}
        </Text>
        {profile.notes.map((note) => (
          <Text size="sm" key={note}>
            {note}
          </Text>
        ))}
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Column</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Empty</Table.Th>
                <Table.Th scope="col">Distinct</Table.Th>
                <Table.Th scope="col">Range</Table.Th>
                <Table.Th scope="col">Shape</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {profile.columns.map((column) => (
                <Table.Tr key={column.name}>
                  <Table.Th scope="row" fw={500}>
                    {column.name}
                    {column.pii.length > 0 && (
                      <Badge ml={6} size="xs" color="orange" variant="light">
                        PII
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td>
                    {column.logicalType}
                    {column.semanticType && column.semanticType !== 'none' ? ` · ${column.semanticType}` : ''}
                  </Table.Td>
                  <Table.Td>{(column.nullShare * 100).toFixed(1)}%</Table.Td>
                  <Table.Td>{column.distinctCount.toLocaleString()}</Table.Td>
                  <Table.Td>
                    {formatValue(column.min)} – {formatValue(column.max)}
                  </Table.Td>
                  <Table.Td>
                    <Sparkline counts={profileCounts(column)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {props.onAsk && profile.suggestedQuestions.length > 0 && (
          <Group gap="xs" role="group" aria-label="Suggested questions">
            {profile.suggestedQuestions.slice(0, 4).map((question) => (
              <Badge
                key={question}
                component="button"
                variant="light"
                size="lg"
                style={{ cursor: 'pointer', textTransform: 'none' }}
                onClick={() => props.onAsk?.(question)}
              >
                {question}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
