import type { LogicalType } from '@askdata/core';
import type { PiiKind, SemanticType } from './types';

/**
 * Guesses what a column means from its name, storage type, cardinality and a sample of its values.
 * Name hints alone never flag PII on numbers or ids; value patterns need a clear majority of the sample.
 */
export interface SemanticInput {
  name: string;
  logicalType: LogicalType;
  /** Unit hint from ingestion (currency code or 'percent'). */
  unit?: string;
  rowCount: number;
  nonNullCount: number;
  distinctCount: number;
  min?: number | string | null;
  max?: number | string | null;
  /** Non-null sample values as text (a few hundred is plenty). */
  sample: readonly string[];
}

export interface SemanticResult {
  semanticType: SemanticType;
  pii: PiiKind[];
}

const namePatterns = {
  id: /(^|_)(id|key|uuid|guid)$|^id_|_(no|nr|number|code)$/,
  email: /e_?mail/,
  phone: /phone|mobile|(^|_)tel(ephone)?($|_)|(^|_)fax($|_)/,
  url: /(^|_)(url|uri|link|website|homepage|href)($|_)/,
  personName:
    /^(name|full_?name|first_?name|last_?name|given_?name|family_?name|surname|middle_?name)$|(customer|contact|person|employee|user|client|owner|author|patient|student)_?name/,
  country: /country|nation/,
  region: /region|(^|_)(state|province|county|city|town|continent|territory|district)($|_)/,
  address: /address|street|(^|_)(zip|postcode|postal_?code)($|_)/,
  iban: /iban/,
  card: /card_?(no|num|number)|credit_?card|(^|_)pan($|_)/,
  percent: /pct|percent|(^|_)(rate|ratio|share|discount|margin_pct)($|_)/,
  currency:
    /price|cost|revenue|sales|amount|(^|_)total($|_)|profit|income|salary|wage|spend|budget|fee|payment|(^|_)value($|_)|margin|gmv|turnover|usd|eur|gbp/,
  quantity: /qty|quantity|(^|_)(count|units|items|volume|stock|inventory)($|_)/,
} as const;

const valuePatterns = {
  email: /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/,
  url: /^(https?:\/\/|www\.)[^\s]+$/i,
  phone: /^\+?[\d\s().-]{7,20}$/,
  iban: /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/,
  cardDigits: /^\d{13,19}$/,
  isoDate: /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?/,
  localDate: /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/,
  currencyText: /^[-+(]?\s?([$€£¥]\s?[\d,.]+|[\d,.]+\s?[$€£¥]|[\d,.]+\s?(USD|EUR|GBP))\)?$/,
  percentText: /^[-+]?[\d,.]+\s?%$/,
  personName: /^\p{Lu}[\p{L}'’-]+(\s\p{Lu}[\p{L}'’.-]*){1,3}$/u,
} as const;

const numericTypes: readonly LogicalType[] = ['integer', 'decimal', 'float'];

function share(sample: readonly string[], test: (value: string) => boolean): number {
  if (sample.length === 0) return 0;
  let hits = 0;
  for (const value of sample) if (test(value.trim())) hits++;
  return hits / sample.length;
}

/** The Luhn checksum every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function looksLikePhone(value: string): boolean {
  if (!valuePatterns.phone.test(value)) return false;
  if (valuePatterns.isoDate.test(value) || valuePatterns.localDate.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  // Plain digit runs are ids; a phone number has separators or a leading +.
  return digits >= 7 && digits <= 15 && /[\s().+-]/.test(value);
}

function looksLikeCard(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  return valuePatterns.cardDigits.test(digits) && passesLuhn(digits);
}

const majority = 0.8;

export function detectSemanticType(input: SemanticInput): SemanticResult {
  const name = input.name.toLowerCase();
  const numeric = numericTypes.includes(input.logicalType);
  const text = input.logicalType === 'text';
  const sample = input.sample;
  const pii = new Set<PiiKind>();
  const unique = input.nonNullCount > 0 && input.distinctCount >= input.nonNullCount * 0.98;

  if (text) {
    if (share(sample, (v) => valuePatterns.email.test(v)) >= majority) pii.add('email');
    if (share(sample, looksLikePhone) >= majority) pii.add('phone');
    if (share(sample, (v) => valuePatterns.iban.test(v.replace(/\s/g, ''))) >= majority) pii.add('iban');
    if (share(sample, looksLikeCard) >= majority) pii.add('card_number');
    const personNameShare = share(sample, (v) => valuePatterns.personName.test(v));
    if (namePatterns.personName.test(name) && personNameShare >= majority) pii.add('person_name');
    if (namePatterns.address.test(name)) pii.add('address');
  }
  if (namePatterns.iban.test(name) && text) pii.add('iban');
  if (namePatterns.card.test(name) && (text || input.logicalType === 'integer')) pii.add('card_number');

  const semanticType = classify(input, name, numeric, text, unique, pii);
  return { semanticType, pii: [...pii].sort() };
}

function classify(
  input: SemanticInput,
  name: string,
  numeric: boolean,
  text: boolean,
  unique: boolean,
  pii: ReadonlySet<PiiKind>,
): SemanticType {
  const sample = input.sample;
  if (input.logicalType === 'boolean') return 'boolean';
  if (input.logicalType === 'date' || input.logicalType === 'timestamp') return 'date';
  if (pii.has('email')) return 'email';
  if (pii.has('phone')) return 'phone';
  if (pii.has('person_name')) return 'person_name';
  if (pii.has('card_number') || pii.has('iban')) return 'id';
  if (namePatterns.id.test(name) && (numeric || text)) return 'id';
  if (numeric) {
    if (input.unit === 'percent' || namePatterns.percent.test(name)) return 'percent';
    if ((input.unit !== undefined && input.unit !== 'percent') || namePatterns.currency.test(name))
      return 'currency';
    if (namePatterns.quantity.test(name)) return 'quantity';
    if (input.logicalType === 'integer' && unique && input.rowCount > 1) return 'id';
    if (input.logicalType === 'integer' && input.distinctCount <= 12 && input.rowCount >= 50)
      return 'category';
    return 'number';
  }
  if (!text) return 'text';
  if (share(sample, (v) => valuePatterns.url.test(v)) >= majority) return 'url';
  if (share(sample, (v) => valuePatterns.isoDate.test(v) || valuePatterns.localDate.test(v)) >= majority)
    return 'date';
  if (share(sample, (v) => valuePatterns.currencyText.test(v)) >= majority) return 'currency';
  if (share(sample, (v) => valuePatterns.percentText.test(v)) >= majority) return 'percent';
  if (namePatterns.country.test(name)) return 'country';
  if (namePatterns.region.test(name)) return 'region';
  const meanLength =
    sample.length === 0 ? 0 : sample.reduce((total, v) => total + v.length, 0) / sample.length;
  const wordy = share(sample, (v) => v.split(/\s+/).length >= 5) >= 0.5;
  if (meanLength > 40 || wordy) return 'free_text';
  const few = input.distinctCount <= 50 || input.distinctCount <= input.nonNullCount * 0.05;
  if (few && input.nonNullCount > input.distinctCount) return 'category';
  if (unique && input.rowCount > 1 && !/\s/.test(sample[0] ?? ' ')) return 'id';
  return 'text';
}
