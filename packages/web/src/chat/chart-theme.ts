/**
 * The server draws charts in the light variant of the answer package's theme
 * (packages/answer/src/chart/theme.ts). For a dark page the web app swaps each light colour for its dark
 * counterpart wherever it appears in the spec (config, marks, scales), so explicit mark colours follow too.
 */
const lightToDark: Record<string, string> = {
  '#ffffff': 'transparent',
  '#1f2328': '#E6EDF3',
  '#57606a': '#9DA7B3',
  '#e6e8eb': '#2D333B',
  '#8c959f': '#6E7681',
  '#0072b2': '#56B4E9',
  '#56b4e9': '#0072B2',
  '#000000': '#BBBBBB',
};

function swap(value: unknown): unknown {
  if (typeof value === 'string') return lightToDark[value.toLowerCase()] ?? value;
  if (Array.isArray(value)) return value.map(swap);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [
        key,
        key === 'data' || key === 'datasets' ? entry : swap(entry),
      ]),
    );
  }
  return value;
}

/** The spec for a colour scheme; data values are left alone. */
export function chartSpecFor(
  spec: Record<string, unknown>,
  scheme: 'light' | 'dark',
): Record<string, unknown> {
  return scheme === 'light' ? spec : (swap(spec) as Record<string, unknown>);
}
