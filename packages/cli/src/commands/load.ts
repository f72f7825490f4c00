import type { Command } from 'commander';
import pc from 'picocolors';
import { globalOptions } from '../context';
import { createProgress } from '../progress';
import { withWorkspace } from '../workspace-session';
import type { RegisterCommand } from './index';

export const registerLoad: RegisterCommand = (program) => {
  program
    .command('load')
    .description('Load CSV/TSV, Excel (.xlsx), Parquet or JSON files into the workspace')
    .argument('<files...>', 'files to load')
    .option('--name <name>', 'dataset name (one file only; default: the file name)')
    .option('--json', 'print the loaded datasets as JSON')
    .action(async (files: string[], options: { name?: string; json?: boolean }, command: Command) => {
      if (options.name && files.length > 1)
        throw new Error('--name applies to one file; load the files one by one.');
      const results = await withWorkspace(globalOptions(command), async (workspace) => {
        const done = [];
        for (const file of files) {
          const progress = createProgress(file);
          try {
            done.push(
              await workspace.load(file, {
                name: options.name,
                onProgress: (update) => progress.update(update),
              }),
            );
          } finally {
            progress.done();
          }
        }
        return done;
      });
      if (options.json) {
        console.log(JSON.stringify(results, null, 2));
        return;
      }
      for (const result of results) {
        console.log(result.message);
        for (const table of result.dataset.tables) {
          const columns = table.columns
            .map((column) => `${column.name} ${pc.dim(column.logicalType)}`)
            .join(', ');
          console.log(`  ${pc.bold(table.name)} (${table.rowCount} rows): ${columns}`);
        }
        for (const warning of result.warnings) console.log(pc.yellow(`  ! ${warning}`));
      }
    });
};
