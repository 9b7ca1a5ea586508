/**
 * The chrono-node baseline: chrono's `parse` results over the same plain text, with the
 * DCT as reference date, mapped to TIMEX3 DATE/TIME values (chrono has no durations or
 * sets). Scored exactly like hearsay.
 */
import * as chrono from 'chrono-node';
import type { ScoredTimex } from './score.ts';

const p2 = (n: number) => String(n).padStart(2, '0');

export function chronoTimexes(text: string, dct: string): ScoredTimex[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(dct);
  const ref = m ? new Date(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 12, m[5] ? +m[5] : 0) : new Date(2000, 0, 1, 12);
  const out: ScoredTimex[] = [];
  for (const r of chrono.parse(text, ref)) {
    const c = r.start;
    const y = c.get('year'), mo = c.get('month'), d = c.get('day');
    let value: string | null;
    let type = 'DATE';
    if (y === null || mo === null || d === null) value = null;
    else if (c.isCertain('hour')) {
      type = 'TIME';
      value = `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(c.get('hour') ?? 0)}:${p2(c.get('minute') ?? 0)}`;
    } else if (c.isCertain('day') || c.isCertain('weekday')) value = `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}`;
    else if (c.isCertain('month')) value = `${String(y).padStart(4, '0')}-${p2(mo)}`;
    else if (c.isCertain('year')) value = String(y).padStart(4, '0');
    else value = `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}`;
    out.push({ start: r.index, end: r.index + r.text.length, type, value });
  }
  return out;
}
