import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A stored value sealed by this module starts so; anything else was stored in plain before encryption came in. */
const PREFIX = 'enc:v1:';

export class MissingSecretKeyError extends Error {
  constructor() {
    super('SECRET_KEY is not set: the platform tokens in the database are stored encrypted with it. Set SECRET_KEY (at least 32 characters, e.g. `openssl rand -base64 32`; see .env.example) to the key they were stored with.');
    this.name = 'MissingSecretKeyError';
  }
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/**
 * AES-256-GCM over tokens at rest, with a key derived from SECRET_KEY: a copied database file or backup does not hand
 * out the OA. Each value has its own random nonce; the tag makes a changed value fail instead of decrypting to junk.
 */
export function createTokenCipher(secretKey: string | undefined) {
  const key = secretKey ? createHash('sha256').update(secretKey, 'utf8').digest() : undefined;
  const need = () => {
    if (!key) throw new MissingSecretKeyError();
    return key;
  };
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', need(), iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${sealed.toString('base64url')}`;
    },
    /** The plain value; a value stored before encryption came in is returned as it is. */
    open(stored: string): string {
      if (!isSealed(stored)) return stored;
      const [iv, tag, sealed] = stored.slice(PREFIX.length).split('.');
      const decipher = createDecipheriv('aes-256-gcm', need(), Buffer.from(iv ?? '', 'base64url'));
      decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(sealed ?? '', 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('a stored token does not open with SECRET_KEY: it was stored with another key');
      }
    },
  };
}

export type TokenCipher = ReturnType<typeof createTokenCipher>;
