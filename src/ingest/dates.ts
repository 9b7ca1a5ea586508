/**
 * Publication dates: strict ISO 8601 for what users type (`--published`), lenient for
 * what pages and feeds carry (ISO, RFC 822/2822, "March 5, 2024"). Output is always an
 * ISO 8601 date (`2024-03-05`) or date-time (`2024-03-05T09:30:00+01:00`). A date-time
 * keeps the offset it was written with, so the local calendar date is not shifted; one
 * written without an offset stays without one.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{2}(?:\d{2})?)?)?$/i;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Offsets of the zone names RFC 822 allows (and a few more seen in feeds). */
const ZONES: Record<string, string> = {
  Z: 'Z', UT: 'Z', UTC: 'Z', GMT: 'Z',
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00',
  MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
  BST: '+01:00', CET: '+01:00', CEST: '+02:00', EET: '+02:00', EEST: '+03:00',
};

// day month year [hh:mm[:ss]] [zone], with an optional weekday in front
const RFC822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{4}|[+-]\d{2}:\d{2}|[a-z]{1,5}))?$/i;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function normZone(z: string | undefined): string | null | undefined {
  if (z === undefined) return '';
  const up = z.toUpperCase();
  if (up in ZONES) return ZONES[up];
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? '0');
  if (h > 14 || min > 59) return undefined;
  return `${m[1]}${pad(h)}:${pad(min)}`;
}

function build(
  y: number, mo: number, d: number,
  h?: number, mi?: number, s?: number, zone?: string,
): string | null {
  if (!(y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return null;
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (h === undefined) return date;
  const sec = s ?? 0;
  if (!(h >= 0 && h <= 23 && mi !== undefined && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 60)) return null;
  const z = normZone(zone);
  if (z === undefined || z === null) return null;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(Math.min(sec, 59))}${z}`;
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/**
 * Parses an ISO 8601 date (`2024-03-05`) or date-time (`2024-03-05T09:30`,
 * `2024-03-05T09:30:00Z`, `2024-03-05 09:30:00+01:00`) and returns it normalised, or null
 * when the string is not one or names an impossible day (`2024-02-30`).
 */
export function parseIsoDate(input: string): string | null {
  const m = ISO.exec(input.trim());
  if (!m) return null;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), num(m[4]), num(m[5]), num(m[6]), m[7]);
}

/**
 * Reads the dates found in page metadata and feeds: ISO 8601 (also compact
 * `20240305T093000Z`), RFC 822/2822 (`Tue, 05 Mar 2024 09:30:00 +0100`) and written
 * dates that `Date.parse` understands (`March 5, 2024`). Returns an ISO 8601 date or
 * date-time, or null.
 */
export function normalizeDate(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim().replace(/\s+/g, ' ');
  if (s.length < 6 || s.length > 64) return null;
  const iso = parseIsoDate(s);
  if (iso) return iso;
  if (ISO.test(s)) return null; // ISO-shaped but impossible: do not let Date.parse guess
  let m = ISO_COMPACT.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), num(m[4]), num(m[5]), num(m[6]), m[7]);
  m = RFC822.exec(s);
  if (m) {
    const mo = MONTHS[m[2].toLowerCase().slice(0, 3)];
    if (!mo) return null;
    let y = Number(m[3]);
    if (m[3].length === 2) y += y < 50 ? 2000 : 1900;
    return build(y, mo, Number(m[1]), num(m[4]), num(m[5]), num(m[6]), m[7]);
  }
  // "2024/03/05" and "2024.03.05"
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]));
  return viaDateParse(s);
}

/** Last resort for written dates ("March 5, 2024", "5 March 2024 10:00"). */
function viaDateParse(s: string): string | null {
  if (!/[a-z]/i.test(s) || !/\d{4}/.test(s)) return null; // numeric-only forms are ambiguous
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  const hasZone = /(?:\b(?:GMT|UTC|UT|Z)\b|[+-]\d{2}:?\d{2}\s*$)/i.test(s);
  const hasTime = /\d{1,2}:\d{2}/.test(s);
  if (hasZone && hasTime) return dateToIso(d);
  // No zone written: Date.parse read it as local time, so local fields give it back.
  const y = d.getFullYear();
  if (y < 1000 || y > 9999) return null;
  const date = `${pad(y, 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (!hasTime) return date;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A Date as an ISO 8601 UTC date-time without milliseconds, or null if invalid. */
export function dateToIso(d: Date | null | undefined): string | null {
  if (!d || Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
