import pg from 'pg';

/** A value a statement that takes no bind parameters (COPY) can be given inline. */
export type InlineValue = string | number | readonly string[];

/** One value as a SQL literal: strings quoted and escaped by pg, string arrays as `ARRAY[...]::text[]`, finite numbers as is. */
export function sqlLiteral(value: InlineValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return pg.escapeLiteral(value);
  return value.length === 0 ? `'{}'::text[]` : `ARRAY[${value.map((item) => pg.escapeLiteral(item)).join(', ')}]::text[]`;
}

/** `sql` with each `$n` replaced by the literal of `parameters[n - 1]` (the statement's own text must hold no `$`). */
export function inlineParameters(sql: string, parameters: readonly InlineValue[]): string {
  return sql.replace(/\$(\d+)/g, (_, position: string) => {
    const index = Number(position) - 1;
    if (index >= parameters.length) throw new RangeError(`No value for $${position}`);
    return sqlLiteral(parameters[index]);
  });
}
