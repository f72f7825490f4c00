import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { expressionColumns, parseRowExpression } from '../compile/expression';
import { AskdataError } from '../errors';
import { type Aggregation, aggregations, type Filter, filterSchema } from '../query-spec/types';
import { didYouMean } from './closest-name';
import {
  columnConfigSchema,
  type MetricConfig,
  metricConfigSchema,
  type SemanticConfig,
  semanticConfigSchema,
  tableConfigSchema,
} from './semantic-config-schema';
import type { Entity, Metric, Relationship, SemanticModel } from './types';

type Path = ReadonlyArray<string | number>;

// Every key the file format knows, for "did you mean" on a misspelt key.
const knownKeys = [
  ...Object.keys(semanticConfigSchema.shape),
  ...Object.keys(tableConfigSchema.shape),
  ...Object.keys(columnConfigSchema.shape),
  ...Object.keys(metricConfigSchema.shape),
];

/**
 * Enriches an automatic semantic model with `askdata.yaml` (text + file name; core does no I/O).
 * Every problem is an AskdataError naming the file, the line and, where possible, the fix.
 */
export function applySemanticYaml(model: SemanticModel, text: string, fileName: string): SemanticModel {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new AskdataError(
      'semantic_model_invalid',
      `${fileName} line ${line}: ${syntaxError.message.split('\n')[0]}`,
    );
  }
  const fail = (path: Path, message: string): never => {
    throw new AskdataError(
      'semantic_model_invalid',
      `${fileName} line ${lineOf(document, lineCounter, path)}: ${message}`,
      {
        details: { file: fileName, path: path.join('.') },
      },
    );
  };
  const parsed = semanticConfigSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((part): part is string | number => typeof part !== 'symbol');
    const keys = issue !== undefined && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys : [];
    const message =
      keys.length > 0
        ? `unknown key '${String(keys[0])}' under ${path.length === 0 ? 'the top level' : path.join('.')}${didYouMean(String(keys[0]), knownKeys)}`
        : `${path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`;
    fail(keys.length > 0 ? [...path, String(keys[0])] : path, message);
  }
  return applyConfig(model, parsed.data as SemanticConfig, fileName, fail);
}

function lineOf(document: Document, lineCounter: LineCounter, path: Path): number {
  for (let length = path.length; length >= 0; length--) {
    const prefix = path.slice(0, length);
    // A key's own line reads better than its value's (a mapping value starts on the next line).
    const parent =
      length === 0 ? undefined : length === 1 ? document.contents : document.getIn(prefix.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(prefix[length - 1]),
      );
      const keyRange = isScalar(pair?.key) ? pair.key.range : undefined;
      if (keyRange) return lineCounter.linePos(keyRange[0]).line;
    }
    const node = length === 0 ? document.contents : document.getIn(prefix, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) return lineCounter.linePos(range[0]).line;
  }
  return 1;
}

