/**
 * "Besides Ajax, which other team won?", "who else played for X other than Y?", "name another club
 * except Z": once the question leaves out a named value, "other", "else" and "another" only repeat
 * that exclusion. The readers take them as unknown conditions, so the question is asked again without
 * them ("which team won besides Ajax?"), where the exclusion reads as the filter it is.
 */
const exclusion = /\b(besides|other than|except|excluding|aside from|apart from)\b/i;
const echo = /^(other|else)([,.?!]?)$/i;

/** The question without the words that echo its exclusion, or undefined when there is none to drop. */
export function dropExclusionEcho(question: string): string | undefined {
  if (!exclusion.test(question)) return undefined;
  const words = question.trim().split(/\s+/);
  let changed = false;
  const kept: string[] = [];
  for (const [index, word] of words.entries()) {
    const next = (words[index + 1] ?? '').toLowerCase();
    const match = echo.exec(word);
    // "other than" is the exclusion itself.
    if (match && next !== 'than') {
      changed = true;
      if (match[2] && kept.length > 0) kept[kept.length - 1] += match[2];
      continue;
    }
    if (/^another$/i.test(word)) {
      changed = true;
      kept.push(word[0] === 'A' ? 'A' : 'a');
      continue;
    }
    kept.push(word);
  }
  return changed ? kept.join(' ') : undefined;
}
