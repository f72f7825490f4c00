import { basename, extname } from 'node:path';
import { isS3Url, S3Storage } from '@askdata/connectors';
import type { Command } from 'commander';
import pc from 'picocolors';
import { globalOptions } from '../context';
import { createProgress } from '../progress';
import { s3OptionsFromEnvironment } from '../s3-options';
import { withWorkspace } from '../workspace-session';
import type { RegisterCommand } from './index';

interface LoadFlags {
  name?: string;
  json?: boolean;
  s3Endpoint?: string;
  s3Region?: string;
}

async function resolveS3(storage: S3Storage, files: string[]) {
  const locations = [];
  for (const file of files.filter(isS3Url)) locations.push(...(await storage.resolve(file)));
  return locations;
}

export const registerLoad: RegisterCommand = (program) => {
  program
    .command('load')
    .description('Load CSV/TSV, Excel (.xlsx), Parquet or JSON files (local or s3://) into the workspace')
    .argument(
      '<files...>',
      'files to load: paths, s3://bucket/key, or s3://bucket/prefix/ for every file under it',
    )
    .option('--name <name>', 'dataset name (one file only; default: the file name)')
    .option('--s3-endpoint <url>', 'S3-compatible endpoint (default: $AWS_ENDPOINT_URL_S3, or AWS)')
    .option('--s3-region <region>', 'S3 region (default: $AWS_REGION, or us-east-1)')
    .option('--json', 'print the loaded datasets as JSON')
    .action(async (files: string[], options: LoadFlags, command: Command) => {
      if (options.name && files.length > 1)
        throw new Error('--name applies to one file; load the files one by one.');
      const results = await withWorkspace(globalOptions(command), async (workspace) => {
        const done = [];
        const storage = files.some(isS3Url) ? new S3Storage(s3OptionsFromEnvironment(options)) : undefined;
        try {
          for (const location of storage ? await resolveS3(storage, files) : []) {
            const progress = createProgress(`s3://${location.bucket}/${location.key}`);
            const object = await storage?.download(location);
            if (!object) continue;
            try {
              done.push(
                await workspace.load(object.path, {
                  name: options.name ?? basename(location.key, extname(location.key)),
                  onProgress: (update) => progress.update(update),
                }),
              );
            } finally {
              progress.done();
              await object.cleanup();
            }
          }
        } finally {
          storage?.close();
        }
        for (const file of files.filter((name) => !isS3Url(name))) {
          const progress = createProgress(file);
          try {
            done.push(
              await workspace.load(file, {
                name: options.name,
                onProgress: (update) => progress.update(update),
              }),
            );
          } finally {
            progress.done();
          }
        }
        return done;
      });
      if (options.json) {
        console.log(JSON.stringify(results, null, 2));
        return;
      }
      for (const result of results) {
        console.log(result.message);
        for (const table of result.dataset.tables) {
          const columns = table.columns
            .map((column) => `${column.name} ${pc.dim(column.logicalType)}`)
            .join(', ');
          console.log(`  ${pc.bold(table.name)} (${table.rowCount} rows): ${columns}`);
        }
        for (const warning of result.warnings) console.log(pc.yellow(`  ! ${warning}`));
      }
    });
};