function applyConfig(
  model: SemanticModel,
  config: SemanticConfig,
  fileName: string,
  fail: (path: Path, message: string) => never,
): SemanticModel {
  const entities = model.entities.map((entity) => ({
    ...entity,
    columns: entity.columns.map((c) => ({ ...c })),
  }));
  const entityNamed = (name: string, path: Path): Entity => {
    const entity = entities.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (entity === undefined) {
      fail(
        path,
        `table '${name}' does not exist${didYouMean(
          name,
          entities.map((e) => e.name),
        )}`,
      );
    }
    return entity as Entity;
  };
  const checkColumn = (entity: Entity, column: string, path: Path, what: string) => {
    if (!entity.columns.some((candidate) => candidate.name === column)) {
      const names = entity.columns.map((candidate) => candidate.name);
      fail(
        path,
        `${what} refers to column '${column}' which does not exist in ${entity.name}${didYouMean(column, names)}`,
      );
    }
  };

  for (const [tableName, tableConfig] of Object.entries(config.tables ?? {})) {
    if (tableConfig === null) continue;
    const entity = entityNamed(tableName, ['tables', tableName]);
    if (tableConfig.label !== undefined) entity.label = tableConfig.label;
    if (tableConfig.description !== undefined) entity.description = tableConfig.description;
    if (tableConfig.synonyms !== undefined)
      entity.synonyms = [...new Set([...entity.synonyms, ...tableConfig.synonyms])];
    if (tableConfig.primary_key !== undefined) {
      const key =
        typeof tableConfig.primary_key === 'string' ? [tableConfig.primary_key] : tableConfig.primary_key;
      for (const column of key)
        checkColumn(entity, column, ['tables', tableName, 'primary_key'], 'primary_key');
      entity.primaryKey = key;
    }
    if (tableConfig.default_time_column !== undefined) {
      checkColumn(
        entity,
        tableConfig.default_time_column,
        ['tables', tableName, 'default_time_column'],
        'default_time_column',
      );
      entity.defaultTimeColumn = tableConfig.default_time_column;
    }
    for (const [columnName, columnConfig] of Object.entries(tableConfig.columns ?? {})) {
      const path = ['tables', tableName, 'columns', columnName];
      checkColumn(entity, columnName, path, `tables.${tableName}.columns`);
      const column = entity.columns.find((candidate) => candidate.name === columnName);
      if (column === undefined || columnConfig === null) continue;
      if (columnConfig.label !== undefined) column.label = columnConfig.label;
      if (columnConfig.description !== undefined) column.description = columnConfig.description;
      if (columnConfig.synonyms !== undefined)
        column.synonyms = [...new Set([...column.synonyms, ...columnConfig.synonyms])];
      if (columnConfig.pii === true) column.pii = 'pii';
      else if (typeof columnConfig.pii === 'string') column.pii = columnConfig.pii;
      else if (columnConfig.pii === false) column.pii = undefined;
      if (columnConfig.unit !== undefined) column.unit = columnConfig.unit;
      if (columnConfig.format !== undefined) column.format = columnConfig.format;
      if (columnConfig.role !== undefined) column.role = columnConfig.role;
      if (columnConfig.aggregation !== undefined) column.defaultAggregation = columnConfig.aggregation;
      if (columnConfig.values !== undefined) {
        column.valueSynonyms = Object.fromEntries(
          Object.entries(columnConfig.values).map(([value, words]) => [
            value,
            typeof words === 'string' ? [words] : words,
          ]),
        );
      }
    }
  }

  if (config.default_time_column !== undefined) {
    const [tableName, columnName] = splitQualified(config.default_time_column, ['default_time_column'], fail);
    const entity = entityNamed(tableName, ['default_time_column']);
    checkColumn(entity, columnName, ['default_time_column'], 'default_time_column');
    entity.defaultTimeColumn = columnName;
  }

  const relationships: Relationship[] = [...model.relationships];
  (config.relationships ?? []).forEach((relationship, index) => {
    const ends = (['from', 'to'] as const).map((end) => {
      const path = ['relationships', index, end];
      const [tableName, columnName] = splitQualified(relationship[end], path, fail);
      const entity = entityNamed(tableName, path);
      checkColumn(entity, columnName, path, `relationship ${end}`);
      return { table: entity.name, columns: [columnName] };
    });
    const [from, to] = ends as [Relationship['from'], Relationship['to']];
    // A declared relationship replaces any inferred link from the same column.
    const existing = relationships.findIndex(
      (candidate) =>
        candidate.from.table === from.table && candidate.from.columns.join() === from.columns.join(),
    );
    if (existing >= 0) relationships.splice(existing, 1);
    relationships.push({ from, to, source: 'yaml', confidence: 1 });
  });

  const metrics: Metric[] = [...model.metrics];
  (config.metrics ?? []).forEach((metricConfig, index) => {
    const metric = toMetric(metricConfig, ['metrics', index], entityNamed, checkColumn, fail);
    if (metrics.some((candidate) => candidate.name === metric.name)) {
      fail(['metrics', index, 'name'], `metric '${metric.name}' is defined twice`);
    }
    metrics.push(metric);
  });

  return { entities, relationships, metrics, sources: [...model.sources, fileName] };
}

