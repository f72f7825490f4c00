import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AskdataError } from '@askdata/core';
import {
  createAnswerer,
  createWorkspaceTableLoader,
  engineNames,
  evaluateFile,
  formatReport,
  isEngineName,
  type RecordResult,
} from '@askdata/eval';
import type { Command } from 'commander';
import type { RegisterCommand } from './index';

interface EvalOptions {
  engine: string;
  limit?: string;
  offset?: string;
  sample?: string;
  seed?: string;
  out?: string;
  categoryField?: string;
  timeout?: string;
}

function count(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new AskdataError('invalid_input', `${option} needs a whole number, got "${value}".`);
  }
  return Number(value);
}

/** Progress on stderr: redrawn in place on a terminal, a line every 10% otherwise (CI logs stay short). */
function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let correct = 0;
  let lastTenth = -1;
  return {
    update(result: RecordResult, done: number, total: number) {
      if (result.status === 'correct') correct += 1;
      const text = `eval: ${done}/${total} records, ${correct} correct`;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth || done === total) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\r\x1b[2K');
    },
  };
}

async function runEvalCommand(file: string, options: EvalOptions): Promise<void> {
  if (!isEngineName(options.engine)) {
    throw new AskdataError(
      'invalid_input',
      `Unknown engine "${options.engine}": choose one of ${engineNames.join(', ')}.`,
    );
  }
  const selection = {
    limit: count(options.limit, '--limit'),
    offset: count(options.offset, '--offset'),
    sample: count(options.sample, '--sample'),
    seed: count(options.seed, '--seed'),
    answerTimeoutMs: count(options.timeout, '--timeout'),
  };
  // The CLI is the composition root: the LLM engine reads ASKDATA_LLM and keys from this environment.
  const answerer = await createAnswerer(options.engine, { environment: process.env });
  const progress = progressPrinter();
  try {
    const report = await evaluateFile(resolve(file), {
      ...selection,
      answerer,
      tableLoader: createWorkspaceTableLoader(),
      categoryField: options.categoryField,
      onResult: progress.update,
    });
    progress.done();
    console.log(formatReport(report));
    if (options.out) {
      await writeFile(resolve(options.out), `${JSON.stringify(report, null, 2)}\n`);
      console.log(`report written to ${options.out}`);
    }
  } finally {
    await answerer.close?.();
  }
}

/** `askdata eval <file.jsonl>`: scores an engine on a benchmark file (Spider-, WTQ- or nvBench-like records). */
export const registerEval: RegisterCommand = (program: Command) => {
  program
    .command('eval')
    .description('score an answering engine on a JSONL benchmark file (execution / denotation accuracy)')
    .argument(
      '<file>',
      'JSON Lines file with records like {id, db, question, gold_sql} or {id, table, question, answers}',
    )
    .option('--engine <name>', `answering engine (${engineNames.join('|')})`, 'offline')
    .option('--limit <n>', 'run at most N records')
    .option('--offset <n>', 'skip the first N records')
    .option('--sample <n>', 'draw N records at random (after offset/limit)')
    .option('--seed <s>', 'seed for --sample (default 0)')
    .option('--out <path>', 'write the full JSON report (failures, categories, latency) to this file')
    .option('--category-field <field>', 'group results by this record field instead of the derived category')
    .option('--timeout <ms>', 'longest wait for one answer, in milliseconds (default 60000)')
    .action(runEvalCommand);
};
