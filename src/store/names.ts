/**
 * Name keys for merging entities across articles. Pure functions (they run in the
 * analysis workers).
 *
 * - `normText`: lower case, no diacritics, curly apostrophes straightened, a trailing
 *   possessive and punctuation dropped, white space collapsed ("Peskov’s" → "peskov").
 * - A person's name loses leading honorifics and titles ("President Trump" → "trump",
 *   "Mr. Peskov" → "peskov") and trailing generational suffixes ("Jr.", "III").
 * - Two or more words left: a full name, merged across articles only with the very same
 *   full name, or with the same name without middle initials when the corpus has only one
 *   such initialled form ("Donald J. Trump" = "Donald Trump"; see writer.ts). One word: a
 *   surname-only mention, resolved in the corpus (see writer.ts).
 * - Anonymous sources get a description key ("A French official" → "french official")
 *   used to group them, never to merge them.
 */
import { readLexicon } from '../lexicons/load.ts';

export function normText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}'\s-]+/gu, ' ')
    .replace(/(^|\s)['-]+|['-]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const HONORIFICS = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'rev', 'fr', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'hon', 'st'];
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'esq']);
let titleWords: Set<string> | null = null;

/** One-word titles and honorifics that may precede a person's name in a name span. */
function titles(): Set<string> {
  if (!titleWords) {
    titleWords = new Set(HONORIFICS);
    for (const row of readLexicon('titles.txt')) {
      const t = normText(row[0]);
      if (t && !t.includes(' ')) titleWords.add(t);
    }
    for (const w of ['former', 'acting', 'deputy', 'vice', 'incumbent', 'late']) titleWords.add(w);
  }
  return titleWords;
}

/** The words of a person's name without leading titles and trailing suffixes. */
export function personTokens(name: string): string[] {
  const tokens = normText(name).split(' ').filter(Boolean);
  const t = titles();
  const isTitle = (w: string) => t.has(w) || (w.length > 3 && w.endsWith('s') && t.has(w.slice(0, -1))); // "Senators Rubio"
  let i = 0;
  while (i < tokens.length - 1 && isTitle(tokens[i])) i++;
  let j = tokens.length;
  while (j - 1 > i && SUFFIXES.has(tokens[j - 1])) j--;
  return tokens.slice(i, j);
}

const DETERMINERS = new Set(['a', 'an', 'the', 'another', 'one', 'some', 'several', 'two', 'three', 'four', 'other']);

/** "A French official" → "french official"; "the officials" → "officials". */
export function descriptionKey(description: string): string {
  const tokens = normText(description).split(' ').filter(Boolean);
  let i = 0;
  while (i < tokens.length - 1 && DETERMINERS.has(tokens[i])) i++;
  return tokens.slice(i).join(' ');
}

/** "The Kremlin" → "kremlin", "U.S." → "u s". */
export function namedKey(name: string): string {
  const tokens = normText(name).split(' ').filter(Boolean);
  return (tokens[0] === 'the' && tokens.length > 1 ? tokens.slice(1) : tokens).join(' ');
}

/**
 * A full name without its middle initials ("donald j trump" → "donald trump"), or null when
 * it has none. First and last words stay ("j edgar hoover" has no middle initial).
 */
export function initialBase(tokens: string[]): string | null {
  if (tokens.length < 3) return null;
  const middle = tokens.slice(1, -1);
  if (!middle.some((w) => w.length === 1)) return null;
  return [tokens[0], ...middle.filter((w) => w.length > 1), tokens[tokens.length - 1]].join(' ');
}

export type EntityKey =
  | { kind: 'person'; key: string; surname: string; base: string | null }
  | { kind: 'surname'; key: string; surname: string }
  | { kind: 'named'; key: string }
  | { kind: 'anonymous'; grp: string };

export interface KeyInput {
  type: string;
  name: string;
  anonymous: boolean;
  /** Whether any mention of the entity is a proper name. */
  named: boolean;
}

/**
 * How an article's entity joins the corpus. Unnamed entities (anonymous sources, or
 * people the article only describes) are never merged; their description groups them.
 */
export function entityKey(e: KeyInput): EntityKey {
  if (e.anonymous || !e.named) return { kind: 'anonymous', grp: descriptionKey(e.name) || normText(e.name) };
  if (e.type === 'PERSON') {
    const tokens = personTokens(e.name);
    if (tokens.length >= 2) return { kind: 'person', key: tokens.join(' '), surname: tokens[tokens.length - 1], base: initialBase(tokens) };
    if (tokens.length === 1) return { kind: 'surname', key: tokens[0], surname: tokens[0] };
  }
  return { kind: 'named', key: namedKey(e.name) || normText(e.name) || e.name.toLowerCase() };
}
