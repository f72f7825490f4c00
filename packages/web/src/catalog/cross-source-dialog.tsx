import { Alert, Button, Group, List, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type CrossSourcePreview, type CrossSourceResult, crossSourceApi } from '../api/cross-source';
import type { Datasource } from '../api/types';
import { describeJoinProblem, type JoinProblem } from './cross-source-errors';
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
  const [problem, setProblem] = useState<JoinProblem & { step: 'preview' | 'run' }>();
  const problemRef = useRef<HTMLDivElement>(null);
  const fullRef = useRef<HTMLDivElement>(null);
  const previewButtonRef = useRef<HTMLButtonElement>(null);
  const databaseName = props.databases.find((database) => database.id === databaseId)?.name;

  // A message or the full result may appear below the fold of a long preview: bring it into view.
  useEffect(() => {
    if (problem) problemRef.current?.scrollIntoView({ block: 'nearest' });
    // "Run in full" went away with the expired preview: keep keyboard focus on the way on.
    if (problem?.planGone) previewButtonRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (full) fullRef.current?.scrollIntoView({ block: 'start' });
  }, [full]);

  async function attempt(step: 'preview' | 'run', work: () => Promise<void>) {
    setBusy(step);
    setProblem(undefined);
    try {
      await work();
    } catch (caught) {
      const described = describeJoinProblem(step, caught, databaseName);
      // An expired plan cannot be run any more: take its preview away so only "Preview" remains.
      if (described.planGone) setPreviewed(undefined);
      setProblem({ ...described, step: described.planGone ? 'preview' : step });
    } finally {
      setBusy(undefined);
    }
  }

  function preview(event: FormEvent) {
    event.preventDefault();
    if (!databaseId) return;
    void attempt('preview', async () => {
      // A new preview replaces the old one (possibly of another database) whether it succeeds or not.
      setFull(undefined);
      setPreviewed(undefined);
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

  const problemAlert = (step: 'preview' | 'run') =>
    problem?.step === step && (
      <Alert color="red" role="alert" title={problem.title} ref={problemRef} data-testid="cross-problem">
        {problem.message}
      </Alert>
    );

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={props.onClose}
      title={`Join ${props.file.name} with a database`}
      size="xl"
      // Above the chart's action menu, which would otherwise scroll over the title.
      styles={{ header: { zIndex: 1100 } }}
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
            <Group gap="sm">
              <Button
                ref={previewButtonRef}
                type="submit"
                loading={busy === 'preview'}
                disabled={!databaseId}
                // Once there is a preview, "Run in full" is the next step; previewing again is the other.
                variant={previewed?.status === 'preview' && !full ? 'default' : 'filled'}
              >
                Preview
              </Button>
              {busy === 'preview' && (
                <Text size="sm" c="dimmed" role="status">
                  Finding the join key and running on a sample…
                </Text>
              )}
            </Group>
          </Stack>
        </form>
        {problemAlert('preview')}
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
            <Text size="sm" mt="xs">
              Name the columns in the question, for example “…, join on customer_id”, and preview again.
            </Text>
          </Alert>
        )}
        {previewed?.status === 'abstention' && (
          <Alert color="yellow" title="Not answered" data-testid="cross-abstention">
            {previewed.reason}
            {previewed.suggestions.length > 0 && (
              <List size="sm" mt="xs" aria-label="Questions that can be answered">
                {previewed.suggestions.map((suggestion) => (
                  <List.Item key={suggestion}>{suggestion}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {previewed?.status === 'preview' && !full && (
          <>
            <Group gap="sm" wrap="nowrap">
              <Button onClick={runInFull} loading={busy === 'run'} data-testid="cross-run">
                Run in full
              </Button>
              <Text size="sm" c="dimmed">
                {busy === 'run'
                  ? `Joining all rows of ${props.file.name} with ${databaseName ?? 'the database'}…`
                  : 'The preview below used a sample; check it, then run the join on all rows.'}
              </Text>
            </Group>
            {problemAlert('run')}
            <CrossSourceResultView result={previewed.preview} />
          </>
        )}
        {full && (
          <div ref={fullRef}>
            <CrossSourceResultView result={full} />
          </div>
        )}
      </Stack>
    </Modal>
  );
}
