import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { AuthCard } from './auth-card';

const minimumPasswordLength = 8;

/** First run: no user exists yet, so the first person creates the admin account and is signed in. */
export function BootstrapScreen(props: { onSignedIn: (me: Me) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const tooShort = password.length > 0 && password.length < minimumPasswordLength;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < minimumPasswordLength) {
      setError(`Choose a password of at least ${minimumPasswordLength} characters.`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.bootstrap({ name, email, password });
      props.onSignedIn(await api.login({ email, password }));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Setup failed.');
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Welcome to askdata"
      subtitle="Create the administrator account. You can invite others once you are in."
    >
      <form onSubmit={submit} aria-label="Create the administrator account">
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert" title="Could not finish setup">
              {error}
            </Alert>
          )}
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            autoFocus
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            description={`At least ${minimumPasswordLength} characters`}
            autoComplete="new-password"
            required
            error={tooShort ? 'Too short' : undefined}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            Create account and start
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
