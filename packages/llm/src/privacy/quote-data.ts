/**
 * Text that comes from data or people (cell values, file, table and column names, questions) goes into
 * a prompt as a JSON string literal: quotes, newlines and control characters are escaped, so the text
 * cannot close its block, open a new "system" section or pose as our instructions. The prompt tells the
 * model that quoted strings are data.
 */
export function quoteData(text: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters; also escape angle brackets and
  // backticks so the text cannot fake markup or code fences.
  return JSON.stringify(text).replace(
    /[<>`]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
