import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips, with a fresh IV each time and no plaintext in the output', () => {
    const first = box.seal('postgres://u:pw-123@h/db', 'datasource:1');
    const second = box.seal('postgres://u:pw-123@h/db', 'datasource:1');
    expect(first).not.toBe(second);
    expect(first).not.toContain('pw-123');
    expect(box.open(first, 'datasource:1')).toBe('postgres://u:pw-123@h/db');
  });

  it('refuses a flipped byte, another context, another key, and a short key', () => {
    const sealed = box.seal('secret', 'datasource:1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const flipped = [parts[0], parts[1], parts[2], body.toString('base64url')].join('.');
    expect(() => box.open(flipped, 'datasource:1')).toThrow(/could not be decrypted/);
    expect(() => box.open(sealed, 'datasource:2')).toThrow(/could not be decrypted/);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'datasource:1')).toThrow(
      /could not be decrypted/,
    );
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
