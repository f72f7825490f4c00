import { Alert, Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { AuthCard } from './auth-card';

/** The OIDC login starts with a full-page visit; the provider sends the browser back to where it was. */
function oidcLoginHref(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return `/v1/auth/oidc/login?returnTo=${encodeURIComponent(here)}`;
}

export function LoginScreen(props: { onSignedIn: (me: Me) => void; oidc?: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await api.login({ email, password }));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Sign-in failed.');
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Sign in" subtitle="Ask questions of your data in plain language.">
      <form onSubmit={submit} aria-label="Sign in">
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert" title="Could not sign in">
              {error}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            data-autofocus
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
          {props.oidc && (
            <>
              <Divider label="or" labelPosition="center" />
              <Button component="a" href={oidcLoginHref()} variant="default">
                Sign in with your organisation
              </Button>
            </>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}
