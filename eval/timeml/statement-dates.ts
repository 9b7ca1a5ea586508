/**
 * Statement dating on the hand-written golden articles (test/fixtures/articles and
 * examples/): how often `statement.time` resolves to the date the reference gives for the
 * statement (`date`: the ISO date the statement was made, or null). Statements are matched
 * as in eval/fixtures-agreement.ts (the predicted statement whose content holds the
 * reference's `quote_starts`). A predicted TIME counts by its date part ("2022-02-07TNI"
 * dates a statement made on 2022-02-07). Also prints the agreement of the extracted times
 * with the references' `times` lists (text and value, in document order). Usage:
 *   npx tsx eval/timeml/statement-dates.ts [--list]
 */
import type { Analysis } from '../../src/core/contract.ts';
import { fixtures, type Expected } from '../../test/helpers/fixtures.ts';
import { analyzeFixture } from '../../test/helpers/analyze-fixture.ts';

export interface DateAgreement {
  expected: number;
  found: number;
  /** found statements whose date (or null) equals the reference's */
  agree: number;
  dated: number;
  datedRight: number;
  datedNull: number;
  datedWrong: number;
  undated: number;
  undatedSpurious: number;
  lines: string[];
}

const dateOf = (v: string | null) => (v === null ? null : v.replace(/T.*$/, ''));

export function statementDates(a: Analysis, exp: Expected, slug = ''): DateAgreement {
  const text = a.document.text;
  const r: DateAgreement = { expected: exp.statements.length, found: 0, agree: 0, dated: 0, datedRight: 0, datedNull: 0, datedWrong: 0, undated: 0, undatedSpurious: 0, lines: [] };
  const used = new Set<string>();
  const timeById = new Map(a.times.map((t) => [t.id, t]));
  for (const e of exp.statements) {
    const at = text.indexOf(e.quote_starts);
    const s = a.statements.find((s) => !used.has(s.id) && s.content.some((c) => c.start <= at + 2 && at < c.end));
    if (!s) continue;
    used.add(s.id);
    r.found++;
    const t = s.time ? timeById.get(s.time) ?? null : null;
    const got = dateOf(t?.value ?? null);
    const want = e.date;
    const ok = got === want;
    if (ok) r.agree++;
    if (want) {
      r.dated++;
      if (ok) r.datedRight++;
      else if (got === null) r.datedNull++;
      else r.datedWrong++;
    } else {
      r.undated++;
      if (!ok) r.undatedSpurious++;
    }
    if (!ok) r.lines.push(`${slug}: want ${want} got ${got}${t ? ` [${t.span.text}]` : ''} | cue ${s.cue?.text ?? null} | ${e.quote_starts}`);
  }
  return r;
}

export interface TimesAgreement { expected: number; predicted: number; text: number; value: number; lines: string[] }

/** Extracted times against the reference's list: pairs by text, in order; value counted on pairs. */
export function timesAgreement(a: Analysis, exp: Expected, slug = ''): TimesAgreement {
  const r: TimesAgreement = { expected: exp.times.length, predicted: a.times.length, text: 0, value: 0, lines: [] };
  let from = 0;
  for (const e of exp.times) {
    const k = a.times.findIndex((t, i) => i >= from && t.span.text === e.text);
    if (k < 0) { r.lines.push(`${slug}: missed [${e.text}] ${e.value}`); continue; }
    from = k + 1;
    r.text++;
    if (a.times[k].value === e.value) r.value++;
    else r.lines.push(`${slug}: [${e.text}] want ${e.value} got ${a.times[k].value}`);
  }
  return r;
}

export function measure(): { dates: DateAgreement; times: TimesAgreement } {
  const dates: DateAgreement = { expected: 0, found: 0, agree: 0, dated: 0, datedRight: 0, datedNull: 0, datedWrong: 0, undated: 0, undatedSpurious: 0, lines: [] };
  const times: TimesAgreement = { expected: 0, predicted: 0, text: 0, value: 0, lines: [] };
  for (const f of fixtures()) {
    const a = analyzeFixture(f);
    const d = statementDates(a, f.expected, f.slug);
    for (const k of Object.keys(d) as (keyof DateAgreement)[]) {
      if (k === 'lines') dates.lines.push(...d.lines);
      else dates[k] += d[k];
    }
    const t = timesAgreement(a, f.expected, f.slug);
    times.expected += t.expected; times.predicted += t.predicted; times.text += t.text; times.value += t.value; times.lines.push(...t.lines);
  }
  return { dates, times };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { dates: d, times: t } = measure();
  const pct = (a: number, b: number) => ((100 * a) / Math.max(1, b)).toFixed(1);
  if (process.argv.includes('--list')) for (const l of [...d.lines, ...t.lines]) console.log(l);
  console.log(`statement dates: ${d.agree}/${d.found} found statements agree (${pct(d.agree, d.found)}%; ${d.expected} in the references)`);
  console.log(`  dated in the reference:   ${d.datedRight}/${d.dated} right, ${d.datedNull} left null, ${d.datedWrong} wrong date`);
  console.log(`  undated in the reference: ${d.undated - d.undatedSpurious}/${d.undated} left null, ${d.undatedSpurious} given a date`);
  console.log(`fixture times: ${t.text}/${t.expected} reference times found by text, ${t.value} with the reference value (${pct(t.value, t.expected)}%), ${t.predicted} predicted`);
}
