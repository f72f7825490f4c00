/**
 * Turns a failed attempt into a diagnosis for repair: the error, and for names that are not in the
 * schema the closest valid ones and the table's real columns. The same text is shown to the person.
 */
import { AskdataError, closestName, type SemanticModel, userMessage } from '@askdata/core';
import type { Candidate } from './agent-reply';

const sqlWords = new Set(
  `select from where group by order having limit offset as and or not in is null like ilike between case when then else end
  join left right inner outer full cross on using distinct all union intersect except with asc desc nulls first last
  count sum avg min max cast date interval extract year month day quarter week hour minute second over partition
  true false coalesce round lower upper substr substring strftime date_trunc date_part filter within current_date now`.split(
    /\s+/,
  ),
);

function referencedNames(candidate: Candidate): { table?: string; column: string }[] {
  if (candidate.kind === 'spec') {
    const refs: { table?: string; column: string }[] = [];
    const visit = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        if (
          typeof record['column'] === 'string' &&
          Object.keys(record).every((key) => key === 'column' || key === 'table')
        ) {
          refs.push({
            column: record['column'],
            ...(typeof record['table'] === 'string' ? { table: record['table'] } : {}),
          });
        } else Object.values(record).forEach(visit);
      }
    };
    visit(candidate.spec);
    return refs;
  }
  // Identifiers in SQL, for hints only (the guard parses SQL for real): words outside string literals.
  const withoutStrings = candidate.sql.replace(/'(?:[^']|'')*'/g, ' ');
  const words = withoutStrings.match(/"[^"]+"|[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  return words
    .map((word) => word.replace(/^"|"$/g, ''))
    .filter((word) => !sqlWords.has(word.toLowerCase()))
    .map((column) => ({ column }));
}

export function diagnoseError(
  error: unknown,
  candidate: Candidate | undefined,
  model: SemanticModel,
): string {
  const lines = [`Error: ${userMessage(error)}`];
  if (
    AskdataError.isInstance(error) &&
    (error.code === 'sql_not_read_only' || error.code === 'sql_multiple_statements')
  ) {
    lines.push('Only one read-only SELECT statement is allowed; statements that change data are blocked.');
  }
  if (!candidate) return lines.join('\n');
  const tables = model.entities.map((entity) => entity.name);
  const allColumns = model.entities.flatMap((entity) => entity.columns.map((column) => column.name));
  const known = new Set(
    [...tables, ...allColumns, ...model.metrics.map((metric) => metric.name)].map((name) =>
      name.toLowerCase(),
    ),
  );
  const baseTable = candidate.kind === 'spec' ? candidate.spec.table : undefined;
  const seen = new Set<string>();
  for (const ref of referencedNames(candidate)) {
    const name = ref.column;
    if (known.has(name.toLowerCase()) || seen.has(name.toLowerCase()) || /^\d/.test(name)) continue;
    seen.add(name.toLowerCase());
    const tableName = ref.table ?? baseTable;
    const entity = model.entities.find((item) => item.name.toLowerCase() === tableName?.toLowerCase());
    const candidates = entity ? entity.columns.map((column) => column.name) : allColumns;
    const suggestion = closestName(name, candidates) ?? closestName(name, [...allColumns, ...tables]);
    lines.push(
      `'${name}' is not a column${entity ? ` of ${entity.name}` : ''}${suggestion ? `; the closest valid name is '${suggestion}'` : ''}.` +
        (entity ? ` Columns of ${entity.name}: ${candidates.slice(0, 40).join(', ')}.` : ''),
    );
    if (seen.size >= 5) break;
  }
  if (baseTable && !model.entities.some((entity) => entity.name.toLowerCase() === baseTable.toLowerCase())) {
    const suggestion = closestName(baseTable, tables);
    lines.push(
      `'${baseTable}' is not a table${suggestion ? `; the closest valid name is '${suggestion}'` : ''}.`,
    );
  }
  return lines.join('\n');
}
