/** What the composer does with a line: ask it, or run one of the slash commands. */
export type ComposerAction =
  | { kind: 'ask'; question: string }
  | { kind: 'upload' }
  | { kind: 'profile'; table: string }
  | { kind: 'explain'; question: string }
  | { kind: 'sql'; sql: string }
  | { kind: 'invalid'; message: string };

export const slashCommands = [
  { name: '/upload', hint: '', description: 'Upload a CSV, Excel, Parquet or JSON file' },
  { name: '/profile', hint: 'table', description: 'Profile a table: types, empties, distributions' },
  { name: '/explain', hint: 'question', description: 'Ask and show how it was read and the SQL' },
  { name: '/sql', hint: 'SELECT …', description: 'Run your own read-only SQL' },
] as const;

export type SlashCommandName = (typeof slashCommands)[number]['name'];

/** Commands whose name starts with what was typed so far (only while the line is a bare `/word`). */
export function matchingCommands(text: string): (typeof slashCommands)[number][] {
  if (!/^\/\S*$/.test(text)) return [];
  return slashCommands.filter((command) => command.name.startsWith(text.toLowerCase()));
}

export function parseComposerLine(line: string): ComposerAction {
  const text = line.trim();
  if (!text.startsWith('/')) return { kind: 'ask', question: text };
  const match = /^\/(\w+)\s*([\s\S]*)$/.exec(text);
  const name = match?.[1]?.toLowerCase();
  const rest = match?.[2]?.trim() ?? '';
  switch (name) {
    case 'upload':
      return { kind: 'upload' };
    case 'profile':
      return rest
        ? { kind: 'profile', table: rest }
        : { kind: 'invalid', message: 'Which table? Try /profile orders' };
    case 'explain':
      return rest
        ? { kind: 'explain', question: rest }
        : { kind: 'invalid', message: 'Add a question: /explain revenue by region' };
    case 'sql':
      return rest ? { kind: 'sql', sql: rest } : { kind: 'invalid', message: 'Add a query: /sql SELECT …' };
    default:
      return {
        kind: 'invalid',
        message: `Unknown command ${text.split(/\s/)[0]}. Try /upload, /profile, /explain or /sql.`,
      };
  }
}
