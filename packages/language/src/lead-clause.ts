/**
 * People often set the scene before they ask: "in 2007, which team won?", "after sedan, which township
 * has the most people?", "according to the list, who has the most runners-up?". The readers expect the
 * question word first, so the opening clause is moved to the end ("which team won in 2007?"), where it
 * reads as the condition it is. Only a clause that opens with a preposition and ends at a comma or runs
 * straight into a question word is moved; a question word inside the clause leaves it alone.
 */
const questionStart = /^(what|which|who|whom|whose|when|where|how|name|list)\b/;
const openingPreposition =
  /^(in|on|at(?! (least|most)\b)|during|after|before|since|for|from|of|among|between|besides|excluding|except|apart from|other than|aside from|according to|as of|compared to|with)\s/;
/** Phrases that only point at the table: "according to the chart" adds nothing to the question. */
const tableReference = /^(according to|based on|in|on|from|of) (the|this) (table|chart|list|data|page)$/;

/** The question with its opening clause moved to the end, or undefined when it has none to move. */
export function moveLeadClause(question: string): string | undefined {
  const text = question.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  if (questionStart.test(lower) || !openingPreposition.test(lower)) return undefined;
  const comma = lower.indexOf(',');
  let lead: string | undefined;
  let rest: string | undefined;
  if (comma > 1 && questionStart.test(lower.slice(comma + 1).trimStart())) {
    lead = text.slice(0, comma).trim();
    rest = text.slice(comma + 1).trim();
  } else {
    // "in 2008 who broke more records": the first question word after the opening preposition.
    const words = lower.split(' ');
    const at = words.findIndex((word, index) => index > 1 && questionStart.test(word));
    if (at < 0) return undefined;
    lead = text.split(' ').slice(0, at).join(' ');
    rest = text.split(' ').slice(at).join(' ');
  }
  if (!lead || !rest || /\b(what|which|who|whom|whose|when|where|how)\b/.test(lead.toLowerCase()))
    return undefined;
  const ending = /[?.!]$/.exec(rest)?.[0] ?? '';
  const body = ending ? rest.slice(0, -1).trimEnd() : rest;
  if (tableReference.test(lead.toLowerCase())) return `${body}${ending}`;
  return `${body} ${lead}${ending}`;
}
