/** Dates, counts and labels for display. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PARTS: Record<string, string> = { MO: 'morning', AF: 'afternoon', EV: 'evening', NI: 'night', DT: 'daytime' };

/** A TimeML value or ISO date for people: 2022-02-08 → 8 Feb 2022, 2022-02 → Feb 2022, 2022-02-07TNI → 7 Feb 2022, night. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(MO|AF|EV|NI|DT|\d{2}:\d{2}))?/.exec(value);
  if (!m) return value;
  const [, y, mo, d, t] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  let s = d && month ? `${Number(d)} ${month} ${y}` : month ? `${month} ${y}` : y;
  if (t) s += `, ${PARTS[t] ?? t}`;
  return s;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export const ACT_LABEL: Record<string, string> = {
  say: 'says', claim: 'claims', deny: 'denies', promise: 'promises', warn: 'warns', threaten: 'threatens', demand: 'demands',
  estimate: 'estimates', accuse: 'accuses', believe: 'believes', want: 'wants', other: 'other',
};

export const TYPE_LABEL: Record<string, string> = { direct: 'direct quote', indirect: 'reported speech', mixed: 'partial quote' };

/** Only http(s) URLs become links: an article's own URL is untrusted input. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function truncate(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1).replace(/\s+\S*$/, '') + '…';
}

/** Months between the first and last with a count, gaps filled; by year when that is more than 36 bars. */
export function bins(months: { month: string; count: number }[]): { label: string; key: string; count: number }[] {
  if (!months.length) return [];
  const ym = (s: string) => { const [y, m] = s.split('-').map(Number); return y * 12 + (m || 1) - 1; };
  const counts = new Map(months.map((m) => [m.month, m.count]));
  const first = ym(months[0].month);
  const last = ym(months[months.length - 1].month);
  if (last - first + 1 > 36) {
    const years = new Map<number, number>();
    for (const m of months) { const y = Number(m.month.slice(0, 4)); years.set(y, (years.get(y) ?? 0) + m.count); }
    const y0 = Math.floor(first / 12), y1 = Math.floor(last / 12);
    const out = [];
    for (let y = y0; y <= y1; y++) out.push({ label: String(y), key: String(y), count: years.get(y) ?? 0 });
    return out;
  }
  const out = [];
  for (let k = first; k <= last; k++) {
    const key = `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
    out.push({ label: `${MONTHS[k % 12]} ${Math.floor(k / 12)}`, key, count: counts.get(key) ?? 0 });
  }
  return out;
}
