import type { ColumnProfile } from './types';

/**
 * Three to five first questions built from generic templates over the table's measures, dimensions
 * and time columns. Nothing here knows any particular data set.
 */
const measureTypes = new Set(['currency', 'quantity', 'number']);
const dimensionTypes = new Set(['category', 'country', 'region', 'boolean']);

function words(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

const irregularSingulars: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  data: 'data',
  series: 'series',
};

/** "orders" → "order", "categories" → "category", "order_lines" → "order line". */
export function singular(noun: string): string {
  const text = words(noun);
  const irregular = irregularSingulars[text];
  if (irregular) return irregular;
  if (/ies$/.test(text)) return text.replace(/ies$/, 'y');
  if (/(ss|us|is)$/.test(text)) return text;
  if (/(xes|ches|shes|sses)$/.test(text)) return text.replace(/es$/, '');
  return text.replace(/s$/, '');
}

function plural(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return noun.replace(/y$/, 'ies');
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** Month grain unless the data spans only a couple of months (day) or many years (year). */
function timeGrain(column: ColumnProfile): string {
  const min = Date.parse(String(column.min));
  const max = Date.parse(String(column.max));
  if (!Number.isFinite(min) || !Number.isFinite(max)) return 'month';
  const days = (max - min) / 86_400_000;
  if (days <= 62) return 'day';
  if (days > 366 * 8) return 'year';
  return 'month';
}

function rankDimensions(columns: readonly ColumnProfile[]): ColumnProfile[] {
  // Prefer dimensions with a handful of values: they make readable bar charts.
  const score = (column: ColumnProfile): number => {
    const d = column.distinctCount;
    const size = d >= 2 && d <= 12 ? 0 : d <= 50 ? 1 : 2;
    // Named categories read better than coded numbers ("by segment" rather than "by rating").
    return size + (column.logicalType === 'text' ? 0 : 0.5) + column.nullShare;
  };
  return columns
    .filter(
      (column) =>
        dimensionTypes.has(column.semanticType) && column.distinctCount >= 2 && column.pii.length === 0,
    )
    .sort((a, b) => score(a) - score(b));
}

/** Unit prices and rates describe one item; summing them rarely answers anything. */
const perUnitName = /price|cost|rate|fee|(^|_)unit/;

function rankMeasures(columns: readonly ColumnProfile[]): ColumnProfile[] {
  const score = (column: ColumnProfile): number => {
    if (column.semanticType === 'currency') return perUnitName.test(column.name.toLowerCase()) ? 2 : 0;
    return column.semanticType === 'quantity' ? 1 : 3;
  };
  return columns
    .filter((column) => measureTypes.has(column.semanticType) && column.distinctCount > 1)
    .sort((a, b) => score(a) - score(b));
}

export function suggestQuestions(table: string, columns: readonly ColumnProfile[], limit = 5): string[] {
  // Table names like "budget_2025_q1" make poor nouns; fall back to "row" for those.
  const singularName = singular(table);
  const noun =
    singularName && !/\d/.test(singularName) && singularName.split(' ').length <= 2 ? singularName : 'row';
  const measures = rankMeasures(columns);
  const dimensions = rankDimensions(columns);
  const time = columns.find((column) => column.semanticType === 'date' && column.min !== null);
  const entity = columns.find(
    (column) =>
      ['person_name', 'text'].includes(column.semanticType) &&
      column.distinctCount > 12 &&
      column.nullShare < 0.5,
  );
  const [measure, secondMeasure] = measures;
  const [dimension, secondDimension] = dimensions;
  const questions: string[] = [];
  const m = measure ? words(measure.name) : undefined;

  const aggregate = measure && perUnitName.test(measure.name.toLowerCase()) ? 'average' : 'total';
  // "total" as a column name must not read "the total total".
  const measured = (phrase: string): string =>
    phrase.startsWith(aggregate) ? phrase : `${aggregate} ${phrase}`;
  if (m && dimension) questions.push(`What is the ${measured(m)} by ${words(dimension.name)}?`);
  if (time) {
    const grain = timeGrain(time);
    questions.push(
      m ? `How did ${measured(m)} change by ${grain}?` : `How did ${noun} count change by ${grain}?`,
    );
    if (m) questions.push(`How did ${noun} count change by ${grain}?`);
  }
  if (m && entity) {
    // A column called "name" names the table's own rows: "Which 10 products …", not "… names".
    const things = /^(name|title|label)$/i.test(entity.name) ? plural(noun) : plural(words(entity.name));
    questions.push(`Which 10 ${things} have the highest ${m}?`);
  }
  if (dimension)
    questions.push(`How many ${plural(noun)} are there per ${words((secondDimension ?? dimension).name)}?`);
  if (secondMeasure && dimension) {
    questions.push(
      `What is the average ${words(secondMeasure.name)} by ${words((secondDimension ?? dimension).name)}?`,
    );
  }
  if (m) questions.push(`What is the ${measured(m)}?`);
  const common = [
    ...dimensions,
    ...columns.filter((column) => !['id', 'person_name'].includes(column.semanticType)),
  ];
  for (const column of common) {
    if (questions.length >= 3) break;
    if (column.topValues.length > 0)
      questions.push(`What are the most common values of ${words(column.name)}?`);
  }
  if (questions.length < 3) questions.push(`How many ${plural(noun)} are there?`);
  return [...new Set(questions)].slice(0, limit);
}
