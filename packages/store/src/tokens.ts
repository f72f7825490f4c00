import { createHash, randomBytes } from 'node:crypto';

/** A random bearer token (cookie, share link, API key body): 32 bytes, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a database leak does not leak working tokens. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The request fingerprint an Idempotency-Key is bound to: method, path and body. */
export function hashRequest(method: string, path: string, body: string): string {
  return sha256Hex(`${method.toUpperCase()}\n${path}\n${body}`);
}
