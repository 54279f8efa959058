/** PostgreSQL text cannot hold U+0000, so input carrying it is refused before it can reach a query. */
export function hasNullCharacter(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * The query parameter holding a null character in one of its values, `non_field_errors` when it is in a
 * parameter's name, or null. Values are strings, or lists of strings for a repeated parameter.
 */
export function findNullCharacterParameter(query: unknown): string | null {
  if (typeof query !== 'object' || query === null) return null;
  for (const [name, value] of Object.entries(query)) {
    if (hasNullCharacter(name)) return 'non_field_errors';
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item === 'string' && hasNullCharacter(item))) return name;
  }
  return null;
}
