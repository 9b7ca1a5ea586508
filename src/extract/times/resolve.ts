/**
 * Resolution helpers: turning a relative or partial date into a TIMEX3 value against the
 * publication date (DCT) or a time mentioned earlier in the text.
 */
import {
  addDays, addMonths, daysInMonth, easter, fmtDay, fmtHalf, fmtMonth, fmtQuarter, fmtWeek, fmtYear,
  fromDays, isoWeek, isoWeekMonday, nthWeekday, quarterOf, toDays, weekday, type Ymd,
} from './calendar.ts';
import type { Tense } from './tense.ts';
import type { Here, Out, Point, Resolved, State } from './types.ts';

export function pointValue(p: Point): string {
  switch (p.gran) {
    case 'day': return fmtDay({ y: p.y, m: p.m!, d: p.d! });
    case 'week': return fmtWeek(p.y, p.w!);
    case 'weekend': return fmtWeek(p.y, p.w!) + '-WE';
    case 'month': return fmtMonth(p.y, p.m!);
    case 'quarter': return fmtQuarter(p.y, p.q!);
    case 'half': return fmtHalf(p.y, p.q!);
    case 'year': return fmtYear(p.y);
    case 'decade': return fmtYear(p.y).slice(0, 3);
    case 'century': return fmtYear(p.y).slice(0, 2);
    case 'season': return fmtYear(p.y);
  }
}

export const dayPoint = (p: Ymd): Point => ({ gran: 'day', y: p.y, m: p.m, d: p.d });

export function dayOut(p: Ymd, anchor: Out['anchor'], refId?: string, suffix = ''): Out {
  return { type: suffix.startsWith('T') ? 'TIME' : 'DATE', value: fmtDay(p) + suffix, anchor, refId, point: dayPoint(p) };
}

/** A weekday relative to a day: the last one (or the day itself) in the past, the next one ahead. */
export function weekdayFrom(base: Ymd, wd: number, dir: 'past' | 'future' | 'last' | 'next'): Ymd {
  const b = toDays(base.y, base.m, base.d);
  const cur = weekday(b);
  let off: number;
  if (dir === 'past') off = -((cur - wd + 7) % 7);
  else if (dir === 'future') off = (wd - cur + 7) % 7;
  else if (dir === 'last') off = -(((cur - wd + 7) % 7) || 7);
  else off = ((wd - cur + 7) % 7) || 7;
  return fromDays(b + off);
}

/** Direction a bare weekday or month takes from the tense of its clause. */
export function tenseDir(t: Tense | null, presentIsFuture: boolean): 'past' | 'future' {
  // 'prospective' and 'infinitive-past' fall through to past: bare weekdays in news look back
  if (t === 'future') return 'future';
  if (t === 'present' && presentIsFuture) return 'future';
  return 'past';
}

/**
 * The year of a month (and day) given without one: the nearest occurrence in the direction
 * of the clause's tense, or the nearest one either way when the tense says nothing.
 */
export function yearForMonth(dct: Ymd, m: number, d: number | null, tense: Tense | 'near' | 'near-past' | null): number {
  const t = tense === 'prospective' ? 'future' : tense === 'infinitive-past' ? null : tense;
  const dctDays = toDays(dct.y, dct.m, dct.d);
  const cands = [dct.y - 1, dct.y, dct.y + 1];
  const dist = (y: number) => {
    if (d === null) return (y * 12 + m) - (dct.y * 12 + dct.m); // months
    return toDays(y, m, Math.min(d, daysInMonth(y, m))) - dctDays;
  };
  const near = cands.reduce((a, b) => (Math.abs(dist(b)) < Math.abs(dist(a)) ? b : a));
  if (t === 'near' || t === 'near-past') {
    // deadlines ("until mid-November", "by August") lean ahead on a near tie, modifiers
    // ("the October slaying") lean back
    const unit = (d === null ? 2 : 45) * (t === 'near' ? 1 : -1);
    return cands.reduce((a, b) => (Math.abs(dist(b)) - (dist(b) > 0 ? unit : 0) < Math.abs(dist(a)) - (dist(a) > 0 ? unit : 0) ? b : a));
  }
  if (t === 'past') {
    const past = cands.filter((y) => dist(y) <= 0);
    const best = past.reduce((a, b) => (dist(b) > dist(a) ? b : a));
    // A past clause can still hold a date a little ahead ("the rights, which expire Nov. 21").
    if (d !== null && dist(near) > 0 && dist(near) <= 45 && -dist(best) > 200) return near;
    return best;
  }
  if (t === 'future') {
    const fut = cands.filter((y) => dist(y) >= 0);
    const best = fut.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    if (d !== null && dist(near) < 0 && -dist(near) <= 45 && dist(best) > 200) return near;
    return best;
  }
  return near;
}

export function ymdOf(dct: Ymd): Ymd {
  return { y: dct.y, m: dct.m, d: dct.d };
}

