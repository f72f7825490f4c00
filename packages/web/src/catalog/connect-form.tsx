import { Alert, Button, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { Datasource } from '../api/types';

const kinds = [
  { value: 'postgres', label: 'PostgreSQL', example: 'postgres://user:password@host:5432/database' },
  { value: 'mysql', label: 'MySQL / MariaDB', example: 'mysql://user:password@host:3306/database' },
  { value: 'sqlite', label: 'SQLite file', example: '/path/to/file.sqlite' },
];

/** Connect a database: the URL (with its password) is sent once and stored encrypted by the server. */
export function ConnectForm(props: {
  opened: boolean;
  onClose: () => void;
  onConnected: (datasource: Datasource) => void;
}) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState('postgres');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { datasource } = await api.connect({ name, kind, url });
      setUrl('');
      props.onConnected(datasource);
      props.onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={props.onClose}
      title="Connect a database"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert" title="Could not connect">
              {error}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Select
            label="Kind"
            data={kinds.map(({ value, label }) => ({ value, label }))}
            value={kind}
            onChange={(value) => setKind(value ?? 'postgres')}
            allowDeselect={false}
          />
          <PasswordInput
            label="Connection URL"
            description={`For example ${kinds.find((entry) => entry.value === kind)?.example}. Read-only access is enough.`}
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            Connect
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
