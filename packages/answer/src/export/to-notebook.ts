/**
 * The analysis as a Jupyter notebook (nbformat 4.5): the question and interpretation in Markdown,
 * a Python cell that reproduces the result with DuckDB and the answer's SQL over the same files, and
 * a preview of the result as it was. The preview is Markdown, not a fake cell output, so the
 * notebook never claims to have run. `validateNotebook` checks the structure Jupyter needs.
 */
import type { QueryResult } from '@askdata/core';
import { z } from 'zod';
import type { Narrative } from '../narrative/fact';
import { escapeMarkdown, markdownTable } from './preview-table';

export interface NotebookSource {
  /** View name the SQL uses. */
  table: string;
  /** File path (CSV, TSV, Parquet, JSON) as the notebook's reader will see it. */
  path: string;
}

export interface NotebookInput {
  question: string;
  sql: string;
  sources: NotebookSource[];
  narrative?: Pick<Narrative, 'text' | 'caveats' | 'citations'>;
  result?: Pick<QueryResult, 'columns' | 'rows'>;
  previewRows?: number;
}

const cellIdSchema = z.string().regex(/^[a-zA-Z0-9-_]{1,64}$/);
const sourceSchema = z.union([z.string(), z.array(z.string())]);

const notebookSchema = z.object({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().min(5),
  metadata: z
    .object({
      kernelspec: z.object({ name: z.string(), display_name: z.string(), language: z.string().optional() }),
      language_info: z.object({ name: z.string() }).loose(),
    })
    .loose(),
  cells: z
    .array(
      z.discriminatedUnion('cell_type', [
        z
          .object({
            cell_type: z.literal('markdown'),
            id: cellIdSchema,
            metadata: z.record(z.string(), z.unknown()),
            source: sourceSchema,
          })
          .strict(),
        z
          .object({
            cell_type: z.literal('code'),
            id: cellIdSchema,
            metadata: z.record(z.string(), z.unknown()),
            source: sourceSchema,
            execution_count: z.number().int().nullable(),
            outputs: z.array(z.record(z.string(), z.unknown())),
          })
          .strict(),
        z
          .object({
            cell_type: z.literal('raw'),
            id: cellIdSchema,
            metadata: z.record(z.string(), z.unknown()),
            source: sourceSchema,
          })
          .strict(),
      ]),
    )
    .min(1),
});

export type Notebook = z.infer<typeof notebookSchema>;

/** Jupyter stores source as lines that keep their newline, except the last. */
function lines(text: string): string[] {
  const parts = text.split('\n');
  return parts
    .map((line, index) => (index < parts.length - 1 ? `${line}\n` : line))
    .filter((line) => line !== '');
}

function pythonString(text: string): string {
  // Triple quotes read best for SQL; JSON string syntax is also valid Python when they cannot be used.
  if (!text.includes('"""') && !text.includes('\\') && !text.endsWith('"')) return `"""\n${text}\n"""`;
  return JSON.stringify(text);
}

function readerFor(path: string): string {
  const lower = path.toLowerCase();
  if (lower.endsWith('.parquet')) return `read_parquet(${pythonSqlLiteral(path)})`;
  if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson'))
    return `read_json_auto(${pythonSqlLiteral(path)})`;
  return `read_csv_auto(${pythonSqlLiteral(path)})`;
}

function pythonSqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function toNotebook(input: NotebookInput): Notebook {
  const previewRows = input.previewRows ?? 20;
  let counter = 0;
  const id = () => `cell-${++counter}`;
  const markdown = (text: string) => ({
    cell_type: 'markdown' as const,
    id: id(),
    metadata: {},
    source: lines(text),
  });
  const code = (text: string) => ({
    cell_type: 'code' as const,
    id: id(),
    metadata: {},
    source: lines(text),
    execution_count: null,
    outputs: [],
  });

  const intro = [`# ${escapeMarkdown(input.question)}`];
  if (input.narrative) {
    intro.push('', escapeMarkdown(input.narrative.text));
    if (input.narrative.caveats.length > 0) {
      intro.push(
        '',
        '**Caveats**',
        '',
        ...input.narrative.caveats.map((caveat) => `- ${escapeMarkdown(caveat.message)}`),
      );
    }
    const citations = input.narrative.citations;
    if (citations.tables.length > 0)
      intro.push('', `**Sources:** ${citations.tables.map(escapeMarkdown).join(', ')}`);
  }
  const views = input.sources.map(
    (source) =>
      `con.execute(${JSON.stringify(`CREATE OR REPLACE VIEW ${quoteIdentifier(source.table)} AS SELECT * FROM ${readerFor(source.path)}`)})`,
  );
  const setup = ['import duckdb', '', 'con = duckdb.connect()', ...views].join('\n');
  const query = [`sql = ${pythonString(input.sql)}`, 'df = con.sql(sql).df()', 'df'].join('\n');
  const cells: Notebook['cells'] = [
    markdown(intro.join('\n')),
    markdown(
      '## Reproduce with DuckDB\n\nRequires `pip install duckdb pandas`; paths point at the files the answer read.',
    ),
    code(setup),
    code(query),
  ];
  if (input.result) {
    const shown = Math.min(previewRows, input.result.rows.length);
    cells.push(
      markdown(
        `## Result when answered (first ${shown} of ${input.result.rows.length} rows)\n\n${markdownTable(input.result, previewRows)}`,
      ),
    );
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells,
  };
}

export function validateNotebook(value: unknown): { ok: true } | { ok: false; errors: string[] } {
  const parsed = notebookSchema.safeParse(value);
  if (parsed.success) {
    const ids = parsed.data.cells.map((cell) => cell.id);
    if (new Set(ids).size !== ids.length) return { ok: false, errors: ['cell ids must be unique'] };
    return { ok: true };
  }
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  };
}

export function notebookJson(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
