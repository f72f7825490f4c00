import { ActionIcon, Button, Menu, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import type { Session } from '../api/types';

export interface SessionListProps {
  sessions: Session[];
  currentId: string | undefined;
  onOpen: (id: string) => void;
  onNew: () => void;
  onRename: (session: Session) => void;
  onShare: (session: Session) => void;
  onDelete: (session: Session) => void;
}

/** Conversations, newest first, each with rename, share and delete. */
export function SessionList(props: SessionListProps) {
  const sorted = [...props.sessions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <Stack gap="xs" h="100%" p="sm" component="nav" aria-label="Conversations">
      <Button onClick={props.onNew} variant="light" fullWidth>
        New conversation
      </Button>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {sorted.length === 0 && (
          <Text size="sm" c="dimmed" p="xs">
            Your conversations will appear here.
          </Text>
        )}
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {sorted.map((session) => (
            <li key={session.id} style={{ display: 'flex', alignItems: 'center' }}>
              <NavLink
                component="a"
                href={`/s/${session.id}`}
                label={session.title || 'Untitled'}
                active={session.id === props.currentId}
                aria-current={session.id === props.currentId ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  props.onOpen(session.id);
                }}
                style={{ flex: 1, borderRadius: 6 }}
              />
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Actions for ${session.title || 'Untitled'}`}
                  >
                    ⋯
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => props.onRename(session)}>Rename</Menu.Item>
                  <Menu.Item onClick={() => props.onShare(session)}>Share link</Menu.Item>
                  <Menu.Item color="red" onClick={() => props.onDelete(session)}>
                    Delete
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </li>
          ))}
        </ul>
      </ScrollArea>
    </Stack>
  );
}
