import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { budgetWorkbook } from './budget-workbook';
import { demoDefaultSeed, generateRetailDemo, retailCsvFiles } from './generate-retail';

/** Bump when the generated data changes, so existing demo folders are regenerated. */
export const demoDataVersion = 1;

export type DemoFileKey = 'customers' | 'products' | 'orders' | 'orderLines' | 'budget';

export const demoFileNames = {
  customers: 'customers.csv',
  products: 'products.csv',
  orders: 'orders.csv',
  orderLines: 'order_lines.csv',
  budget: 'budget.xlsx',
} as const satisfies Record<DemoFileKey, string>;

const manifestName = 'demo-manifest.json';

export interface DemoData {
  dir: string;
  /** Absolute path of each generated file. */
  files: Record<DemoFileKey, string>;
  /** sha256 of each file's bytes. */
  hashes: Record<DemoFileKey, string>;
  seed: number;
  /** False when a complete folder for the same seed and version was already there. */
  generated: boolean;
}

interface Manifest {
  version: number;
  seed: number;
  hashes: Record<DemoFileKey, string>;
}

export function demoDataDir(home: string): string {
  return path.join(home, 'demo');
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function filePaths(dir: string): Record<DemoFileKey, string> {
  const entries = Object.entries(demoFileNames).map(([key, name]) => [key, path.join(dir, name)]);
  return Object.fromEntries(entries) as Record<DemoFileKey, string>;
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dir, manifestName), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const candidate = parsed as Partial<Manifest>;
    if (typeof candidate.version !== 'number' || typeof candidate.seed !== 'number' || !candidate.hashes) {
      return undefined;
    }
    return candidate as Manifest;
  } catch {
    // Missing or unreadable manifest: regenerate.
    return undefined;
  }
}

/** Renames into place so a reader never sees a half-written file. */
async function writeAtomic(file: string, bytes: Buffer | string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/**
 * Makes sure the retail demo files exist in `dir` (generated when missing, stale or from another seed)
 * and returns their paths. Generation takes about a second; nothing is committed to the repository.
 */
export async function ensureDemoData(dir: string, options: { seed?: number } = {}): Promise<DemoData> {
  const seed = options.seed ?? demoDefaultSeed;
  const absolute = path.resolve(dir);
  const files = filePaths(absolute);
  const manifest = await readManifest(absolute);
  const complete = Object.values(files).every((file) => existsSync(file));
  if (manifest && manifest.version === demoDataVersion && manifest.seed === seed && complete) {
    return { dir: absolute, files, hashes: manifest.hashes, seed, generated: false };
  }
  await mkdir(absolute, { recursive: true });
  const demo = generateRetailDemo(seed);
  const csv = retailCsvFiles(demo);
  const contents: Record<DemoFileKey, Buffer | string> = {
    customers: csv.customers,
    products: csv.products,
    orders: csv.orders,
    orderLines: csv.orderLines,
    budget: await budgetWorkbook(demo),
  };
  const hashes = {} as Record<DemoFileKey, string>;
  for (const key of Object.keys(demoFileNames) as DemoFileKey[]) {
    await writeAtomic(files[key], contents[key]);
    hashes[key] = sha256(contents[key]);
  }
  const written: Manifest = { version: demoDataVersion, seed, hashes };
  await writeAtomic(path.join(absolute, manifestName), `${JSON.stringify(written, null, 2)}\n`);
  return { dir: absolute, files, hashes, seed, generated: true };
}
