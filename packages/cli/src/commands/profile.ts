import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AskdataError } from '@askdata/core';
import {
  profileTable,
  renderProfileHtml,
  renderProfileMarkdown,
  renderProfileTerminal,
} from '@askdata/engine';
import type { Command } from 'commander';
import { globalOptions } from '../context';
import { createProgress } from '../progress';
import { looksLikeFile, withWorkspace } from '../workspace-session';
import type { RegisterCommand } from './index';

export const registerProfile: RegisterCommand = (program) => {
  program
    .command('profile')
    .description('Profile a loaded table, or load a file and profile it')
    .argument('<table-or-file>', 'a table name from `askdata tables`, or a file path')
    .option('--json', 'print the profile as JSON')
    .option('--markdown <file>', 'also write a Markdown report')
    .option('--html <file>', 'also write a self-contained HTML report')
    .action(
      async (
        target: string,
        options: { json?: boolean; markdown?: string; html?: string },
        command: Command,
      ) => {
        const profile = await withWorkspace(globalOptions(command), async (workspace) => {
          let tables = [target];
          if (looksLikeFile(target)) {
            const progress = createProgress(basename(target));
            try {
              const loaded = await workspace.load(target, {
                onProgress: (update) => progress.update(update),
              });
              tables = loaded.dataset.tables.map((table) => table.name);
            } finally {
              progress.done();
            }
            if (tables.length > 1) {
              console.error(
                `${basename(target, extname(target))} has ${tables.length} tables; profiling ${tables[0]}.`,
              );
            }
          }
          const name = tables[0] ?? target;
          const record = workspace.table(name);
          if (!record) {
            const known = workspace.tables().map((table) => table.name);
            throw new AskdataError('table_not_found', `There is no table ${name} in this workspace.`, {
              hint:
                known.length > 0
                  ? `tables: ${known.join(', ')}`
                  : 'load a file first with askdata load <file>',
            });
          }
          const connection = await workspace.internalConnection();
          try {
            return await profileTable(connection, name, {
              schema: workspace.tables().find((table) => table.name === name),
              columnNotes: record.columnNotes,
              tableNotes: record.warnings,
            });
          } finally {
            connection.closeSync();
          }
        });
        if (options.markdown) await writeFile(options.markdown, renderProfileMarkdown(profile));
        if (options.html) await writeFile(options.html, renderProfileHtml(profile));
        console.log(options.json ? JSON.stringify(profile, null, 2) : renderProfileTerminal(profile));
      },
    );
};
