/**
 * Number formats for axes, labels and alt text. Vega-Lite specs carry Vega expressions (so the spec
 * formats the same in a browser as on the server); alt text uses the same rules in TypeScript.
 */
const currencySymbols: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  CNY: '¥',
  INR: '₹',
  KRW: '₩',
  AUD: 'A$',
  CAD: 'C$',
};

export type UnitKind = 'currency' | 'percent' | 'fraction_percent' | 'plain';

export interface UnitFormat {
  kind: UnitKind;
  prefix: string;
  suffix: string;
}

/**
 * Reads a unit hint. Percent values may be stored as fractions (0.25) or as percents (25): when every value
 * lies within [-1, 1] they are fractions.
 */
export function unitFormat(unit: string | undefined, values: number[] = []): UnitFormat {
  if (!unit) return { kind: 'plain', prefix: '', suffix: '' };
  const code = unit.trim().toUpperCase();
  if (code === 'PERCENT' || code === '%' || code === 'PCT') {
    const fractions = values.length > 0 && values.every((value) => Math.abs(value) <= 1);
    return fractions
      ? { kind: 'fraction_percent', prefix: '', suffix: '' }
      : { kind: 'percent', prefix: '', suffix: '%' };
  }
  const symbol = currencySymbols[code];
  if (symbol) return { kind: 'currency', prefix: symbol, suffix: '' };
  if (/^[A-Z]{3}$/.test(code)) return { kind: 'currency', prefix: '', suffix: ` ${code}` };
  return { kind: 'plain', prefix: '', suffix: ` ${unit}` };
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A Vega expression that formats `datum.value` (axes) or another expression compactly: 1.2M, $3.4k, 25%. */
export function formatExpression(format: UnitFormat, value = 'datum.value'): string {
  if (format.kind === 'fraction_percent') return `format(${value}, '.0~%')`;
  // d3's SI prefix G (giga) reads as billions for money and counts.
  const compact = `replace(format(abs(${value}), abs(${value}) < 1000 ? ',.4~r' : '.3~s'), 'G', 'B')`;
  return `(${value} < 0 ? '-' : '') + ${quote(format.prefix)} + ${compact} + ${quote(format.suffix)}`;
}

const siSteps: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

function trimNumber(value: number, digits: number): string {
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The same formatting in TypeScript, for alt text and KPI cards. */
export function formatValue(value: number, format: UnitFormat): string {
  if (format.kind === 'fraction_percent') return `${trimNumber(value * 100, 3)}%`;
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  let body = trimNumber(magnitude, 4);
  for (const [step, letter] of siSteps) {
    if (magnitude >= step) {
      body = `${trimNumber(magnitude / step, 3)}${letter}`;
      break;
    }
  }
  return `${sign}${format.prefix}${body}${format.suffix}`;
}
