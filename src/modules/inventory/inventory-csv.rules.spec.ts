import {
  CSV_COLUMNS,
  csvFileName,
  csvHeader,
  csvHeaderLine,
  csvRowInput,
  FORMULA_START,
  isTextStart,
  rowCells,
  rowErrors,
  unescapeCell,
  withCrlfRecordEnds,
} from './inventory-csv.rules.js';

describe('inventory CSV rules', () => {
  it('has the writable fields of an item, plus what identifies and describes it, uid first', () => {
    expect(CSV_COLUMNS[0]).toBe('uid');
    expect(CSV_COLUMNS).toEqual(
      expect.arrayContaining(['title', 'product_uid', 'product_title', 'status', 'created', 'updated', 'inventory_item_type_uid']),
    );
    expect(new Set(CSV_COLUMNS).size).toBe(CSV_COLUMNS.length);
  });

  it.each([
    ["=cmd|'/C calc'!A0", "'=cmd|'/C calc'!A0"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
    ["'=already quoted", "''=already quoted"],
    ["'plain", "'plain"],
    ['plain = text', 'plain = text'],
    ['', ''],
  ])('escapes %j as %j against CSV injection (the export prefixes what FORMULA_START matches), and reads it back', (value, cell) => {
    expect(FORMULA_START.test(value) ? `'${value}` : value).toBe(cell);
    expect(unescapeCell(cell)).toBe(value);
  });

  it('turns the LF record ends of COPY into CRLF, leaving line feeds inside quoted values, across chunks', () => {
    const copy = 'a,"line one\nline ""two""\nthree",b\nc,,"x"\n"split\n';
    let insideQuotes = false;
    let records = 0;
    const output: string[] = [];
    for (const piece of [copy.slice(0, 9), copy.slice(9, 30), copy.slice(30)]) {
      const converted = withCrlfRecordEnds(Buffer.from(piece), insideQuotes);
      insideQuotes = converted.insideQuotes;
      records += converted.records;
      output.push(converted.text.toString());
    }
    expect(output.join('')).toBe('a,"line one\nline ""two""\nthree",b\r\nc,,"x"\r\n"split\n');
    expect(records).toBe(2);
    expect(insideQuotes).toBe(true);
  });

  it('starts the export with a BOM and the header row', () => {
    expect(csvHeaderLine()).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('names an export by its UTC date', () => {
    expect(csvFileName(new Date('2025-03-01T23:59:59Z'))).toBe('inventory-2025-03-01.csv');
  });

  it('reads a header row: known columns in any order and case, unknown ones ignored', () => {
    expect(csvHeader([' Name ', 'extra', 'PRICE_TOTAL_USD'])).toEqual({ columns: ['name', null, 'price_total_usd'] });
    expect(csvHeader(['foo', 'bar'])).toEqual({ problem: expect.stringMatching(/^The header row names no known column/) });
    expect(csvHeader(['name', 'Name'])).toEqual({ problem: 'The column "name" appears more than once in the header row.' });
    expect(rowCells(['name', null, 'notes'], ['A', 'ignored', 'B'])).toEqual({ name: 'A', notes: 'B' });
  });

  it('maps a row to the input of an update (uid) or a create: empty cells and read-only columns not given', () => {
    expect(csvRowInput({ uid: ' inv_1 ', title: 'x', created: 'y', updated: 'z', name: '', notes: "'=1+1", price_total_usd: '3' })).toEqual(
      {
        uid: 'inv_1',
        input: { notes: '=1+1', price_total_usd: '3' },
        errors: {},
      },
    );
    expect(csvRowInput({ name: 'A', status: 'draft' })).toEqual({ uid: null, input: { name: 'A', status: 'draft' }, errors: {} });
  });

  it('drops the cells of derived values: a mirrored container grade, the product title beside a product or on an update', () => {
    expect(csvRowInput({ condition_item: 'nm', condition_container: 'nm', condition_container_manually_set: 'false' }).input).toEqual({
      condition_item: 'nm',
      condition_container_manually_set: false,
    });
    expect(csvRowInput({ condition_container: 'vg', condition_container_manually_set: 'TRUE' }).input).toEqual({
      condition_container: 'vg',
      condition_container_manually_set: true,
    });
    expect(csvRowInput({ condition_container_manually_set: 'maybe' }).input).toEqual({ condition_container_manually_set: 'maybe' });
    expect(csvRowInput({ product_uid: 'prod_1', product_title: 'A' }).input).toEqual({ product_uid: 'prod_1' });
    expect(csvRowInput({ uid: 'inv_1', product_title: 'A' }).input).toEqual({});
    expect(csvRowInput({ product_title: 'A' }).input).toEqual({ product_title: 'A' });
  });

  it('refuses a cell with a null character before validation', () => {
    expect(csvRowInput({ name: 'a\u0000b', notes: 'ok' })).toEqual({
      uid: null,
      input: { notes: 'ok' },
      errors: { name: ['Null characters are not allowed.'] },
    });
  });

  it('tells a text file from a binary one by its first bytes', () => {
    expect(isTextStart(Buffer.from('uid,name\r\nüñí'))).toBe(true);
    expect(isTextStart(Buffer.from('name,é').subarray(0, 6))).toBe(true); // a character cut by the chunk's end
    expect(isTextStart(Buffer.from('89504e470d0a1a0a0000000d', 'hex'))).toBe(false);
    expect(isTextStart(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe(false);
    expect(isTextStart(Buffer.from([0x41, 0xc3, 0x28]))).toBe(false);
  });

  it('lists field errors as row errors', () => {
    expect(rowErrors(7, { price_total_usd: ['A valid number is required.'], non_field_errors: ['x', 'y'] })).toEqual([
      { row: 7, field: 'price_total_usd', message: 'A valid number is required.' },
      { row: 7, field: 'non_field_errors', message: 'x' },
      { row: 7, field: 'non_field_errors', message: 'y' },
    ]);
  });
});
