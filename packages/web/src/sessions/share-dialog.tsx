import { Alert, Button, CopyButton, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Session } from '../api/types';

const expiresInHours = 168;

/** Makes a read-only viewer link to a conversation, valid for a week. */
export function ShareDialog(props: { session: Session | undefined; onClose: () => void }) {
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  const { session } = props;

  useEffect(() => {
    setUrl(undefined);
    setError(undefined);
    if (!session) return;
    api
      .shareSession(session.id, expiresInHours)
      .then((share) =>
        setUrl(new URL(share.url || `/shared/${share.token}`, window.location.origin).toString()),
      )
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [session]);

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={session !== undefined}
      onClose={props.onClose}
      title="Share a read-only link"
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" title="No link">
            {error}
          </Alert>
        )}
        {!url && !error && <Loader size="sm" role="status" aria-label="Making the link" />}
        {url && (
          <>
            <Text size="sm">
              Anyone with this link can read the conversation for 7 days, without changing it.
            </Text>
            <TextInput
              label="Link"
              value={url}
              readOnly
              data-autofocus
              onFocus={(e) => e.currentTarget.select()}
            />
            <Group justify="flex-end">
              <CopyButton value={url}>
                {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy link'}</Button>}
              </CopyButton>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
