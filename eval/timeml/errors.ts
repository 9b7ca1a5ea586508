/**
 * Error listing for the time extractor on TimeML (a development aid; prints text from the
 * shared data to the console only). Usage:
 *   npx tsx eval/timeml/errors.ts [timebank|aquaint] [missed|spurious|value|type|extent|summary]...
 * `summary` prints only counts of the wrong values by kind of disagreement (see `valueKind`).
 */
import { readTimeml, type Corpus } from './reader.ts';
import { matchTimexes, valueKind } from './score.ts';
import { hearsayTimes } from './run.ts';

const args = process.argv.slice(2);
const corpora = (['timebank', 'aquaint'] as Corpus[]).filter((c) => !args.some((a) => a === 'timebank' || a === 'aquaint') || args.includes(c));
const kinds = new Set(args.filter((a) => !['timebank', 'aquaint'].includes(a)));
const summary = kinds.delete('summary');
const want = (k: string) => !summary && (!kinds.size || kinds.has(k));

const tally = new Map<string, number>();
/** Kinds that are one reading written in another corpus convention, not another reading. */
const FORM_ONLY = new Set(['year written 1949-XX', 'decade written 198X', 'part of day (Friday night) kept or dropped', 'week written W7']);
const totals = new Map<string, { gold: number; pred: number; right: number; formOnly: number }>();
const clip = (s: string) => s.replace(/\s+/g, ' ');

for (const corpus of corpora) {
  const docs = readTimeml(corpus);
  if (!docs) { console.log(`${corpus}: dataset not found`); continue; }
  for (const d of docs) {
    const pred = hearsayTimes(d);
    const P = pred.map((t) => ({ start: t.span.start, end: t.span.end, type: t.type, value: t.value, rule: t.rule }));
    const pairs = matchTimexes(d.timexes, P);
    const tot = totals.get(corpus) ?? { gold: 0, pred: 0, right: 0, formOnly: 0 };
    totals.set(corpus, tot);
    tot.gold += d.timexes.length; tot.pred += P.length;
    for (const { gold: g, pred: p } of pairs) {
      if (p.value !== null && g.value === p.value) tot.right++;
      else if (FORM_ONLY.has(valueKind(g, p))) tot.formOnly++;
    }
    const ctx = (s: number, e: number) => clip(d.text.slice(Math.max(0, s - 60), s)) + '[' + clip(d.text.slice(s, e)) + ']' + clip(d.text.slice(e, e + 30));
    const mg = new Set(pairs.map((p) => p.gold)), mp = new Set(pairs.map((p) => p.pred));
    for (const g of d.timexes) if (!mg.has(g) && want('missed')) console.log(`MISS ${d.dct} ${g.type} ${g.value} | ${ctx(g.start, g.end)}`);
    for (const p of P) if (!mp.has(p) && want('spurious')) console.log(`SPUR ${d.dct} ${p.type} ${p.value} ${p.rule} | ${ctx(p.start, p.end)}`);
    for (const { gold: g, pred: p } of pairs) {
      if (summary && g.value !== p.value) { const k = `${corpus}: ${valueKind(g, p)}`; tally.set(k, (tally.get(k) ?? 0) + 1); }
      if (g.value !== p.value && want('value')) console.log(`VAL  ${d.dct} gold ${g.type} ${g.value} pred ${p.type} ${p.value} ${p.rule} | ${ctx(g.start, g.end)} <${clip(d.text.slice(p.start, p.end))}>`);
      else if (g.type !== p.type && want('type')) console.log(`TYPE ${d.dct} gold ${g.type} pred ${p.type} ${p.value} ${p.rule} | ${ctx(g.start, g.end)}`);
      if ((g.start !== p.start || g.end !== p.end) && want('extent')) console.log(`EXT  gold [${clip(g.text)}] pred [${clip(d.text.slice(p.start, p.end))}] ${p.rule} | ${ctx(g.start, g.end)}`);
    }
  }
}
if (summary) {
  for (const [k, n] of [...tally].sort((a, b) => a[0].localeCompare(b[0]) || b[1] - a[1])) console.log(`${String(n).padStart(4)}  ${k}`);
  for (const [c, t] of totals) {
    const f = (v: number) => ((200 * v) / (t.gold + t.pred)).toFixed(1);
    console.log(`${c}: value F1 ${f(t.right)}; ${f(t.right + t.formOnly)} if the ${t.formOnly} form-only disagreements (1949-XX, 198X, Friday night, W7) counted as right`);
  }
}
