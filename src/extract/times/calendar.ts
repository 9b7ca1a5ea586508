/**
 * Calendar arithmetic on plain integers (proleptic Gregorian, no time zones, no clock) and
 * TIMEX3 value formatting. Days are counted from 1970-01-01 (day 0).
 */

export interface Ymd { y: number; m: number; d: number }

/** Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm). */
export function toDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDays(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

export function daysInMonth(y: number, m: number): number {
  return toDays(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - toDays(y, m, 1);
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** ISO weekday, Monday = 1 ... Sunday = 7. */
export function weekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (4)
}

export function addDays(p: Ymd, n: number): Ymd {
  return fromDays(toDays(p.y, p.m, p.d) + n);
}

/** Adds months, clamping the day to the target month's length. */
export function addMonths(p: Ymd, n: number): Ymd {
  const idx = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return { y, m, d: Math.min(p.d, daysInMonth(y, m)) };
}

/** ISO week-numbering year and week of a day. */
export function isoWeek(days: number): { y: number; w: number } {
  const wd = weekday(days);
  const thursday = days + (4 - wd);
  const ty = fromDays(thursday).y;
  const w = Math.floor((thursday - toDays(ty, 1, 1)) / 7) + 1;
  return { y: ty, w };
}

/** Monday of an ISO week. */
export function isoWeekMonday(y: number, w: number): number {
  const jan4 = toDays(y, 1, 4);
  return jan4 - (weekday(jan4) - 1) + (w - 1) * 7;
}

/** Western (Gregorian) Easter Sunday. */
export function easter(y: number): Ymd {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

/** The nth weekday `wd` (1 = Monday) of a month; n = -1 for the last one. */
export function nthWeekday(y: number, m: number, wd: number, n: number): Ymd {
  if (n > 0) {
    const first = toDays(y, m, 1);
    const off = (wd - weekday(first) + 7) % 7;
    return fromDays(first + off + (n - 1) * 7);
  }
  const last = toDays(y, m, daysInMonth(y, m));
  const off = (weekday(last) - wd + 7) % 7;
  return fromDays(last - off);
}

const p2 = (n: number) => String(n).padStart(2, '0');
const p4 = (n: number) => (n < 0 ? '-' + String(-n).padStart(4, '0') : String(n).padStart(4, '0'));

export const fmtYear = (y: number) => p4(y);
export const fmtMonth = (y: number, m: number) => `${p4(y)}-${p2(m)}`;
export const fmtDay = (p: Ymd) => `${p4(p.y)}-${p2(p.m)}-${p2(p.d)}`;
export const fmtWeek = (y: number, w: number) => `${p4(y)}-W${p2(w)}`;
export const fmtQuarter = (y: number, q: number) => `${p4(y)}-Q${q}`;
export const fmtHalf = (y: number, h: number) => `${p4(y)}-H${h}`;
export const fmtClock = (h: number, min: number) => `T${p2(h)}:${p2(min)}`;

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/**
 * Parses an ISO 8601 date or date-time (the publication date), or a year-month-day with
 * any separators. Returns null when it is not one.
 */
export function parseIsoDate(s: string | null | undefined): (Ymd & { h: number | null; min: number | null }) | null {
  if (!s) return null;
  const m = /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2}))?/.exec(s);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (!isValidDate(y, mo, d)) return null;
  return { y, m: mo, d, h: m[4] !== undefined ? +m[4] : null, min: m[5] !== undefined ? +m[5] : null };
}
