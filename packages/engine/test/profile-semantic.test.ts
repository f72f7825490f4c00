import { describe, expect, it } from 'vitest';
import { detectSemanticType, passesLuhn, type SemanticInput } from '../src/index';

const base: SemanticInput = {
  name: 'x',
  logicalType: 'text',
  rowCount: 100,
  nonNullCount: 100,
  distinctCount: 100,
  sample: [],
};
const detect = (input: Partial<SemanticInput>) => detectSemanticType({ ...base, ...input });

describe('detectSemanticType', () => {
  it('reads names and units for numbers', () => {
    expect(detect({ name: 'unit_price', logicalType: 'decimal' }).semanticType).toBe('currency');
    expect(detect({ name: 'amount', logicalType: 'decimal', unit: 'EUR' }).semanticType).toBe('currency');
    expect(detect({ name: 'discount', logicalType: 'float' }).semanticType).toBe('percent');
    expect(detect({ name: 'growth', logicalType: 'float', unit: 'percent' }).semanticType).toBe('percent');
    expect(detect({ name: 'quantity', logicalType: 'integer', distinctCount: 9 }).semanticType).toBe(
      'quantity',
    );
    expect(detect({ name: 'customer_id', logicalType: 'integer', distinctCount: 40 }).semanticType).toBe(
      'id',
    );
    expect(detect({ name: 'height', logicalType: 'float', distinctCount: 80 }).semanticType).toBe('number');
  });

  it('reads value patterns for text, needing a clear majority', () => {
    const emails = Array.from({ length: 10 }, (_, i) => `p${i}@example.org`);
    expect(detect({ name: 'contact', sample: emails })).toEqual({ semanticType: 'email', pii: ['email'] });
    expect(detect({ name: 'contact', sample: [...emails.slice(0, 7), 'a', 'b', 'c'] }).semanticType).not.toBe(
      'email',
    );
    expect(detect({ name: 'tel', sample: ['+1 (555) 010-2233', '+44 20 7946 0958'] }).pii).toEqual(['phone']);
    // Plain digit runs are identifiers, not phone numbers.
    expect(detect({ name: 'ref', sample: ['123456789', '987654321'] }).pii).toEqual([]);
    expect(detect({ name: 'link', sample: ['https://a.example/x', 'www.b.example'] }).semanticType).toBe(
      'url',
    );
    expect(detect({ name: 'when', sample: ['2024-01-05', '2024-02-11'] }).semanticType).toBe('date');
    expect(detect({ name: 'cost', sample: ['$1,234.50', '$99.00'] }).semanticType).toBe('currency');
    expect(detect({ name: 'share', sample: ['12%', '7.5 %'] }).semanticType).toBe('percent');
  });

  it('flags person names only when name and values agree', () => {
    expect(detect({ name: 'customer_name', sample: ['Ana Silva', 'Jonas Weber'] }).pii).toEqual([
      'person_name',
    ]);
    expect(detect({ name: 'name', sample: ['Smart Mouse B-101', 'Ergo Chair X-7'] }).pii).toEqual([]);
    expect(detect({ name: 'city', sample: ['New York', 'Los Angeles'] }).pii).toEqual([]);
  });

  it('flags card numbers by checksum and IBANs by shape', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(detect({ name: 'payment', sample: ['4111 1111 1111 1111', '5500-0000-0000-0004'] }).pii).toEqual([
      'card_number',
    ]);
    expect(detect({ name: 'payment', sample: ['4111 1111 1111 1112', '5500-0000-0000-0005'] }).pii).toEqual(
      [],
    );
    expect(detect({ name: 'acct', sample: ['DE89 3704 0044 0532 0130 00'] }).pii).toEqual(['iban']);
  });

  it('tells categories, geography and free text apart', () => {
    expect(
      detect({ name: 'segment', distinctCount: 3, sample: ['Consumer', 'Corporate'] }).semanticType,
    ).toBe('category');
    expect(detect({ name: 'country', distinctCount: 30, sample: ['France'] }).semanticType).toBe('country');
    expect(detect({ name: 'ship_state', distinctCount: 30, sample: ['Texas'] }).semanticType).toBe('region');
    const sentences = ['The parcel arrived late but the support team was helpful and kind'];
    expect(detect({ name: 'feedback', sample: sentences }).semanticType).toBe('free_text');
    expect(detect({ name: 'flag', logicalType: 'boolean', distinctCount: 2 }).semanticType).toBe('boolean');
  });
});
