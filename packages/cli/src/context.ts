import { resolve } from 'node:path';
import type { Command } from 'commander';

/** Options every command understands; read once here, the CLI being the composition root. */
export interface GlobalOptions {
  home: string;
  debug: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ home?: string; debug?: boolean }>();
  return {
    home: resolve(options.home ?? process.env.ASKDATA_HOME ?? '.askdata'),
    debug: options.debug === true,
  };
}
