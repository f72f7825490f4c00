import { Alert, Button, Group, List, Modal, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type CrossSourcePreview, type CrossSourceResult, crossSourceApi } from '../api/cross-source';
import type { Datasource } from '../api/types';
import { CrossSourceResultView, describeJoinKey } from './cross-source-result';

export interface CrossSourceDialogProps {
  opened: boolean;
  onClose: () => void;
  /** The uploaded files (a workspace datasource) to join. */
  file: Datasource;
  /** Databases the person may read. */
  databases: Datasource[];
}

/**
 * Ask a question that joins the uploaded file with a database table: a preview on a sample first, with the join
 * key and the plan, then "Run in full" on confirmation.
 */
export function CrossSourceDialog(props: CrossSourceDialogProps) {
  const [databaseId, setDatabaseId] = useState<string | null>(props.databases[0]?.id ?? null);
  const [question, setQuestion] = useState('');
  const [previewed, setPreviewed] = useState<CrossSourcePreview>();
  const [full, setFull] = useState<CrossSourceResult>();
  const [busy, setBusy] = useState<'preview' | 'run'>();
  const [error, setError] = useState<string>();

  async function attempt(kind: 'preview' | 'run', work: () => Promise<void>) {
    setBusy(kind);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(undefined);
    }
  }

  function preview(event: FormEvent) {
    event.preventDefault();
    if (!databaseId) return;
    void attempt('preview', async () => {
      setFull(undefined);
      setPreviewed(
        await crossSourceApi.preview({
          fileDatasourceId: props.file.id,
          databaseDatasourceId: databaseId,
          question,
        }),
      );
    });
  }

  function runInFull() {
    if (previewed?.status !== 'preview') return;
    void attempt('run', async () => setFull((await crossSourceApi.run(previewed.planId)).result));
  }

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={props.onClose}
      title={`Join ${props.file.name} with a database`}
      size="xl"
    >
      <Stack gap="sm">
        <form onSubmit={preview}>
          <Stack gap="sm">
            <Select
              label="Database"
              data={props.databases.map((database) => ({ value: database.id, label: database.name }))}
              value={databaseId}
              onChange={setDatabaseId}
              allowDeselect={false}
              data-testid="cross-database"
            />
            <TextInput
              label="Question"
              description='For example "total revenue by region"; name the key if needed: "…, join on customer_id".'
              required
              data-autofocus
              value={question}
              onChange={(event) => setQuestion(event.currentTarget.value)}
              data-testid="cross-question"
            />
            <Group>
              <Button type="submit" loading={busy === 'preview'} disabled={!databaseId}>
                Preview
              </Button>
            </Group>
          </Stack>
        </form>
        {error && (
          <Alert color="red" role="alert" title="Could not join">
            {error}
          </Alert>
        )}
        {previewed?.status === 'clarification' && (
          <Alert color="yellow" title="Which columns join them?" data-testid="cross-clarification">
            {previewed.question}
            {previewed.candidates.length > 0 && (
              <List size="sm" mt="xs">
                {previewed.candidates.map((candidate) => (
                  <List.Item key={describeJoinKey(candidate)}>{describeJoinKey(candidate)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {previewed?.status === 'abstention' && (
          <Alert color="yellow" title="Not answered">
            {previewed.reason}
          </Alert>
        )}
        {previewed?.status === 'preview' && (
          <>
            <CrossSourceResultView result={previewed.preview} />
            {!full && (
              <Group>
                <Button onClick={runInFull} loading={busy === 'run'} data-testid="cross-run">
                  Run in full
                </Button>
              </Group>
            )}
          </>
        )}
        {full && <CrossSourceResultView result={full} />}
      </Stack>
    </Modal>
  );
}
