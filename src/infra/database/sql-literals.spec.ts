import { inlineParameters, sqlLiteral } from './sql-literals.js';

describe('SQL literals for statements without bind parameters', () => {
  it('quotes strings and doubles their quotes (and escapes backslashes as an E string)', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral('%a\\_b%')).toBe(" E'%a\\\\_b%'");
    expect(sqlLiteral("'); DROP TABLE users; --")).toBe("'''); DROP TABLE users; --'");
  });

  it('writes string arrays as text arrays and numbers as they are', () => {
    expect(sqlLiteral(['draft', "it's"])).toBe("ARRAY['draft', 'it''s']::text[]");
    expect(sqlLiteral([])).toBe("'{}'::text[]");
    expect(sqlLiteral(42)).toBe('42');
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
  });

  it('replaces every $n by its value, $10 not read as $1', () => {
    const values = Array.from({ length: 10 }, (_, index) => `v${index + 1}`);
    expect(inlineParameters('a = $1 AND b = $10', values)).toBe("a = 'v1' AND b = 'v10'");
    expect(() => inlineParameters('a = $2', ['only one'])).toThrow(RangeError);
  });
});
