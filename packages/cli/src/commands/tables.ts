import type { Command } from 'commander';
import { globalOptions } from '../context';
import { printDatabaseTables } from '../database-tables';
import { createTable } from '../format/terminal-table';
import { withWorkspace } from '../workspace-session';
import type { RegisterCommand } from './index';

export const registerTables: RegisterCommand = (program) => {
  program
    .command('tables')
    .description('List the tables loaded in the workspace')
    .option('--json', 'print as JSON')
    .option(
      '--db <target>',
      'list a database instead: postgres://…, mysql://…, a SQLite file or a workspace folder',
    )
    .option('--schema <names>', 'with --db: PostgreSQL schemas or MySQL databases to list, comma-separated')
    .action(async (options: { json?: boolean; db?: string; schema?: string }, command: Command) => {
      if (options.db) {
        await printDatabaseTables(
          globalOptions(command).home,
          options.db,
          options.schema,
          options.json === true,
        );
        return;
      }
      const datasets = await withWorkspace(globalOptions(command), async (workspace) => workspace.datasets());
      if (options.json) {
        console.log(JSON.stringify(datasets, null, 2));
        return;
      }
      if (datasets.length === 0) {
        console.log(
          'The workspace is empty: load a file with `askdata load <file>` (or try `npm start` for the demo).',
        );
        return;
      }
      const table = createTable(['table', 'rows', 'columns', 'dataset', 'snapshot', 'source']);
      for (const dataset of datasets) {
        for (const record of dataset.tables) {
          table.push([
            record.name,
            record.rowCount,
            record.columns.length,
            dataset.id,
            dataset.snapshotId,
            dataset.source.path,
          ]);
        }
      }
      console.log(table.toString());
    });
};
