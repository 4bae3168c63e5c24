import { sign, type KeyObject } from 'node:crypto';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS, RS256 (RSASSA-PKCS1-v1_5 with SHA-256), as Google's JWT bearer grant takes it. */
export function signJwt(claims: Record<string, unknown>, key: KeyObject, keyId?: string): string {
  const input = `${base64url({ alg: 'RS256', typ: 'JWT', ...(keyId ? { kid: keyId } : {}) })}.${base64url(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}
