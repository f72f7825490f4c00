import { Accordion, Code, List, Stack, Text, Title } from '@mantine/core';
import type { CrossSourceResult, JoinKey } from '../api/cross-source';
import { ChartView } from '../chat/chart-view';
import { DataGrid } from '../chat/data-grid';

const strategyText: Record<CrossSourceResult['strategy'], string> = {
  'send-file-rows-to-database': 'The file rows were sent with the query to the database; the join ran there.',
  'pull-database-slice-into-workspace':
    'Only the needed slice of the database table was read into the workspace; the join ran there.',
};

export function describeJoinKey(key: JoinKey): string {
  return `${key.file.table}.${key.file.column} = ${key.database.table}.${key.database.column} (${key.overlap.found} of ${key.overlap.sampled} sampled file keys found in the database${key.reason === 'named' ? '; named in the question' : ''})`;
}

/** One preview or full run: how it was read and joined, the chart, the rows (CSV download), both sources, the SQL. */
export function CrossSourceResultView(props: { result: CrossSourceResult }) {
  const { result } = props;
  const heading = result.preview ? 'Preview on a sample' : 'Full result';
  return (
    <Stack
      gap="xs"
      component="section"
      aria-label={heading}
      data-testid={result.preview ? 'cross-preview' : 'cross-full'}
    >
      <Title order={3} size="h5">
        {heading}
      </Title>
      <Text size="sm">
        <Text span fw={600}>
          Understood:
        </Text>{' '}
        {result.interpretation}
      </Text>
      <Text size="sm" data-testid="cross-key">
        <Text span fw={600}>
          Join key:
        </Text>{' '}
        {describeJoinKey(result.key)}
      </Text>
      <Text size="sm">{strategyText[result.strategy]}</Text>
      <List size="sm" c="dimmed" aria-label="Notes">
        {result.notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
      {result.chart.choice.type !== 'table' && (
        <ChartView spec={result.chart.spec} altText={result.chart.altText} />
      )}
      <DataGrid
        columns={result.result.columns.map((column) => column.name)}
        rows={result.result.rows}
        truncated={result.result.truncated}
        fileName={`${result.question.replace(/[^\w-]+/g, '-').slice(0, 50) || 'join'}${result.preview ? '-preview' : ''}`}
        label={`${heading} for “${result.question}”`}
      />
      <Text size="sm" data-testid="cross-sources">
        <Text span fw={600}>
          Sources:
        </Text>{' '}
        {result.sources
          .map(
            (source) =>
              `${source.label} (${source.tables.join(', ')}${source.snapshotIds.length ? `; snapshot ${source.snapshotIds.join(', ')}` : ''})`,
          )
          .join(' + ')}
      </Text>
      <Accordion variant="contained">
        <Accordion.Item value="sql">
          <Accordion.Control>SQL of both sources</Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              {result.sliceSql && (
                <>
                  <Text size="xs">Read from {result.moved.from}:</Text>
                  <Code block>{result.sliceSql}</Code>
                </>
              )}
              <Text size="xs">Ran in {result.ranIn.label}:</Text>
              <Code block style={{ maxHeight: 240, overflow: 'auto' }}>
                {result.sql}
              </Code>
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
