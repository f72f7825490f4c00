import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AskdataError } from '@askdata/core';
import { type AuditExportFormat, openStore, resolveStoreOptions, type Store } from '@askdata/store';
import type { Command } from 'commander';
import { globalOptions } from '../context';
import type { RegisterCommand } from './index';

/** Opens the metadata store the way `askdata serve` does (ASKDATA_HOME or DATABASE_URL). */
async function withStore<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(await resolveStoreOptions(globalOptions(command).home, process.env));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const problems = {
  hash_mismatch: 'an entry was changed after it was written',
  broken_link: 'an entry does not follow the one before it (changed, removed or inserted)',
  missing_entries: 'entries are missing from the end of the log',
} as const;

export const registerAudit: RegisterCommand = (program) => {
  const audit = program.command('audit').description('Check and export the tamper-evident audit log');

  audit
    .command('verify')
    .description('Recompute the audit hash chain; exit code 1 when it does not hold')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const result = await withStore(command, (store) => store.audit.verify());
      if (options.json) console.log(JSON.stringify(result));
      else if (result.ok) console.log(`Audit log intact: ${result.checked} entries verified.`);
      else {
        const where = result.firstBadId ? ` at entry ${result.firstBadId}` : '';
        const why = result.problem ? problems[result.problem] : 'the chain does not hold';
        console.log(`Audit log TAMPERED${where}: ${why} (${result.checked} entries checked).`);
      }
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('export')
    .description('Write the audit log of the default organisation as CSV or JSON Lines')
    .option('--format <format>', 'csv or jsonl', 'jsonl')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (options: { format: string; output?: string }, command: Command) => {
      if (options.format !== 'csv' && options.format !== 'jsonl') {
        throw new AskdataError(
          'invalid_input',
          `Unknown export format "${options.format}"; use csv or jsonl.`,
        );
      }
      const format: AuditExportFormat = options.format;
      await withStore(command, async (store) => {
        const chunks = store.audit.export((await store.defaultOrg()).id, format);
        if (options.output) await pipeline(Readable.from(chunks), createWriteStream(options.output));
        else for await (const chunk of chunks) process.stdout.write(chunk);
      });
    });
};
