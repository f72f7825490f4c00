import type { Connector } from '@askdata/connectors';
import { AskdataError, dialects, type TableSchema, type ValidatedSql } from '@askdata/core';
import { validateSql } from '@askdata/guard';
import type { ValueSample } from '@askdata/language';
import type { AnalysisSource } from './analysis-source';

/** Time allowed to each statistics query while preparing the source (samples, distinct counts). */
const statisticsTimeoutMs = 60_000;

/** A statistic that takes too long on a huge table is left out: the model then treats its columns as unknown. */
async function tolerateTimeout<T>(compute: () => Promise<T>): Promise<T | undefined> {
  try {
    return await compute();
  } catch (error) {
    if (AskdataError.isInstance(error) && error.code === 'query_timeout') return undefined;
    throw error;
  }
}

function quoterFor(connector: Connector): (name: string) => string {
  const dialect = dialects[connector.dialect];
  return (name) => dialect.quoteIdentifier(name);
}

/**
 * Any connector as an analysis source, with push-down: the schema is read once, questions compile to the
 * connector's dialect, the guard checks the SQL against that schema, and the query runs in the database.
 * Only results (and, while preparing, value samples and distinct counts computed by the database) come
 * back; no table is copied.
 */
export async function connectorSource(connector: Connector): Promise<AnalysisSource> {
  await connector.connect();
  const schema = await connector.introspect();
  const quote = quoterFor(connector);
  const qualified = (table: TableSchema) =>
    table.namespace ? `${quote(table.namespace)}.${quote(table.name)}` : quote(table.name);
  // Questions name tables without their namespace: of two same-named tables, the first namespace's is used.
  const seen = new Set<string>();
  const tables = schema.tables.filter((table) => {
    const key = table.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    dialect: connector.dialect,
    label: connector.label,
    tables: () => tables,
    snapshotIds: () => [],
    async sampleValues(perColumn) {
      const samples: ValueSample[] = [];
      for (const table of tables) {
        for (const column of table.columns) {
          if (column.logicalType !== 'text') continue;
          const ref = { name: table.name, ...(table.namespace ? { namespace: table.namespace } : {}) };
          const values = await tolerateTimeout(() =>
            connector.sampleValues(ref, column.name, { limit: perColumn, timeoutMs: statisticsTimeoutMs }),
          );
          // Fewer distinct values than asked for: the sample is the whole column.
          if (values)
            samples.push({
              table: table.name,
              column: column.name,
              values,
              complete: values.length < perColumn,
            });
        }
      }
      return samples;
    },
    async distinctCounts() {
      const counts: Record<string, Record<string, { distinctCount: number }>> = {};
      for (const table of tables) {
        if (table.columns.length === 0) continue;
        const select = table.columns
          .map((column, index) => `count(DISTINCT ${quote(column.name)}) AS c${index}`)
          .join(', ');
        // Built here from introspected names only; one aggregate row per table comes back.
        const sql = `SELECT ${select} FROM ${qualified(table)}` as ValidatedSql;
        const result = await tolerateTimeout(() =>
          connector.execute(sql, { maxRows: 1, timeoutMs: statisticsTimeoutMs }),
        );
        if (!result) continue;
        const row = result.rows[0] ?? [];
        counts[table.name] = Object.fromEntries(
          table.columns.map((column, index) => [column.name, { distinctCount: Number(row[index] ?? 0) }]),
        );
      }
      return counts;
    },
    async validate(sql, maxRows) {
      const result = await validateSql(sql, { dialect: connector.dialect, schema: tables, maxRows });
      return { sql: result.sql, tables: result.tables };
    },
    run: (sql, limits) => connector.execute(sql, limits),
    async explain(sql) {
      if (!connector.explain) return { operator: 'no plan from this source', children: [] };
      return connector.explain(sql);
    },
    close: () => connector.close(),
  };
}
