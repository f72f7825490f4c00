/**
 * Groups a plain-language question by what kind of answer it asks for, from its wording alone
 * (works on any question set): "how many", "when / what year", "who", "which", "what", "yes/no", "list".
 */
export type QuestionCategory =
  | 'how many'
  | 'how much'
  | 'when / what year'
  | 'who'
  | 'which'
  | 'what'
  | 'yes/no'
  | 'list'
  | 'other';

const leadingPrepositions = new Set([
  'in',
  'on',
  'at',
  'for',
  'from',
  'to',
  'during',
  'by',
  'of',
  'with',
  'and',
]);
const yesNoStarts = new Set([
  'is',
  'was',
  'are',
  'were',
  'did',
  'does',
  'do',
  'has',
  'have',
  'had',
  'can',
  'could',
]);
const listStarts = new Set(['name', 'list', 'tell', 'give', 'show', 'find', 'return', 'count']);
const timeNouns = new Set(['year', 'years', 'date', 'month', 'day', 'season', 'decade', 'time']);

/** Words that may sit between "what" and the time noun: "what was the last year …". */
const timeNounLead = new Set([
  'was',
  'is',
  'were',
  'the',
  'first',
  'last',
  'latest',
  'earliest',
  'next',
  'previous',
  'only',
]);

function asksForTime(rest: string[]): boolean {
  const noun = rest.find((word) => !timeNounLead.has(word));
  return noun !== undefined && timeNouns.has(noun);
}

export function questionCategory(question: string): QuestionCategory {
  const words = question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s']/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    // "what's", "who's": the contraction still asks "what" / "who".
    .map((word) => word.replace(/'s$/, ''));
  // "in what city …", "during which year …": the question word follows a preposition.
  let start = 0;
  while (start < words.length - 1 && leadingPrepositions.has(words[start] ?? '')) start += 1;
  const first = words[start] ?? '';
  const second = words[start + 1] ?? '';
  if (first === 'how' && second === 'many') return 'how many';
  if (first === 'how' && (second === 'much' || second === 'long' || second === 'old' || second === 'far'))
    return 'how much';
  if (first === 'when') return 'when / what year';
  if ((first === 'what' || first === 'which') && asksForTime(words.slice(start + 1)))
    return 'when / what year';
  if (first === 'who' || first === 'whom' || first === 'whose') return 'who';
  if (first === 'which') return 'which';
  if (first === 'what' || first === 'where') return 'what';
  if (yesNoStarts.has(first)) return 'yes/no';
  if (listStarts.has(first)) return 'list';
  // Questions phrased as statements ("the team that won the most games was?") still often contain a cue.
  if (words.includes('how') && words.includes('many')) return 'how many';
  if (words.includes('who')) return 'who';
  if (words.includes('which')) return 'which';
  if (words.includes('what')) return 'what';
  return 'other';
}
