/**
 * Embedding vectors of retrieval documents, kept in memory by model and a hash of the exact text that
 * was embedded. A schema's documents are embedded once and reused by every later question; a changed
 * description or a new snapshot's sample values changes the text and so the key. Vectors are stored
 * normalised, so cosine similarity is a dot product. The oldest entries go first past the limit.
 */
import { createHash } from 'node:crypto';

export function unitVector(vector: readonly number[]): Float32Array {
  const unit = Float32Array.from(vector);
  let norm = 0;
  for (const value of unit) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < unit.length; index++) unit[index] = (unit[index] ?? 0) / norm;
  return unit;
}

/** Cosine similarity of two unit vectors (0 when their lengths differ). */
export function cosine(left: Float32Array, right: Float32Array): number {
  if (left.length !== right.length) return 0;
  let dot = 0;
  for (let index = 0; index < left.length; index++) dot += (left[index] ?? 0) * (right[index] ?? 0);
  return dot;
}

export class VectorCache {
  private readonly vectors = new Map<string, Float32Array>();

  constructor(private readonly maxEntries = 100_000) {}

  private key(model: string, text: string): string {
    return `${model}\n${createHash('sha256').update(text).digest('base64url')}`;
  }

  get(model: string, text: string): Float32Array | undefined {
    return this.vectors.get(this.key(model, text));
  }

  set(model: string, text: string, vector: readonly number[]): Float32Array {
    const unit = unitVector(vector);
    const key = this.key(model, text);
    this.vectors.delete(key);
    this.vectors.set(key, unit);
    for (const oldest of this.vectors.keys()) {
      if (this.vectors.size <= this.maxEntries) break;
      this.vectors.delete(oldest);
    }
    return unit;
  }

  get size(): number {
    return this.vectors.size;
  }
}
