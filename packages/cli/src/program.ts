import { userMessage } from '@askdata/core';
import { Command, CommanderError } from 'commander';
import { commands } from './commands';

/** Builds the `askdata` program; each command lives in its own file under ./commands and registers itself. */
export function buildProgram(): Command {
  const program = new Command('askdata')
    .description('Ask questions of your data in plain language — offline, over DuckDB.')
    .option('--debug', 'show stack traces on errors')
    .option('--home <dir>', 'workspace folder (default: $ASKDATA_HOME or ./.askdata)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI and returns the exit code; errors are one line unless --debug. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    if (argv.includes('--debug')) console.error(error);
    else console.error(`askdata: ${userMessage(error)}`);
    return 1;
  }
}
