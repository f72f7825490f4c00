import { readFileSync } from 'node:fs';
import { SqliteConnector } from '@askdata/connectors';
import type { CellValue } from '@askdata/core';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import {
  copySpiderDatabase,
  spiderAvailable,
  spiderDatabases,
  spiderFile,
  spiderFolder,
} from '../../connectors/test/contract/spider-databases';
import {
  type AnalysisSource,
  askQuestion,
  connectorSource,
  mysqlSource,
  type PipelineEvent,
  type PreparedSource,
  postgresSource,
  prepareSource,
} from '../src/index';

const servers = (await probeService('postgres')) && (await probeService('mariadb'));
if (!spiderAvailable()) console.warn(`SKIPPED: Spider databases not found under ${spiderFolder}.`);
const namespace = (database: string) => `askdata_spider_${database}_${process.pid}`.slice(0, 60);

interface SpiderQuestion {
  db: string;
  question: string;
}

const questions: SpiderQuestion[] = spiderAvailable()
  ? readFileSync(`${spiderFolder}/questions.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SpiderQuestion)
  : [];

async function ending(question: string, prepared: PreparedSource): Promise<PipelineEvent | undefined> {
  let last: PipelineEvent | undefined;
  for await (const event of askQuestion(question, prepared)) {
    if (['answer', 'clarification', 'abstention', 'error'].includes(event.type)) last = event;
  }
  return last;
}

function comparable(rows: CellValue[][]): string[] {
  return rows
    .map((row) =>
      JSON.stringify(row.map((cell) => (typeof cell === 'number' ? Math.round(cell * 100) / 100 : cell))),
    )
    .sort();
}

/**
 * Real-world schemas (Spider) copied into PostgreSQL and MariaDB: each connector describes the same tables
 * and keys as the SQLite original, and every question the offline engine answers on the SQLite file gets
 * the same result when it is compiled for, and run in, each server.
 */
describe.skipIf(!servers || !spiderAvailable())(
  'Spider databases on PostgreSQL and MariaDB (push-down)',
  () => {
    let postgresAdmin: pg.Client;
    let mariadbAdmin: mysql.Connection;

    beforeAll(async () => {
      postgresAdmin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
      await postgresAdmin.connect();
      mariadbAdmin = await mysql.createConnection({ uri: serviceAddresses.mariadb.url });
    });

    afterAll(async () => {
      for (const database of spiderDatabases) {
        await postgresAdmin?.query(`DROP SCHEMA IF EXISTS ${namespace(database)} CASCADE`);
        await mariadbAdmin?.query(`DROP DATABASE IF EXISTS ${namespace(database)}`);
      }
      await postgresAdmin?.end();
      await mariadbAdmin?.end();
    });

    for (const database of spiderDatabases) {
      it(`${database}: same schema and same answers as the SQLite file`, async () => {
        const name = namespace(database);
        await postgresAdmin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
        await postgresAdmin.query(`CREATE SCHEMA ${name}`);
        const forPostgres = await copySpiderDatabase(database, 'postgres', name);
        for (const statement of [...forPostgres.statements, ...forPostgres.foreignKeys])
          await postgresAdmin.query(statement);
        await mariadbAdmin.query(`DROP DATABASE IF EXISTS ${name}`);
        await mariadbAdmin.query(`CREATE DATABASE ${name}`);
        const forMariadb = await copySpiderDatabase(database, 'mysql', name);
        for (const statement of [...forMariadb.statements, ...forMariadb.foreignKeys])
          await mariadbAdmin.query(statement);

        const sources: Record<'sqlite' | 'postgres' | 'mariadb', AnalysisSource> = {
          sqlite: await connectorSource(new SqliteConnector(spiderFile(database))),
          postgres: await postgresSource({ url: serviceAddresses.postgres.url, schemas: [name] }),
          mariadb: await mysqlSource({ url: serviceAddresses.mariadb.url, databases: [name] }),
        };
        try {
          const shape = (source: AnalysisSource) =>
            source
              .tables()
              .map((table) => ({
                name: table.name,
                columns: table.columns.map((column) => column.name),
                primaryKey: table.primaryKey ?? [],
                foreignKeys: (table.foreignKeys ?? []).length,
              }))
              .sort((a, b) => a.name.localeCompare(b.name));
          expect(shape(sources.postgres)).toEqual(shape(sources.sqlite));
          expect(shape(sources.mariadb)).toEqual(shape(sources.sqlite));

          const prepared = {
            sqlite: await prepareSource(sources.sqlite),
            postgres: await prepareSource(sources.postgres),
            mariadb: await prepareSource(sources.mariadb),
          };
          let answered = 0;
          for (const { question } of questions.filter((entry) => entry.db === `db/${database}.sqlite`)) {
            const reference = await ending(question, prepared.sqlite);
            if (reference?.type !== 'answer') continue;
            answered += 1;
            for (const server of ['postgres', 'mariadb'] as const) {
              const event = await ending(question, prepared[server]);
              expect(event?.type, `${server}: ${question}`).toBe('answer');
              if (event?.type !== 'answer') continue;
              expect(event.answer.dialect).toBe(server === 'postgres' ? 'postgres' : 'mysql');
              expect(
                comparable(event.answer.result.rows),
                `${server}: ${question}\n${event.answer.sql}`,
              ).toEqual(comparable(reference.answer.result.rows));
            }
          }
          expect(answered).toBeGreaterThan(10);
        } finally {
          for (const source of Object.values(sources)) await source.close();
        }
      });
    }
  },
);
