/**
 * The rules: each has a stable id, a regular expression built once from the time lexicons,
 * and a parser that checks the match in context and returns a resolver (or null to reject
 * the match). Resolution against the publication date and earlier times happens later, in
 * document order (index.ts).
 */
import type { NlpLayer } from '../../nlp/tokens.ts';
import { addDays, fmtClock, isValidDate, isoWeek, isoWeekMonday, quarterOf, toDays, weekday, type Ymd } from './calendar.ts';
import {
  COUNT_NOUNS, HOLIDAYS, MONTHS, MONTH_ABBR, MONTH_FULL, NOT_YEAR_BEFORE, PARTS_OF_DAY, REFS, SEASONS, SET_WORDS, UNITS,
  WEEKDAYS, WEEKDAY_ABBR, WEEKDAY_FULL, alt,
} from './lexicon.ts';
import { NUM_RE, ORDINAL_RE, SPOKEN_YEAR_RE, VAGUE, parseNumber, parseOrdinal, parseSpokenYear } from './numbers.ts';
import {
  dayOut, dayPoint, dctPoint, dctShift, holidayDate, isDay, lastPoint, pointValue, shiftPoint, tenseDir, weekdayFrom,
  weekendPoint, yearForMonth,
} from './resolve.ts';
import type { Here, Out, Point, Resolver, State } from './types.ts';

// ---------------------------------------------------------------------------------------
// Regex fragments

const B = '(?<![\\w\'’-])'; // left word boundary that also refuses "-" and apostrophes
const E = '(?![\\w-]|[\'’]\\w\\w)'; // right boundary ("'s" allowed after)
const MON_FULL = `(?:${alt(MONTH_FULL)})`;
const MON_ABBR = `(?:${alt(MONTH_ABBR)})\\.?`;
const MON = `(?:${MON_FULL}|${MON_ABBR})`;
const WD_FULL = `(?:${alt(WEEKDAY_FULL)})`;
const WD_ABBR = `(?:${alt(WEEKDAY_ABBR)})\\.`;
const DAY = `(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\\d]|[.,:/]\\d|\\s*(?:%|percent|per\\s*cent|billion|million))`;
const YEAR = `(?:1[0-9]\\d\\d|20\\d\\d)(?![\\d%]|[.,/:]\\d|-\\d{3,})`;
const WS = '\\s+';
const POD = `(?:morning|afternoon|evening|night|overnight)`;
const MOD = `(?:early|late|mid|middle|earlier|later)`;
/** Parts of day that take a plural ("Tuesday nights" is every Tuesday night). */
const POD_PL_RE = `(?:morning|afternoon|evening|night)`;
/** What follows the first of coordinated weekdays with a plural part of day ("Monday [and Tuesday nights]"). */
const WD_PL_AFTER = `(?:,?${WS}(?:and|or)${WS}|,${WS})${WD_FULL}${WS}${POD_PL_RE}s${E}`;
const WD_PL_AFTER_RE = new RegExp(`^(?:,?${WS}(?:and|or)${WS}|,${WS})${WD_FULL}${WS}(${POD_PL_RE})s${E}`, 'i');
const APPROX_IN = `(?:nearly|more\\s+than|less\\s+than|at\\s+least|up\\s+to|around|almost|roughly|approximately|about|some|over|just|only|barely|fewer\\s+than)`;
const UNIT_ALT = alt([...UNITS.keys()]);
const UNIT_SG = alt([...new Set([...UNITS.values()].map((u) => u.singular))]);
const VAGUE_RE = alt(VAGUE);
const SEASON = alt(SEASONS.keys());
const HOLIDAY = alt(HOLIDAYS.keys());
const REF = alt(REFS.keys());
const SETW = alt(SET_WORDS.keys());

const re = (s: string) => new RegExp(s, 'gi');
const cap = (s: string | undefined) => !!s && /^[A-Z]/.test(s.trim());

function monthNum(s: string): number | null {
  return MONTHS.get(s.toLowerCase().replace(/\.$/, '')) ?? null;
}
function wdNum(s: string): number | null {
  return WEEKDAYS.get(s.toLowerCase().replace(/\.$/, '').replace(/s$/, '')) ?? null;
}

// ---------------------------------------------------------------------------------------
// Context helpers

export interface Ctx {
  text: string;
  nlp: NlpLayer;
}