function splitQualified(
  value: string,
  path: Path,
  fail: (path: Path, message: string) => never,
): [string, string] {
  const match = /^([^.]+)\.([^.]+)$/.exec(value);
  if (match === null) fail(path, `'${value}' should be written table.column`);
  return [match?.[1] as string, match?.[2] as string];
}

const aggregationAliases: Record<string, Aggregation> = {
  average: 'avg',
  mean: 'avg',
  stdev: 'stddev',
  std: 'stddev',
};

function toMetric(
  config: MetricConfig,
  path: Path,
  entityNamed: (name: string, path: Path) => Entity,
  checkColumn: (entity: Entity, column: string, path: Path, what: string) => void,
  fail: (path: Path, message: string) => never,
): Metric {
  const entity = entityNamed(config.table, [...path, 'table']);
  let aggregation = config.aggregation;
  let expression = config.column;
  if (config.expression !== undefined) {
    const match = /^\s*([a-z_]+)\s*\(\s*(distinct\s+)?(.*?)\s*\)\s*$/i.exec(config.expression);
    const name = match?.[1]?.toLowerCase() ?? '';
    const known = (aggregations as readonly string[]).includes(name) ? (name as Aggregation) : undefined;
    const resolved = aggregationAliases[name] ?? known;
    if (match === null || resolved === undefined) {
      fail(
        [...path, 'expression'],
        `metric '${config.name}': write the expression as an aggregation of a column expression, e.g. sum(amount) or count(distinct customer_id)`,
      );
    }
    aggregation =
      match?.[2] !== undefined && resolved === 'count' ? 'count_distinct' : (resolved as Aggregation);
    expression = match?.[3] === '*' || match?.[3] === '' ? undefined : match?.[3];
  }
  if (aggregation === undefined) {
    fail(
      path,
      `metric '${config.name}' needs an expression (e.g. sum(amount)) or an aggregation and a column`,
    );
  }
  if (expression !== undefined) {
    let columns: Array<{ table: string | undefined; column: string }> = [];
    try {
      columns = expressionColumns(parseRowExpression(expression));
    } catch (error) {
      fail(
        [...path, 'expression'],
        `metric '${config.name}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    for (const column of columns) {
      const owner = column.table === undefined ? entity : entityNamed(column.table, [...path, 'expression']);
      checkColumn(
        owner,
        column.column,
        [...path, config.expression === undefined ? 'column' : 'expression'],
        `metric '${config.name}'`,
      );
    }
  }
  if (aggregation === 'percentile' && config.percentile === undefined) {
    fail(path, `metric '${config.name}' is a percentile: add percentile: 0.9 (for p90)`);
  }
  const filters: Filter[] = (config.filters ?? []).map((raw, filterIndex) => {
    const filterPath = [...path, 'filters', filterIndex];
    const [tableName, columnName] = raw.column.includes('.')
      ? raw.column.split('.', 2)
      : [undefined, raw.column];
    const owner = tableName === undefined ? entity : entityNamed(tableName, filterPath);
    checkColumn(
      owner,
      columnName as string,
      [...filterPath, 'column'],
      `a filter of metric '${config.name}'`,
    );
    const candidate = {
      ...raw,
      column: { ...(tableName === undefined ? {} : { table: tableName }), column: columnName },
    };
    const parsed = filterSchema.safeParse(candidate);
    if (!parsed.success) {
      fail(
        filterPath,
        `a filter of metric '${config.name}' is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'} (ops: eq, neq, in, not_in, gt, gte, lt, lte, between, contains, starts_with, is_null, not_null, date_range)`,
      );
    }
    return parsed.data as Filter;
  });
  return {
    name: config.name,
    label: config.label ?? config.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    table: entity.name,
    aggregation: aggregation as Aggregation,
    ...(expression === undefined ? {} : { expression }),
    ...(config.percentile === undefined ? {} : { percentile: config.percentile }),
    filters,
    ...(config.description === undefined ? {} : { description: config.description }),
    ...(config.owner === undefined ? {} : { owner: config.owner }),
    ...(config.version === undefined ? {} : { version: String(config.version) }),
    ...(config.unit === undefined ? {} : { unit: config.unit }),
    ...(config.format === undefined ? {} : { format: config.format }),
    synonyms: config.synonyms ?? [],
  };
}
