import { customAlphabet } from 'nanoid';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomBase62 = customAlphabet(BASE62, 16);

/** Public identifiers: `<prefix>_<16 random base62 characters>` (about 95 bits). */
export type UidPrefix =
  | 'org'
  | 'usr'
  | 'key'
  | 'plan'
  | 'sub'
  | 'prod'
  | 'art'
  | 'lbl'
  | 'plat'
  | 'inv'
  | 'ast'
  | 'log'
  | 'lst'
  | 'job'
  | 'exp'
  | 'sa'
  | 'adr'
  | 'ivt'
  | 'sup'
  | 'err'
  | 'act'
  | 'item'
  | 'ord'
  | 'dast'
  | 'dpur'
  | 'dlog';

export function newUid(prefix: UidPrefix): string {
  return `${prefix}_${randomBase62()}`;
}
