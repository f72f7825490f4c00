import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AskdataError } from '@askdata/core';

/**
 * AES-256-GCM for datasource secrets at rest. Format `v1.<iv>.<tag>.<ciphertext>` (base64url); the
 * row id is bound in as associated data, so a ciphertext copied onto another row does not decrypt.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) {
    throw new AskdataError('invalid_input', 'The secret key must be 32 bytes (AES-256).');
  }
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ciphertext].map(encodePart).join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new AskdataError('internal', 'A stored secret has an unknown format.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plaintext = Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]);
        return plaintext.toString('utf8');
      } catch (error) {
        throw new AskdataError(
          'internal',
          'A stored secret could not be decrypted; is ASKDATA_SECRET_KEY the key it was saved with?',
          {
            cause: error,
          },
        );
      }
    },
  };
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
