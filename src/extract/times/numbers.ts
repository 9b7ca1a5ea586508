/** Numbers written in digits or words, as they appear in time phrases. */
import { NUMBER_WORDS, ORDINAL_WORDS, alt } from './lexicon.ts';

/** Vague quantity words: "several years" is P XY. */
export const VAGUE = ['several', 'a few', 'few', 'some', 'many', 'a couple of', 'a couple', 'couple of', 'a number of', 'numerous'];

const WORD = alt(NUMBER_WORDS.keys());
/** A number in words ("twenty-four", "a hundred", "two thousand five hundred"). */
export const NUM_WORDS_RE = `(?:(?:${WORD})(?:(?:\\s*-\\s*|\\s+(?:and\\s+)?)(?:${WORD}))*)`;
/** A number in digits, with an optional fraction ("5 1/2", "1.5", "1,000"). */
export const NUM_DIGITS_RE = `(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s+[1-9]\\/[1-9])?`;
export const NUM_RE = `(?:${NUM_DIGITS_RE}|${NUM_WORDS_RE})`;
export const ORDINAL_RE = `(?:${alt(ORDINAL_WORDS.keys())}|\\d{1,2}(?:st|nd|rd|th))`;

/** Value of a number in words or digits; null when it is not one. "a"/"an" are one. */
export function parseNumber(s: string): number | null {
  const t = s.trim().toLowerCase();
  if (t === 'a' || t === 'an') return 1;
  const dm = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+([1-9])\/([1-9]))?$/.exec(t);
  if (dm) {
    const base = +dm[1].replace(/,/g, '');
    return dm[2] ? base + +dm[2] / +dm[3] : base;
  }
  const words = t.split(/[\s-]+/).filter((w) => w && w !== 'and');
  if (!words.length) return null;
  let total = 0, current = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === 'a' || w === 'an') && i === 0) { current = 1; continue; }
    const v = NUMBER_WORDS.get(w);
    if (v === undefined) return null;
    if (v === 100) current = (current || 1) * 100;
    else if (v === 1000) { total += (current || 1) * 1000; current = 0; }
    else current += v;
  }
  return total + current;
}

/** Value of an ordinal ("third", "3rd"), or null. */
export function parseOrdinal(s: string): number | null {
  const t = s.trim().toLowerCase().replace(/\s+/g, '-');
  const m = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(t);
  if (m) return +m[1];
  return ORDINAL_WORDS.get(t) ?? null;
}

const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ONES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** A year spoken in words: "nineteen ninety-six", "nineteen eighty", "two thousand". */
export const SPOKEN_YEAR_RE =
  `(?:(?:${TEENS.join('|')})[\\s-]+(?:(?:${TENS.join('|')})(?:[\\s-]+(?:${ONES.join('|')}))?|hundred|oh[\\s-]+(?:${ONES.join('|')}))` +
  `|two[\\s-]+thousand(?:[\\s-]+(?:and[\\s-]+)?(?:${ONES.join('|')}|${TEENS.join('|')}))?)`;

export function parseSpokenYear(s: string): number | null {
  const words = s.toLowerCase().split(/[\s-]+/).filter((w) => w && w !== 'and');
  if (words[0] === 'two' && words[1] === 'thousand') {
    const rest = words.slice(2).join(' ');
    if (!rest) return 2000;
    const r = parseNumber(rest);
    return r === null ? null : 2000 + r;
  }
  const hi = parseNumber(words[0]);
  if (hi === null || hi < 10 || hi > 19) return null;
  const rest = words.slice(1);
  if (rest[0] === 'hundred') return hi * 100;
  if (rest[0] === 'oh') {
    const r = parseNumber(rest[1] ?? '');
    return r === null ? null : hi * 100 + r;
  }
  const lo = parseNumber(rest.join(' '));
  return lo === null || lo < 10 || lo > 99 ? null : hi * 100 + lo;
}
