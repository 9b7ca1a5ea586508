/**
 * Error listing for the time extractor on TimeML (a development aid; prints text from the
 * shared data to the console only). Usage:
 *   npx tsx eval/timeml/errors.ts [timebank|aquaint] [missed|spurious|value|type|extent]...
 */
import { readTimeml, type Corpus } from './reader.ts';
import { matchTimexes } from './score.ts';
import { hearsayTimes } from './run.ts';

const args = process.argv.slice(2);
const corpora = (['timebank', 'aquaint'] as Corpus[]).filter((c) => !args.some((a) => a === 'timebank' || a === 'aquaint') || args.includes(c));
const kinds = new Set(args.filter((a) => !['timebank', 'aquaint'].includes(a)));
const want = (k: string) => !kinds.size || kinds.has(k);
const clip = (s: string) => s.replace(/\s+/g, ' ');

for (const corpus of corpora) {
  const docs = readTimeml(corpus);
  if (!docs) { console.log(`${corpus}: dataset not found`); continue; }
  for (const d of docs) {
    const pred = hearsayTimes(d);
    const P = pred.map((t) => ({ start: t.span.start, end: t.span.end, type: t.type, value: t.value, rule: t.rule }));
    const pairs = matchTimexes(d.timexes, P);
    const ctx = (s: number, e: number) => clip(d.text.slice(Math.max(0, s - 60), s)) + '[' + clip(d.text.slice(s, e)) + ']' + clip(d.text.slice(e, e + 30));
    const mg = new Set(pairs.map((p) => p.gold)), mp = new Set(pairs.map((p) => p.pred));
    for (const g of d.timexes) if (!mg.has(g) && want('missed')) console.log(`MISS ${d.dct} ${g.type} ${g.value} | ${ctx(g.start, g.end)}`);
    for (const p of P) if (!mp.has(p) && want('spurious')) console.log(`SPUR ${d.dct} ${p.type} ${p.value} ${p.rule} | ${ctx(p.start, p.end)}`);
    for (const { gold: g, pred: p } of pairs) {
      if (g.value !== p.value && want('value')) console.log(`VAL  ${d.dct} gold ${g.type} ${g.value} pred ${p.type} ${p.value} ${p.rule} | ${ctx(g.start, g.end)} <${clip(d.text.slice(p.start, p.end))}>`);
      else if (g.type !== p.type && want('type')) console.log(`TYPE ${d.dct} gold ${g.type} pred ${p.type} ${p.value} ${p.rule} | ${ctx(g.start, g.end)}`);
      if ((g.start !== p.start || g.end !== p.end) && want('extent')) console.log(`EXT  gold [${clip(g.text)}] pred [${clip(d.text.slice(p.start, p.end))}] ${p.rule} | ${ctx(g.start, g.end)}`);
    }
  }
}
