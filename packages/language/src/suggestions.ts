/** Example questions built from this schema, offered when the engine cannot answer. */
import { type Catalog, isNumericType, isTemporalType } from './catalog';
import { splitIdentifier } from './inflect';
import type { SchemaResolver } from './schema-resolver';

export function suggestQuestions(catalog: Catalog, resolver: SchemaResolver, count = 4): string[] {
  const suggestions: string[] = [];
  const largest = [...catalog.tables].sort(
    (a, b) => (b.rowCount ?? 0) - (a.rowCount ?? 0) || b.columns.length - a.columns.length,
  );
  for (const table of largest) {
    const name = splitIdentifier(table.name).join(' ');
    const measure = table.columns.find((column) => isNumericType(column.logicalType) && !column.isKey);
    const category = table.columns.find(
      (column) =>
        column.logicalType === 'text' && !column.isKey && column !== resolver.labelColumn(table.name),
    );
    const time = table.columns.find((column) => isTemporalType(column.logicalType));
    suggestions.push(`How many ${name} are there?`);
    if (measure && category)
      suggestions.push(
        `What is the average ${splitIdentifier(measure.name).join(' ')} by ${splitIdentifier(category.name).join(' ')}?`,
      );
    if (measure && time) suggestions.push(`Total ${splitIdentifier(measure.name).join(' ')} by month`);
    if (measure)
      suggestions.push(`List the 5 ${name} with the highest ${splitIdentifier(measure.name).join(' ')}`);
    if (suggestions.length >= count) break;
  }
  return suggestions.slice(0, count);
}