function prevWord(text: string, at: number): string {
  const m = /([A-Za-z][\w.'’-]*)[\s,]*$/.exec(text.slice(Math.max(0, at - 40), at));
  return m ? m[1] : '';
}
function prevWordRaw(text: string, at: number): string {
  const m = /(\S+)\s*$/.exec(text.slice(Math.max(0, at - 40), at));
  return m ? m[1] : '';
}
function nextWord(text: string, at: number): string {
  const m = /^\s*([\w'’.-]+)/.exec(text.slice(at, at + 40));
  return m ? m[1] : '';
}

/** True when the token after `end` is a noun the expression modifies ("the Aug. 7 bombings"). */
function modifiesNoun(ctx: Ctx, end: number): boolean {
  const i = ctx.nlp.tokenAt(end);
  const t = ctx.nlp.tokens[i];
  if (!t || t.start < end) return false;
  if (ctx.text.slice(end, t.start).trim()) return false;
  if (/^['’]s$/.test(t.text)) return false;
  if (t.pos === 'NOUN' || (t.pos === 'PROPN' && /^[A-Z]/.test(t.text))) return true;
  if (t.pos === 'ADJ' && ctx.nlp.tokens[i + 1] && ctx.nlp.tokens[i + 1].pos === 'NOUN') return true;
  return false;
}

/** True when nothing the word before `end` could modify follows it: punctuation, a preposition, a verb. */
function headNoun(ctx: Ctx, end: number): boolean {
  const t = ctx.nlp.tokens[ctx.nlp.tokenAt(end)];
  if (!t || t.start < end) return true;
  if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ' || t.pos === 'NUM') return false;
  return !(t.pos === 'VERB' && /ing$/.test(t.lower));
}

/** Start of the sentence containing offset `at` (for the capitalisation checks). */
function sentenceInitial(ctx: Ctx, at: number): boolean {
  const i = ctx.nlp.tokenAt(at);
  const t = ctx.nlp.tokens[i];
  if (!t) return false;
  const s = ctx.nlp.sentences[t.sent];
  let k = s.first;
  while (k < i && /^[^\w]+$/.test(ctx.nlp.tokens[k].text)) k++;
  return k === i;
}

function posAt(ctx: Ctx, at: number): string {
  const t = ctx.nlp.tokens[ctx.nlp.tokenAt(at)];
  return t && t.start <= at + 1 ? t.pos : '';
}

const DATE_PREP = new Set([
  'in', 'since', 'until', 'till', 'by', 'from', 'to', 'through', 'during', 'before', 'after', 'of', 'for',
  'between', 'and', 'or', 'on', 'at', 'around', 'about', 'circa', 'early', 'late', 'mid', 'last', 'this', 'next',
  'the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'your', 'fiscal', 'calendar', 'year', 'as', 'than',
  'fall', 'spring', 'summer', 'winter', 'autumn', 'christmas', 'end', 'beginning', 'start', 'middle', 'throughout',
  'within', 'into', 'over', 'pre', 'post', 'mid-', 'pre-', 'post-', 'than', 'that', 'then', 'when', 'since', 'unlike', 'like',
  'whose', 'which', 'where', 'while', 'but', 'also', 'not', 'only', 'yet', 'still', 'already', 'was', 'is', 'were',
]);

// ---------------------------------------------------------------------------------------
// Value helpers

function durationValue(n: number | 'X', code: string): string | null {
  if (n === 'X') {
    switch (code) {
      case 'S': return 'PTXS';
      case 'TM': return 'PTXM';
      case 'H': return 'PTXH';
      case 'DE': return 'PXDE';
      case 'CE': return 'PXCE';
      case 'Q': return 'PXQ';
      case '2W': return 'PXW';
      default: return `PX${code}`;
    }
  }
  const whole = Number.isInteger(n);
  const fmt = (x: number) => String(Math.round(x * 1000) / 1000);
  switch (code) {
    case 'S': return `PT${fmt(n)}S`;
    case 'TM': return whole ? `PT${n}M` : `PT${Math.floor(n)}M${Math.round((n % 1) * 60)}S`;
    case 'H': return whole ? `PT${n}H` : (Math.floor(n) ? `PT${Math.floor(n)}H${Math.round((n % 1) * 60)}M` : `PT${Math.round(n * 60)}M`);
    case 'D': return `P${fmt(n)}D`;
    case 'WE': return `P${fmt(2 * n)}D`;
    case 'W': return `P${fmt(n)}W`;
    case '2W': return `P${fmt(2 * n)}W`;
    case 'M': return `P${fmt(n)}M`;
    case 'Q': return `P${fmt(n)}Q`;
    case 'Y': return whole ? `P${n}Y` : (Math.floor(n) ? `P${Math.floor(n)}Y${Math.round((n % 1) * 12)}M` : `P${Math.round(n * 12)}M`);
    case 'DE': return `P${fmt(10 * n)}Y`;
    case 'CE': return `P${fmt(100 * n)}Y`;
    case 'L': return `P${fmt(n)}L`;
  }
  return null;
}

function unitCode(word: string): string | null {
  return UNITS.get(word.toLowerCase().replace(/-/g, ''))?.code ?? UNITS.get(word.toLowerCase())?.code ?? null;
}

function parseQty(s: string): number | 'X' | null {
  const t = s.trim().toLowerCase().replace(/\s+/g, ' ');
  if (VAGUE.includes(t)) return t.includes('couple') ? 2 : 'X';
  return parseNumber(t);
}

const fixed = (type: Out['type'], value: string | null): Resolver => () => ({ type, value, anchor: null });

function withPod(out: Out | null, pod: string | undefined): Out | null {
  if (!out || !pod || !out.value) return out;
  const code = PARTS_OF_DAY.get(pod.toLowerCase());
  if (!code) return out;
  const suffix = code.includes(':') ? 'T' + code : 'T' + code;
  return { ...out, type: 'TIME', value: out.value + suffix };
}

/** The tense direction for a bare weekday: past unless the clause looks ahead. */
function weekdayDir(h: Here): 'past' | 'future' {
  return tenseDir(h.tense(), true);
}

/** "as early as Tuesday", "as soon as Monday" look ahead whatever the verb. */
function aheadCue(ctx: Ctx, start: number): boolean {
  const before = ctx.text.slice(Math.max(0, start - 60), start);
  if (/\b(?:as\s+(?:early|soon)\s+as|effective|payable|due|starting|beginning|(?:until|till|through)\s+at\s+least)\s*$/i.test(before)) return true;
  // A postponement or a deadline names the new date, which lies ahead of the telling:
  // "was postponed until Monday", "moved the vote to Friday", "has given them until Tuesday".
  return POSTPONED.test(before);
}
const POSTPONED = /\b(?:(?:postpon|delay|defer|adjourn|extend|mov|push|put\s+off|reschedul)\w*(?:\s+(?:back|off|it|them|him|her|us|the\s+\w+|its\s+\w+|their\s+\w+|a\s+\w+)){0,2}\s+(?:until|till|to)|(?:postpon|delay|defer|adjourn|extend|reschedul|giv|gave)\w*(?:\s+[\w'’-]+){0,4}?\s+(?:until|till))\s*$/i;

/** A date used as a modifier ("Tuesday's declaration", "the Tuesday deadline", "a June agreement") names an event already past. */
function asModifier(ctx: Ctx, end: number, start = -1): boolean {
  if (/^['’]s\b/.test(ctx.text.slice(end, end + 3)) || modifiesNoun(ctx, end)) return true;
  // "his Sunday night address": after a possessive or article, the next word is the noun
  // the date modifies, whatever tag it was given
  if (start >= 0 && /\b(?:his|her|its|their|our|my|your|the|a|an)\s+$/i.test(ctx.text.slice(Math.max(0, start - 7), start))) {
    const i = ctx.nlp.tokenAt(end);
    const t = ctx.nlp.tokens[i];
    if (t && t.start >= end && !ctx.text.slice(end, t.start).trim() && /^[a-z]/.test(t.text) && (t.pos === 'VERB' || t.pos === 'NOUN' || t.pos === 'ADJ')) return true;
  }
  return false;
}

const needDct = (st: State): Ymd | null => st.dct;

const nullOut = (type: Out['type'] = 'DATE'): Out => ({ type, value: null, anchor: null });

// ---------------------------------------------------------------------------------------
// Rules

export interface Parsed {
  start?: number;
  end?: number;
  resolve: Resolver;
  rule?: string;
  /** Resolve after the other times (clock times that borrow a day from the sentence). */
  late?: boolean;
}

export interface Rule {
  id: string;
  re: RegExp;
  parse(m: RegExpExecArray, ctx: Ctx): Parsed | Parsed[] | null;
}

/**
 * Words (lower case, hyphen-split parts of tokens, periods dropped: "a.m." is "am") at
 * least one of which every match of a rule contains. Classes of number tokens: `#` any
 * digit, `#4` a run of four digits, `#s` digits then "s" ("1990s", "'80s"), `#:` digits
 * with a colon ("10:35"), `#/` digits with "/" or "-" inside ("8/7/98", "1998-08-07").
 * The extractor only runs a rule's regex in windows around these, which keeps it fast.
 */
const UNIT_FORMS = [...UNITS.keys()];
const MONTH_FORMS = [...MONTHS.keys()];
const WEEKDAY_FORMS = [...WEEKDAY_FULL, ...WEEKDAY_FULL.map((w) => w + 's')];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const DECADE_WORDS = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
const POD_WORDS = ['morning', 'afternoon', 'evening', 'night', 'overnight'];
const words = (phrases: Iterable<string>) => [...phrases].flatMap((p) => p.toLowerCase().split(/[\s-]+/)).map((w) => w.replace(/['’]s$/, '').replace(/['’.]/g, '')).filter(Boolean);
export const TRIGGERS: Record<string, string[]> = {
  'time.date.mdy': MONTH_FORMS,
  'time.date.mdy.pair': MONTH_FORMS,
  'time.date.dmy': MONTH_FORMS,
  'time.date.numeric': ['#/'],
  'time.month.year': MONTH_FORMS,
  'time.month': MONTH_FORMS,
  'time.year': ['#4'],
  'time.decade': ['#s', ...DECADE_WORDS],
  'time.century': ['century'],
  'time.year.spoken': [...TEENS, 'year'],
  'time.clock': ['#:', 'am', 'pm', 'noon', 'midnight', 'midday', 'oclock', 'morning', 'afternoon', 'evening'],
  'time.weekday': WEEKDAY_FORMS,
  'time.set.weekday': WEEKDAY_FORMS,
  'time.deictic': ['today', 'yesterday', 'tomorrow', 'tonight'],
  'time.pod': POD_WORDS,
  'time.anaphor.day': ['day', ...POD_WORDS],
  'time.anaphor.unit': ['week', 'month', 'year'],
  'time.ago': ['ago', 'earlier', 'later', 'before', 'after', 'back', 'hence', 'now'],
  'time.rel': ['week', 'weekend', 'month', 'year', 'decade', 'century', ...SEASONS.keys()],
  'time.rel.the': ['weekend', 'end', 'turn'],
  'time.year.the': ['year'],
  'time.quarter': ['quarter', 'quarters', 'half', 'period'],
  'time.quarter.ref': ['quarter', 'period', 'ago', 'earlier'],
  'time.duration': UNIT_FORMS,
  'time.duration.vague': UNIT_FORMS,
  'time.duration.long': UNIT_FORMS,
  'time.set': [...SET_WORDS.keys(), 'every', 'each', 'per'],
  'time.season': [...SEASONS.keys()],
  'time.holiday': words(HOLIDAYS.keys()),
  'time.ref': [...REFS.keys()].map((p) => words([p]).pop()!),
  'time.ref.adj': ['current', 'recent', 'future', 'former'],
};

/**
 * What a relative date resolves against: the publication date, or without one the last
 * date mentioned in the text (the contract: "resolved only against dates in the text").
 */
function anchorFor(st: State, h: Here, needDay: boolean): { base: Ymd; yearOnly: boolean; anchor: 'published' | 'ref'; refId?: string } | null {
  if (st.dct) return { base: st.dct, yearOnly: false, anchor: 'published' };
  const r = lastPoint(st, h, (p) => (needDay ? p.gran === 'day' : p.gran === 'day' || p.gran === 'month' || p.gran === 'year'), 1e6);
  if (!r?.point) return null;
  const p = r.point;
  return { base: { y: p.y, m: p.m ?? 1, d: p.d ?? 1 }, yearOnly: p.gran === 'year', anchor: 'ref', refId: r.id };
}

function resolveMonthDay(m: number, d: number, y: number | null, wd: number | null, ahead = false, modifier = false): Resolver {
  return (st, h) => {
    if (y !== null) {
      if (!isValidDate(y, m, d)) return null;
      return dayOut({ y, m, d }, null);
    }
    const a = anchorFor(st, h, false);
    if (!a) return nullOut();
    const dct = a.base;
    let yy = a.yearOnly ? dct.y : yearForMonth(dct, m, d, ahead ? 'future' : modifier ? 'past' : h.tense());
    if (wd !== null) {
      // A weekday given with the date picks the year it falls on.
      for (const c of [yy, dct.y, dct.y - 1, dct.y + 1]) {
        if (isValidDate(c, m, d) && weekday(toDays(c, m, d)) === wd) { yy = c; break; }
      }
    }
    if (!isValidDate(yy, m, d)) return null;
    return dayOut({ y: yy, m, d }, a.anchor, a.refId);
  };
}

function monthResolver(mon: number, shift: string | null, yearText: string | null, rel: string | null, force: 'past' | 'future' | 'near' | 'near-past' | null = null): Resolver {
  return (st, h) => {
    if (yearText) return { type: 'DATE', value: pointValue({ gran: 'month', y: +yearText, m: mon }), anchor: null, point: { gran: 'month', y: +yearText, m: mon } };
    const a = anchorFor(st, h, false);
    if (!a) return nullOut();
    const dct = a.base;
    let y: number;
    if (a.yearOnly) {
      y = dct.y;
    } else if (rel) {
      y = dct.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
    } else if (shift === 'last' || shift === 'this past') {
      y = mon < dct.m ? dct.y : dct.y - 1;
    } else if (shift === 'next' || shift === 'this coming') {
      y = mon > dct.m ? dct.y : dct.y + 1;
    } else if (shift === 'this') {
      y = dct.y;
    } else if (!force && mon === dct.m + 1 && h.tense() === 'past') {
      // A bare month is of the current year unless the text says otherwise (news gives the
      // year, or "last", for another one): next month stays ahead in a past clause ("told
      // buyers of a cut in supplies in September", published in August), as a day a few weeks
      // ahead does; next January, from December, is not of the current year.
      y = dct.y;
    } else {
      y = yearForMonth(dct, mon, null, force === 'near' ? (h.tense() === 'future' ? 'future' : 'near') : force ?? h.tense() ?? null);
    }
    const p: Point = { gran: 'month', y, m: mon };
    return { type: 'DATE', value: pointValue(p), anchor: a.anchor, refId: a.refId, point: p };
  };
}

const DAY_RE = new RegExp(`^${DAY}$`, 'i');

export const RULES: Rule[] = [
  // "Aug. 7, 1998", "Monday, Oct. 26", "March 12", "Thursday, April 6, 2000", "March eighth"
  {
    id: 'time.date.mdy',
    re: re(`${B}(?:(?<weekof>the${WS}week${WS}of)${WS})?(?:(?:this${WS}coming|this|next|last)${WS}(?=${WD_FULL}))?(?:(?<wd>${WD_FULL}|${WD_ABBR}),?${WS}(?:the${WS})?)?(?<mon>${MON})${WS}(?<day>${DAY}|${ORDINAL_RE})(?:(?:,${WS}?|${WS})(?<year>${YEAR}))?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      if (!cap(g.mon)) return null;
      const mon = monthNum(g.mon)!;
      const d = DAY_RE.test(g.day) ? parseInt(g.day, 10) : parseOrdinal(g.day);
      if (!d || d > 31) return null;
      if (g.wd && !cap(g.wd)) return null;
      // "May 5" right after a capitalised name is a person ("Theresa May 5 ..." is rare, "Mr. May" is not)
      if (/^may$/i.test(g.mon) && !g.year && /^[A-Z][a-z]+$/.test(prevWord(ctx.text, m.index)) && !sentenceInitial(ctx, m.index)
        && !DATE_PREP.has(prevWord(ctx.text, m.index).toLowerCase())) return null;
      const y = g.year ? +g.year : null;
      const ahead = aheadCue(ctx, m.index);
      const modifier = !ahead && !y && asModifier(ctx, m.index + m[0].length);
      const day = resolveMonthDay(mon, d, y, g.wd ? wdNum(g.wd) : null, ahead, modifier);
      if (!g.weekof) return { resolve: day };
      // "the week of March 6": the ISO week holding that day
      return {
        resolve: (st, h) => {
          const out = day(st, h);
          if (!out?.point || out.point.gran !== 'day') return out;
          const w = isoWeek(toDays(out.point.y, out.point.m!, out.point.d!));
          const p: Point = { gran: 'week', y: w.y, w: w.w };
          return { ...out, value: pointValue(p), point: p };
        },
      };
    },
  },
  // "April 24 and 25": the second day of a pair
  {
    id: 'time.date.mdy.pair',
    re: re(`(?<=${B}(?<mon>${MON})${WS}${DAY}\\s*(?:and|or|to|through|-|–)\\s*)(?<day>${DAY})(?:,?${WS}(?<year>${YEAR}))?${E}`),
    parse(m) {
      const g = m.groups!;
      if (!cap(g.mon)) return null;
      const mon = monthNum(g.mon)!;
      const d = parseInt(g.day, 10);
      return { resolve: resolveMonthDay(mon, d, g.year ? +g.year : null, null) };
    },
  },
  // "7 August 1998", "the 7th of August"
  {
    id: 'time.date.dmy',
    re: re(`${B}(?:the${WS})?(?<day>${DAY}|${ORDINAL_RE})${WS}(?:of${WS})?(?<mon>${MON_FULL}|${MON_ABBR})(?:,?${WS}(?<year>${YEAR}))?${E}`),
    parse(m) {
      const g = m.groups!;
      if (!cap(g.mon)) return null;
      if (/^the/i.test(m[0]) === false && !/\d/.test(g.day)) return null;
      if (/^may$/i.test(g.mon) && !g.year) return null; // "5 May" vs "5 may ..." too ambiguous without a year
      const d = DAY_RE.test(g.day) ? parseInt(g.day, 10) : parseOrdinal(g.day);
      if (!d || d > 31) return null;
      return { resolve: resolveMonthDay(monthNum(g.mon)!, d, g.year ? +g.year : null, null) };
    },
  },
  // ISO and numeric dates: "1998-08-07", "12/05/1998", "8/7/98"
  {
    id: 'time.date.numeric',
    re: re(`${B}(?:(?<iy>(?:19|20)\\d\\d)-(?<im>[01]\\d)-(?<id>[0-3]\\d)|(?<um>[01]?\\d)/(?<ud>[0-3]?\\d)/(?<uy>(?:19|20)?\\d\\d))(?![\\d/-])`),
    parse(m) {
      const g = m.groups!;
      let y: number, mo: number, d: number;
      if (g.iy) { y = +g.iy; mo = +g.im; d = +g.id; } else {
        mo = +g.um; d = +g.ud; y = +g.uy;
        if (g.uy.length === 2) y += y < 50 ? 2000 : 1900;
      }
      if (!isValidDate(y, mo, d)) return null;
      return { resolve: () => dayOut({ y, m: mo, d }, null) };
    },
  },
  // "March 1996", "January this year", "early October 1998", "April last year"
  {
    id: 'time.month.year',
    re: re(`${B}(?:(?<mod>early|mid|late|the${WS}end${WS}of|the${WS}beginning${WS}of|the${WS}middle${WS}of|the${WS}start${WS}of)[\\s-]+)?(?<mon>${MON_FULL}|${MON_ABBR}),?${WS}(?:(?:of${WS})?(?<year>${YEAR})|(?<rel>this|last|next)${WS}year|(?<sy>${SPOKEN_YEAR_RE}))${E}`),
    parse(m) {
      const g = m.groups!;
      if (!cap(g.mon)) return null;
      const mon = monthNum(g.mon)!;
      if (g.sy) {
        const y = parseSpokenYear(g.sy);
        if (y === null) return null;
        return { resolve: monthResolver(mon, null, String(y), null) };
      }
      return { resolve: monthResolver(mon, null, g.year ?? null, g.rel ?? null) };
    },
  },
  // Bare months: "in December", "last November", "late-November", "this September"
  {
    id: 'time.month',
    re: re(`${B}(?:(?<mod>early|mid|late|the${WS}end${WS}of|the${WS}beginning${WS}of|the${WS}middle${WS}of|the${WS}start${WS}of)[\\s-]+|(?<shift>last|this${WS}past|this${WS}coming|this|next)${WS})?(?<mon>${MON_FULL})${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      if (!cap(g.mon)) return null;
      const mon = monthNum(g.mon)!;
      const start = m.index, monStart = m.index + m[0].length - g.mon.length;
      const prev = prevWord(ctx.text, monStart).toLowerCase();
      const next = nextWord(ctx.text, monStart + g.mon.length);
      const ambiguous = /^(may|march|june|april|august)$/i.test(g.mon);
      if (!g.mod && !g.shift) {
        // A capitalised word right before or after makes it part of a name ("April Ryan", "Theresa May").
        const pw = prevWordRaw(ctx.text, monStart);
        if (/^[A-Z][a-z]+\.?$/.test(pw) && !DATE_PREP.has(pw.toLowerCase()) && !MONTHS.has(pw.toLowerCase().replace(/\.$/, ''))
          && !sentenceInitial(ctx, monStart - pw.length - 1)) return null;
        if (/^(Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Prime|Minister|President)\.?$/.test(pw)) return null;
        if (/^[A-Z][a-z]+$/.test(next) && !MONTHS.has(next.toLowerCase()) && ambiguous && !/^(The|In|On|At|A)$/.test(next)) return null;
        if (/^(may|march)$/i.test(g.mon)) {
          if (!DATE_PREP.has(prev)) return null;
          if (prev === 'the' || prev === 'a') {
            if (/^(on|to|for|against|through|from|of|in|by)$/i.test(next) || next === '') return null;
          }
          // modal "May" at the start of a sentence: "May I ..." / verb "march": lower case only
          if (sentenceInitial(ctx, monStart)) return null;
        }
      }
      const force = aheadCue(ctx, start) ? 'future'
        : /\b(?:until|till|through|by)\s*$/i.test(ctx.text.slice(Math.max(0, start - 8), start)) ? 'near'
        : /\bsince\s*$/i.test(ctx.text.slice(Math.max(0, start - 7), start)) ? 'past'
        : asModifier(ctx, m.index + m[0].length) ? 'near-past' : null;
      return { start, resolve: monthResolver(mon, g.shift ? g.shift.toLowerCase().replace(/\s+/g, ' ') : null, null, null, force) };
    },
  },
  // Years: "in 1988", "fiscal 1989", "the 1996 Olympics", "between 1994 and 1997", "post-1959"
  {
    id: 'time.year',
    re: re(`${B}(?:(?<mod>early|mid|late|the${WS}end${WS}of|the${WS}beginning${WS}of|the${WS}middle${WS}of|the${WS}start${WS}of|the${WS}first${WS}half${WS}of|the${WS}second${WS}half${WS}of)[\\s-]+)?(?:(?<pre>post|pre|mid)-)?(?<fy>(?:fiscal|calendar)(?:${WS}year)?${WS}|the${WS}year${WS})?(?<year>${YEAR})(?<s>s)?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      if (g.s) return null; // decades are another rule
      const y = +g.year;
      const yStart = m.index + m[0].length - g.year.length;
      const before = ctx.text.slice(Math.max(0, yStart - 3), yStart);
      if ((/[\d.,:]$/.test(before) || /[$£€#¥]\s*$/.test(before)) && !g.fy && !g.mod && !g.pre) return null;
      if (/[\/-]$/.test(before) && !g.pre && !g.mod) return null;
      const after = ctx.text.slice(yStart + 4, yStart + 30);
      if (/^\s*(%|percent|per\s*cent|[-–]\s*\d|\/\d|:\d|\.\d|,\d{3})/i.test(after)) return null;
      const nw = nextWord(ctx.text, yStart + 4).toLowerCase().replace(/[.,]$/, '');
      if (COUNT_NOUNS.has(nw) && !g.fy) return null;
      const pw = prevWordRaw(ctx.text, m.index);
      const pwl = pw.toLowerCase().replace(/[.,:;]$/, '');
      if (!g.fy && !g.mod && !g.pre) {
        if (NOT_YEAR_BEFORE.has(pwl)) return null;
        // A capitalised word right before that is neither a preposition nor sentence-initial names a thing ("Windows 2000").
        if (/^[A-Z]/.test(pw) && !/[.,;:]$/.test(pw) && !DATE_PREP.has(pwl) && !MONTHS.has(pwl) && !SEASONS.has(pwl)
          && !sentenceInitial(ctx, m.index - pw.length - 1) && !/^[A-Z]+$/.test(pw)) return null;
        if (y < 1500 && !DATE_PREP.has(pwl)) return null;
        if (nw === 'to' && /^\s*to\s+\d/.test(after) && !DATE_PREP.has(pwl)) return null; // "1990 to 2000" stays, "scored 1500 to 1200" goes
      }
      const fiscal = !!g.fy;
      return {
        resolve: () => ({ type: 'DATE', value: String(y).padStart(4, '0'), anchor: null, point: { gran: 'year', y } }),
        rule: fiscal ? 'time.year.fiscal' : undefined,
      };
    },
  },
  // Decades: "the 1980s", "the early 1990s", "the '80s", "the nineties", "the mid-1990s"
  {
    id: 'time.decade',
    re: re(`${B}(?:the${WS})?(?:(?<mod>early|mid|late)[\\s-]+)?(?:(?<dec>1\\d\\d0|20\\d0)['’]?s|['’](?<short>\\d0)s|(?<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      let dec: number;
      if (g.dec) dec = +g.dec;
      else if (g.short) dec = 1900 + +g.short;
      else {
        const w = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'].indexOf(g.word.toLowerCase());
        dec = 1920 + 10 * w;
        // "in their forties" is an age
        if (/\b(their|his|her|its|my|our|your|early|late|mid)\s*$/i.test(ctx.text.slice(Math.max(0, m.index - 8), m.index)) && !/^the/i.test(m[0])) return null;
        if (!/^the/i.test(m[0])) return null;
      }
      const value = String(dec).slice(0, 3);
      return { resolve: () => ({ type: 'DATE', value, anchor: null, point: { gran: 'decade', y: dec } }) };
    },
  },
  // Centuries: "the 20th century", "the 11th century"
  {
    id: 'time.century',
    re: re(`${B}(?:the${WS})?(?:(?<mod>early|mid|late)[\\s-]+)?(?<ord>${ORDINAL_RE})[\\s-]+century${E}`),
    parse(m) {
      const n = parseOrdinal(m.groups!.ord);
      if (!n || n > 30) return null;
      const value = String(n - 1).padStart(2, '0');
      return { resolve: () => ({ type: 'DATE', value, anchor: null, point: { gran: 'century', y: (n - 1) * 100 } }) };
    },
  },
  // Years in words: "nineteen ninety-six", "the year two thousand"
  {
    id: 'time.year.spoken',
    re: re(`${B}(?<the>the${WS}year${WS})?(?<sy>${SPOKEN_YEAR_RE})${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const y = parseSpokenYear(g.sy);
      if (y === null) return null;
      if (!g.the) {
        if (/^two/i.test(g.sy)) return null; // "two thousand" is a count unless "the year" says otherwise
        const pw = prevWord(ctx.text, m.index).toLowerCase();
        const nw = nextWord(ctx.text, m.index + m[0].length).toLowerCase();
        if (COUNT_NOUNS.has(nw) || /^(dollars|percent|cents)$/.test(nw)) return null;
        if (!DATE_PREP.has(pw) && !sentenceInitial(ctx, m.index) && !/^[A-Z]/.test(prevWordRaw(ctx.text, m.index))) return null;
      }
      return { resolve: () => ({ type: 'DATE', value: String(y), anchor: null, point: { gran: 'year', y } }) };
    },
  },
  // Clock times: "10:35 a.m.", "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9", "4 in the morning"
  {
    id: 'time.clock',
    re: re(`${B}(?:(?<approx>around|approximately|about|roughly)${WS})?(?:(?<h>[01]?\\d|2[0-3])(?:[:.](?<min>[0-5]\\d))?\\s*(?<ampm>a\\.\\s?m\\.?|p\\.\\s?m\\.?|am(?![\\w])|pm(?![\\w]))|(?<h2>[01]?\\d)(?:[:.](?<min2>[0-5]\\d))?${WS}(?<inthe>in${WS}the${WS}(?:morning|afternoon|evening)|o['’]clock)|(?<h3>[01]?\\d|2[0-3]):(?<min3>[0-5]\\d)(?=\\s*(?:GMT|UTC|EST|EDT|[A-Z]{2,3}T|local))|(?<word>noon|midnight|midday))(?:${WS}(?<tz>GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|local${WS}time))?(?:,?${WS}(?<day>${WD_FULL}|today|yesterday|tomorrow|(?:${MON})${WS}${DAY}(?:,?${WS}${YEAR})?))?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      let h: number, min: number;
      if (g.word) {
        const v = PARTS_OF_DAY.get(g.word.toLowerCase())!;
        [h, min] = v.split(':').map(Number);
        if (!g.day && /^noon$/i.test(g.word) === false && !/^(at|by|until|till|before|after|around|from|since|past)$/i.test(prevWord(ctx.text, m.index))) return null;
        if (!g.day && /^noon$/i.test(g.word) && !/^(at|by|until|till|before|after|around|from|since|past|about)$/i.test(prevWord(ctx.text, m.index))) return null;
      } else if (g.h !== undefined) {
        h = +g.h; min = g.min ? +g.min : 0;
        if (h < 1 || h > 12) return null;
        const pm = /^p/i.test(g.ampm);
        if (pm && h < 12) h += 12;
        if (!pm && h === 12) h = 0;
      } else if (g.h2 !== undefined) {
        h = +g.h2; min = g.min2 ? +g.min2 : 0;
        if (h < 1 || h > 12) return null;
        if (/evening|afternoon/i.test(g.inthe) && h < 12) h += 12;
        if (/o.clock/i.test(g.inthe) && !/^(at|by|until|till|before|after|around|about|from|since)$/i.test(prevWord(ctx.text, m.index))) return null;
      } else {
        h = +g.h3; min = +g.min3;
      }
      if (g.day && /^[a-z]/.test(g.day) && !/^(today|yesterday|tomorrow)/i.test(g.day)) return null;
      const clock = fmtClock(h, min);
      const dayText = g.day ?? null;
      let start = m.index;
      const ahead = !!dayText && aheadCue(ctx, m.index);
      if (g.approx && /^(about|approximately|roughly)$/i.test(g.approx)) start += m[0].indexOf(g.approx) + g.approx.length + 1;
      while (/\s/.test(ctx.text[start])) start++;
      return {
        start,
        late: !dayText,
        resolve: (st, here) => {
          let base: Out | null = null;
          if (dayText) base = resolveDayWord(dayText, st, here, ahead);
          else {
            const same = st.done
              .filter((r) => r.sent === here.sent && r.point && isDay(r.point) && r.type !== 'DURATION')
              .sort((a, b) => Math.abs(a.start - here.start) - Math.abs(b.start - here.start))[0];
            const prev = same ?? lastPoint(st, here, isDay, 2);
            if (prev?.point) base = { type: 'DATE', value: pointValue(prev.point), anchor: 'ref', refId: prev.id, point: prev.point };
            else if (st.dct) base = dayOut(st.dct, 'published');
          }
          if (!base || !base.value) return { type: 'TIME', value: null, anchor: null };
          const v = base.value.replace(/T.*$/, '') + clock;
          return { ...base, type: 'TIME', value: v };
        },
      };
    },
  },
  // Weekdays: "Friday", "last Friday", "Friday night", "early Tuesday", "this coming Sunday"
  {
    id: 'time.weekday',
    re: re(`${B}(?:(?<mod>early|late|mid|earlier|later)[\\s-]+)?(?:(?<shift>last|next|this${WS}past|this${WS}coming|this|coming|past|the${WS}previous|the${WS}following|the${WS}next)${WS})?(?<wd>${WD_FULL})(?:${WS}(?<pod>${POD}))?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      if (!cap(g.wd)) return null;
      const wd = wdNum(g.wd)!;
      const shift = g.shift ? g.shift.toLowerCase().replace(/\s+/g, ' ') : null;
      // "Monday and Tuesday nights" is a set (time.set.weekday)
      if (!shift && !g.mod && !g.pod && WD_PL_AFTER_RE.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 40))) return null;
      let start = m.index;
      // "earlier/later" stay outside when they are adverbs of their own? TimeML keeps them: "Earlier Sunday".
      const pod = g.pod;
      const end = m.index + m[0].length;
      const ahead = aheadCue(ctx, start);
      const modifier = !ahead && (asModifier(ctx, end, start) || /\b(?:since)\s*$/i.test(ctx.text.slice(Math.max(0, start - 7), start)));
      const bound = !shift && /\b(?:by|until|till)\s*$/i.test(ctx.text.slice(Math.max(0, start - 7), start));
      return {
        start,
        resolve: (st, h) => {
          let out: Out | null;
          if (shift === 'the previous' || shift === 'the following' || shift === 'the next') {
            const ref = lastPoint(st, h, isDay, 6);
            const base = ref?.point ? { y: ref.point.y, m: ref.point.m!, d: ref.point.d! } : st.dct;
            if (!base) return nullOut();
            const day = weekdayFrom(base, wd, shift === 'the previous' ? 'last' : 'next');
            out = dayOut(day, ref ? 'ref' : 'published', ref?.id);
          } else {
            const a = anchorFor(st, h, true);
            if (!a) return nullOut(pod ? 'TIME' : 'DATE');
            const dct = a.base;
            let dir: 'past' | 'future' | 'last' | 'next';
            if (shift === 'last' || shift === 'this past' || shift === 'past') dir = 'last';
            else if (shift === 'next') dir = 'next';
            else if (shift === 'this coming' || shift === 'coming' || shift === 'this') dir = 'future';
            else dir = ahead ? 'future' : modifier ? 'past' : weekdayDir(h);
            let day = weekdayFrom(dct, wd, dir);
            // a bound ("by Friday", "until Thursday") in a past clause is the nearest such day
            // either way: "was confident of a deal by Friday", "until Thursday, they had not ..."
            if (bound && dir === 'past') {
              const ahead1 = weekdayFrom(dct, wd, 'future');
              if (toDays(ahead1.y, ahead1.m, ahead1.d) - toDays(dct.y, dct.m, dct.d) < toDays(dct.y, dct.m, dct.d) - toDays(day.y, day.m, day.d)) day = ahead1;
            }
            out = dayOut(day, a.anchor, a.refId);
          }
          return withPod(out, pod);
        },
      };
    },
  },
  // Plural weekdays and "every Sunday": sets
  {
    id: 'time.set.weekday',
    re: re(`${B}(?:(?<q>every|each|on)${WS})?(?<wd>${WD_FULL})(?<pl>s)(?:${WS}(?<pod>${POD}))?${E}|${B}(?<q2>every|each)${WS}(?<wd2>${WD_FULL})(?:${WS}(?<pod2>${POD}))?${E}`
      + `|${B}(?:(?<q3>on)${WS})?(?<wd3>${WD_FULL})(?:${WS}(?<pod3>${POD_PL_RE})s${E}|(?=${WD_PL_AFTER}))`),
    parse(m, ctx) {
      const g = m.groups!;
      const w = g.wd ?? g.wd2 ?? g.wd3;
      if (!cap(w)) return null;
      const wd = wdNum(w)!;
      // "Tuesday nights", and "Monday" in "Monday and Tuesday nights": every such part of that day
      const pod = g.pod ?? g.pod2 ?? g.pod3 ?? (g.wd3 ? WD_PL_AFTER_RE.exec(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 40))?.[1] : undefined);
      let start = m.index;
      const on = g.q ?? g.q3;
      if (on && /^on$/i.test(on)) start += on.length + 1;
      const podCode = pod ? PARTS_OF_DAY.get(pod.toLowerCase()) : null;
      const value = `XXXX-WXX-${wd}` + (podCode && !podCode.includes(':') ? 'T' + podCode : '');
      return { start, resolve: fixed('SET', value) };
    },
  },
  // today, yesterday, tomorrow, tonight, "late yesterday", "yesterday morning", "mid-afternoon yesterday"
  {
    id: 'time.deictic',
    re: re(`${B}(?:(?<mod>early|late|earlier|later|mid[\\s-]?(?:morning|afternoon|day))${WS})?(?<dw>today|yesterday|tomorrow|tonight)(?:${WS}(?<pod>${POD}))?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      // "NBC's Today show"
      if (/^Today$/.test(g.dw) && /^(show|program|programme)$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
      // "VOA Today", "USA Today": a capitalised "Today" inside a sentence is a name
      if (/^Today$/.test(g.dw) && !g.mod && !sentenceInitial(ctx, m.index) && !/["“'‘(]\s*$/.test(ctx.text.slice(Math.max(0, m.index - 2), m.index))) return null;
      const off = /^yesterday$/i.test(g.dw) ? -1 : /^tomorrow$/i.test(g.dw) ? 1 : 0;
      let pod = g.pod ?? (/^tonight$/i.test(g.dw) ? 'night' : undefined);
      if (!pod && g.mod && /^mid/i.test(g.mod)) pod = g.mod.replace(/^mid[\s-]?/i, '').toLowerCase();
      return {
        resolve: (st) => {
          if (!st.dct) return nullOut(pod ? 'TIME' : 'DATE');
          return withPod(dayOut(addDays(st.dct, off), 'published'), pod);
        },
      };
    },
  },
  // "this morning", "last night", "this evening", "this afternoon"
  {
    id: 'time.pod',
    re: re(`${B}(?<w>this|last|tomorrow|yesterday)${WS}(?<pod>${POD})${E}`),
    parse(m) {
      const g = m.groups!;
      const w = g.w.toLowerCase();
      const pod = g.pod.toLowerCase();
      if (w === 'last' && pod !== 'night' && pod !== 'evening') return null;
      const off = w === 'last' || w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0;
      return {
        resolve: (st) => {
          if (!st.dct) return nullOut('TIME');
          return withPod(dayOut(addDays(st.dct, off), 'published'), pod);
        },
      };
    },
  },
  // "the next day", "the following day", "that day", "the day before", "a day later" -> resolved
  // against the last day mentioned
  {
    id: 'time.anaphor.day',
    re: re(`${B}(?:(?<mod>earlier|later|early|late)${WS})?(?:(?<pre>the${WS}next|the${WS}following|the${WS}previous|the${WS}prior|the${WS}same|that${WS}same|that${WS}very|that|the${WS}very${WS}same)${WS}(?<unit>day|morning|afternoon|evening|night)|the${WS}(?<unit2>day|night)${WS}(?<post>before|after)(?:(?=\\s*[,.;])|${WS}(?<tgt>(?:(?<tshift>last|next|this)${WS})?(?<twd>${WD_FULL})|yesterday|tomorrow)))${E}`),
    parse(m) {
      const g = m.groups!;
      const pre = (g.pre ?? '').toLowerCase().replace(/\s+/g, ' ');
      const unit = (g.unit ?? g.unit2).toLowerCase();
      let off = 0;
      if (/next|following/.test(pre) || g.post?.toLowerCase() === 'after') off = 1;
      if (/previous|prior/.test(pre) || g.post?.toLowerCase() === 'before') off = -1;
      const pod = unit === 'day' ? undefined : unit;
      // "the day before yesterday", "the day after last Tuesday": a day counted from the
      // day named, not from the last one mentioned
      if (g.tgt) {
        if (g.twd && !cap(g.twd)) return null;
        const tshift = g.tshift?.toLowerCase();
        return {
          resolve: (st, h) => {
            if (!st.dct) return nullOut(pod ? 'TIME' : 'DATE');
            let base: Ymd;
            if (g.twd) base = weekdayFrom(st.dct, wdNum(g.twd)!, tshift === 'last' ? 'last' : tshift === 'next' ? 'next' : tshift === 'this' ? 'future' : weekdayDir(h));
            else base = addDays(st.dct, /^yesterday$/i.test(g.tgt) ? -1 : 1);
            return withPod(dayOut(addDays(base, off), 'published'), pod);
          },
        };
      }
      return {
        resolve: (st, h) => {
          // "that day" after a month ("last October, when ... . His name was crossed out that
          // same day"): a day of that month, which one unknown
          const last = off === 0 && !pod ? lastPoint(st, h, (p) => p.gran === 'day' || p.gran === 'month', 8) : null;
          if (last?.point?.gran === 'month') return { type: 'DATE', value: `${pointValue(last.point)}-XX`, anchor: 'ref', refId: last.id };
          const ref = lastPoint(st, h, isDay, 8);
          if (ref?.point) {
            const base = { y: ref.point.y, m: ref.point.m!, d: ref.point.d! };
            return withPod(dayOut(addDays(base, off), 'ref', ref.id), pod);
          }
          if (!st.dct) return nullOut();
          return withPod(dayOut(addDays(st.dct, off), 'published'), pod);
        },
      };
    },
  },
  // "that year", "the same year", "later that year", "the following year", "the previous year"
  {
    id: 'time.anaphor.unit',
    re: re(`${B}(?:(?<mod>earlier|later|early|late)${WS})?(?<pre>the${WS}following|the${WS}previous|the${WS}prior|the${WS}same|that)${WS}(?<unit>week|month|year)${E}`),
    parse(m) {
      const g = m.groups!;
      const pre = g.pre.toLowerCase();
      const unit = g.unit.toLowerCase();
      const off = /following/.test(pre) ? 1 : /previous|prior/.test(pre) ? -1 : 0;
      const code = unit === 'week' ? 'W' : unit === 'month' ? 'M' : 'Y';
      return {
        resolve: (st, h) => {
          const ref = lastPoint(st, h, (p) => (unit === 'year' ? true : unit === 'month' ? p.gran === 'day' || p.gran === 'month' : p.gran === 'day' || p.gran === 'week'), 8);
          if (ref?.point) {
            let p: Point | null = ref.point;
            if (unit === 'year') p = { gran: 'year', y: ref.point.y };
            else if (unit === 'month' && p.gran === 'day') p = { gran: 'month', y: p.y, m: p.m };
            else if (unit === 'week' && p.gran === 'day') { const w = isoWeek(toDays(p.y, p.m!, p.d!)); p = { gran: 'week', y: w.y, w: w.w }; }
            if (p && off) p = shiftPoint(p, code, off);
            if (p) return { type: 'DATE', value: pointValue(p), anchor: 'ref', refId: ref.id, point: p };
          }
          if (!st.dct) return nullOut();
          const p = dctShift(st.dct, unit, off === 0 ? 0 : off);
          return p ? { type: 'DATE', value: pointValue(p), anchor: 'published', point: p } : nullOut();
        },
      };
    },
  },
  // "a year earlier", "two days later", "a week or so ago", "two years ago", "several years ago"
  {
    id: 'time.ago',
    re: re(`${B}(?:(?<approx>${APPROX_IN})${WS})?(?<n>${NUM_RE}|${VAGUE_RE}|a|an)[\\s-]+(?<unit>${UNIT_ALT})(?:${WS}or${WS}(?:so|two|more|three))?${WS}(?<dir>ago|earlier|later|before|after|back|hence|from${WS}now)${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const dir = g.dir.toLowerCase().replace(/\s+/g, ' ');
      const code = unitCode(g.unit);
      if (!code) return null;
      const n = parseQty(g.n);
      if (n === null) return null;
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 3);
      if ((dir === 'before' || dir === 'after') && !/^\s*[,.;:)]/.test(after) && after.trim() !== '') {
        return null; // "ten days before the shooting": a duration and a preposition
      }
      // "an hour later", "a minute and a half later": TimeML reads clock-unit offsets as durations
      if ((code === 'H' || code === 'TM' || code === 'S') && dir !== 'ago') return null;
      const back = dir === 'ago' || dir === 'earlier' || dir === 'before' || dir === 'back';
      const ruleId = dir === 'ago' || dir === 'from now' || dir === 'hence' ? 'time.ago' : 'time.anaphor.offset';
      return {
        rule: ruleId,
        resolve: (st, h) => {
          const sign = back ? -1 : 1;
          if (n === 'X') {
            return { type: 'DATE', value: back ? 'PAST_REF' : 'FUTURE_REF', anchor: st.dct ? 'published' : null };
          }
          // "a year ago/earlier" in an earnings report: the same quarter of the year before
          // "a year earlier" compares with the period just named: a quarter if there is one nearby
          let ref = ruleId === 'time.anaphor.offset'
            ? (code === 'Y' ? lastPoint(st, h, (p) => p.gran === 'quarter', 2) : null) ?? lastPoint(st, h, (p) => p.gran !== 'decade' && p.gran !== 'century', 3)
            : code === 'Y' && n === 1 ? lastPoint(st, h, (p) => p.gran === 'quarter', 12) : null;
          if (ref?.point && code === 'Y' && Number.isInteger(n)) {
            const p = shiftPoint(ref.point, 'Y', sign * n);
            if (p) return { type: 'DATE', value: pointValue(p), anchor: 'ref', refId: ref.id, point: p, comparison: true };
          }
          if (ref?.point && code === 'D' && ref.point.gran === 'day' && Number.isInteger(n)) {
            const p = shiftPoint(ref.point, 'D', sign * n)!;
            return { type: 'DATE', value: pointValue(p), anchor: 'ref', refId: ref.id, point: p };
          }
          if (ref?.point && (code === 'W' || code === 'M') && Number.isInteger(n)) {
            const p = shiftPoint(ref.point, code, sign * n);
            if (p) return { type: 'DATE', value: pointValue(p), anchor: 'ref', refId: ref.id, point: p };
          }
          const dct = st.dct;
          if (!dct) return nullOut();
          if (!Number.isInteger(n)) return { type: 'DATE', value: back ? 'PAST_REF' : 'FUTURE_REF', anchor: 'published' };
          const k = sign * (n as number);
          let p: Point | null = null;
          switch (code) {
            case 'D': p = dayPoint(addDays(dct, k)); break;
            case 'W': p = dctShift(dct, 'week', k); break;
            case 'M': p = dctShift(dct, 'month', k); break;
            case 'Q': p = dctShift(dct, 'quarter', k); break;
            case 'Y': p = dctShift(dct, 'year', k); break;
            case 'DE': p = { gran: 'year', y: dct.y + 10 * k }; break;
            case 'CE': p = { gran: 'year', y: dct.y + 100 * k }; break;
            case 'H': case 'TM': case 'S': return { type: 'TIME', value: back ? 'PAST_REF' : 'FUTURE_REF', anchor: 'published' };
          }
          if (!p) return nullOut();
          return { type: 'DATE', value: pointValue(p), anchor: 'published', point: p };
        },
      };
    },
  },
  // Deictic units: "last week", "this year", "next month", "earlier this week", "the past year",
  // "the current quarter", "early next year", "the end of this week", "this summer"
  {
    id: 'time.rel',
    re: re(`${B}(?:(?<mod>early|earlier|late|later|mid|the${WS}end${WS}of|the${WS}beginning${WS}of|the${WS}start${WS}of|the${WS}middle${WS}of|the${WS}rest${WS}of|the${WS}remainder${WS}of|the${WS}first${WS}half${WS}of|the${WS}second${WS}half${WS}of|the${WS}last${WS}half${WS}of|the${WS}end${WS}of)(?:${WS}|-))?(?<shift>last|this${WS}past|this${WS}coming|this|next|the${WS}past|the${WS}last|the${WS}current|the${WS}coming|the${WS}latest|the${WS}present)${WS}(?<unit>week|weekend|month|year|decade|century|${SEASON})${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const shift = g.shift.toLowerCase().replace(/\s+/g, ' ');
      const unit = g.unit.toLowerCase();
      if (/^[A-Z]/.test(g.unit) && /^[A-Z]/.test(g.shift) && !sentenceInitial(ctx, m.index)) return null; // a title: ABC's "This Week"
      if (/^[A-Z]/.test(g.unit) && /^[A-Z]/.test(g.shift) && /["“]\s*$/.test(ctx.text.slice(Math.max(0, m.index - 2), m.index))) return null;
      if ((unit === 'decade' || unit === 'century') && /past|last/.test(shift) && /^the/.test(shift) && shift !== 'the last') {
        return { resolve: fixed('DURATION', unit === 'decade' ? 'P10Y' : 'P100Y'), rule: 'time.duration' };
      }
      if (SEASONS.has(unit) && unit === 'fall' && /^(this|last|next)$/.test(shift) === false && shift !== 'this past') return null;
      const comparing = /\b(?:compared\s+with|compared\s+to|from|versus|vs\.?|against)\s+(?:[^.;]{0,40}?\s)?$/i.test(ctx.text.slice(Math.max(0, m.index - 50), m.index))
        && /\d/.test(ctx.text.slice(Math.max(0, m.index - 50), m.index));
      return {
        resolve: (st, h) => {
          const dct = needDct(st);
          if (!dct) return nullOut();
          let off = 0;
          if (shift === 'last' || shift === 'the past' || shift === 'the last' || shift === 'this past' || shift === 'the latest') off = -1;
          else if (shift === 'next' || shift === 'the coming' || shift === 'this coming') off = 1;
          if (SEASONS.has(unit)) {
            const s = SEASONS.get(unit)!;
            const cur = seasonIndex(dct);
            // season index counts seasons since year 0: y*4 + k, k = 0 spring .. 3 winter
            const k = ['SP', 'SU', 'FA', 'WI'].indexOf(s.code);
            let y = dct.y;
            const here = y * 4 + k;
            if (off < 0) { if (here >= cur) y -= 1; } else if (off > 0) { if (here <= cur) y += 1; }
            else if (shift === 'this' && h.tense() === 'past' && here > cur) y -= 1;
            return { type: 'DATE', value: `${String(y).padStart(4, '0')}-${s.code}`, anchor: 'published', point: { gran: 'season', y } };
          }
          if (unit === 'weekend') {
            const p = weekendPoint(dct, off < 0 ? 'past' : off > 0 ? 'future' : 'this');
            if (off > 0 && weekday(toDays(dct.y, dct.m, dct.d)) >= 6) { const w = isoWeek(isoWeekMonday(p.y, p.w!) + 7); return { type: 'DATE', value: pointValue({ gran: 'weekend', y: w.y, w: w.w }), anchor: 'published' }; }
            return { type: 'DATE', value: pointValue(p), anchor: 'published', point: p };
          }
          // "the past year" with "the": TimeML treats "the past N units" as durations; with no number it is the unit before
          // "compared with $3 million last year" after a quarter's figures: that quarter a year back
          if (unit === 'year' && off === -1 && comparing) {
            const ref = lastPoint(st, h, (q) => q.gran === 'quarter', 2);
            if (ref?.point) {
              const q: Point = { ...ref.point, y: ref.point.y - 1 };
              return { type: 'DATE', value: pointValue(q), anchor: 'ref', refId: ref.id, point: q, comparison: true };
            }
          }
          const p = dctShift(dct, unit, off);
          if (!p) return nullOut();
          return { type: 'DATE', value: pointValue(p), anchor: 'published', point: p };
        },
      };
    },
  },
  // "the weekend", "over the weekend", "year-end", "year's end", "the end of the year", "the end of the month"
  {
    id: 'time.rel.the',
    re: re(`${B}(?:(?<we>the${WS}weekend)|(?<ye>year[\\s-]end|year['’]s${WS}end|the${WS}end${WS}of${WS}the${WS}year|the${WS}end${WS}of${WS}the${WS}month|the${WS}end${WS}of${WS}the${WS}week|the${WS}turn${WS}of${WS}the${WS}century))${E}`),
    parse(m) {
      const g = m.groups!;
      const t = m[0].toLowerCase();
      return {
        resolve: (st, h) => {
          const dct = needDct(st);
          if (!dct) return nullOut();
          if (g.we) {
            const p = weekendPoint(dct, tenseDir(h.tense(), true) === 'future' ? 'future' : 'past');
            return { type: 'DATE', value: pointValue(p), anchor: 'published', point: p };
          }
          const unit = /month/.test(t) ? 'month' : /week/.test(t) ? 'week' : /century/.test(t) ? 'century' : 'year';
          const p = dctShift(dct, unit, 0)!;
          return { type: 'DATE', value: pointValue(p), anchor: 'published', point: p };
        },
      };
    },
  },
  // "the year", "the fiscal year", "the full year", "earlier in the year", "the latest fiscal year";
  // "the year ended Sept. 30" is a duration
  {
    id: 'time.year.the',
    re: re(`${B}(?:(?<inmod>earlier|later|early|late)${WS}in${WS})?the${WS}(?<adj>(?:(?:full|fiscal|current|latest|entire|whole|calendar|same|previous|prior)${WS})*)year${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      if (/Year$/.test(m[0])) return null;
      const end = m.index + m[0].length;
      const after = ctx.text.slice(end, end + 30);
      if (/^\s*(?:before|after|ago|earlier|later|\d|two|one|nineteen|of\s+(?:the|\d))/i.test(after)) return null;
      if (/^['’]s/.test(after) && !g.adj) return null;
      const adj = g.adj.toLowerCase();
      if (/same/.test(adj)) return null; // the anaphor rule
      const ended = /^\s*(?:ended|ending|that\s+ended|to)\b/i.test(after);
      const prior = /latest|previous|prior/.test(adj);
      return {
        resolve: (st) => {
          if (ended) return { type: 'DURATION', value: 'P1Y', anchor: null };
          if (!st.dct) return nullOut();
          const y = st.dct.y - (prior ? 1 : 0);
          return { type: 'DATE', value: String(y), anchor: 'published', point: { gran: 'year', y } };
        },
      };
    },
  },
  // Quarters and halves: "third-quarter", "the fourth quarter", "the fiscal first quarter",
  // "the third quarter of 1990", "the 1988 second quarter", "the first half", "the last half of 1989"
  {
    id: 'time.quarter',
    re: re(`${B}(?:the${WS}|(?<rel0>this|last|next)${WS}year['’]s${WS})?(?:(?:(?<y1>${YEAR})|fiscal|flat|seasonally${WS}slow|same|comparable|latest|current|year-ago|year-earlier)(?:${WS}|-))*(?:fiscal[\\s-])?(?<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?:[\\s-]+fiscal)?[\\s-]+(?<u>quarter|half|period)(?<pl>s)?(?:${WS}(?:of${WS})?(?:(?:fiscal${WS})?(?<y2>${YEAR})|(?<rel>this|last|next)${WS}year|(?<the80>the${WS}['’]\\d0s)))?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const qw = g.q.toLowerCase();
      const u = g.u.toLowerCase();
      if (u === 'period') return null;
      let q = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: u === 'half' ? 2 : 4, last: u === 'half' ? 2 : 4 }[qw];
      if (!q || (u === 'half' && q > 2)) return null;
      if (g.the80) return null;
      const yearAgo = /year-(ago|earlier)/i.test(m[0]);
      const explicit = g.y1 ? +g.y1 : g.y2 ? +g.y2 : null;
      const rel = (g.rel ?? g.rel0)?.toLowerCase() ?? null;
      if (g.pl) {
        // "the second and fourth quarters": a set of quarters every year
        return { resolve: fixed('SET', `XXXX-Q${q}`) };
      }
      let start = m.index;
      if (/^the\s/i.test(m[0]) && !g.y2 && !g.rel && modifiesNoun(ctx, m.index + m[0].length)) start += 4;
      // "will report fourth-quarter results": results are for a quarter that has ended
      const results = /^(?:results|earnings|profits?|losses|revenues?|sales|figures|numbers)$/i.test(nextWord(ctx.text, m.index + m[0].length).replace(/[.,;:]$/, ''));
      return {
        start,
        resolve: (st, h) => {
          let y: number | null = explicit;
          if (y === null && rel) { if (!st.dct) return nullOut(); y = st.dct.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0); }
          let anchor: Out['anchor'] = null;
          if (y === null) {
            // the DCT's year, or the year before for a quarter that has not begun yet
            if (!st.dct) return nullOut();
            const cur = u === 'half' ? (st.dct.m <= 6 ? 1 : 2) : quarterOf(st.dct.m);
            y = st.dct.y;
            if (q > cur && (h.tense() !== 'future' || results)) y -= 1;
            anchor = 'published';
            if (yearAgo) y -= 1;
          }
          const p: Point = { gran: u === 'half' ? 'half' : 'quarter', y, q };
          return { type: 'DATE', value: pointValue(p), anchor, point: p, comparison: yearAgo };
        },
      };
    },
  },
  // Reference quarters: "the quarter", "the latest quarter", "this quarter", "the current quarter",
  // "the latest period", "the year-ago quarter", "the year-earlier period", "year-earlier"
  {
    id: 'time.quarter.ref',
    re: re(`${B}(?:(?<the>the|this|its|their|that|(?<ly>last)${WS}year['’]s)${WS})?(?:(?<mod>latest|current|same|comparable|corresponding|recent|just-ended|year-ago|year-earlier|prior-year|year-before|1\\d\\d\\d|20\\d\\d)${WS})*(?<u>quarter|period)(?:${WS}(?<ya>a${WS}year${WS}(?:ago|earlier)|last${WS}year))?${E}|${B}(?<adj>year-ago|year-earlier)${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const t = m[0].toLowerCase();
      if (g.adj) {
        // "year-earlier profit", "the year-ago results"
        return {
          resolve: (st, h) => refQuarter(st, h, -1, true),
        };
      }
      const det = g.the?.toLowerCase();
      if (!det) return null;
      if (g.u.toLowerCase() === 'period' && !g.mod && !g.ya) return null; // "the period" alone is too vague
      if (/^(its|their)$/.test(det) && !g.mod) return null;
      const yearAgo = /year-ago|year-earlier|prior-year|year-before/.test(t) || !!g.ya || !!g.ly;
      const same = /^(that|the same)$/.test(det) || /^the\s+same\b/.test(t);
      const explicitYear = /\b(1\d\d\d|20\d\d)\b/.exec(t);
      const current = /current/.test(t);
      let start = m.index;
      if (/^the\s/i.test(m[0]) && modifiesNoun(ctx, m.index + m[0].length)) start += 4;
      return {
        start,
        resolve: (st, h) => {
          if (explicitYear) {
            const y = +explicitYear[1];
            const ref = refQuarter(st, h, 0, false);
            if (ref.point?.gran === 'quarter' && /quarter/.test(t)) {
              const p: Point = { gran: 'quarter', y, q: ref.point.q };
              return { type: 'DATE', value: pointValue(p), anchor: null, point: p, comparison: y !== ref.point.y };
            }
            return { type: 'DATE', value: String(y), anchor: null, point: { gran: 'year', y }, comparison: !!ref.point && ref.point.y !== y };
          }
          if (current && st.dct) { const p = dctPoint(st.dct, 'quarter'); return { type: 'DATE', value: pointValue(p), anchor: 'published', point: p }; }
          if (same) {
            // "that quarter", "the same quarter": the quarter just named, year-ago ones included
            const r = lastPoint(st, h, (p) => p.gran === 'quarter', 6, true);
            if (r?.point) return { type: 'DATE', value: pointValue(r.point), anchor: 'ref', refId: r.id, point: r.point, comparison: r.comparison };
          }
          return refQuarter(st, h, yearAgo ? -1 : 0, true, /latest|this/.test(t));
        },
      };
    },
  },
  // PRESENT_REF / PAST_REF / FUTURE_REF words: "now", "currently", "recently", "the past", "the future"
  {
    id: 'time.ref',
    re: re(`${B}(?<w>${REF})${E}`),
    parse(m, ctx) {
      const w = m.groups!.w.toLowerCase().replace(/\s+/g, ' ');
      const info = REFS.get(w)!;
      // "will one day lead": a modal or a hope just before, in the same sentence
      if (w === 'one day' && !/\b(?:will|would|could|may|might|hopes?|hoped|should|wants?|dreams?)\b[^.!?;]{0,30}$/i.test(ctx.text.slice(Math.max(0, m.index - 40), m.index))) return null;
      if (w === 'the past' && /^(few|several|two|three|four|five|six|seven|eight|nine|ten|\d+|year|month|week|decade|day)$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
      if (w === 'now' && /^(that)$/i.test(prevWord(ctx.text, m.index)) === false && /^(than)$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
      return { resolve: (st) => ({ type: info.type as Out['type'], value: info.value, anchor: st.dct && info.type !== 'DURATION' ? 'published' : null }) };
    },
  },
  // "the first nine months", "the nine months", "the six months" (ended ...): durations
  // and plain durations: "five years", "a five-hour meeting", "the past two weeks", "16-hour"
  {
    id: 'time.duration',
    re: re(`${B}(?:(?<approx>${APPROX_IN})${WS})?(?:(?<the>the|its|their|his|her|each${WS}of${WS}the)${WS})?(?:(?<which>past|last|next|first|previous|coming|final|following|initial|remaining|ensuing|latest|entire|full|whole|additional|further|better${WS}part${WS}of${WS}the|year-earlier|year-ago)${WS})?(?<n>${NUM_RE}|${VAGUE_RE}|a|an|another|half${WS}an?)(?:${WS}(?:to|or|-)${WS}(?<n2>${NUM_RE}))?(?:${WS}more)?(?:${WS}(?<adjw>full|straight|consecutive|long|short|additional|more|extra|successive|trading|business|working|calendar))?(?:(?<hy>-)|${WS})(?<unit>${UNIT_ALT})(?<half>${WS}and${WS}a${WS}half)?(?<suffix>-long|-old|${WS}old|${WS}or${WS}so)?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const unitWord = g.unit.toLowerCase();
      let code = unitCode(unitWord);
      if (!code) return null;
      if (/old$/i.test(g.suffix ?? '') && !/^years-old$/i.test(`${unitWord}${g.suffix}`)) return null; // ages
      if (/^\s*-?old\b/i.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 5))) return null;
      if (/^-old/i.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
      // "three-quarters of its food", "more than a quarter of": fractions, not quarters of a year
      if (code === 'Q' && (g.hy || (!VAGUE.includes(g.n.toLowerCase().replace(/\s+/g, ' ')) && /^\s+of\b/i.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 4))))) return null;
      let nRaw = g.n.toLowerCase().replace(/\s+/g, ' ');
      let n: number | 'X' | null;
      if (nRaw === 'another') n = 1;
      else if (/^half an?$/.test(nRaw)) n = 0.5;
      else n = parseQty(nRaw);
      if (n === null) return null;
      // "a decades-long fight", "a years-old slump": the article belongs to the noun phrase
      if ((nRaw === 'a' || nRaw === 'an') && (g.suffix || UNITS.get(unitWord)!.singular !== unitWord)) return null;
      if (g.n2) n = 'X';
      if (g.half && typeof n === 'number') n += 0.5;
      const which = g.which?.toLowerCase() ?? null;
      // "the second" etc. are ordinals, not counts; "a second" as a unit is fine only with a number
      if (unitWord === 'second' && (nRaw === 'a' || nRaw === 'the')) return null;
      // "one" before a unit in a name ("Formula One")... keep simple: "a/an" need a following unit only
      const start0 = m.index;
      let start = start0;
      // approx words TimeML leaves outside the extent
      if (g.approx && /^(about|over|just|only|barely|some|approximately|roughly|almost)$/i.test(g.approx)) {
        start = start0 + g.approx.length;
        while (/\s/.test(ctx.text[start])) start++;
      }
      // "the" (and "each of the") belong to the extent only when the phrase is not a modifier
      if (g.the && (/^(its|their|his|her)$/i.test(g.the) || (g.hy && !which))) {
        start = m.index + m[0].indexOf(g.the) + g.the.length;
        while (/\s/.test(ctx.text[start])) start++;
      }
      const end = m.index + m[0].length - (g.suffix && /or\s+so/i.test(g.suffix) ? 0 : 0);
      // a rate: "fifty thousand CDs a year", "$1 billion a year", "twice a week" -> SET
      if ((nRaw === 'a' || nRaw === 'an') && !g.the && !which && !g.approx) {
        const pw = prevWordRaw(ctx.text, m.index).toLowerCase();
        const pt = posAt(ctx, m.index - 2);
        // a price per unit of time ("$2 million a year") is a rate TimeML leaves unmarked
        const money = /(?:[$£€¥#]\s?[\d.,]+(?:\s+(?:million|billion|thousand))?|\b(?:million|billion|cents|dollars|pence|yen|francs|marks|euros|pounds|rupees))\s*$/i.test(ctx.text.slice(Math.max(0, m.index - 30), m.index));
        if (money) return null;
        if (/^(times|twice|once|thrice)$/.test(pw) || (pt === 'NOUN' && !/^(for|in|within|of|over|about|than|after|nearly|almost|only|just)$/.test(pw)) || /^(\$|\d)/.test(pw) || pt === 'NUM') {
          const v = durationValue(1, code);
          return { start, end, resolve: fixed('SET', v), rule: 'time.set.rate' };
        }
      }
      // "the year-earlier nine months"
      // "the past few months", "the last several quarters": an undated stretch of the past
      if (n === 'X' && g.the && /^(past|last)$/.test(which ?? '') && !g.n2) {
        return { start, end, resolve: (st) => ({ type: 'DATE', value: 'PAST_REF', anchor: st.dct ? 'published' : null }), rule: 'time.ref.recent' };
      }
      let value = durationValue(n, code);
      if (!value) return null;
      // "each of the past three years" reads as a set in TimeML
      if (g.the && /^each/i.test(g.the)) return { start, end, resolve: fixed('SET', `P1${code === 'TM' ? 'M' : code}`), rule: 'time.set.each' };
      return { start, end, resolve: fixed('DURATION', value) };
    },
  },
  // "day-long", "week-long", "decades-long", "years-old": a unit made an adjective
  {
    id: 'time.duration.long',
    re: re(`${B}(?<unit>${UNIT_ALT})-(?:long|old)${E}`),
    parse(m) {
      const unit = m.groups!.unit.toLowerCase();
      const code = unitCode(unit);
      if (!code) return null;
      const plural = UNITS.get(unit)!.singular !== unit;
      const value = plural ? (code === 'DE' ? 'PXY' : durationValue('X', code)) : durationValue(1, code);
      return { resolve: fixed('DURATION', value) };
    },
  },
  // Bare plural units after a preposition or verb of lasting: "for years", "within weeks", "in recent years",
  // "the coming years", "decades-long"
  {
    id: 'time.duration.vague',
    re: re(`${B}(?:(?<recent>recent|coming|the${WS}coming|the${WS}early|the${WS}first|the${WS}final|the|several${WS}more)${WS})?(?<unit>years|months|weeks|days|hours|minutes|decades|centuries|quarters)(?<long>-long|-old)?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const unit = g.unit.toLowerCase();
      const code = unitCode(unit);
      if (!code) return null;
      const rec = g.recent?.toLowerCase().replace(/\s+/g, ' ');
      const pw = prevWord(ctx.text, m.index).toLowerCase();
      if (!rec && !g.long && !/^(for|within|over|after|took|take|takes|taking|lasted|last|lasts|spent|spend)$/.test(pw)) return null;
      if (rec === 'the' && !/^(over|for|in)$/.test(pw)) return null;
      if (rec === 'the early' && !/^(in|for|during)$/.test(pw)) return null;
      // "in the early hours of Thursday": a part of that day, not a stretch of time
      if (rec === 'the early' && /^of$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
      if ((rec === 'the first' || rec === 'the final') && !/^(in|for|during|over|within)$/.test(pw) && !/^of$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
      const after = nextWord(ctx.text, m.index + m[0].length).toLowerCase();
      if (!rec && /^(of|ago|old|earlier|later)$/.test(after)) return null;
      let start = m.index;
      if (rec === 'the' && /^in$/.test(pw)) start += 4;
      const value = code === 'DE' ? 'PXY' : code === 'Q' ? 'PXM' : durationValue('X', code)!;
      // "in recent years": an undated stretch of the past
      if (rec === 'recent' && unit === 'years') return { start, resolve: fixed('DATE', 'PAST_REF'), rule: 'time.ref.recent' };
      if (rec === 'coming' && unit === 'months') return { start, resolve: fixed('DATE', 'FUTURE_REF'), rule: 'time.ref.coming' };
      return { start, resolve: fixed('DURATION', value) };
    },
  },
  // Sets: "daily", "weekly", "annually", "every day", "each year", "every two years", "every morning"
  {
    id: 'time.set',
    re: re(`${B}(?:(?<w>${SETW})|(?<q>every|each|per)${WS}(?:(?<other>other)${WS}|(?<n>${NUM_RE})${WS})?(?<unit>${UNIT_ALT}|${POD})|(?:every|each)${WS}(?<mon>${MON_FULL}|${SEASON}))${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      // "each July", "every spring": the month or season of every year
      if (g.mon) {
        const mon = monthNum(g.mon);
        if (mon !== null) return cap(g.mon) ? { resolve: fixed('SET', `XXXX-${String(mon).padStart(2, '0')}`) } : null;
        return { resolve: fixed('SET', `XXXX-${SEASONS.get(g.mon.toLowerCase())!.code}`) };
      }
      if (g.w) {
        const v = SET_WORDS.get(g.w.toLowerCase())!;
        return { resolve: fixed('SET', v) };
      }
      const unit = g.unit.toLowerCase();
      const pod = PARTS_OF_DAY.get(unit);
      if (pod && !UNITS.has(unit)) return { resolve: fixed('SET', `XXXX-XX-XXT${pod}`) };
      const code = unitCode(unit);
      if (!code) return null;
      let n: number = 1;
      if (g.other) n = 2;
      if (g.n) { const k = parseNumber(g.n); if (k === null) return null; n = k; }
      // "each of"... is not this rule; "every day" fine
      if (/^of$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
      return { resolve: fixed('SET', durationValue(n, code)) };
    },
  },
  // Seasons: "last fall", "this summer", "the summer", "the winter of 1994", "early summer"
  {
    id: 'time.season',
    re: re(`${B}(?:(?<mod>early|mid|late)[\\s-]+)?(?:(?<det>the|this|last|next|that)${WS})?(?:(?<mod2>early|mid|late)[\\s-]+)?(?<s>${SEASON})(?:${WS}(?:of${WS})?(?:(?<y>${YEAR})|(?<sy>${SPOKEN_YEAR_RE})))?${E}`),
    parse(m, ctx) {
      const g = m.groups!;
      const s = SEASONS.get(g.s.toLowerCase())!;
      const det = g.det?.toLowerCase() ?? null;
      const y = g.y ? +g.y : g.sy ? parseSpokenYear(g.sy) : null;
      if (det && /^(this|last|next)$/.test(det) && !g.mod && !g.mod2 && y === null) return null; // time.rel covers these
      const pw = prevWord(ctx.text, m.index).toLowerCase();
      if (y === null) {
        if (!det && !g.mod && !g.mod2 && !/^(in|during|since|until|by|over|through|this|last|next|early|late|mid)$/.test(pw)) return null;
        if (g.s.toLowerCase() === 'fall' && (!det || det === 'the') && !g.mod && !g.mod2) {
          // "the fall of Saigon", "a fall in prices"
          if (/^of$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
          if (!det) return null;
        }
        if (det === 'the' && /^(of)$/i.test(nextWord(ctx.text, m.index + m[0].length))) return null;
      }
      let start = m.index;
      if (det === 'the' && !g.mod && modifiesNoun(ctx, m.index + m[0].length)) start += 4;
      return {
        start,
        resolve: (st, h) => {
          if (y !== null) return { type: 'DATE', value: `${y}-${s.code}`, anchor: null, point: { gran: 'season', y } };
          if (!st.dct) return nullOut();
          const k = ['SP', 'SU', 'FA', 'WI'].indexOf(s.code);
          const cur = seasonIndex(st.dct);
          let yy = st.dct.y;
          const here = yy * 4 + k;
          const t = h.tense();
          if (det === 'last') { if (here >= cur) yy -= 1; } else if (det === 'next') { if (here <= cur) yy += 1; }
          else if (t === 'past' && here > cur) yy -= 1;
          else if (t === 'future' && here < cur) yy += 1;
          return { type: 'DATE', value: `${yy}-${s.code}`, anchor: 'published', point: { gran: 'season', y: yy } };
        },
      };
    },
  },
  // Holidays: "Thanksgiving Day", "Christmas", "last Thanksgiving", "Election Day", "Easter 1998"
  {
    id: 'time.holiday',
    re: re(`${B}(?:(?<shift>last|this|next|this${WS}past)${WS})?(?<hd>${HOLIDAY})(?:${WS}(?<wk>week))?(?:${WS}(?<y>${YEAR}))?${E}`),
    parse(m) {
      const g = m.groups!;
      if (!cap(g.hd)) return null;
      const rule = HOLIDAYS.get(g.hd.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'"))!;
      const shift = g.shift?.toLowerCase() ?? null;
      const y = g.y ? +g.y : null;
      // "Easter week", "Christmas week": the (ISO) week the holiday falls in
      const out = (d: Ymd, anchor: Out['anchor']): Out => {
        if (!g.wk) return dayOut(d, anchor);
        const w = isoWeek(toDays(d.y, d.m, d.d));
        const p: Point = { gran: 'week', y: w.y, w: w.w };
        return { type: 'DATE', value: pointValue(p), anchor, point: p };
      };
      return {
        resolve: (st, h) => {
          if (y !== null) { const d = holidayDate(rule, y); return d ? out(d, null) : null; }
          if (!st.dct) return nullOut();
          const dct = st.dct;
          const dd = toDays(dct.y, dct.m, dct.d);
          const at = (c: Ymd) => toDays(c.y, c.m, c.d);
          const cands = [dct.y - 1, dct.y, dct.y + 1].map((yy) => holidayDate(rule, yy)!).filter(Boolean);
          // a holiday week that holds the publication date is this one
          const base = g.wk ? dd - (weekday(dd) - 1) : dd;
          const past = cands.filter((c) => at(c) <= (g.wk ? base + 6 : dd));
          const fut = cands.filter((c) => at(c) >= base);
          let pick: Ymd | undefined;
          const t = h.tense();
          if (shift === 'last' || shift === 'this past') pick = cands.filter((c) => at(c) < dd).pop();
          else if (shift === 'next') pick = cands.find((c) => at(c) > dd);
          else if (t === 'future') pick = fut[0];
          else {
            pick = past[past.length - 1];
            // as with months, news names a holiday without "next" only when it is close: one
            // a few weeks ahead is that one even in a past clause ("as Easter week began"),
            // not last year's
            const ahead = fut[0];
            if (ahead && pick && at(ahead) - dd <= 45 && dd - at(pick) > 200) pick = ahead;
          }
          return pick ? out(pick, 'published') : nullOut();
        },
      };
    },
  },
  // Adjectives: "the current four flights" (PRESENT_REF), "the recent closing" (PAST_REF), "future losses"
  {
    id: 'time.ref.adj',
    re: re(`${B}(?<then>then[\\s-]+)?(?<w>current|recent|future|former)${E}`),
    parse(m, ctx) {
      const w = m.groups!.w.toLowerCase();
      if (w === 'former') return null;
      const next = nextWord(ctx.text, m.index + m[0].length).toLowerCase();
      if (/^(years|months|weeks|days|quarters|decades)$/.test(next)) return null; // the duration rule takes these
      if (/^(quarter|year|fiscal|period|account|accounts|affairs|events|issue|issues|price|prices|rate|rates|level|levels|situation)$/.test(next) && w === 'current') {
        if (/^(quarter|year|fiscal|period)$/.test(next)) return null;
      }
      if (w === 'future' && /^(of)$/.test(next)) return null;
      const pw = prevWord(ctx.text, m.index).toLowerCase();
      // "his future", "the boy's future": after a possessive, the noun (his time to come) is a
      // reference to the future; "its future earnings" is an adjective and left out
      const raw = prevWordRaw(ctx.text, m.index);
      const possessive = w === 'future' && (/^(his|her|their|its|our|my|your)$/i.test(raw) || /\w['’]s$/.test(raw)) && headNoun(ctx, m.index + m[0].length);
      if (w === 'future' && !possessive && !/^(in|the|for|all|any|no|of|about|and|a)$/.test(pw)) return null;
      const value = w === 'current' ? 'PRESENT_REF' : w === 'recent' ? 'PAST_REF' : 'FUTURE_REF';
      return { resolve: (st) => ({ type: 'DATE', value: m.groups!.then ? 'PAST_REF' : value, anchor: st.dct ? 'published' : null }) };
    },
  },
];

/**
 * The quarter an earnings story is about: the last quarter named (not a year-ago one), else
 * the last quarter finished before the DCT. "latest" never reaches past that one.
 */
function refQuarter(st: State, h: Here, yearShift: number, allowDct: boolean, latest = false): Out {
  const done = st.dct ? dctShift(st.dct, 'quarter', -1)! : null;
  const idx0 = (x: Point) => x.y * 4 + (x.q ?? 1);
  // a comparison is with a quarter already reported, not a forecast ("the third quarter of 1990")
  const ref = lastPoint(st, h, (p) => p.gran === 'quarter' && !(yearShift && done && idx0(p) > idx0(done)), 40);
  let p: Point;
  let anchor: Out['anchor'];
  let refId: string | undefined;
  const idx = (x: Point) => x.y * 4 + (x.q ?? 1);
  if (ref?.point && !(latest && done && idx(ref.point) > idx(done))) { p = { ...ref.point }; anchor = 'ref'; refId = ref.id; }
  else if (allowDct && done) { p = done; anchor = 'published'; }
  else return nullOut();
  if (yearShift) p = { ...p, y: p.y + yearShift };
  return { type: 'DATE', value: pointValue(p), anchor, refId, point: p, comparison: yearShift !== 0 };
}

function seasonIndex(d: Ymd): number {
  // spring Mar-May, summer Jun-Aug, fall Sep-Nov, winter Dec-Feb (December belongs to that year's winter)
  const k = d.m >= 3 && d.m <= 5 ? 0 : d.m >= 6 && d.m <= 8 ? 1 : d.m >= 9 && d.m <= 11 ? 2 : 3;
  const y = d.m <= 2 ? d.y - 1 : d.y;
  return y * 4 + k;
}


/** "today", "yesterday", "tomorrow", a weekday or a month-day after a clock time. */
function resolveDayWord(w: string, st: State, h: Here, ahead = false): Out | null {
  const lw = w.toLowerCase();
  if (!st.dct && !/\d{4}/.test(w)) return nullOut();
  if (lw === 'today') return dayOut(st.dct!, 'published');
  if (lw === 'yesterday') return dayOut(addDays(st.dct!, -1), 'published');
  if (lw === 'tomorrow') return dayOut(addDays(st.dct!, 1), 'published');
  const wd = wdNum(w);
  if (wd !== null && WEEKDAYS.has(lw)) return dayOut(weekdayFrom(st.dct!, wd, ahead ? 'future' : weekdayDir(h)), 'published');
  const mm = new RegExp(`^(?<mon>${MON})\\s+(?<day>\\d{1,2})(?:\\w\\w)?(?:,?\\s+(?<year>\\d{4}))?$`, 'i').exec(w.trim());
  if (mm) {
    const r = resolveMonthDay(monthNum(mm.groups!.mon)!, +mm.groups!.day, mm.groups!.year ? +mm.groups!.year : null, null, ahead);
    return r(st, h);
  }
  return null;
}

