import type { FieldErrors } from '../../common/errors/error-response.js';
import { Msg } from '../../common/errors/messages.js';
import { hasNullCharacter } from '../../common/http/null-characters.js';

/**
 * The inventory CSV, export and import alike: its columns (the writable fields of an item, plus what identifies
 * and describes it), how a value is written into a cell, and how an imported row becomes the input of a create or
 * an update. Cells hold what the API shows: decimal strings, grade and status codes, ISO 8601 UTC timestamps.
 */
export const CSV_COLUMNS = [
  'uid',
  'title',
  'product_uid',
  'product_title',
  'name',
  'status',
  'condition_item',
  'condition_container',
  'condition_container_manually_set',
  'condition_comments',
  'condition_seller_description',
  'price_total_usd',
  'price_item_usd',
  'price_shipping_usd',
  'price_expected_usd',
  'price_purchased_item',
  'price_for_purchases_shipping',
  'listing_current_price',
  'manual_description',
  'manual_sku',
  'notes',
  'location',
  'inventory_item_type_uid',
  'created',
  'updated',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Exported to be read, never imported: the computed title and the timestamps the server keeps. */
export const READ_ONLY_COLUMNS: readonly CsvColumn[] = ['title', 'created', 'updated'];

/** The file name of an export made at `now`: `inventory-2025-03-01.csv` (UTC date). */
export function csvFileName(now: Date): string {
  return `inventory-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * A cell a spreadsheet would run as a formula (OWASP CSV injection: it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return), also behind quotes that an escape added: `'=1` must survive a round trip too. The export
 * prefixes such a value with `'` (in its SQL, which reads this pattern: JavaScript's and PostgreSQL's regular
 * expressions agree on it).
 */
export const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The value an escaped cell stands for: escapeCell undone (a `'` that protects nothing is part of the value). */
export function unescapeCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * Whether the first bytes of a file can begin a UTF-8 text (CSV) file: no null byte (binary formats such as PNG
 * have them at once) and no invalid UTF-8 (a sequence cut by the end of the chunk is fine).
 */
export function isTextStart(chunk: Buffer): boolean {
  if (chunk.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The export's first bytes: a BOM (spreadsheets then read the file as UTF-8) and the header row (of `columns`, default all). */
export function csvHeaderLine(columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  return `\uFEFF${columns.join(',')}\r\n`;
}

const LF = 0x0a;
const QUOTE = 0x22;
const CRLF = Buffer.from('\r\n');

/**
 * CSV text as PostgreSQL's COPY writes it (records end with LF) with CRLF record ends instead (RFC 4180), and the
 * number of records the chunk ended. A line feed inside a quoted value is data and stays as it is: `insideQuotes`
 * carries whether the text before this chunk ended inside one (COPY quotes every value holding a quote or a line
 * end, so counting quotes is exact).
 */
export function withCrlfRecordEnds(chunk: Buffer, insideQuotes: boolean): { text: Buffer; records: number; insideQuotes: boolean } {
  const parts: Buffer[] = [];
  let records = 0;
  let quoted = insideQuotes;
  let copiedUpTo = 0;
  let scannedUpTo = 0;
  for (let lineFeed = chunk.indexOf(LF); lineFeed !== -1; lineFeed = chunk.indexOf(LF, lineFeed + 1)) {
    for (let quote = chunk.indexOf(QUOTE, scannedUpTo); quote !== -1 && quote < lineFeed; quote = chunk.indexOf(QUOTE, quote + 1)) {
      quoted = !quoted;
    }
    scannedUpTo = lineFeed + 1;
    if (quoted) continue;
    parts.push(chunk.subarray(copiedUpTo, lineFeed), CRLF);
    copiedUpTo = lineFeed + 1;
    records += 1;
  }
  for (let quote = chunk.indexOf(QUOTE, scannedUpTo); quote !== -1; quote = chunk.indexOf(QUOTE, quote + 1)) quoted = !quoted;
  parts.push(chunk.subarray(copiedUpTo));
  return { text: Buffer.concat(parts), records, insideQuotes: quoted };
}

/** What the header row says: per cell, the column it names (null for an unknown one, which is ignored), or why it cannot be read. */
export function csvHeader(names: string[]): { columns: Array<CsvColumn | null> } | { problem: string } {
  const columns = names.map((name) => {
    const column = name.trim().toLowerCase();
    return (CSV_COLUMNS as readonly string[]).includes(column) ? (column as CsvColumn) : null;
  });
  const known = columns.filter((column) => column !== null);
  if (known.length === 0) {
    return { problem: `The header row names no known column; the columns are: ${CSV_COLUMNS.join(', ')}.` };
  }
  const repeated = known.find((column, index) => known.indexOf(column) !== index);
  if (repeated) return { problem: `The column "${repeated}" appears more than once in the header row.` };
  return { columns };
}

/** The cells of a data row by column: unknown columns left out. */
export function rowCells(columns: Array<CsvColumn | null>, record: string[]): Partial<Record<CsvColumn, string>> {
  const cells: Partial<Record<CsvColumn, string>> = {};
  columns.forEach((column, index) => {
    if (column !== null) cells[column] = record[index];
  });
  return cells;
}

/** How an imported row reads: an update of the item `uid`, or (without one) a new item; `input` is to be validated as the API's DTO. */
export interface CsvRowInput {
  uid: string | null;
  input: Record<string, unknown>;
  /** Cells refused before validation (a null character, which PostgreSQL cannot store). */
  errors: FieldErrors;
}

const BOOLEAN_CELLS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };

/**
 * The input an imported row stands for. An empty cell is "not given": it changes nothing (a value is cleared through
 * the API). Read-only columns are left out. The cells of derived values are dropped so that the export reads back
 * as it was: a container grade that mirrors the item grade (`condition_container_manually_set` false), and, when
 * the row names its product by `product_uid` or updates an item, the product's title.
 */
export function csvRowInput(cells: Partial<Record<CsvColumn, string>>): CsvRowInput {
  const input: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  let uid: string | null = null;
  for (const [column, cell] of Object.entries(cells) as Array<[CsvColumn, string]>) {
    if (cell === '' || READ_ONLY_COLUMNS.includes(column)) continue;
    if (hasNullCharacter(cell)) {
      errors[column] = [Msg.nullCharacter];
      continue;
    }
    const value = unescapeCell(cell);
    if (column === 'uid') uid = value.trim();
    else if (column === 'condition_container_manually_set') input[column] = BOOLEAN_CELLS[value.trim().toLowerCase()] ?? value;
    else input[column] = value;
  }
  if (input.condition_container_manually_set === false) delete input.condition_container;
  if (uid !== null || input.product_uid !== undefined) delete input.product_title;
  return { uid, input, errors };
}

/** One problem of an imported row: its first line in the file (the header is line 1), the column, the message. */
export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

export function rowErrors(row: number, errors: FieldErrors, prefix = ''): CsvRowError[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    Array.isArray(messages)
      ? messages.map((message) => ({ row, field: `${prefix}${field}`, message }))
      : rowErrors(row, messages, `${prefix}${field}.`),
  );
}
