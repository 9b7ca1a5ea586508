/**
 * The time word lists (src/lexicons/time-*.txt), read once at module load into lookup
 * tables and regex alternations.
 */
import { readFileSync } from 'node:fs';

function rows(name: string): string[][] {
  const text = readFileSync(new URL(`../../lexicons/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() && !l.trimStart().startsWith('#'))
    .map((l) => l.split('\t').map((f) => f.trim()));
}

/** Escapes a phrase for a regex and lets its spaces match any run of white space. */
export function phraseRe(p: string): string {
  return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/'/g, "['’]");
}

/** Alternation of phrases, longest first. */
export function alt(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(phraseRe).join('|');
}

export const MONTHS = new Map<string, number>(); // name or abbreviation (lower) -> 1..12
export const MONTH_FULL: string[] = [];
export const MONTH_ABBR: string[] = [];
for (const [name, num, abbr] of rows('time-months.txt')) {
  MONTHS.set(name, +num);
  MONTH_FULL.push(name);
  for (const a of (abbr ?? '').split(/\s+/).filter(Boolean)) {
    MONTHS.set(a, +num);
    MONTH_ABBR.push(a);
  }
}

export const WEEKDAYS = new Map<string, number>();
export const WEEKDAY_FULL: string[] = [];
export const WEEKDAY_ABBR: string[] = [];
for (const [name, num, abbr] of rows('time-weekdays.txt')) {
  WEEKDAYS.set(name, +num);
  WEEKDAY_FULL.push(name);
  for (const a of (abbr ?? '').split(/\s+/).filter(Boolean)) {
    WEEKDAYS.set(a, +num);
    WEEKDAY_ABBR.push(a);
  }
}

export const NUMBER_WORDS = new Map<string, number>(rows('time-numbers.txt').map(([w, v]) => [w, +v]));
export const ORDINAL_WORDS = new Map<string, number>(rows('time-ordinals.txt').map(([w, v]) => [w, +v]));

export interface UnitInfo { code: string; singular: string }
export const UNITS = new Map<string, UnitInfo>(); // singular and plural -> info
export const UNIT_WORDS: string[] = [];
for (const [sg, pl, code] of rows('time-units.txt')) {
  UNITS.set(sg, { code, singular: sg });
  UNITS.set(pl, { code, singular: sg });
  UNIT_WORDS.push(sg, pl);
}

export const PARTS_OF_DAY = new Map<string, string>(rows('time-parts-of-day.txt').map(([w, v]) => [w, v]));

export interface SeasonInfo { code: string; month: number }
export const SEASONS = new Map<string, SeasonInfo>(rows('time-seasons.txt').map(([w, c, m]) => [w, { code: c, month: +m }]));

export const HOLIDAYS = new Map<string, string>(rows('time-holidays.txt').map(([w, r]) => [w, r]));

export interface RefInfo { value: string; type: string }
export const REFS = new Map<string, RefInfo>(rows('time-refs.txt').map(([w, v, t]) => [w, { value: v, type: t }]));

export const SET_WORDS = new Map<string, string>(rows('time-sets.txt').map(([w, v]) => [w, v]));

export const PAST_VERBS = new Set(rows('time-past-verbs.txt').map(([w]) => w.toLowerCase()));

export const FUTURE_CUES = new Map<string, string>(rows('time-future-cues.txt').map(([w, k]) => [w.toLowerCase(), k]));

export const COUNT_NOUNS = new Set(rows('time-count-nouns.txt').map(([w]) => w.toLowerCase()));
export const NOT_YEAR_BEFORE = new Set(rows('time-not-years.txt').map(([w]) => w.toLowerCase()));
