import type { ConditionCode, ContainerCondition } from '../../inventory/index.js';

/**
 * Grades read from a listing's free text (Etsy and Shopify have no condition field): the Goldmine grades as sellers
 * write them, longest names first so that `VG+` is not read as `VG` and `Near Mint` not as `Mint`.
 */
const GRADE_WORDS: Array<[string, ConditionCode]> = [
  ['near mint (nm or m-)', 'nm'],
  ['very good plus (vg+)', 'vg_plus'],
  ['very good (vg)', 'vg'],
  ['good plus (g+)', 'good_plus'],
  ['near mint (nm)', 'nm'],
  ['mint (m)', 'mint'],
  ['good (g)', 'good'],
  ['fair (f)', 'fair'],
  ['poor (p)', 'poor'],
  ['very good plus', 'vg_plus'],
  ['very good', 'vg'],
  ['good plus', 'good_plus'],
  ['near mint', 'nm'],
  ['vg++', 'vg_plus'],
  ['vg+', 'vg_plus'],
  ['nm-', 'nm'],
  ['m-', 'nm'],
  ['g+', 'good_plus'],
  ['mint', 'mint'],
  ['nm', 'nm'],
  ['vg', 'vg'],
  ['good', 'good'],
  ['fair', 'fair'],
  ['poor', 'poor'],
];
const SLEEVE_STATES: Array<[string, ContainerCondition]> = [
  ['not graded', 'not_graded'],
  ['no cover', 'no_cover'],
  ['generic', 'generic'],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A grade word at the start of `text` (after spaces), as a whole word. */
function leadingGrade<T extends string>(text: string, words: Array<[string, T]>): T | null {
  const lowered = text.trimStart().toLowerCase();
  for (const [word, code] of words) {
    if (new RegExp(`^${escape(word)}(?![\\w+-])`).test(lowered)) return code;
  }
  return null;
}

/**
 * Grades a text may state on their own, without a label: the abbreviations and the names no title uses for anything
 * else (`Mint`, `Good`, `Fair`, `Poor` are ordinary words: `Vanity Fair` is no grade).
 */
const STANDALONE_GRADES = new Set(['near mint', 'very good plus', 'very good', 'vg++', 'vg+', 'nm-', 'm-', 'g+', 'nm', 'vg']);

/** A grade written anywhere in `text` as a word of its own (`Abbey Road - VG+`), or null. */
function anyGrade(text: string): ConditionCode | null {
  const lowered = text.toLowerCase();
  for (const [word, code] of GRADE_WORDS) {
    if (!STANDALONE_GRADES.has(word)) continue;
    if (new RegExp(`(?:^|[\\s(\\[/,;:-])${escape(word)}(?![\\w+-])`).test(lowered)) return code;
  }
  return null;
}

/**
 * The media and sleeve grades a listing's text states: after `Media`/`Vinyl`/`Record`/`Disc` (`Media: NM`,
 * `Media condition: VG+`, `Condition: Media Near Mint (NM), Sleeve VG+`) and `Sleeve`/`Cover`/`Jacket`; without a
 * labelled media grade, a grade standing alone in the text (a title ending `- VG+`) is the media's.
 */
export function gradesFromText(...texts: Array<string | null | undefined>): {
  media: ConditionCode | null;
  sleeve: ContainerCondition | null;
} {
  let media: ConditionCode | null = null;
  let sleeve: ContainerCondition | null = null;
  const labelled = /\b(media|vinyl|record|disc|sleeve|cover|jacket)\b(?:\s+condition)?\s*[:=-]?\s*/gi;
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(labelled)) {
      const rest = text.slice((match.index ?? 0) + match[0].length);
      const isSleeve = ['sleeve', 'cover', 'jacket'].includes(match[1].toLowerCase());
      if (isSleeve && sleeve === null) sleeve = leadingGrade(rest, GRADE_WORDS) ?? leadingGrade(rest, SLEEVE_STATES);
      if (!isSleeve && media === null) media = leadingGrade(rest, GRADE_WORDS);
    }
  }
  if (media === null) {
    for (const text of texts) {
      media = text ? anyGrade(text.replace(labelled, ' ')) : null;
      if (media) break;
    }
  }
  return { media, sleeve };
}

/** Our media format named in a listing's text or tags (`Vinyl`, `LP`, `CD`, `Cassette`), or null. */
export function formatFromText(...texts: Array<string | null | undefined>): string | null {
  const text = texts.filter(Boolean).join(' ').toLowerCase();
  if (/\b(vinyl|lp|12"|7"|10"|record)\b/.test(text) || /\b(12|7|10)"/.test(text)) return 'Vinyl';
  if (/\b(cd|compact disc)\b/.test(text)) return 'CD';
  if (/\b(cassette|tape)\b/.test(text)) return 'Cassette';
  return null;
}

/** HTML as plain text: tags dropped (block ends as line breaks), the common entities decoded, blank runs collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<\s*(br|\/p|\/li|\/div|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
