import { askQuestion, prepareSource, workspaceSource } from '@askdata/assistant';
import { demoDataDir, demoLastDay, ensureDemoData } from '@askdata/engine';
import type { Command } from 'commander';
import pc from 'picocolors';
import { globalOptions } from '../context';
import { renderAnswer, renderEnding } from '../format/answer-text';
import { renderResultTable } from '../format/result-table';
import { createProgress } from '../progress';
import { runWorkspaceSql, withWorkspace } from '../workspace-session';
import type { RegisterCommand } from './index';

/** Questions the demo asks the offline engine, as a newcomer would. */
const demoQuestions = [
  'Total revenue by customer segment',
  'Number of orders by year',
  'Top 5 products by revenue',
];

/** And one query in SQL, for people who prefer to write their own. */
const demoSql = 'SELECT status, count(*) AS orders FROM orders GROUP BY 1 ORDER BY 2 DESC';

export const registerDemo: RegisterCommand = (program) => {
  program
    .command('demo')
    .description('Generate the retail demo data, load it, profile it and run a few queries')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const demo = await ensureDemoData(demoDataDir(global.home));
      console.log(pc.bold(`Demo data in ${demo.dir}${demo.generated ? ' (generated now)' : ''}`));
      await withWorkspace(global, async (workspace) => {
        for (const file of Object.values(demo.files)) {
          const progress = createProgress(file);
          try {
            const result = await workspace.load(file, { onProgress: (update) => progress.update(update) });
            progress.done();
            console.log(`  ${result.message}`);
            for (const warning of result.warnings) console.log(pc.yellow(`    ! ${warning}`));
          } finally {
            progress.done();
          }
        }
        const prepared = await prepareSource(workspaceSource(workspace));
        for (const question of demoQuestions) {
          console.log(`\n${pc.bold(pc.cyan(`> askdata ask "${question}"`))}`);
          for await (const event of askQuestion(question, prepared, { asOf: demoLastDay })) {
            if (event.type === 'answer') console.log(renderAnswer(event.answer));
            else if (event.type === 'error') console.log(pc.red(event.message));
            else {
              const ending = renderEnding(event);
              if (ending) console.log(ending);
            }
          }
        }
        console.log(`\n${pc.bold(pc.cyan(`> askdata sql "${demoSql}"`))}`);
        console.log(
          renderResultTable(await runWorkspaceSql(workspace, demoSql, { maxRows: 100, timeoutMs: 30_000 })),
        );
      });
      console.log(
        `\nNext: ${pc.cyan('npx askdata ask "revenue by region in 2025"')}, ${pc.cyan('npx askdata profile orders')}, ${pc.cyan('npx askdata tables')}`,
      );
    });
};
