import { Alert, Button, Code, CopyButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/client';
import type { SqlResult } from '../api/types';
import { DataGrid } from './data-grid';

export function columnNames(result: SqlResult): string[] {
  return result.columns.map((column) => (typeof column === 'string' ? column : column.name));
}

/** The SQL behind an answer: copy it, edit it and re-run it through the guarded `POST /v1/query`. */
export function SqlPanel(props: { sql: string; datasourceId: string | undefined; label: string }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(props.sql);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SqlResult>();
  const [error, setError] = useState<string>();

  async function run() {
    if (!props.datasourceId) return;
    setRunning(true);
    setError(undefined);
    try {
      setResult(await api.query(props.datasourceId, draft));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Stack gap="xs">
      {editing ? (
        <Textarea
          label="SQL"
          autosize
          minRows={3}
          maxRows={14}
          ff="monospace"
          value={draft}
          autoFocus
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void run();
          }}
          description="Ctrl+Enter runs it. Only read-only queries are allowed."
        />
      ) : (
        <Code block className="sql-code" aria-label="SQL">
          {draft}
        </Code>
      )}
      <Group gap="xs">
        <CopyButton value={draft}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy SQL'}
            </Button>
          )}
        </CopyButton>
        {!editing && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            Edit SQL
          </Button>
        )}
        <Button size="xs" onClick={() => void run()} loading={running} disabled={!props.datasourceId}>
          Run SQL
        </Button>
        {editing && draft !== props.sql && (
          <Button size="xs" variant="subtle" onClick={() => setDraft(props.sql)}>
            Reset
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" title="The query did not run">
          {error}
        </Alert>
      )}
      {result && (
        <div>
          <Text size="sm" fw={600} mb={4}>
            Result of the SQL above
          </Text>
          <DataGrid
            columns={columnNames(result)}
            rows={result.rows}
            truncated={result.truncated}
            fileName="query-result"
            label={`Result of edited SQL for ${props.label}`}
          />
        </div>
      )}
    </Stack>
  );
}
