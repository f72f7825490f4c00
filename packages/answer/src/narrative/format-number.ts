/**
 * Short human number formatting used by narratives and reports: thousands separators below 10,000,
 * k / M / B above, percent with at most one decimal, currency symbols for common codes. The output
 * is what `numbersInText` parses back, so the number check can match text against facts.
 */
import type { FactNumber, FactUnit } from './fact';

const currencySymbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

const scales = [
  { at: 1e12, divisor: 1e12, suffix: 'T' },
  { at: 1e9, divisor: 1e9, suffix: 'B' },
  { at: 1e6, divisor: 1e6, suffix: 'M' },
  { at: 1e4, divisor: 1e3, suffix: 'k' },
] as const;

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function withSeparators(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Magnitude without sign: "1,234", "12.5k", "1.2M", "0.35". */
function formatMagnitude(abs: number, unit: FactUnit): string {
  if (abs >= exponentFrom) return abs.toExponential(1);
  const index = scales.findIndex((scale) => abs >= scale.at);
  if (index >= 0) {
    // 999,960 rounds to "1,000k"; the next larger scale reads better ("1M").
    const roundsUp = index > 0 && Number((abs / scales[index]!.divisor).toFixed(1)) >= 1000;
    const scale = scales[roundsUp ? index - 1 : index]!;
    const scaled = abs / scale.divisor;
    return trimZeros(scaled.toFixed(scaled >= 100 ? 0 : 1)) + scale.suffix;
  }
  if (unit === 'count' || Number.isInteger(abs) || abs >= 100) return withSeparators(Math.round(abs), 0);
  if (abs >= 1) return trimZeros(withSeparators(abs, 2));
  if (abs === 0) return '0';
  // Small fractions keep two significant digits so 0.0042 does not become "0".
  const decimals = Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(abs))));
  return trimZeros(abs.toFixed(decimals));
}

/** Past a thousand trillion, suffixes stop helping: "1.8e+21". */
const exponentFrom = 1e15;

export function formatPercent(points: number): string {
  const abs = Math.abs(points);
  if (abs >= exponentFrom) return `${points < 0 ? '-' : ''}${abs.toExponential(1)}%`;
  // Small shares keep two decimals so 0.02% does not read as 0%.
  const text = abs >= 10 ? abs.toFixed(0) : abs >= 1 ? trimZeros(abs.toFixed(1)) : trimZeros(abs.toFixed(2));
  return `${points < 0 && text !== '0' ? '-' : ''}${text}%`;
}

export function formatNumber(value: number, unit: FactUnit = 'number', currency?: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'percent') return formatPercent(value);
  const sign = value < 0 ? '-' : '';
  const magnitude = formatMagnitude(Math.abs(value), unit);
  if (unit === 'currency') {
    const code = currency?.toUpperCase() ?? 'USD';
    const symbol = currencySymbols[code];
    return symbol ? `${sign}${symbol}${magnitude}` : `${sign}${magnitude} ${code}`;
  }
  return sign + magnitude;
}

export function formatFactNumber(number: FactNumber, options: { absolute?: boolean } = {}): string {
  const value = options.absolute ? Math.abs(number.value) : number.value;
  return formatNumber(value, number.unit, number.currency);
}

/** Maps a column unit hint ('USD', 'currency:EUR', 'percent', 'count') to how facts show it. */
export function unitFromHint(hint: string | undefined): { unit: FactUnit; currency?: string } {
  if (!hint) return { unit: 'number' };
  const normalised = hint.trim();
  if (/^(percent|pct|%)$/i.test(normalised)) return { unit: 'percent' };
  if (/^count$/i.test(normalised)) return { unit: 'count' };
  const prefixed = /^currency(?::([A-Za-z]{3}))?$/i.exec(normalised);
  if (prefixed) return { unit: 'currency', currency: (prefixed[1] ?? 'USD').toUpperCase() };
  if (/^[A-Za-z]{3}$/.test(normalised)) return { unit: 'currency', currency: normalised.toUpperCase() };
  if (normalised in { $: 1, '€': 1, '£': 1 }) {
    const code = Object.entries(currencySymbols).find(([, symbol]) => symbol === normalised)?.[0];
    return { unit: 'currency', currency: code ?? 'USD' };
  }
  return { unit: 'number' };
}
