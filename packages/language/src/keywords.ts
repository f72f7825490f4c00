/**
 * Function words of analytic questions. Each phrase maps to one keyword kind; the tagger matches the
 * longest phrase first. Words here are "understood" even when they do not change the query, so they
 * never count as unmatched content words.
 */
export type KeywordKind =
  | 'count'
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'distinct'
  | 'group'
  | 'order'
  | 'asc'
  | 'desc'
  | 'top'
  | 'bottom'
  | 'most'
  | 'least'
  | 'share'
  | 'growth'
  | 'distribution'
  | 'correlation'
  | 'not'
  | 'and'
  | 'or'
  | 'versus'
  | 'chart_line'
  | 'chart_bar'
  | 'chart_pie'
  | 'chart_scatter'
  | 'list'
  | 'with'
  | 'grain_day'
  | 'grain_week'
  | 'grain_month'
  | 'grain_quarter'
  | 'grain_year'
  | 'grain_weekday'
  | 'median'
  | 'running'
  | 'contains'
  | 'starts'
  | 'null'
  | 'all';

export const keywordPhrases: Array<[string, KeywordKind]> = [
  ['how many', 'count'],
  ['number of', 'count'],
  ['how many times', 'count'],
  ['number of times', 'count'],
  ['total number of', 'count'],
  ['count of', 'count'],
  ['count', 'count'],
  ['counts', 'count'],
  ['how much', 'sum'],
  ['total', 'sum'],
  ['sum of', 'sum'],
  ['sum', 'sum'],
  ['combined', 'sum'],
  ['average', 'avg'],
  ['mean', 'avg'],
  ['avg', 'avg'],
  ['minimum', 'min'],
  ['min', 'min'],
  ['maximum', 'max'],
  ['max', 'max'],
  ['distinct', 'distinct'],
  ['different', 'distinct'],
  ['unique', 'distinct'],
  ['by', 'group'],
  ['per', 'group'],
  ['for each', 'group'],
  ['for every', 'group'],
  ['in each', 'group'],
  ['of each', 'group'],
  ['each', 'group'],
  ['every', 'group'],
  ['grouped by', 'group'],
  ['broken down by', 'group'],
  ['split by', 'group'],
  ['across', 'group'],
  ['ordered by', 'order'],
  ['ordered', 'order'],
  ['sorted', 'order'],
  ['sort', 'order'],
  ['sorted alphabetically', 'asc'],
  ['ordered alphabetically', 'asc'],
  ['order by', 'order'],
  ['sorted by', 'order'],
  ['sort by', 'order'],
  ['ranked by', 'order'],
  ['arranged by', 'order'],
  ['in order of', 'order'],
  ['in ascending order of', 'order'],
  ['in descending order of', 'order'],
  ['ascending', 'asc'],
  ['ascending order', 'asc'],
  ['in ascending order', 'asc'],
  ['alphabetical order', 'asc'],
  ['in alphabetical order', 'asc'],
  ['in alphabetic order', 'asc'],
  ['descending order', 'desc'],
  ['in descending order', 'desc'],
  ['never', 'not'],
  ['no', 'not'],
  ['does not', 'not'],
  ['do not', 'not'],
  ['did not', 'not'],
  ["don't", 'not'],
  ["doesn't", 'not'],
  ['increasing', 'asc'],
  ['alphabetical', 'asc'],
  ['alphabetically', 'asc'],
  ['lexicographic', 'asc'],
  ['descending', 'desc'],
  ['decreasing', 'desc'],
  ['top', 'top'],
  ['bottom', 'bottom'],
  ['most', 'most'],
  ['highest', 'most'],
  ['largest', 'most'],
  ['biggest', 'most'],
  ['greatest', 'most'],
  ['maximal', 'most'],
  ['best', 'most'],
  ['least', 'least'],
  ['fewest', 'least'],
  ['lowest', 'least'],
  ['smallest', 'least'],
  ['minimal', 'least'],
  ['worst', 'least'],
  ['share', 'share'],
  ['percentage', 'share'],
  ['proportion', 'share'],
  ['percent', 'share'],
  ['growth', 'growth'],
  ['change', 'growth'],
  ['trend', 'growth'],
  ['distribution', 'distribution'],
  ['histogram', 'distribution'],
  ['breakdown', 'distribution'],
  ['correlation', 'correlation'],
  ['correlate', 'correlation'],
  ['relationship between', 'correlation'],
  ['not', 'not'],
  ['excluding', 'not'],
  ['except', 'not'],
  ['other than', 'not'],
  ['without', 'not'],
  ['and', 'and'],
  ['or', 'or'],
  ['vs', 'versus'],
  ['versus', 'versus'],
  ['compared to', 'versus'],
  ['compared with', 'versus'],
  ['line', 'chart_line'],
  ['line chart', 'chart_line'],
  ['bar', 'chart_bar'],
  ['bar chart', 'chart_bar'],
  ['bars', 'chart_bar'],
  ['pie', 'chart_pie'],
  ['pie chart', 'chart_pie'],
  ['scatter', 'chart_scatter'],
  ['scatter plot', 'chart_scatter'],
  ['list', 'list'],
  ['show', 'list'],
  ['give', 'list'],
  ['display', 'list'],
  ['find', 'list'],
  ['return', 'list'],
  ['tell', 'list'],
  ['get', 'list'],
  ['with', 'with'],
  ['having', 'with'],
  ['has', 'with'],
  ['have', 'with'],
  ['that have', 'with'],
  ['whose', 'with'],
  ['where', 'with'],
  ['daily', 'grain_day'],
  ['day', 'grain_day'],
  ['weekly', 'grain_week'],
  ['week', 'grain_week'],
  ['monthly', 'grain_month'],
  ['month', 'grain_month'],
  ['quarterly', 'grain_quarter'],
  ['quarter', 'grain_quarter'],
  ['yearly', 'grain_year'],
  ['day of week', 'grain_weekday'],
  ['day of the week', 'grain_weekday'],
  ['weekday', 'grain_weekday'],
  ['median', 'median'],
  ['running total', 'running'],
  ['cumulative', 'running'],
  ['cumulative total', 'running'],
  ['annual', 'grain_year'],
  ['year', 'grain_year'],
  ['containing', 'contains'],
  ['contains', 'contains'],
  ['contain', 'contains'],
  ['including', 'contains'],
  ['starting with', 'starts'],
  ['starts with', 'starts'],
  ['start with', 'starts'],
  ['beginning with', 'starts'],
  ['begin with', 'starts'],
  ['missing', 'null'],
  ['empty', 'null'],
  ['all', 'all'],
];

/** Words that carry no content of their own in a question. */
export const stopWords = new Set(
  (
    'a an the of in on at to for from is are was were be been being do does did done what which who whom ' +
    'whose when where how me us we our i you your it its this that these those there their they them ' +
    'please can could would should will shall may might must also just only any some as than then so such ' +
    'about into onto up down out off all both each every either neither whole entire ' +
    'there here along among via per by with within without give show list display find return tell get ' +
    'let see know want need like named called titled listed known ones one record records row rows entry ' +
    'entries data information info detail details value values result results table database whether if ' +
    'has have had having made make belong belongs belonging associated correspond corresponding ' +
    'respective respectively overall altogether together currently ever yet still now already ' +
    "do does did done 's is isn't aren't are everything anything something someone anyone everyone " +
    'occur occurs occurred happen happens happened held take takes took place exist exists existing ' +
    'his her him she he their them they its available present recorded registered there total substring string letter letters word phrase chart'
  ).split(' '),
);
