import { AskdataError } from '@askdata/core';
import type { Connector } from '../connector';
import { bigqueryConnector } from './bigquery/index';
import { clickhouseConnector } from './clickhouse/index';
import { snowflakeConnector } from './snowflake/index';
import { trinoConnector } from './trino/index';

function parts(url: string): { url: URL; path: string[] } {
  const parsed = new URL(url);
  return { url: parsed, path: parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent) };
}

function credential(value: string): string | undefined {
  return value === '' ? undefined : decodeURIComponent(value);
}

function flag(url: URL, name: string): boolean {
  return ['1', 'true', 'yes'].includes((url.searchParams.get(name) ?? '').toLowerCase());
}

function missing(example: string): never {
  throw new AskdataError('invalid_input', `The warehouse URL is incomplete: write ${example}.`);
}

/**
 * Warehouse URLs for `--db`, one scheme each. Passwords travel in the URL as for PostgreSQL; `?ssl=true`
 * (or `clickhouses://`) selects HTTPS.
 */
export const warehouseUrlSchemes: Record<string, (url: string) => Connector> = {
  /** clickhouse://user:password@host:8123/database */
  'clickhouse:': (text) => {
    const { url, path } = parts(text);
    const https = url.protocol === 'clickhouses:' || flag(url, 'ssl');
    return clickhouseConnector({
      url: `${https ? 'https' : 'http'}://${url.hostname}:${url.port || (https ? 8443 : 8123)}`,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(credential(url.password) ? { password: credential(url.password) } : {}),
      ...(path[0] ? { database: path[0] } : {}),
    });
  },
  'clickhouses:': (text) => warehouseUrlSchemes['clickhouse:']?.(text) as Connector,
  /** trino://user[:password]@host:8080/catalog/schema */
  'trino:': (text) => {
    const { url, path } = parts(text);
    const [catalog, schema] = path;
    if (!catalog || !schema || !url.username) missing('trino://user@host:8080/catalog/schema');
    const https = flag(url, 'ssl');
    return trinoConnector({
      server: `${https ? 'https' : 'http'}://${url.hostname}:${url.port || (https ? 443 : 8080)}`,
      catalog,
      schema,
      user: decodeURIComponent(url.username),
      ...(credential(url.password) ? { password: credential(url.password) } : {}),
    });
  },
  /** bigquery://project/dataset?location=US&keyFile=/path/key.json (default: Google application credentials) */
  'bigquery:': (text) => {
    const { url, path } = parts(text);
    const dataset = path[0];
    if (!url.hostname || !dataset) missing('bigquery://project/dataset');
    const location = url.searchParams.get('location');
    const keyFile = url.searchParams.get('keyFile');
    return bigqueryConnector({
      projectId: url.hostname,
      dataset,
      ...(location ? { location } : {}),
      ...(keyFile ? { keyFilename: keyFile } : {}),
    });
  },
  /** snowflake://user:password@account/database/schema?warehouse=WH&role=ROLE */
  'snowflake:': (text) => {
    const { url, path } = parts(text);
    const [database, schema] = path;
    if (!url.hostname || !database || !schema || !url.username)
      missing('snowflake://user:password@account/database/schema');
    const warehouse = url.searchParams.get('warehouse');
    const role = url.searchParams.get('role');
    return snowflakeConnector({
      account: url.hostname,
      username: decodeURIComponent(url.username),
      ...(credential(url.password) ? { password: credential(url.password) } : {}),
      database,
      schema,
      ...(warehouse ? { warehouse } : {}),
      ...(role ? { role } : {}),
    });
  },
};
