import { type CSSVariablesResolver, createTheme, localStorageColorSchemeManager } from '@mantine/core';

/**
 * Mantine's defaults with darker "dimmed" text and a primary shade that keeps 4.5:1 contrast for white
 * button labels (WCAG AA), in both colour schemes.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'askdata-color-scheme' });

/**
 * Contrast fixes (WCAG AA 4.5:1): dimmed text and the text of "light" variants (badges, chips, alerts),
 * which Mantine draws in shade 6-7 on a tint of the same colour, are darkened in the light scheme.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-primary-color-light-color': resolved.colors.indigo[9],
    '--mantine-color-indigo-light-color': resolved.colors.indigo[9],
    '--mantine-color-gray-light-color': resolved.colors.gray[9],
    '--mantine-color-green-light-color': '#1e5e2a',
    '--mantine-color-yellow-light-color': '#6b4400',
    '--mantine-color-orange-light-color': '#8a3a00',
    '--mantine-color-red-light-color': '#a61e1e',
    '--mantine-color-blue-light-color': resolved.colors.blue[9],
  },
  dark: {
    '--mantine-color-dimmed': '#adb5bd',
  },
});
