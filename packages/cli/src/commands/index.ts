import type { Command } from 'commander';
import { registerAsk } from './ask';
import { registerAudit } from './audit';
import { registerDemo } from './demo';
import { registerEval } from './eval';
import { registerLoad } from './load';
import { registerProfile } from './profile';
import { registerServe } from './serve';
import { registerSql } from './sql';
import { registerTables } from './tables';

/** Every CLI command registers itself on the program; add one line per command file. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerLoad,
  registerTables,
  registerProfile,
  registerSql,
  registerAsk,
  registerDemo,
  registerEval,
  registerAudit,
  registerServe,
];
