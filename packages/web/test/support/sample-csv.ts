import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const regions = ['North', 'South', 'East', 'West'];
const products = ['Kettle', 'Toaster', 'Blender', 'Mixer', 'Juicer'];

/**
 * A small, deterministic sales file: 240 rows over 2024 with region, product, units and amount. Amounts
 * differ by region so "amount by region" has a clear answer to check against.
 */
export function writeSalesCsv(fileName = 'shop_sales.csv'): { path: string; totals: Record<string, number> } {
  const lines = ['sale_id,sold_on,region,product,units,amount'];
  const totals: Record<string, number> = {};
  for (let index = 0; index < 240; index++) {
    const region = regions[index % regions.length] as string;
    const product = products[(index * 7) % products.length] as string;
    const units = 1 + ((index * 13) % 5);
    const amount = Math.round(units * (10 + regions.indexOf(region) * 5 + (index % 3)) * 100) / 100;
    const month = 1 + (index % 12);
    const day = 1 + (index % 28);
    const date = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    lines.push(`${index + 1},${date},${region},${product},${units},${amount.toFixed(2)}`);
    totals[region] = Math.round(((totals[region] ?? 0) + amount) * 100) / 100;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'askdata-web-csv-')), fileName);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, totals };
}
