/** `%text%` for LIKE on a lowercased column: the text lowercased and its wildcards (and the escape) escaped. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
