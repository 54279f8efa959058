import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Sealed values start with their format, so that a later format (or key rotation) can tell them apart. */
const FORMAT = 'v1';

export class SecretBoxError extends Error {}

/** The 32-byte key ENCRYPTION_KEY holds: 64 hex digits or base64 of 32 bytes; null when it is neither. */
export function parseEncryptionKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  return decoded.length === KEY_BYTES && decoded.toString('base64').replace(/=+$/, '') === trimmed.replace(/=+$/, '') ? decoded : null;
}

/** The key file of a deployment without ENCRYPTION_KEY: `<DATA_DIR>/encryption.key`, created (mode 0600) on first use. */
export function keyFromDataDir(dataDir: string): Buffer {
  const path = join(resolve(dataDir), 'encryption.key');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, randomBytes(KEY_BYTES).toString('hex'), { flag: 'wx', mode: 0o600 });
    chmodSync(path, 0o600);
  }
  const key = parseEncryptionKey(readFileSync(path, 'utf8'));
  if (!key) throw new SecretBoxError(`${path} does not hold a 32-byte key (64 hex digits).`);
  return key;
}

/**
 * Authenticated encryption of secrets at rest (marketplace credentials): AES-256-GCM with a random 96-bit IV per
 * value; a sealed value is `v1:<base64 of iv | tag | ciphertext>`. `open` fails on any change to a sealed value.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new SecretBoxError(`The encryption key must be ${KEY_BYTES} bytes.`);
  }

  /** A 32-byte key of its own for `purpose` (HKDF-SHA256 of the encryption key), to sign with: never the encryption key itself. */
  derivedKey(purpose: string): Uint8Array {
    return new Uint8Array(hkdfSync('sha256', this.key, Buffer.alloc(0), purpose, KEY_BYTES));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  open(sealed: string): string {
    const [format, body] = sealed.split(':', 2);
    if (format !== FORMAT || !body) throw new SecretBoxError('Not a sealed value.');
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('Not a sealed value.');
    const decipher = createDecipheriv(ALGORITHM, this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('The sealed value was altered or sealed with another key.');
    }
  }
}
