import { Badge, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ColumnInfo, TableProfile } from '../api/types';
import { profileCounts, Sparkline } from './sparkline';

/** The columns of one table with their types; the profile (loaded when shown) adds a sparkline each. */
export function TableColumns(props: {
  datasourceId: string;
  table: string;
  columns: ColumnInfo[];
  onProfile: (table: string) => void;
}) {
  const [profile, setProfile] = useState<TableProfile>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .profile(props.datasourceId, props.table)
      .then((loaded) => current && setProfile(loaded))
      .catch(() => undefined)
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [props.datasourceId, props.table]);

  return (
    <Stack gap={4}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={`Columns of ${props.table}`}>
        {props.columns.map((column) => {
          const columnProfile = profile?.columns.find((entry) => entry.name === column.name);
          return (
            <li key={column.name}>
              <Group justify="space-between" gap={4} wrap="nowrap" py={2}>
                <Tooltip
                  events={{ hover: true, focus: true, touch: true }}
                  label={[
                    column.label && column.label !== column.name
                      ? `${column.label} (${column.name})`
                      : column.name,
                    column.semanticType && column.semanticType !== 'other'
                      ? `used as ${column.semanticType}`
                      : '',
                    columnProfile
                      ? `${columnProfile.distinctCount.toLocaleString()} distinct, ${(columnProfile.nullShare * 100).toFixed(1)}% empty`
                      : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                >
                  <Text size="sm" truncate="end" maw={120} tabIndex={0}>
                    {column.label && column.label !== column.name ? column.label : column.name}
                  </Text>
                </Tooltip>
                <Group gap={4} wrap="nowrap">
                  {columnProfile && (
                    <Sparkline counts={profileCounts(columnProfile)} width={48} height={14} />
                  )}
                  <Badge size="xs" variant="light" color="gray" tt="none">
                    {column.type}
                  </Badge>
                </Group>
              </Group>
            </li>
          );
        })}
      </ul>
      {loading && <Loader size="xs" role="status" aria-label="Loading the profile" />}
      <Button size="compact-xs" variant="subtle" onClick={() => props.onProfile(props.table)}>
        Open profile of {props.table}
      </Button>
    </Stack>
  );
}
