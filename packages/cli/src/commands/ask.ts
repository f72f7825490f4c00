import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AnalysisSource,
  type Answer,
  askQuestion,
  type PipelineEvent,
  prepareSource,
  sqliteSource,
  workspaceSource,
} from '@askdata/assistant';
import { AskdataError } from '@askdata/core';
import { openWorkspace } from '@askdata/engine';
import type { Command } from 'commander';
import pc from 'picocolors';
import { globalOptions } from '../context';
import { writeChart, writeExport } from '../export-answer';
import { renderAnswer, renderEnding } from '../format/answer-text';
import { createProgress } from '../progress';
import type { RegisterCommand } from './index';
import { positiveInteger } from './options';

interface AskCommandOptions {
  data?: string;
  json?: boolean;
  chart?: string;
  export?: string;
  asOf?: string;
  continue?: boolean;
  maxRows: number;
  timeout: number;
  semantic?: string;
}

async function isSqliteFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const header = Buffer.alloc(16);
    await handle.read(header, 0, 16, 0);
    return header.toString('latin1') === 'SQLite format 3\0';
  } finally {
    await handle.close();
  }
}

/** The conversation so far (the last answer's spec and first rows), so `--continue` can ask a follow-up. */
type Conversation = Pick<Answer, 'spec' | 'result'>;

async function readConversation(home: string): Promise<Conversation | undefined> {
  try {
    return JSON.parse(await readFile(join(home, 'conversation.json'), 'utf8')) as Conversation;
  } catch {
    return undefined;
  }
}

async function openSource(
  home: string,
  data: string | undefined,
): Promise<{ source: AnalysisSource; files: { table: string; path: string }[] }> {
  if (data && (await isSqliteFile(data))) return { source: sqliteSource(data), files: [] };
  const workspace = await openWorkspace({ home });
  await workspace.refresh();
  if (data) {
    const progress = createProgress(data);
    try {
      const loaded = await workspace.load(data, { onProgress: (update) => progress.update(update) });
      progress.done();
      if (loaded.status !== 'unchanged') console.error(pc.dim(loaded.message));
    } catch (error) {
      progress.done();
      workspace.close();
      throw error;
    }
  }
  if (workspace.tables().length === 0) {
    workspace.close();
    throw new AskdataError(
      'invalid_input',
      'The workspace is empty: load a file first (askdata load <file>) or pass --data <file>.',
    );
  }
  const files = workspace
    .datasets()
    .flatMap((dataset) => dataset.tables.map((table) => ({ table: table.name, path: dataset.source.path })));
  return { source: workspaceSource(workspace), files };
}

export const registerAsk: RegisterCommand = (program) => {
  program
    .command('ask')
    .description(
      'Ask a question in plain language; prints the interpretation, the SQL, the result and a short narrative',
    )
    .argument('<question>', 'e.g. "revenue by region last year"')
    .option(
      '--data <path>',
      'a CSV/TSV/XLSX/Parquet/JSON file to load first, or a SQLite database file to query in place',
    )
    .option('--json', 'print the answer as JSON')
    .option('--chart <file>', 'write the chart as .png, .svg or .json (Vega-Lite)')
    .option(
      '--export <file>',
      'write the analysis as .ipynb, .md, .html, or the rows as .csv, .parquet, .xlsx',
    )
    .option('--as-of <date>', 'the "today" relative dates resolve against (YYYY-MM-DD)')
    .option('-c, --continue', 'treat the question as a follow-up to the previous answer')
    .option('--semantic <file>', 'an askdata.yaml with metrics, synonyms and descriptions')
    .option('--max-rows <n>', 'row cap', positiveInteger, 5000)
    .option('--timeout <ms>', 'time limit per query in milliseconds', positiveInteger, 30_000)
    .action(async (question: string, options: AskCommandOptions, command: Command) => {
      const global = globalOptions(command);
      if (options.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
        throw new AskdataError('invalid_input', `--as-of takes a date as YYYY-MM-DD, not ${options.asOf}.`);
      }
      const { source, files } = await openSource(global.home, options.data);
      let ending: PipelineEvent | undefined;
      try {
        const semanticYaml = options.semantic
          ? { text: await readFile(options.semantic, 'utf8'), fileName: options.semantic }
          : undefined;
        const prepared = await prepareSource(source, semanticYaml ? { semanticYaml } : {});
        const previous = options.continue ? await readConversation(global.home) : undefined;
        if (options.continue && !previous)
          console.error(pc.dim('No previous answer to follow up on; asking afresh.'));
        for await (const event of askQuestion(question, prepared, {
          maxRows: options.maxRows,
          timeoutMs: options.timeout,
          ...(options.asOf ? { asOf: options.asOf } : {}),
          ...(previous ? { previous } : {}),
        })) {
          if (['answer', 'clarification', 'abstention', 'error'].includes(event.type)) ending = event;
        }
      } finally {
        await source.close();
      }
      if (!ending) throw new AskdataError('internal', 'The question produced no answer.');
      if (ending.type === 'error') throw new AskdataError(ending.code, ending.message);
      if (ending.type !== 'answer') {
        console.log(options.json ? JSON.stringify(ending, null, 2) : renderEnding(ending));
        process.exitCode = 3;
        return;
      }
      const answer = ending.answer;
      const conversation: Conversation = {
        spec: answer.spec,
        result: { ...answer.result, rows: answer.result.rows.slice(0, 20) },
      };
      await writeFile(join(global.home, 'conversation.json'), JSON.stringify(conversation)).catch(
        () => undefined,
      );
      if (options.chart) await writeChart(answer, options.chart);
      if (options.export) await writeExport(answer, options.export, files);
      console.log(options.json ? JSON.stringify(answer, null, 2) : renderAnswer(answer));
    });
};
