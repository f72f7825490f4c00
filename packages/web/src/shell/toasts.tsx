import { Button, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

export interface Toast {
  message: string;
  action?: { label: string; run: () => void };
  /** Milliseconds before it goes away; long enough to reach an Undo button by keyboard. */
  durationMs?: number;
}

interface ShownToast extends Toast {
  id: number;
}

const ToastContext = createContext<(toast: Toast) => void>(() => undefined);

export function useToast(): (toast: Toast) => void {
  return useContext(ToastContext);
}

/** Announces short messages in a polite live region, with an optional action such as Undo. */
export function ToastProvider(props: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id)),
    [],
  );

  const show = useCallback(
    (toast: Toast) => {
      const id = nextId.current++;
      setToasts((shown) => [...shown.slice(-2), { ...toast, id }]);
      setTimeout(() => dismiss(id), toast.durationMs ?? 8000);
    },
    [dismiss],
  );

  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      {props.children}
      <Stack
        gap="xs"
        role="status"
        aria-live="polite"
        style={{
          position: 'fixed',
          bottom: 110,
          left: '50%',
          transform: 'translateX(-50%)',
          maxWidth: 'calc(100vw - 32px)',
          zIndex: 400,
        }}
      >
        {toasts.map((toast) => (
          <Paper key={toast.id} withBorder shadow="md" p="xs" px="sm" data-testid="toast">
            <Group gap="sm" wrap="nowrap">
              <Text size="sm">{toast.message}</Text>
              {toast.action && (
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => {
                    toast.action?.run();
                    dismiss(toast.id);
                  }}
                >
                  {toast.action.label}
                </Button>
              )}
              <CloseButton size="sm" aria-label="Dismiss" onClick={() => dismiss(toast.id)} />
            </Group>
          </Paper>
        ))}
      </Stack>
    </ToastContext.Provider>
  );
}
