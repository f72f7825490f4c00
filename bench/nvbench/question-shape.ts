/**
 * The nvBench evaluation has questions and databases but no QuerySpec (the language engine is measured
 * elsewhere), so this adapter reads the shape a question implies from the question and the database
 * schema alone: which columns it mentions, whether one of them splits the data into series, whether the
 * x axis is time. It never looks at the gold VQL or Vega-Lite.
 */
import Database from 'better-sqlite3';
import type { ChartField, ChartShape } from '../../packages/answer/src/index';

export interface SchemaColumn {
  table: string;
  name: string;
  /** Lowercase words of the name: `Date_in_Location_From` → "date in location from". */
  words: string;
  temporal: boolean;
  numeric: boolean;
}

const schemaCache = new Map<string, SchemaColumn[]>();

function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Columns of every table of a SQLite database, read once per file. */
export function loadSchema(file: string): SchemaColumn[] {
  const cached = schemaCache.get(file);
  if (cached) return cached;
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string }>;
    const columns: SchemaColumn[] = [];
    for (const table of tables) {
      const info = database.prepare(`PRAGMA table_info("${table.name.replace(/"/g, '""')}")`).all() as Array<{
        name: string;
        type: string;
      }>;
      for (const column of info) {
        const type = column.type.toUpperCase();
        const nameWords = words(column.name);
        columns.push({
          table: table.name,
          name: column.name,
          words: nameWords,
          temporal: /DATE|TIME/.test(type) || /\b(?:date|time|datetime|timestamp)\b/.test(nameWords),
          numeric: /INT|REAL|NUM|DEC|FLOAT|DOUBLE/.test(type),
        });
      }
    }
    schemaCache.set(file, columns);
    return columns;
  } finally {
    database.close();
  }
}

interface Mention {
  column: SchemaColumn;
  start: number;
  end: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the question names schema columns (as written or in words), longest names first. */
function findMentions(text: string, columns: SchemaColumn[]): Mention[] {
  const mentions: Mention[] = [];
  const sorted = [...columns].sort((a, b) => b.words.length - a.words.length);
  for (const column of sorted) {
    if (column.words.length < 2) continue;
    const pattern = new RegExp(`\\b${escapeRegExp(column.words).replace(/ /g, '[\\s_]+')}s?\\b`, 'g');
    for (const found of text.matchAll(pattern)) {
      const start = found.index;
      const end = start + found[0].length;
      if (mentions.some((mention) => start < mention.end && end > mention.start)) continue;
      mentions.push({ column, start, end });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/* Phrases that split a chart into series by a column: "group by attribute X", "split by X", "colored by X". */
const seriesPhrase =
  /\b(?:group(?:ed|s|ing)?\s+by(?:\s+attribute)?|split(?:ted)?\s+by|colou?red\s+by|stacked\s+by|broken\s+down\s+by|categori[sz](?:ed|ing)\s+by|segmented\s+by|over\s+(?:the\s+)?(?:\w+\s+){1,3}?by|(?:a\s+)?different\s+colou?r\s+for\s+each|that\s+groups|for\s+each|based\s+on|one\s+(?:line|series|colou?r)\s+(?:per|for\s+each)|(?:vs\.?|versus)\s+\w+(?:\s+\w+)?\s+by)\s+(?:the\s+|all\s+|each\s+)?/g;
/* Words that introduce grouping columns: "by", "for each", "per", "with different". */
const pairLead = /\b(?:by|each|every|per|different|various)\s+(?:the\s+)?$/;
/* Binning a date into weekdays makes it a category, not a timeline. */
const cyclicBin = /\bweekdays?\b|\bday\s+of\s+(?:the\s+)?week\b/;
const timePhrase =
  /\b(?:over\s+time|by\s+(?:year|month|quarter|week|day)|each\s+(?:year|month|quarter|day)|per\s+(?:year|month))\b/;

/* "the sum of price", "average salary", "number of code": a measure, not an axis. */
const aggregateBefore =
  /\b(?:sum|total|average|avg|mean|max(?:imum)?|min(?:imum)?|highest|lowest|largest|smallest|number|count|amount)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?$/;

function aggregated(text: string, mention: Mention): boolean {
  return aggregateBefore.test(text.slice(Math.max(0, mention.start - 30), mention.start));
}

function field(column: SchemaColumn, index: number, kind: ChartField['kind']): ChartField {
  return { field: column.name, index, label: column.words, kind };
}

/** The chart shape a question implies over a database schema. */
export function shapeFromQuestion(question: string, columns: SchemaColumn[]): ChartShape {
  const text = question.toLowerCase();
  const mentions = findMentions(text, columns);
  let series: SchemaColumn | undefined;
  for (const found of text.matchAll(seriesPhrase)) {
    const after = found.index + found[0].length;
    const target = mentions.find((mention) => mention.start >= after && mention.start <= after + 2);
    if (!target) continue;
    // The grouping column is the x axis itself when it is named elsewhere too ("name … group by name");
    // it is a series when another plain text column is the x axis, or two other columns are the axes.
    const others = mentions.filter((mention) => mention !== target);
    if (others.some((mention) => mention.column.words === target.column.words)) continue;
    const axes = others.filter((mention) => !aggregated(text, mention));
    if (axes.some((mention) => !mention.column.numeric) || axes.length >= 2) series = target.column;
  }
  // "by region and channel", "for each rank and gender": two plain columns named together are two dimensions.
  if (!series) {
    for (const [index, mention] of mentions.entries()) {
      const next = mentions[index + 1];
      if (!next || next.column.words === mention.column.words) continue;
      const between = text.slice(mention.end, next.start);
      const before = text.slice(Math.max(0, mention.start - 25), mention.start);
      if (
        /^\s+and\s+(?:the\s+)?$/.test(between) &&
        pairLead.test(before) &&
        !mention.column.numeric &&
        !next.column.numeric
      ) {
        series = next.column;
        break;
      }
    }
  }
  const axisMentions = mentions.filter((mention) => mention.column.words !== series?.words);
  const timeColumn = axisMentions.find((mention) => mention.column.temporal);
  const cyclic = cyclicBin.test(text);
  const xColumnNumeric = !timeColumn && axisMentions[0]?.column.numeric === true;
  const xKind: ChartField['kind'] =
    (timeColumn || timePhrase.test(text)) && !cyclic ? 'time' : xColumnNumeric ? 'number' : 'category';
  const xColumn = (timeColumn ?? axisMentions[0])?.column;
  const dimensions: ChartField[] = [
    xColumn ? field(xColumn, 0, xKind) : { field: 'x', index: 0, label: 'x', kind: xKind },
  ];
  if (series) dimensions.push(field(series, 1, 'category'));
  return {
    dimensions,
    measures: [{ field: 'y', index: 2, label: 'value', kind: 'number' }],
    cumulative: false,
    share: false,
    nonNegative: true,
    hasFreeText: false,
  };
}
