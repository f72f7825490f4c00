import { Accordion, Button, Group, ScrollArea, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { forwardRef, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Datasource, Metric, TableInfo } from '../api/types';
import type { UploadResult } from '../api/upload';
import { canEdit, useAuth } from '../auth/auth-context';
import { ConnectForm } from './connect-form';
import { CrossSourceDialog } from './cross-source-dialog';
import { TableColumns } from './table-columns';
import { UploadDropzone, type UploadDropzoneHandle } from './upload-dropzone';

export interface CatalogPanelProps {
  datasources: Datasource[];
  datasourceId: string | undefined;
  tables: TableInfo[];
  onSelectDatasource: (id: string) => void;
  onUploaded: (result: UploadResult) => void;
  onConnected: (datasource: Datasource) => void;
  onProfile: (table: string) => void;
}

/** The side panel: datasets, their tables and columns, metrics, upload and connect. */
export const CatalogPanel = forwardRef<UploadDropzoneHandle, CatalogPanelProps>(
  function CatalogPanel(props, ref) {
    const { user } = useAuth();
    const [metrics, setMetrics] = useState<Metric[]>([]);
    const [connecting, setConnecting] = useState(false);
    const [openTable, setOpenTable] = useState<string | null>(null);
    const [joining, setJoining] = useState(false);
    const current = props.datasources.find((datasource) => datasource.id === props.datasourceId);
    const databases = props.datasources.filter((datasource) => datasource.kind !== 'workspace');

    useEffect(() => {
      api
        .metrics()
        .then((loaded) => setMetrics(loaded.metrics))
        .catch(() => setMetrics([]));
    }, []);

    return (
      <ScrollArea h="100%" type="auto">
        <Stack gap="md" p="md" component="section" aria-label="Data">
          <Select
            label="Dataset"
            data={props.datasources.map((datasource) => ({
              value: datasource.id,
              label: `${datasource.name} (${datasource.kind})`,
            }))}
            value={props.datasourceId ?? null}
            onChange={(value) => value && props.onSelectDatasource(value)}
            allowDeselect={false}
            data-testid="datasource-select"
          />
          <div>
            <Title order={2} size="h6" mb={4}>
              Tables
            </Title>
            {props.tables.length === 0 && (
              <Text size="sm" c="dimmed">
                No tables yet.
              </Text>
            )}
            <Accordion variant="contained" value={openTable} onChange={setOpenTable} chevronPosition="left">
              {props.tables.map((table) => (
                <Accordion.Item key={table.name} value={table.name}>
                  <Accordion.Control>
                    <Group justify="space-between" wrap="nowrap" gap={4}>
                      <Text size="sm" fw={500} truncate="end">
                        {table.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {table.rows.toLocaleString()} rows
                      </Text>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    {openTable === table.name && props.datasourceId && (
                      <TableColumns
                        datasourceId={props.datasourceId}
                        table={table.name}
                        columns={Array.isArray(table.columns) ? table.columns : []}
                        onProfile={props.onProfile}
                      />
                    )}
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </div>
          {current?.kind === 'workspace' && databases.length > 0 && (
            <div>
              <Button size="xs" variant="light" onClick={() => setJoining(true)} data-testid="cross-open">
                Join with a database…
              </Button>
              {joining && (
                <CrossSourceDialog
                  opened={joining}
                  onClose={() => setJoining(false)}
                  file={current}
                  databases={databases}
                />
              )}
            </div>
          )}
          {metrics.length > 0 && (
            <div>
              <Title order={2} size="h6" mb={4}>
                Metrics
              </Title>
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {metrics.map((metric) => (
                  <li key={metric.id}>
                    <Tooltip
                      events={{ hover: true, focus: true, touch: true }}
                      multiline
                      w={260}
                      label={`${metric.description} — ${metric.expression} on ${metric.table}${metric.owner ? ` (owner: ${metric.owner})` : ''}${metric.version ? `, version ${metric.version}` : ''}`}
                    >
                      <Text size="sm" tabIndex={0} style={{ cursor: 'help' }} td="underline dotted">
                        {metric.name}
                      </Text>
                    </Tooltip>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {canEdit(user) && (
            <div>
              <Title order={2} size="h6" mb={4}>
                Add data
              </Title>
              <UploadDropzone ref={ref} onUploaded={props.onUploaded} />
              <Button mt="xs" size="xs" variant="subtle" onClick={() => setConnecting(true)}>
                Connect a database…
              </Button>
              <ConnectForm
                opened={connecting}
                onClose={() => setConnecting(false)}
                onConnected={props.onConnected}
              />
            </div>
          )}
        </Stack>
      </ScrollArea>
    );
  },
);
