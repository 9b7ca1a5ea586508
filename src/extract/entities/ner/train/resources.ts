/**
 * Builds the tagger's resources at training time: capitalisation classes from unlabelled
 * text, and the gazetteer from the `src/lexicons/ner-*.txt` lists.
 */
import { readLexicon } from '../../../../lexicons/load.ts';
import { GAZ_CATEGORIES, normWord, type GazCategory } from '../features.ts';
import { addGazetteer } from '../model.ts';

const OPENERS = new Set(['"', "'", ':', '-', '(', '[', '``', '--']);
const HAS_LETTER = /\p{L}/u;

/** True when most lettered words of a sentence are in capitals (a headline). */
export function capsSentenceWords(words: string[]): boolean {
  let letters = 0, caps = 0;
  for (const w of words) {
    if (!HAS_LETTER.test(w)) continue;
    letters++;
    if (w === w.toUpperCase()) caps++;
  }
  return letters > 0 && caps / letters >= 0.8;
}

/**
 * Capitalisation class per lower-cased word, from positions where case is informative
 * (not sentence-initial, not after an opening quote or colon, not in headlines):
 * 1 almost always lower case, 2 mostly lower, 3 mostly capitalised, 4 almost always.
 */
export function capitalisationClasses(sentences: Iterable<string[]>, minCount = 2): Map<string, number> {
  const lower = new Map<string, number>();
  const cap = new Map<string, number>();
  for (const s of sentences) {
    if (capsSentenceWords(s)) continue;
    for (let i = 1; i < s.length; i++) {
      const w = s[i];
      if (!HAS_LETTER.test(w)) continue;
      const prev = s[i - 1];
      if (OPENERS.has(prev) || /[.!?]$/.test(prev)) continue;
      const l = w.toLowerCase();
      if (w === l) lower.set(l, (lower.get(l) ?? 0) + 1);
      else if (w[0] !== w[0].toLowerCase()) cap.set(l, (cap.get(l) ?? 0) + 1);
    }
  }
  const out = new Map<string, number>();
  for (const l of new Set([...lower.keys(), ...cap.keys()])) {
    const a = lower.get(l) ?? 0, b = cap.get(l) ?? 0;
    if (a + b < minCount) continue;
    const f = b / (a + b);
    out.set(l, f < 0.02 ? 1 : f < 0.5 ? 2 : f < 0.98 ? 3 : 4);
  }
  return out;
}

/** Splits a lexicon entry into CoNLL-style lower-cased words ("ben & jerry's" -> "ben & jerry 's"). */
export function gazetteerPhrase(entry: string): string {
  const words: string[] = [];
  for (const raw of entry.trim().split(/\s+/)) {
    const w = normWord(raw).toLowerCase();
    const m = /^(.+?)('s|')$/.exec(w);
    if (m && m[1].length > 1 && !/\.$/.test(m[1])) words.push(m[1], m[2]);
    else words.push(w);
  }
  return words.join(' ');
}

/** Which category each lexicon file (and kind in its second field) feeds. */
const SOURCES: { file: string; category: (kind: string | undefined) => GazCategory | null }[] = [
  { file: 'ner-derived-first-names.txt', category: () => 'first-name' },
  { file: 'ner-derived-last-names.txt', category: () => 'last-name' },
  { file: 'ner-derived-people.txt', category: () => 'person' },
  { file: 'ner-derived-places.txt', category: (k) => (k === 'city' ? 'city' : 'country') },
  { file: 'ner-gpe.txt', category: (k) => (k === 'city' ? 'city' : k === 'country' ? 'country' : 'region') },
  { file: 'ner-locations.txt', category: () => 'location' },
  { file: 'ner-derived-orgs.txt', category: () => 'org' },
  { file: 'ner-orgs.txt', category: () => 'org' },
  { file: 'ner-org-words.txt', category: () => 'org-word' },
  { file: 'ner-derived-demonyms.txt', category: () => 'demonym' },
  { file: 'ner-norp.txt', category: (k) => (k === 'nationality' ? 'demonym' : 'norp') },
  { file: 'ner-titles.txt', category: () => 'title' },
  { file: 'ner-calendar.txt', category: () => 'calendar' },
];

export function buildGazetteer(): { gaz: Map<string, number>; gazFirst: Map<string, number>; files: string[] } {
  const gaz = new Map<string, number>();
  const gazFirst = new Map<string, number>();
  for (const src of SOURCES) {
    for (const row of readLexicon(src.file)) {
      const cat = src.category(row[1]);
      if (!cat) continue;
      const bit = 1 << GAZ_CATEGORIES.indexOf(cat);
      const phrase = gazetteerPhrase(row[0]);
      if (phrase) addGazetteer(gaz, gazFirst, phrase, bit);
    }
  }
  return { gaz, gazFirst, files: SOURCES.map((s) => s.file) };
}
