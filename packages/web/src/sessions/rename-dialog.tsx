import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { Session } from '../api/types';

export function RenameDialog(props: {
  session: Session | undefined;
  onClose: () => void;
  onRename: (title: string) => void;
}) {
  const [title, setTitle] = useState('');
  useEffect(() => setTitle(props.session?.title ?? ''), [props.session]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (title.trim()) props.onRename(title.trim());
  }

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.session !== undefined}
      onClose={props.onClose}
      title="Rename conversation"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Title"
            required
            data-autofocus
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit">Save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
