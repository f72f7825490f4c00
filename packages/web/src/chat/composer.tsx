import { Button, Group, Paper, Text, Textarea } from '@mantine/core';
import { forwardRef, useId, useState } from 'react';
import { matchingCommands } from './slash-commands';

export interface ComposerProps {
  onSubmit: (line: string) => void;
  busy: boolean;
  disabled?: boolean;
  placeholder: string;
}

/**
 * The question box. Enter sends, Shift+Enter adds a line. Typing `/` lists the slash commands as a
 * listbox (ARIA combobox pattern): arrows move, Enter or Tab completes, Escape closes.
 */
export const Composer = forwardRef<HTMLTextAreaElement, ComposerProps>(function Composer(props, ref) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const listId = useId();
  const suggestions = dismissed ? [] : matchingCommands(text);
  const open = suggestions.length > 0;

  function send() {
    const line = text.trim();
    if (!line || props.busy || props.disabled) return;
    props.onSubmit(line);
    setText('');
  }

  function complete(index: number) {
    const command = suggestions[index];
    if (!command) return;
    setText(command.hint ? `${command.name} ` : command.name);
    setActive(0);
  }

  return (
    <Paper withBorder p="xs" radius="md">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <div style={{ flex: 1, position: 'relative' }}>
          {open && (
            <Paper
              withBorder
              shadow="md"
              p={4}
              id={listId}
              role="listbox"
              aria-label="Slash commands"
              style={{ position: 'absolute', bottom: '100%', left: 0, right: 0, marginBottom: 6, zIndex: 5 }}
            >
              {suggestions.map((command, index) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard selection is handled by the textarea (combobox)
                <div
                  key={command.name}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  tabIndex={-1}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => complete(index)}
                  style={{
                    padding: '6px 8px',
                    borderRadius: 4,
                    cursor: 'pointer',
                    background: index === active ? 'var(--mantine-primary-color-light)' : undefined,
                  }}
                >
                  <Text span fw={600} ff="monospace" size="sm">
                    {command.name}
                  </Text>{' '}
                  <Text span size="sm" c="dimmed">
                    {command.hint} — {command.description}
                  </Text>
                </div>
              ))}
            </Paper>
          )}
          <Textarea
            ref={ref}
            aria-label="Ask a question or type / for commands"
            placeholder={props.placeholder}
            autosize
            minRows={1}
            maxRows={8}
            value={text}
            disabled={props.disabled}
            role="combobox"
            aria-expanded={open}
            aria-controls={open ? listId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setDismissed(false);
              setActive(0);
            }}
            onKeyDown={(event) => {
              if (open) {
                if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                  event.preventDefault();
                  const step = event.key === 'ArrowDown' ? 1 : -1;
                  setActive((active + step + suggestions.length) % suggestions.length);
                  return;
                }
                if (event.key === 'Tab' || (event.key === 'Enter' && suggestions[active]?.name !== text)) {
                  event.preventDefault();
                  complete(active);
                  return;
                }
                if (event.key === 'Escape') {
                  event.preventDefault();
                  setDismissed(true);
                  return;
                }
              }
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                send();
              }
            }}
          />
        </div>
        <Button onClick={send} loading={props.busy} disabled={props.disabled || !text.trim()}>
          Ask
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        Enter to ask · Shift+Enter for a new line · / for commands
      </Text>
    </Paper>
  );
});
