/**
 * The one askdata chart theme, in a light and a dark variant. Colours come from the Okabe-Ito palette,
 * which stays distinguishable for the common forms of colour blindness; the dark variant swaps black for
 * a light grey and leads with the lighter blue so the first series stands out on a dark background.
 */
export type ChartTheme = 'light' | 'dark';

/** The font shipped in `packages/answer/assets/fonts` and used by both vega (layout) and resvg (drawing). */
export const chartFontFamily = 'DejaVu Sans';

interface ThemeColours {
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  domain: string;
  categories: string[];
  /** Sequential scheme for heatmaps: perceptually uniform and colour-blind safe. */
  sequential: string;
}

const okabeIto = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

export const themeColours = {
  light: {
    background: '#FFFFFF',
    text: '#1F2328',
    mutedText: '#57606A',
    grid: '#E6E8EB',
    domain: '#8C959F',
    categories: okabeIto,
    sequential: 'viridis',
  },
  dark: {
    background: '#16181D',
    text: '#E6EDF3',
    mutedText: '#9DA7B3',
    grid: '#2D333B',
    domain: '#6E7681',
    categories: ['#56B4E9', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#0072B2', '#F0E442', '#BBBBBB'],
    sequential: 'viridis',
  },
} as const satisfies Record<ChartTheme, ThemeColours>;

/** Vega-Lite `config` for a theme; labels get room (labelLimit, padding) instead of being cut off. */
export function themeConfig(theme: ChartTheme): Record<string, unknown> {
  const colours = themeColours[theme];
  return {
    background: colours.background,
    font: chartFontFamily,
    padding: 16,
    view: { stroke: null },
    title: {
      color: colours.text,
      subtitleColor: colours.mutedText,
      fontSize: 15,
      fontWeight: 'bold',
      subtitleFontSize: 12,
      anchor: 'start',
      offset: 14,
    },
    axis: {
      labelColor: colours.mutedText,
      titleColor: colours.text,
      gridColor: colours.grid,
      domainColor: colours.domain,
      tickColor: colours.domain,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      titlePadding: 10,
      labelLimit: 240,
      labelPadding: 4,
    },
    axisBand: { grid: false, tickBand: 'extent' },
    legend: {
      labelColor: colours.mutedText,
      titleColor: colours.text,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      labelLimit: 220,
      symbolType: 'circle',
    },
    header: { labelColor: colours.text, titleColor: colours.text },
    range: { category: [...colours.categories], heatmap: { scheme: colours.sequential } },
    mark: { color: colours.categories[0] },
    bar: { color: colours.categories[0], cornerRadiusEnd: 2 },
    line: { color: colours.categories[0], strokeWidth: 2 },
    point: { color: colours.categories[0], filled: true, size: 50 },
    area: { color: colours.categories[0], opacity: 0.85 },
    text: { color: colours.text },
    arc: { stroke: colours.background, strokeWidth: 1 },
  };
}
