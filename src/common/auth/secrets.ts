import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { customAlphabet } from 'nanoid';

/** Tokens and keys carry 256 bits of randomness, so a fast SHA-256 digest is a safe way to store them. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function sameDigest(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newBearerToken(): string {
  return randomBytes(32).toString('base64url');
}

const base62 = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');

/** An API key: `ik_<8-char prefix>.<43-char secret>`; the prefix is shown and used for look-up. */
export function newApiKey(): { prefix: string; key: string } {
  const prefix = `ik_${base62(8)}`;
  return { prefix, key: `${prefix}.${base62(43)}` };
}

export function apiKeyPrefix(key: string): string | null {
  const dot = key.indexOf('.');
  return dot > 0 && dot <= 16 ? key.slice(0, dot) : null;
}
