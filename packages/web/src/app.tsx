import { Alert, Button, Center, Loader, MantineProvider, Stack } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken } from './api/client';
import type { Me } from './api/types';
import { AuthContext, type AuthState } from './auth/auth-context';
import { BootstrapScreen } from './auth/bootstrap-screen';
import { LoginScreen } from './auth/login-screen';
import { SharedSessionView } from './sessions/shared-session-view';
import { Workspace } from './shell/workspace';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme';

type Phase =
  | { name: 'loading' }
  | { name: 'bootstrap' }
  | { name: 'login'; oidc: boolean }
  | { name: 'signed-in'; me: Me }
  | { name: 'unreachable'; message: string };

function sharedToken(): string | undefined {
  return /^\/shared\/([^/]+)/.exec(window.location.pathname)?.[1];
}

export function App() {
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <Root />
    </MantineProvider>
  );
}

function Root() {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const token = sharedToken();

  const start = useCallback(async () => {
    setPhase({ name: 'loading' });
    let oidc = false;
    try {
      const status = await api.status();
      oidc = status.oidc === true;
      if (!status.bootstrapped) return setPhase({ name: 'bootstrap' });
      const me = await api.me();
      setCsrfToken(me.csrfToken);
      setPhase({ name: 'signed-in', me });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) return setPhase({ name: 'login', oidc });
      setPhase({ name: 'unreachable', message: caught instanceof Error ? caught.message : String(caught) });
    }
  }, []);

  useEffect(() => {
    if (!token) void start();
  }, [start, token]);

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setPhase({ name: 'signed-in', me });
  }, []);

  const auth = useMemo<AuthState | null>(() => {
    if (phase.name !== 'signed-in') return null;
    return {
      user: phase.me.user,
      logout: async () => {
        await api.logout().catch(() => undefined);
        setCsrfToken(undefined);
        setPhase({ name: 'login', oidc: (await api.status().catch(() => undefined))?.oidc === true });
      },
    };
  }, [phase]);

  if (token) return <SharedSessionView token={token} />;
  switch (phase.name) {
    case 'loading':
      return (
        <Center mih="100vh" component="main">
          <Loader role="status" aria-label="Loading askdata" />
        </Center>
      );
    case 'bootstrap':
      return <BootstrapScreen onSignedIn={signedIn} />;
    case 'login':
      return <LoginScreen onSignedIn={signedIn} oidc={phase.oidc} />;
    case 'unreachable':
      return (
        <Center mih="100vh" component="main" p="md">
          <Stack maw={480}>
            <Alert color="red" role="alert" title="askdata is not reachable">
              {phase.message}
            </Alert>
            <Button onClick={() => void start()}>Try again</Button>
          </Stack>
        </Center>
      );
    case 'signed-in':
      return (
        <AuthContext.Provider value={auth}>
          <Workspace />
        </AuthContext.Provider>
      );
  }
}
