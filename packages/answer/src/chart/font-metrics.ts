import { readFileSync } from 'node:fs';

/**
 * Glyph advance widths read from a TrueType file (tables head, hhea, hmtx and a format-4 cmap), so the
 * headless vega layout measures text with the same font resvg draws it with. Without this, vega guesses
 * 0.8 em per character, which truncates labels early and leaves uneven gaps.
 */
export interface FontMetrics {
  unitsPerEm: number;
  /** Advance width in font units for a code point (the missing-glyph width when absent). */
  advance(codePoint: number): number;
}

function tableOffsets(font: Buffer): Map<string, number> {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let index = 0; index < count; index += 1) {
    const record = 12 + index * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

function required(tables: Map<string, number>, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`font has no ${tag} table`);
  return offset;
}

/** Maps code points to glyph ids from the Windows Unicode BMP (3,1) format-4 subtable. */
function readCmap(font: Buffer, cmap: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let index = 0; index < subtables; index += 1) {
    const record = cmap + 4 + index * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const offset = cmap + font.readUInt32BE(record + 4);
    if (platform !== 3 || encoding !== 1 || font.readUInt16BE(offset) !== 4) continue;
    const segments = font.readUInt16BE(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let segment = 0; segment < segments; segment += 1) {
      const end = font.readUInt16BE(ends + segment * 2);
      const start = font.readUInt16BE(starts + segment * 2);
      const delta = font.readInt16BE(deltas + segment * 2);
      const rangeOffsetAt = rangeOffsets + segment * 2;
      const rangeOffset = font.readUInt16BE(rangeOffsetAt);
      for (let code = start; code <= end && code !== 0xffff; code += 1) {
        let glyph: number;
        if (rangeOffset === 0) {
          glyph = (code + delta) & 0xffff;
        } else {
          const glyphAt = rangeOffsetAt + rangeOffset + (code - start) * 2;
          const raw = font.readUInt16BE(glyphAt);
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph !== 0) glyphs.set(code, glyph);
      }
    }
    break;
  }
  return glyphs;
}

export function readFontMetrics(file: string): FontMetrics {
  const font = readFileSync(file);
  const tables = tableOffsets(font);
  const unitsPerEm = font.readUInt16BE(required(tables, 'head') + 18);
  const metricsCount = font.readUInt16BE(required(tables, 'hhea') + 34);
  const hmtx = required(tables, 'hmtx');
  const glyphs = readCmap(font, required(tables, 'cmap'));
  const widthOf = (glyph: number) => font.readUInt16BE(hmtx + Math.min(glyph, metricsCount - 1) * 4);
  const missing = widthOf(0);
  return {
    unitsPerEm,
    advance(codePoint) {
      const glyph = glyphs.get(codePoint);
      return glyph === undefined ? missing : widthOf(glyph);
    },
  };
}

/** Width in pixels of a text at a font size. */
export function measureText(metrics: FontMetrics, text: string, fontSize: number): number {
  let units = 0;
  for (const character of text) units += metrics.advance(character.codePointAt(0) ?? 0);
  return (units / metrics.unitsPerEm) * fontSize;
}
