import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AnalysisSource,
  type Answer,
  askQuestion,
  type EngineChoice,
  type PipelineEvent,
  prepareSource,
  sqliteSource,
  workspaceSource,
} from '@askdata/assistant';
import { AskdataError } from '@askdata/core';
import { openWorkspace } from '@askdata/engine';
import { type ConversationTurn, rememberTurn, summariseResult } from '@askdata/llm';
import type { Command } from 'commander';
import pc from 'picocolors';
import { globalOptions } from '../context';
import { openDatabaseSource } from '../database-source';
import { writeChart, writeExport } from '../export-answer';
import { renderAnswer, renderEnding, renderLiveEvent } from '../format/answer-text';
import { llmClientFor } from '../llm-settings';
import { createProgress } from '../progress';
import { askAcrossSources } from './ask-cross-source';
import type { RegisterCommand } from './index';
import { positiveInteger } from './options';

interface AskCommandOptions {
  data?: string;
  db?: string;
  schema?: string;
  json?: boolean;
  chart?: string;
  export?: string;
  asOf?: string;
  continue?: boolean;
  maxRows: number;
  timeout: number;
  semantic?: string;
  engine?: string;
  privacy?: boolean;
  yes?: boolean;
}

const engineChoices: readonly EngineChoice[] = ['offline', 'llm', 'auto'];

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

/**
 * The conversation so far, so `--continue` can ask a follow-up: the last answer's spec and first rows
 * (for the offline engine) and a bounded window of turns without rows (for the LLM).
 */
type Conversation = Pick<Answer, 'spec' | 'result'> & { memory?: ConversationTurn[] };

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
      'a CSV/TSV/XLSX/Parquet/JSON file to load first, or a SQLite database file to query in place; with --db, the file is joined with a database table',
    )
    .option(
      '--db <target>',
      'ask a database where it lives: postgres://…, mysql://… (MariaDB too), clickhouse://, trino://, bigquery://, snowflake://, a SQLite file or a workspace folder',
    )
    .option('--schema <names>', 'with --db: PostgreSQL schemas or MySQL databases to use, comma-separated')
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
    .option(
      '--engine <name>',
      'offline (embedded engine), llm (the configured LLM) or auto (offline first, LLM when unsure); default auto when ASKDATA_LLM is set, else offline',
    )
    .option('--privacy', 'metadata only: send no cell values (samples, rows, facts) to the LLM')
    .option(
      '-y, --yes',
      'with --data and --db together: run the join in full without asking after the preview',
    )
    .action(async (question: string, options: AskCommandOptions, command: Command) => {
      const global = globalOptions(command);
      if (options.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
        throw new AskdataError('invalid_input', `--as-of takes a date as YYYY-MM-DD, not ${options.asOf}.`);
      }
      const engine = options.engine as EngineChoice | undefined;
      if (engine !== undefined && !engineChoices.includes(engine)) {
        throw new AskdataError(
          'invalid_input',
          `--engine takes offline, llm or auto, not ${options.engine}.`,
        );
      }
      const llm =
        engine === 'offline'
          ? undefined
          : await llmClientFor(global.home, { privacy: options.privacy === true });
      if (engine === 'llm' || engine === 'auto') {
        if (!llm) {
          throw new AskdataError(
            'llm_not_configured',
            'No LLM is configured: set ASKDATA_LLM (for example openai:gpt-4.1-mini with OPENAI_API_KEY, or ollama:llama3.1).',
          );
        }
      }
      if (options.db && options.data) {
        // A file joined with a database table: preview on a sample, full run on confirmation.
        await askAcrossSources(question, { ...options, data: options.data, db: options.db }, global.home);
        return;
      }
      const { source, files } = options.db
        ? { source: await openDatabaseSource(options.db, options.schema), files: [] }
        : await openSource(global.home, options.data);
      let ending: PipelineEvent | undefined;
      let memory: ConversationTurn[] = [];
      try {
        const semanticYaml = options.semantic
          ? { text: await readFile(options.semantic, 'utf8'), fileName: options.semantic }
          : undefined;
        const prepared = await prepareSource(source, semanticYaml ? { semanticYaml } : {});
        const previous = options.continue ? await readConversation(global.home) : undefined;
        if (options.continue && !previous)
          console.error(pc.dim('No previous answer to follow up on; asking afresh.'));
        memory = previous?.memory ?? [];
        for await (const event of askQuestion(question, prepared, {
          maxRows: options.maxRows,
          timeoutMs: options.timeout,
          ...(options.asOf ? { asOf: options.asOf } : {}),
          ...(previous ? { previous } : {}),
          ...(engine ? { engine } : {}),
          ...(llm ? { llm, memory } : {}),
        })) {
          if (['answer', 'clarification', 'abstention', 'error'].includes(event.type)) ending = event;
          const live = renderLiveEvent(event);
          if (live && !options.json) console.error(live);
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
        ...(answer.spec ? { spec: answer.spec } : {}),
        result: { ...answer.result, rows: answer.result.rows.slice(0, 20) },
        memory: rememberTurn(memory, {
          question,
          interpretation: answer.interpretation,
          ...(answer.spec ? { spec: answer.spec } : { sql: answer.sql }),
          summary: summariseResult(
            answer.result.rowCount,
            answer.result.columns.map((column) => column.name),
          ),
        }),
      };
      await writeFile(join(global.home, 'conversation.json'), JSON.stringify(conversation)).catch(
        () => undefined,
      );
      if (options.chart) await writeChart(answer, options.chart);
      if (options.export) await writeExport(answer, options.export, files);
      console.log(options.json ? JSON.stringify(answer, null, 2) : renderAnswer(answer));
    });
};
