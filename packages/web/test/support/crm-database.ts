import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { serviceAddresses } from '../../../../test-support/services';

const segments = ['Retail', 'Wholesale', 'Online'];

/** A customer table in a schema of its own on the real PostgreSQL, dropped by `drop()`. */
export interface CrmDatabase {
  schema: string;
  /** A connection URL that sees only this schema (search_path). */
  url: string;
  client: pg.Client;
  drop: () => Promise<void>;
}

/** A PostgreSQL URL whose connections see only `schema`. */
export function inSchema(url: string, schema: string): string {
  return `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** 600 customers, each in one of three segments (deterministic). */
export async function createCrmDatabase(): Promise<CrmDatabase> {
  const schema = `askdata_web_xsource_${process.pid}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: serviceAddresses.postgres.url });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(
    `CREATE TABLE "${schema}".customers (customer_id integer PRIMARY KEY, segment text NOT NULL, city text NOT NULL)`,
  );
  const values = Array.from({ length: 600 }, (_, index) => {
    const id = index + 1;
    return `(${id}, '${segments[(id * 7) % segments.length]}', 'City ${id % 25}')`;
  });
  await client.query(`INSERT INTO "${schema}".customers VALUES ${values.join(', ')}`);
  await client.query(`ANALYZE "${schema}".customers`);
  return {
    schema,
    url: inSchema(serviceAddresses.postgres.url, schema),
    client,
    async drop() {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

export interface Visit {
  visitId: number;
  customerId: number;
  spend: number;
}

/**
 * 450 store visits (more than a preview's 200-row sample) by customers of the CRM, plus two by customers the
 * CRM does not know (ids 9001 and 9002).
 */
export function writeVisitsCsv(fileName = 'store_visits.csv'): { path: string; visits: Visit[] } {
  const visits: Visit[] = Array.from({ length: 450 }, (_, index) => ({
    visitId: index + 1,
    customerId: 1 + ((index * 37) % 600),
    spend: Math.round((5 + ((index * 13) % 90) + (index % 7) * 0.25) * 100) / 100,
  }));
  visits.push({ visitId: 451, customerId: 9001, spend: 40 }, { visitId: 452, customerId: 9002, spend: 60 });
  const lines = [
    'visit_id,customer_id,spend',
    ...visits.map((v) => `${v.visitId},${v.customerId},${v.spend}`),
  ];
  const path = join(mkdtempSync(join(tmpdir(), 'askdata-web-xsource-')), fileName);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, visits };
}
