import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { MusterError, type SecretBox } from '@muster/core';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256) from MUSTER_SECRET_KEY and
 * a purpose, so one key never encrypts two kinds of data the same way. `context` (e.g. a workspace id)
 * is authenticated but not stored: a sealed value copied to another row does not open there.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export class AesGcmSecretBox implements SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), Buffer.from('muster-secret-box', 'utf8'), Buffer.from(purpose, 'utf8'), 32));
  }

  seal(plain: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, context = ''): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) {
      throw new MusterError('configuration', 'A stored secret is not in a format this version of Muster can read.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // Never say more: the reason is a wrong key or tampering, and neither should leak detail.
      throw new MusterError('configuration', 'A stored secret could not be decrypted: MUSTER_SECRET_KEY differs from the key it was sealed with. Restore the previous key (or reinstall the Slack app).');
    }
  }
}
