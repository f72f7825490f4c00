import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { renderChart, toCsv } from '@askdata/answer';
import {
  type AnalysisSource,
  type CrossSourceResult,
  planCrossSource,
  runCrossSourcePlan,
  workspaceSource,
} from '@askdata/assistant';
import { AskdataError } from '@askdata/core';
import { openWorkspace } from '@askdata/engine';
import pc from 'picocolors';
import { openDatabaseSource } from '../database-source';
import { renderCrossSourceEnding, renderCrossSourceResult } from '../format/cross-source-text';
import { createProgress } from '../progress';

export interface CrossSourceAskOptions {
  data: string;
  db: string;
  schema?: string;
  yes?: boolean;
  json?: boolean;
  asOf?: string;
  chart?: string;
  export?: string;
  maxRows: number;
  timeout: number;
}

/**
 * `askdata ask "…" --data file.csv --db postgres://…`: loads the file, finds the join key, previews the join on
 * a sample and runs it in full once the person confirms (y/N on a terminal, or `--yes`).
 */
export async function askAcrossSources(
  question: string,
  options: CrossSourceAskOptions,
  home: string,
): Promise<void> {
  if (options.export && extname(options.export).toLowerCase() !== '.csv')
    throw new AskdataError(
      'invalid_input',
      'With --data and --db together, --export writes the rows as .csv.',
    );
  const workspace = await openWorkspace({ home });
  let database: AnalysisSource | undefined;
  try {
    const progress = createProgress(options.data);
    const loaded = await workspace
      .load(options.data, { onProgress: (update) => progress.update(update) })
      .finally(() => progress.done());
    if (!options.json) {
      console.error(pc.dim(loaded.message));
      for (const table of loaded.dataset.tables)
        console.error(
          pc.dim(
            `  ${table.name}: ${table.columns.map((column) => `${column.name} (${column.logicalType})`).join(', ')}`,
          ),
        );
    }
    const fileTables = loaded.dataset.tables.map((table) => table.name);
    const files = workspaceSource(workspace);
    database = await openDatabaseSource(options.db, options.schema);
    const limits = { maxRows: options.maxRows, timeoutMs: options.timeout };
    const planning = await planCrossSource(question, {
      files,
      database,
      fileTables,
      timeoutMs: options.timeout,
      ...(options.asOf ? { asOf: options.asOf } : {}),
    });
    if (planning.kind !== 'plan') {
      console.log(options.json ? JSON.stringify(planning, null, 2) : renderCrossSourceEnding(planning));
      process.exitCode = 3;
      return;
    }
    const sources = { files, database };
    const preview = await runCrossSourcePlan(planning.plan, { ...sources, ...limits, mode: 'preview' });
    if (!options.json) console.log(`${pc.bold('Preview')}\n${renderCrossSourceResult(preview)}`);
    if (!(await confirmed(options))) {
      if (options.json) console.log(JSON.stringify({ plan: planning.plan, preview }, null, 2));
      else console.log(pc.dim('Preview only. To run on all rows, add --yes (or answer y on a terminal).'));
      return;
    }
    const full = await runCrossSourcePlan(planning.plan, { ...sources, ...limits, mode: 'full' });
    if (options.json) console.log(JSON.stringify({ plan: planning.plan, preview, result: full }, null, 2));
    else console.log(`\n${pc.bold('Full run')}\n${renderCrossSourceResult(full)}`);
    await writeOutputs(full, options);
  } finally {
    await database?.close();
    workspace.close();
  }
}

async function confirmed(options: CrossSourceAskOptions): Promise<boolean> {
  if (options.yes) return true;
  if (options.json || !process.stdin.isTTY || !process.stdout.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const reply = await prompt.question('Run the join on all rows? [y/N] ');
    return /^y(es)?$/i.test(reply.trim());
  } finally {
    prompt.close();
  }
}

async function writeOutputs(result: CrossSourceResult, options: CrossSourceAskOptions): Promise<void> {
  if (options.export) await writeFile(options.export, toCsv(result.result));
  if (!options.chart) return;
  const extension = extname(options.chart).toLowerCase();
  if (extension === '.json') {
    await writeFile(options.chart, `${JSON.stringify(result.chart.spec, null, 2)}\n`);
    return;
  }
  if (extension !== '.png' && extension !== '.svg')
    throw new AskdataError(
      'invalid_input',
      `--chart writes .png, .svg or .json (Vega-Lite), not ${extension}.`,
    );
  const rendered = await renderChart(result.chart.spec, extension === '.png' ? 'png' : 'svg', { scale: 2 });
  await writeFile(options.chart, rendered.data);
}
