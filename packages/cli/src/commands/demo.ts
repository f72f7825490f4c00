import { demoDataDir, ensureDemoData } from '@askdata/engine';
import type { Command } from 'commander';
import pc from 'picocolors';
import { globalOptions } from '../context';
import { renderResultTable } from '../format/result-table';
import { createProgress } from '../progress';
import { runWorkspaceSql, withWorkspace } from '../workspace-session';
import type { RegisterCommand } from './index';

/** Questions the demo shows, with the SQL that answers them (the offline language engine writes such SQL). */
const demoQueries: { title: string; sql: string }[] = [
  {
    title: 'Revenue by year',
    sql: `SELECT year(o.order_date) AS year, round(sum(l.revenue), 2) AS revenue
          FROM order_lines l JOIN orders o ON o.order_id = l.order_id GROUP BY 1 ORDER BY 1`,
  },
  {
    title: 'Revenue by customer segment',
    sql: `SELECT c.segment, round(sum(l.revenue), 2) AS revenue
          FROM order_lines l JOIN orders o ON o.order_id = l.order_id JOIN customers c ON c.id = o.customer_id
          GROUP BY 1 ORDER BY 2 DESC`,
  },
  {
    title: 'Top 5 products by units sold',
    sql: `SELECT p.name, sum(l.quantity) AS units
          FROM order_lines l JOIN products p ON p.id = l.product_id GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
  },
];

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
        for (const query of demoQueries) {
          console.log(`\n${pc.bold(query.title)}\n${pc.dim(query.sql.replace(/\s+/g, ' '))}`);
          console.log(
            renderResultTable(
              await runWorkspaceSql(workspace, query.sql, { maxRows: 100, timeoutMs: 30_000 }),
            ),
          );
        }
      });
      console.log(
        `\nNext: ${pc.cyan('npx askdata tables')}, ${pc.cyan('npx askdata profile orders')}, ${pc.cyan(`npx askdata sql "SELECT status, count(*) FROM orders GROUP BY 1"`)}`,
      );
    });
};
