import {
  Accordion,
  Badge,
  Button,
  Code,
  Group,
  List,
  Menu,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { chartUrl, type ExportFormat, exportUrl } from '../api/client';
import type { Answer } from '../api/types';
import { ChartView } from './chart-view';
import { DataGrid } from './data-grid';
import { SqlPanel } from './sql-panel';

const confidenceColours = { high: 'green', medium: 'yellow', low: 'red' } as const;

const exportFormats: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (.xlsx)' },
  { format: 'parquet', label: 'Parquet' },
  { format: 'ipynb', label: 'Notebook (.ipynb)' },
  { format: 'md', label: 'Markdown report' },
];

export interface AnswerBlockProps {
  answer: Answer;
  /** The stored assistant message, for exports and chart images; absent for answers not yet stored. */
  messageId: string | undefined;
  datasourceId: string | undefined;
  onAsk: (question: string) => void;
  /** Open the interpretation and SQL from the start (the /explain command). */
  explain?: boolean;
  /** Shared, read-only view: no follow-ups, no SQL re-runs, no exports. */
  readOnly?: boolean;
}

function Citations(props: { answer: Answer }) {
  const { citations } = props.answer.narrative;
  const entries: [string, string[]][] = [
    ['Tables', citations.tables],
    ['Columns', citations.columns],
    [
      'Metrics',
      citations.metrics.map((metric) => (metric.version ? `${metric.name} v${metric.version}` : metric.name)),
    ],
    ['Filters', citations.filters],
    ['Definitions', citations.definitions ?? []],
  ];
  return (
    <Stack gap={2}>
      {entries
        .filter(([, values]) => values.length > 0)
        .map(([label, values]) => (
          <Text size="sm" key={label}>
            <Text span fw={600}>
              {label}:
            </Text>{' '}
            {values.join(', ')}
          </Text>
        ))}
    </Stack>
  );
}

/** One answer: the sentence, the chart, the data, how it was read and the SQL, sources, what to ask next. */
export function AnswerBlock(props: AnswerBlockProps) {
  const { answer } = props;
  const confidence = answer.narrative.confidence;
  const columns = answer.result.columns.map((column) => column.name);
  const label = `answer to “${answer.question}”`;
  const isTable = answer.chart.choice.type === 'table';

  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-label={`Answer: ${answer.question}`}
      data-testid="answer"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="md" style={{ lineHeight: 1.5 }} data-testid="narrative">
            {answer.narrative.text}
          </Text>
          <Tooltip
            events={{ hover: true, focus: true, touch: true }}
            multiline
            w={280}
            label={
              confidence.reasons.length ? confidence.reasons.join(' ') : 'No checks lowered the confidence.'
            }
          >
            <Badge
              color={confidenceColours[confidence.level]}
              style={{ flexShrink: 0 }}
              variant="light"
              tabIndex={0}
              aria-label={`Confidence ${confidence.level}: ${confidence.reasons.join(' ') || 'no checks lowered it'}`}
            >
              {confidence.level} confidence
            </Badge>
          </Tooltip>
        </Group>
        {answer.narrative.caveats.length > 0 && (
          <List size="sm" c="dimmed" aria-label="Caveats">
            {answer.narrative.caveats.map((caveat) => (
              <List.Item key={`${caveat.code}-${caveat.message}`}>{caveat.message}</List.Item>
            ))}
          </List>
        )}
        {answer.chart.kpi ? (
          <Paper withBorder p="md" w="fit-content" aria-label={answer.chart.altText} role="figure">
            <Text size="sm" c="dimmed">
              {answer.chart.kpi.label}
            </Text>
            <Text fz={32} fw={700}>
              {answer.chart.kpi.formatted}
            </Text>
            {answer.chart.kpi.comparison && (
              <Text size="sm">
                {answer.chart.kpi.comparison.changeText} {answer.chart.kpi.comparison.label}
              </Text>
            )}
          </Paper>
        ) : (
          !isTable && <ChartView spec={answer.chart.spec} altText={answer.chart.altText} />
        )}
        <DataGrid
          columns={columns}
          rows={answer.result.rows}
          truncated={answer.result.truncated}
          fileName={answer.question.replace(/[^\w-]+/g, '-').slice(0, 60) || 'answer'}
          label={`Data for ${label}`}
        />
        <Accordion variant="separated" defaultValue={props.explain ? 'how' : null}>
          <Accordion.Item value="how">
            <Accordion.Control>How this was answered</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                <Text size="sm">
                  <Text span fw={600}>
                    Read as:
                  </Text>{' '}
                  {answer.interpretation}
                </Text>
                <Text size="sm" c="dimmed">
                  {answer.chart.choice.reason}
                </Text>
                {props.readOnly ? (
                  <Code block className="sql-code" aria-label="SQL">
                    {answer.sql}
                  </Code>
                ) : (
                  <SqlPanel sql={answer.sql} datasourceId={props.datasourceId} label={label} />
                )}
                {answer.steps?.map((step) => (
                  <div key={step.title}>
                    <Text size="sm" fw={600}>
                      Step: {step.title}
                    </Text>
                    <Code block className="sql-code">
                      {step.sql}
                    </Code>
                  </div>
                ))}
                {answer.alternatives && answer.alternatives.length > 1 && (
                  <Text size="sm">
                    <Text span fw={600}>
                      Other readings:
                    </Text>{' '}
                    {answer.alternatives
                      .map((reading) => `${reading.engine}: ${reading.text} (${reading.summary})`)
                      .join('; ')}
                  </Text>
                )}
                <Title order={4} size="h6">
                  Sources
                </Title>
                <Citations answer={answer} />
                {answer.llm && (
                  <Text size="xs" c="dimmed">
                    {answer.llm.model}: {answer.llm.inputTokens.toLocaleString()} tokens in,{' '}
                    {answer.llm.outputTokens.toLocaleString()} out, ${answer.llm.costUsd.toFixed(4)}
                    {answer.llm.costIncomplete ? ' or more' : ''}
                  </Text>
                )}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <Group justify="space-between" align="center">
          <Group gap="xs" role="group" aria-label="Follow-up questions">
            {!props.readOnly &&
              answer.narrative.followUps.map((followUp) => (
                <Button
                  key={followUp.question}
                  size="compact-sm"
                  radius="xl"
                  variant="light"
                  onClick={() => props.onAsk(followUp.question)}
                >
                  {followUp.question}
                </Button>
              ))}
          </Group>
          {props.messageId && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default">
                  Export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {exportFormats.map(({ format, label: name }) => (
                  <Menu.Item
                    key={format}
                    component="a"
                    href={exportUrl(props.messageId as string, format)}
                    download
                  >
                    {name}
                  </Menu.Item>
                ))}
                {!isTable && !answer.chart.kpi && (
                  <>
                    <Menu.Divider />
                    <Menu.Item component="a" href={chartUrl(props.messageId, 'svg')} download>
                      Chart as SVG
                    </Menu.Item>
                    <Menu.Item component="a" href={chartUrl(props.messageId, 'png')} download>
                      Chart as PNG
                    </Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
