import { Alert, AppShell, Box, Container, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Answer, Session } from '../api/types';
import type { UploadResult } from '../api/upload';
import { canEdit, useAuth } from '../auth/auth-context';
import { CatalogPanel } from '../catalog/catalog-panel';
import type { UploadDropzoneHandle } from '../catalog/upload-dropzone';
import { type ChatItem, itemsFromMessages, localKey } from '../chat/chat-item';
import { ChatView } from '../chat/chat-view';
import { Composer } from '../chat/composer';
import { parseComposerLine } from '../chat/slash-commands';
import { Onboarding } from '../onboarding/onboarding';
import { RenameDialog } from '../sessions/rename-dialog';
import { SessionList } from '../sessions/session-list';
import { ShareDialog } from '../sessions/share-dialog';
import { HeaderBar } from './header-bar';
import { pathForSession, sessionIdFromPath } from './route';
import { scrollWithin } from './scroll-within';
import { ToastProvider, useToast } from './toasts';
import { useCatalog } from './use-catalog';

export function Workspace() {
  return (
    <ToastProvider>
      <WorkspaceLayout />
    </ToastProvider>
  );
}

function WorkspaceLayout() {
  const { user } = useAuth();
  const toast = useToast();
  const catalog = useCatalog();
  const [navOpened, { toggle: toggleNav }] = useDisclosure(false);
  const [dataOpened, { toggle: toggleData }] = useDisclosure(false);
  const [sessions, setSessions] = useState<Session[]>([]);
  const [sessionId, setSessionId] = useState(() => sessionIdFromPath(window.location.pathname));
  const [items, setItems] = useState<ChatItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<Session>();
  const [sharing, setSharing] = useState<Session>();
  const composer = useRef<HTMLTextAreaElement>(null);
  const upload = useRef<UploadDropzoneHandle>(null);
  const bottom = useRef<HTMLDivElement>(null);

  const reloadSessions = useCallback(async () => {
    try {
      setSessions((await api.sessions()).sessions);
    } catch {
      // the list stays as it was; the conversation itself still works
    }
  }, []);

  useEffect(() => {
    void reloadSessions();
  }, [reloadSessions]);

  const { setDatasourceId } = catalog;
  const openSession = useCallback(
    async (id: string | undefined, push = true) => {
      if (push) window.history.pushState(null, '', pathForSession(id));
      setSessionId(id);
      setBusy(false);
      if (!id) {
        setItems([]);
        composer.current?.focus();
        return;
      }
      try {
        const { session, messages } = await api.session(id);
        setDatasourceId(session.datasourceId);
        setItems(itemsFromMessages(messages));
      } catch (caught) {
        setItems([{ kind: 'note', key: localKey('note'), tone: 'error', text: (caught as Error).message }]);
      }
      composer.current?.focus();
    },
    [setDatasourceId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the session named in the URL opens once, on arrival
  useEffect(() => {
    if (sessionId) void openSession(sessionId, false);
    const onPopState = () => void openSession(sessionIdFromPath(window.location.pathname), false);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  useEffect(() => {
    if (items.length > 0 && bottom.current) scrollWithin(bottom.current, 'end');
  }, [items.length]);

  const append = (item: ChatItem) => setItems((current) => [...current, item]);

  async function ask(question: string, explain = false) {
    if (!catalog.datasourceId) {
      append({ kind: 'note', key: localKey('note'), tone: 'error', text: 'Choose a dataset first.' });
      return;
    }
    setBusy(true);
    try {
      let id = sessionId;
      if (!id) {
        const { session } = await api.createSession({
          datasourceId: catalog.datasourceId,
          title: question.slice(0, 80),
        });
        id = session.id;
        setSessionId(id);
        window.history.pushState(null, '', pathForSession(id));
        setSessions((current) => [session, ...current]);
      }
      const { runId, messageId } = await api.ask(id, question);
      append({ kind: 'question', key: localKey('q'), text: question });
      append({ kind: 'run', key: runId, runId, messageId, explain });
    } catch (caught) {
      setBusy(false);
      append({ kind: 'note', key: localKey('note'), tone: 'error', text: (caught as Error).message });
    }
  }

  const onSettled = useCallback(
    (_runId: string, answer: Answer | undefined) => {
      setBusy(false);
      void reloadSessions();
      if (answer) toast({ message: 'Answer ready.', durationMs: 2500 });
    },
    [reloadSessions, toast],
  );

  function submitLine(line: string) {
    const action = parseComposerLine(line);
    switch (action.kind) {
      case 'ask':
        return void ask(action.question);
      case 'explain':
        return void ask(action.question, true);
      case 'upload':
        if (upload.current) upload.current.open();
        else
          append({
            kind: 'note',
            key: localKey('note'),
            tone: 'error',
            text: 'Only editors and admins can upload.',
          });
        return;
      case 'profile':
        return append({ kind: 'profile', key: localKey('profile'), table: action.table });
      case 'sql':
        return append({ kind: 'sql', key: localKey('sql'), sql: action.sql });
      case 'invalid':
        return append({ kind: 'note', key: localKey('note'), tone: 'error', text: action.message });
    }
  }

  function selectDatasource(id: string) {
    if (id === catalog.datasourceId) return;
    catalog.setDatasourceId(id);
    void openSession(undefined);
  }

  async function onUploaded(result: UploadResult) {
    await catalog.reload(result.datasource.id);
    await openSession(undefined);
    for (const table of result.tables)
      append({ kind: 'profile', key: localKey('profile'), table: table.name });
  }

  async function deleteSession(session: Session) {
    try {
      await api.deleteSession(session.id);
    } catch (caught) {
      toast({ message: (caught as Error).message });
      return;
    }
    setSessions((current) => current.filter((entry) => entry.id !== session.id));
    if (session.id === sessionId) void openSession(undefined);
    toast({
      message: `Deleted “${session.title || 'Untitled'}”.`,
      durationMs: 10_000,
      action: {
        label: 'Undo',
        run: () => {
          void api.restoreSession(session.id).then(reloadSessions);
        },
      },
    });
  }

  async function renameSession(title: string) {
    const session = renaming;
    setRenaming(undefined);
    if (!session) return;
    try {
      await api.renameSession(session.id, title);
      setSessions((current) =>
        current.map((entry) => (entry.id === session.id ? { ...entry, title } : entry)),
      );
    } catch (caught) {
      toast({ message: (caught as Error).message });
    }
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      aside={{ width: 330, breakpoint: 'md', collapsed: { mobile: !dataOpened } }}
      padding={0}
    >
      <button type="button" className="skip-link" onClick={() => composer.current?.focus()}>
        Skip to the question box
      </button>
      <AppShell.Header>
        <HeaderBar
          navOpened={navOpened}
          onToggleNav={toggleNav}
          dataOpened={dataOpened}
          onToggleData={toggleData}
        />
      </AppShell.Header>
      <AppShell.Navbar>
        <SessionList
          sessions={sessions}
          currentId={sessionId}
          onOpen={(id) => void openSession(id)}
          onNew={() => void openSession(undefined)}
          onRename={setRenaming}
          onShare={setSharing}
          onDelete={(session) => void deleteSession(session)}
        />
      </AppShell.Navbar>
      <AppShell.Aside>
        <CatalogPanel
          ref={upload}
          datasources={catalog.datasources}
          datasourceId={catalog.datasourceId}
          tables={catalog.tables}
          onSelectDatasource={selectDatasource}
          onUploaded={(result) => void onUploaded(result)}
          onConnected={(datasource) => void catalog.reload(datasource.id)}
          onProfile={(table) => append({ kind: 'profile', key: localKey('profile'), table })}
        />
      </AppShell.Aside>
      <AppShell.Main style={{ display: 'flex', flexDirection: 'column', height: '100dvh' }}>
        <Stack gap={0} style={{ flex: 1, minHeight: 0 }}>
          {/* A native scroller that scrollWithin moves (scrollIntoView would also shift the app shell). */}
          <Box style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-scroller>
            <Container size="lg" py="md" component="section" aria-label="Conversation">
              {catalog.error && (
                <Alert color="red" role="alert" mb="md" title="Data could not be loaded">
                  {catalog.error}
                </Alert>
              )}
              {items.length === 0 ? (
                <Onboarding
                  datasource={catalog.datasource}
                  tables={catalog.tables}
                  onAsk={(question) => void ask(question)}
                  canUpload={canEdit(user)}
                />
              ) : (
                <ChatView
                  items={items}
                  datasourceId={catalog.datasourceId}
                  onAsk={(question) => void ask(question)}
                  onSettled={onSettled}
                />
              )}
              <div ref={bottom} />
            </Container>
          </Box>
          <Box id="composer" p="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <Container size="lg" px={0}>
              <Composer
                ref={composer}
                onSubmit={submitLine}
                busy={busy}
                disabled={!catalog.loaded}
                placeholder={
                  catalog.datasource
                    ? `Ask ${catalog.datasource.name} a question…`
                    : catalog.loaded
                      ? 'Choose a dataset to start'
                      : 'Loading your datasets…'
                }
              />
            </Container>
          </Box>
        </Stack>
      </AppShell.Main>
      <RenameDialog
        session={renaming}
        onClose={() => setRenaming(undefined)}
        onRename={(title) => void renameSession(title)}
      />
      <ShareDialog session={sharing} onClose={() => setSharing(undefined)} />
    </AppShell>
  );
}
