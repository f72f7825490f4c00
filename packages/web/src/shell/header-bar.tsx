import {
  ActionIcon,
  Badge,
  Burger,
  Button,
  Group,
  Menu,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useAuth } from '../auth/auth-context';

export function HeaderBar(props: {
  navOpened: boolean;
  onToggleNav: () => void;
  dataOpened: boolean;
  onToggleData: () => void;
}) {
  const { user, logout } = useAuth();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';

  return (
    <Group h="100%" px="md" justify="space-between" component="header">
      <Group gap="sm">
        <Burger
          opened={props.navOpened}
          onClick={props.onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={props.navOpened ? 'Hide conversations' : 'Show conversations'}
        />
        <Text fw={800} size="lg" c="var(--mantine-primary-color-light-color)">
          askdata
        </Text>
      </Group>
      <Group gap="sm">
        <Button
          hiddenFrom="md"
          size="xs"
          variant="default"
          aria-expanded={props.dataOpened}
          onClick={props.onToggleData}
        >
          {props.dataOpened ? 'Hide data' : 'Data'}
        </Button>
        <Tooltip label={`Switch to ${next} theme`}>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={`Switch to ${next} theme`}
            onClick={() => setColorScheme(next)}
            data-testid="theme-toggle"
          >
            <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
          </ActionIcon>
        </Tooltip>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <UnstyledButton data-testid="account-menu">
              <Group gap={6}>
                <Text size="sm" fw={500}>
                  {user.name}
                </Text>
                <Badge size="xs" variant="light">
                  {user.role}
                </Badge>
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{user.email}</Menu.Label>
            <Menu.Item onClick={() => void logout()}>Sign out</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
