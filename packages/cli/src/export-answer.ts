import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { renderChart, renderReport, toCsv, toNotebook, writeParquet, writeXlsx } from '@askdata/answer';
import type { Answer } from '@askdata/assistant';
import { AskdataError } from '@askdata/core';

/** Writes the chart as PNG, SVG or Vega-Lite JSON, chosen by the file extension. */
export async function writeChart(answer: Answer, path: string): Promise<void> {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') {
    await writeFile(path, `${JSON.stringify(answer.chart.spec, null, 2)}\n`);
    return;
  }
  if (extension !== '.png' && extension !== '.svg') {
    throw new AskdataError(
      'invalid_input',
      `--chart writes .png, .svg or .json (Vega-Lite), not ${extension || 'a file without extension'}.`,
    );
  }
  const rendered = await renderChart(answer.chart.spec, extension === '.png' ? 'png' : 'svg', { scale: 2 });
  await writeFile(path, rendered.data);
}

/** Writes the analysis in the format of the file extension: notebook, report, or the result's rows. */
export async function writeExport(
  answer: Answer,
  path: string,
  sources: { table: string; path: string }[],
): Promise<void> {
  const extension = extname(path).toLowerCase();
  switch (extension) {
    case '.ipynb':
      await writeFile(
        path,
        `${JSON.stringify(toNotebook({ question: answer.question, sql: answer.sql, sources, narrative: answer.narrative, result: answer.result }), null, 1)}\n`,
      );
      return;
    case '.md':
    case '.html': {
      const chart =
        answer.chart.choice.type === 'table' ? undefined : await renderChart(answer.chart.spec, 'svg');
      const report = renderReport(
        {
          question: answer.question,
          title: answer.interpretation,
          narrative: answer.narrative,
          ...(chart ? { chartSvg: chart.data.toString('utf8'), chartAlt: answer.chart.altText } : {}),
          sql: answer.sql,
          result: answer.result,
        },
        extension === '.md' ? 'markdown' : 'html',
      );
      await writeFile(path, report);
      return;
    }
    case '.csv':
      await writeFile(path, toCsv(answer.result));
      return;
    case '.parquet':
      await writeParquet(answer.result, path);
      return;
    case '.xlsx':
      await writeXlsx(answer.result, path);
      return;
    default:
      throw new AskdataError(
        'invalid_input',
        `--export writes .ipynb, .md, .html, .csv, .parquet or .xlsx, not ${extension || 'a file without extension'}.`,
      );
  }
}
