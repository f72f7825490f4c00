/**
 * The sample pass of type inference, in JavaScript over the first rows of a text column (the same
 * patterns as the SQL of the full pass): which shapes its values have, so that only columns where most
 * values look like numbers, dates or booleans get a full check.
 */
import {
  anyNumber,
  booleanWords,
  commaAmbiguous,
  commaNumber,
  dateFormats,
  footnotePattern,
  fullMatch,
  plainNumber,
} from './value-patterns';

const tests = {
  number: [fullMatch(anyNumber), fullMatch(plainNumber)],
  commaNumber: fullMatch(commaNumber),
  commaAmbiguous: fullMatch(commaAmbiguous),
  footnote: new RegExp(footnotePattern),
  season: /^(\d{4})-(\d{2})$/,
  dates: dateFormats.map((date) => fullMatch(date.shape)),
};

/** Every number, date and season shape holds an ASCII digit (as `\d` does in both RE2 and JavaScript). */
const digit = /\d/;

/** What the sample tests say about one value. */
export interface ValueShape {
  number: boolean;
  commaNumber: boolean;
  /** Reads the same as a number with thousands commas ("1,234"). */
  commaAmbiguous: boolean;
  boolean: boolean;
  season: boolean;
  /** Per entry of `dateFormats`: the value has that format's shape. */
  dates: boolean[];
}

/** Per sample column: how many present values have each shape. */
export interface ShapeCounts {
  present: number;
  numbers: number;
  commaNumbers: number;
  ambiguous: number;
  booleans: number;
  seasons: number;
  dates: number[];
}

function isSeason(text: string): boolean {
  const match = tests.season.exec(text);
  return match !== null && (Number(match[1]!.slice(2)) + 1) % 100 === Number(match[2]);
}

const noDates = dateFormats.map(() => false);

/** Runs every sample test on one (trimmed, non-null) value. */
export function valueShape(text: string): ValueShape {
  const boolean = text.toLowerCase() in booleanWords;
  // Without a digit no number, date or season shape can match: skip their regular expressions.
  if (!digit.test(text)) {
    return {
      number: false,
      commaNumber: false,
      commaAmbiguous: false,
      boolean,
      season: false,
      dates: noDates,
    };
  }
  const f = text.replace(tests.footnote, '');
  const comma = tests.commaNumber.test(f);
  return {
    number: tests.number.some((pattern) => pattern.test(f)),
    commaNumber: comma,
    commaAmbiguous: comma && tests.commaAmbiguous.test(f),
    boolean,
    season: isSeason(text),
    dates: tests.dates.map((pattern) => pattern.test(f)),
  };
}

/** Counts of a column with no values yet. */
export function emptyShapeCounts(): ShapeCounts {
  return {
    present: 0,
    numbers: 0,
    commaNumbers: 0,
    ambiguous: 0,
    booleans: 0,
    seasons: 0,
    dates: dateFormats.map(() => 0),
  };
}

/**
 * Counts the shapes of one column's sample values (non-strings are NULLs and do not count). Sample
 * columns repeat values (categories, codes, flags), so each distinct value is tested once.
 */
export function countShapes(values: Iterable<unknown>, seen = new Map<string, ValueShape>()): ShapeCounts {
  const counts = emptyShapeCounts();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    let shape = seen.get(value);
    if (!shape) {
      shape = valueShape(value);
      seen.set(value, shape);
    }
    counts.present++;
    if (shape.number) counts.numbers++;
    if (shape.commaNumber) counts.commaNumbers++;
    if (shape.commaAmbiguous) counts.ambiguous++;
    if (shape.boolean) counts.booleans++;
    if (shape.season) counts.seasons++;
    if (shape.dates === noDates) continue;
    for (let j = 0; j < shape.dates.length; j++) if (shape.dates[j]) counts.dates[j]!++;
  }
  return counts;
}
