import type { Command } from 'commander';
import { globalOptions } from '../context';
import { renderResultTable, resultAsCsv, resultAsJson } from '../format/result-table';
import { runWorkspaceSql, withWorkspace } from '../workspace-session';
import type { RegisterCommand } from './index';
import { positiveInteger } from './options';

export const registerSql: RegisterCommand = (program) => {
  program
    .command('sql')
    .description('Run a read-only SQL query (DuckDB dialect) on the workspace tables')
    .argument('<query>', 'one SELECT statement')
    .option('--json', 'print rows as JSON')
    .option('--csv', 'print rows as CSV')
    .option('--max-rows <n>', 'row cap written into the query', positiveInteger, 1000)
    .option('--timeout <ms>', 'time limit in milliseconds', positiveInteger, 30_000)
    .action(
      async (
        query: string,
        options: { json?: boolean; csv?: boolean; maxRows: number; timeout: number },
        command: Command,
      ) => {
        const result = await withWorkspace(globalOptions(command), (workspace) =>
          runWorkspaceSql(workspace, query, { maxRows: options.maxRows, timeoutMs: options.timeout }),
        );
        if (options.json) console.log(JSON.stringify(resultAsJson(result), null, 2));
        else if (options.csv) process.stdout.write(resultAsCsv(result));
        else console.log(renderResultTable(result));
      },
    );
};
