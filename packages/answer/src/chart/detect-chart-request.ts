import type { ChartRequest, ChartType } from './chart-types';

interface ChartWord {
  type: ChartType;
  pattern: RegExp;
}

/*
 * Chart words people use, most specific first: "stacked bar" must win over "bar", "donut" over "pie".
 * Each pattern needs a chart-ish context where the bare word is ambiguous ("line" alone is often a product
 * line or a line item; "table" alone is usually a database table).
 */
const chartWords: ChartWord[] = [
  { type: 'stacked_bar', pattern: /\bstack(?:ed|ing)?\b(?!\s+area)(?:[\s-]+(?:bar|column)s?)?/ },
  { type: 'area', pattern: /\b(?:stacked\s+)?area\s+(?:chart|graph|plot)s?\b/ },
  {
    type: 'grouped_bar',
    pattern: /\b(?:grouped|clustered|side[\s-]by[\s-]side|multi[\s-]?series)\s+(?:bar|column)s?\b/,
  },
  { type: 'donut', pattern: /\b(?:donut|doughnut|ring\s+chart)s?\b/ },
  { type: 'pie', pattern: /\bpie(?:\s*(?:chart|graph|plot)s?)?\b|\bpies\b/ },
  { type: 'heatmap', pattern: /\bheat[\s-]?maps?\b|\bheat\s+chart\b/ },
  { type: 'histogram', pattern: /\bhistograms?\b/ },
  {
    type: 'scatter',
    pattern: /\bscatter(?:[\s-]?(?:plot|chart|graph|gram|diagram)s?|ed)?\b|\bbubble\s+chart\b/,
  },
  {
    type: 'multi_line',
    pattern:
      /\b(?:multi[\s-]?line|multiple\s+lines|group(?:ed|ing)?\s+line|one\s+line\s+(?:per|for\s+each))\b/,
  },
  {
    type: 'line',
    pattern:
      /\blines?[\s-]*(?:chart|graph|plot|diagram)s?\b|\b(?:as|in|with|using|by|draw|plot|show)\s+(?:a\s+|the\s+)?lines?\b(?!\s+items?\b)|\btime[\s-]?series\s+(?:chart|graph|plot)\b|\bsparklines?\b/,
  },
  {
    type: 'bar',
    pattern:
      /\b(?:bar|column)s?[\s-]*(?:chart|graph|plot|diagram)s?\b|\bbars\b|\b(?:as|in|with|using|by|draw|a)\s+(?:a\s+)?bar\b|\bbar\s*\.|^\s*bar\b/,
  },
  {
    type: 'table',
    pattern:
      /\b(?:as|in|into)\s+(?:a\s+)?(?:table|grid)\b(?!\s+(?:called|named)\b)|\btabular\b|\b(?:with|using|by)\s+a\s+table\b(?!\s+(?:called|named)\b)|\b(?:draw|show|give|make|create|display|want|need|get)\s+(?:me\s+)?a\s+table\b(?!\s+(?:called|named)\b)|\btable,?\s+please\b|[,;:]\s*(?:as\s+)?(?:a\s+)?table\s*[.!?]?\s*$|\btable\s+(?:format|view|form)\b|\bjust\s+(?:the\s+)?(?:rows|numbers)\b/,
  },
  { type: 'kpi', pattern: /\b(?:kpi|scorecard|big\s+number|single\s+number)\b(?:\s+card)?/ },
];

/* Analytic words that suggest a chart without naming one; they yield to the data's shape. */
const chartCues: ChartWord[] = [
  {
    type: 'line',
    pattern:
      /\btrends?\b|\bover\s+time\b|\bchange[sd]?\s+over\b|\bevolution\b|\bevolved?\b|\btime[\s-]?series\b|\bhow\s+\w+\s+(?:changed|grew|evolved)\b/,
  },
  {
    type: 'scatter',
    pattern:
      /\bcorrelat(?:ion|ed|es?)\b|\brelation(?:ship)?s?\s+(?:between|of)\b|\bcompared?\s+against\b|\b\w+\s+(?:vs\.?|versus)\s+\w+\s+(?:for\s+each|per)\b/,
  },
  {
    type: 'pie',
    pattern:
      /\bproportions?\b|\bshares?\s+of\b|\bbreak\s*down\b|\bbreakdown\b|\bcomposition\b|\bpercentages?\s+of\b|\bpart\s+of\s+the\s+whole\b|\bmarket\s+share\b/,
  },
  { type: 'histogram', pattern: /\bdistribution\s+of\s+(?:the\s+)?values\b|\bfrequency\s+distribution\b/ },
];

/* A chart word right after one of these is one the person does not want. */
const negation =
  /\b(?:not|no|never|instead\s+of|rather\s+than|without|don'?t\s+(?:use|want|show)|other\s+than)\s+(?:\w+\s+){0,2}$/;

interface Match {
  type: ChartType;
  index: number;
  phrase: string;
}

function findAll(text: string, words: ChartWord[]): Match[] {
  const matches: Match[] = [];
  const taken: Array<[number, number]> = [];
  for (const word of words) {
    const global = new RegExp(word.pattern.source, 'g');
    for (const found of text.matchAll(global)) {
      const start = found.index;
      const end = start + found[0].length;
      // A span already claimed by a more specific word ("stacked bar" vs "bar") is not matched again.
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      if (negation.test(text.slice(Math.max(0, start - 40), start))) continue;
      taken.push([start, end]);
      matches.push({ type: word.type, index: start, phrase: found[0].trim() });
    }
  }
  return matches;
}

/**
 * The chart a question asks for, if any. Explicit chart words win over cues; among several explicit words
 * the most specific listed first wins (a "stacked bar chart" is a stacked bar, not a bar).
 */
export function detectChartRequest(question: string): ChartRequest | undefined {
  const text = question.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const explicit = findAll(text, chartWords);
  if (explicit.length > 0) {
    const order = chartWords.map((word) => word.type);
    explicit.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.index - b.index);
    const best = explicit[0]!;
    return { type: best.type, strength: 'explicit', phrase: best.phrase };
  }
  const cues = findAll(text, chartCues);
  if (cues.length === 0) return undefined;
  cues.sort((a, b) => a.index - b.index);
  const first = cues[0]!;
  return { type: first.type, strength: 'cue', phrase: first.phrase };
}
