import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFromDataDir, parseEncryptionKey, SecretBox, SecretBoxError } from './secret-box.js';

describe('SecretBox', () => {
  const key = Buffer.alloc(32, 7);
  const box = new SecretBox(key);

  it('opens what it sealed; the same secret seals differently each time', () => {
    const first = box.seal('discogs-token-123');
    const second = box.seal('discogs-token-123');
    expect(first).toMatch(/^v1:/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('discogs-token-123');
    expect(box.open(first)).toBe('discogs-token-123');
    expect(box.open(box.seal(''))).toBe('');
  });

  it('refuses a sealed value that was altered, sealed with another key, or is not one', () => {
    const sealed = box.seal('secret');
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => box.open(`v1:${bytes.toString('base64')}`)).toThrow(SecretBoxError);
    expect(() => new SecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow(SecretBoxError);
    expect(() => box.open('plain text')).toThrow(SecretBoxError);
    expect(() => box.open('v1:AAAA')).toThrow(SecretBoxError);
  });

  it('derives a distinct key per purpose, the same each time, from the encryption key', () => {
    const signing = box.derivedKey('marketplace-connect-state');
    expect(signing).toHaveLength(32);
    expect(Buffer.from(signing).equals(key)).toBe(false);
    expect(box.derivedKey('marketplace-connect-state')).toEqual(signing);
    expect(box.derivedKey('another purpose')).not.toEqual(signing);
    expect(new SecretBox(Buffer.alloc(32, 8)).derivedKey('marketplace-connect-state')).not.toEqual(signing);
  });

  it('reads a key as 64 hex digits or base64 of 32 bytes, and nothing else', () => {
    expect(parseEncryptionKey('07'.repeat(32))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(parseEncryptionKey('too short')).toBeNull();
    expect(parseEncryptionKey(Buffer.alloc(16).toString('base64'))).toBeNull();
  });

  it('creates the key file of a data directory once (owner-only), then reads the same key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'secret-box-'));
    try {
      const created = keyFromDataDir(dataDir);
      expect(created).toHaveLength(32);
      expect(statSync(join(dataDir, 'encryption.key')).mode & 0o777).toBe(0o600);
      expect(keyFromDataDir(dataDir)).toEqual(created);
      expect(readFileSync(join(dataDir, 'encryption.key'), 'utf8')).toBe(created.toString('hex'));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
