import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Random } from '../../packages/engine/src/demo/random';

/**
 * The benchmark's input: a seeded 1M-row, 20-column CSV (about 150 MB) mixing integers, decimals,
 * dates, timestamps, booleans, categories, codes, e-mails and free text with some nulls.
 */
export const wideCsvColumns = [
  'id',
  'customer_id',
  'order_date',
  'shipped_at',
  'amount',
  'quantity',
  'discount',
  'unit_price',
  'category',
  'region',
  'country',
  'city',
  'channel',
  'status',
  'product_name',
  'customer_email',
  'comment',
  'score',
  'is_member',
  'sku',
] as const;

const words = [
  'fast',
  'delivery',
  'great',
  'product',
  'late',
  'broken',
  'box',
  'happy',
  'refund',
  'again',
  'price',
  'quality',
  'support',
  'would',
  'buy',
  'recommend',
];
const categories = [
  'Books',
  'Garden',
  'Toys',
  'Kitchen',
  'Sports',
  'Music',
  'Office',
  'Beauty',
  'Health',
  'Tools',
];
const regions = ['North', 'South', 'East', 'West', 'Central'];
const channels = ['web', 'store', 'phone', 'partner'];
const statuses = ['delivered', 'shipped', 'pending', 'cancelled', 'returned'];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function row(random: Random, id: number): string {
  const day = 19_000 + random.int(0, 1_400);
  const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
  const shipped = random.chance(0.1)
    ? ''
    : new Date((day + random.int(1, 5)) * 86_400_000 + random.int(0, 86_399) * 1000)
        .toISOString()
        .slice(0, 19)
        .replace('T', ' ');
  const quantity = random.int(1, 20);
  const unitPrice = Math.round(Math.exp(1 + random.next() * 5) * 100) / 100;
  const discount = random.pick([0, 0, 0, 0.05, 0.1, 0.15, 0.2, 0.3]);
  const amount = (quantity * unitPrice * (1 - discount)).toFixed(2);
  const country = random.int(1, 30);
  const comment = random.chance(0.3)
    ? ''
    : `"${Array.from({ length: random.int(2, 7) }, () => random.pick(words)).join(' ')}"`;
  const score = random.chance(0.05) ? '' : (random.gaussian() * 15 + 70).toFixed(2);
  return [
    id,
    random.int(1, 50_000),
    date,
    shipped,
    amount,
    quantity,
    discount,
    unitPrice,
    random.pick(categories),
    random.pick(regions),
    `Country ${pad(country, 2)}`,
    `City ${pad(country, 2)}-${pad(random.int(1, 7), 1)}`,
    random.pick(channels),
    random.pick(statuses),
    `Product ${random.int(1, 2_000)}`,
    `u${random.int(1, 400_000)}@mail.test`,
    comment,
    score,
    random.chance(0.4) ? 'true' : 'false',
    `SKU-${pad(random.int(1, 5_000), 5)}`,
  ].join(',');
}

/** Writes the file unless it is already there; returns its path. */
export function ensureWideCsv(directory: string, rows = 1_000_000, seed = 7): string {
  // The version in the name keeps an old file from being reused after the generator changes.
  const file = path.join(directory, `wide-v2-${rows}-${seed}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(directory, { recursive: true });
  const temporary = `${file}.tmp`;
  const handle = openSync(temporary, 'w');
  const random = new Random(seed);
  writeSync(handle, `${wideCsvColumns.join(',')}\n`);
  const chunk: string[] = [];
  for (let id = 1; id <= rows; id++) {
    chunk.push(row(random, id));
    if (chunk.length === 20_000 || id === rows) {
      writeSync(handle, `${chunk.join('\n')}\n`);
      chunk.length = 0;
    }
  }
  closeSync(handle);
  renameSync(temporary, file);
  return file;
}
