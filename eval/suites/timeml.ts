/**
 * `npm run eval -- timeml`: temporal expressions on TBAQ-cleaned (TempEval-3 TimeBank and
 * AQUAINT), scored with TempEval-3 definitions, for hearsay and for chrono-node as the
 * baseline in the same run. There is no separate dev split: the rules were written while
 * looking at these corpora, so these are in-sample numbers.
 */
import { readTimeml, type Corpus } from '../timeml/reader.ts';
import { metrics, scoreDoc, zeroCounts, type Counts } from '../timeml/score.ts';
import { chronoTimexes } from '../timeml/chrono.ts';
import { hearsayTimes } from '../timeml/run.ts';
import { fmt, type SuiteResult } from '../types.ts';

const CORPORA: Corpus[] = ['timebank', 'aquaint'];

export async function run(_args: string[]): Promise<SuiteResult | null> {
  const data = CORPORA.map((c) => ({ corpus: c, docs: readTimeml(c) }));
  if (data.some((d) => !d.docs)) return null;
  const out: Record<string, number> = {};
  const rows: string[] = [];
  const header = `${'corpus'.padEnd(9)} ${'system'.padEnd(8)} ${'docs'.padStart(4)} ${'gold'.padStart(5)} ${'pred'.padStart(5)} | strict P     R    F1 | relaxed P    R    F1 | type acc | value P    R    F1`;
  for (const { corpus, docs } of data) {
    for (const system of ['hearsay', 'chrono'] as const) {
      const c: Counts = zeroCounts();
      for (const d of docs!) {
        const pred = system === 'hearsay'
          ? hearsayTimes(d).map((t) => ({ start: t.span.start, end: t.span.end, type: t.type, value: t.value }))
          : chronoTimexes(d.text, d.dct);
        scoreDoc(d.timexes, pred, c);
      }
      const m = metrics(c);
      const prefix = system === 'hearsay' ? corpus : `chrono.${corpus}`;
      for (const [k, v] of Object.entries(m)) out[`${prefix}.${k}`] = v;
      rows.push(
        `${corpus.padEnd(9)} ${system.padEnd(8)} ${String(docs!.length).padStart(4)} ${String(c.gold).padStart(5)} ${String(c.pred).padStart(5)} |` +
        `  ${fmt(m['strict.p'])} ${fmt(m['strict.r'])} ${fmt(m['strict.f1'])} |  ${fmt(m['relaxed.p'])} ${fmt(m['relaxed.r'])} ${fmt(m['relaxed.f1'])} |   ${fmt(m['type.acc'])} | ${fmt(m['value.p'])} ${fmt(m['value.r'])} ${fmt(m['value.f1'])}`,
      );
    }
  }
  console.log('timeml (TBAQ-cleaned; in-sample: no separate dev split)');
  console.log(header);
  for (const r of rows) console.log(r);
  return { suite: 'timeml', metrics: out };
}