/** A point shifted by n of a unit, at the point's own granularity where it can be. */
export function shiftPoint(p: Point, unit: string, n: number): Point | null {
  switch (unit) {
    case 'D': {
      if (p.gran !== 'day') return null;
      return dayPoint(addDays({ y: p.y, m: p.m!, d: p.d! }, n));
    }
    case 'W': {
      if (p.gran === 'day') {
        const d = toDays(p.y, p.m!, p.d!) + 7 * n;
        const w = isoWeek(d);
        return { gran: 'week', y: w.y, w: w.w };
      }
      if (p.gran === 'week') {
        const w = isoWeek(isoWeekMonday(p.y, p.w!) + 7 * n);
        return { gran: 'week', y: w.y, w: w.w };
      }
      return null;
    }
    case 'M': {
      if (p.gran === 'day' || p.gran === 'month') {
        const r = addMonths({ y: p.y, m: p.m!, d: p.d ?? 1 }, n);
        return { gran: 'month', y: r.y, m: r.m };
      }
      return null;
    }
    case 'Q': {
      if (p.gran === 'quarter') {
        const idx = p.y * 4 + (p.q! - 1) + n;
        return { gran: 'quarter', y: Math.floor(idx / 4), q: (idx % 4 + 4) % 4 + 1 };
      }
      return null;
    }
    case 'Y': {
      if (p.gran === 'day') {
        const r = addMonths({ y: p.y, m: p.m!, d: p.d! }, 12 * n);
        return dayPoint(r);
      }
      return { ...p, y: p.y + n };
    }
  }
  return null;
}

/** The DCT as a point of a given granularity. */
export function dctPoint(dct: Ymd, gran: 'day' | 'week' | 'month' | 'quarter' | 'year' | 'decade' | 'century' | 'half'): Point {
  switch (gran) {
    case 'day': return dayPoint(dct);
    case 'week': { const w = isoWeek(toDays(dct.y, dct.m, dct.d)); return { gran: 'week', y: w.y, w: w.w }; }
    case 'month': return { gran: 'month', y: dct.y, m: dct.m };
    case 'quarter': return { gran: 'quarter', y: dct.y, q: quarterOf(dct.m) };
    case 'half': return { gran: 'half', y: dct.y, q: dct.m <= 6 ? 1 : 2 };
    case 'year': return { gran: 'year', y: dct.y };
    case 'decade': return { gran: 'decade', y: Math.floor(dct.y / 10) * 10 };
    case 'century': return { gran: 'century', y: Math.floor(dct.y / 100) * 100 };
  }
}

/** DCT shifted by n units (week, month, quarter, year, decade, century) at that unit's granularity. */
export function dctShift(dct: Ymd, unit: string, n: number): Point | null {
  switch (unit) {
    case 'day': return dayPoint(addDays(dct, n));
    case 'week': { const w = isoWeek(toDays(dct.y, dct.m, dct.d) + 7 * n); return { gran: 'week', y: w.y, w: w.w }; }
    case 'month': { const r = addMonths(dct, n); return { gran: 'month', y: r.y, m: r.m }; }
    case 'quarter': { const idx = dct.y * 4 + quarterOf(dct.m) - 1 + n; return { gran: 'quarter', y: Math.floor(idx / 4), q: (idx % 4) + 1 }; }
    case 'half': { const idx = dct.y * 2 + (dct.m <= 6 ? 0 : 1) + n; return { gran: 'half', y: Math.floor(idx / 2), q: (idx % 2) + 1 }; }
    case 'year': return { gran: 'year', y: dct.y + n };
    case 'decade': return { gran: 'decade', y: Math.floor(dct.y / 10) * 10 + 10 * n };
    case 'century': return { gran: 'century', y: Math.floor(dct.y / 100) * 100 + 100 * n };
  }
  return null;
}

/** The weekend (ISO week of its Saturday) before, of, or after the DCT. */
export function weekendPoint(dct: Ymd, dir: 'past' | 'future' | 'this'): Point {
  const b = toDays(dct.y, dct.m, dct.d);
  const wd = weekday(b);
  let sat: number;
  if (wd >= 6) sat = b - (wd - 6);
  else if (dir === 'future') sat = b + (6 - wd);
  else if (dir === 'this') sat = b + (6 - wd);
  else sat = b - (wd + 1);
  const w = isoWeek(sat);
  return { gran: 'weekend', y: w.y, w: w.w };
}

/** Date of a holiday rule from time-holidays.txt in a year. */
export function holidayDate(rule: string, y: number): Ymd | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d\d)-(\d\d)$/.exec(rule))) return { y, m: +m[1], d: +m[2] };
  if ((m = /^nth:(\d\d):(\d):(-?\d)$/.exec(rule))) return nthWeekday(y, +m[1], +m[2], +m[3]);
  if ((m = /^easter:([+-]\d+)$/.exec(rule))) return addDays(easter(y), +m[1]);
  if (rule === 'election') return addDays(nthWeekday(y, 11, 1, 1), 1);
  return null;
}

/**
 * The most recent time before `here` with a calendar point of at least the needed
 * granularity, within `maxBack` sentences. Null when none.
 */
export function lastPoint(st: State, here: Here, accept: (p: Point) => boolean, maxBack = 4, comparisons = false): Resolved | null {
  for (let i = st.done.length - 1; i >= 0; i--) {
    const r = st.done[i];
    if (r.start >= here.start) continue;
    if (here.sent - r.sent > maxBack) continue;
    if (r.comparison && !comparisons) continue;
    if (r.point && r.type !== 'DURATION' && r.type !== 'SET' && accept(r.point)) return r;
  }
  return null;
}

export const isDay = (p: Point) => p.gran === 'day';
