/**
 * Speed of the time extractor alone (the nlp layer is built beforehand and not timed), over
 * the TimeML texts, or over a synthetic text when the data is absent. Usage:
 *   npx tsx eval/timeml/speed.ts [rounds]
 */
import { makeContext } from '../../src/core/context.ts';
import { createDocument } from '../../src/core/document.ts';
import { extractTimes } from '../../src/extract/times/index.ts';
import { analyzeNlp } from '../../src/nlp/tokens.ts';
import { readTimeml } from './reader.ts';

const rounds = Number(process.argv[2] ?? 5);
const docs = [...(readTimeml('timebank') ?? []), ...(readTimeml('aquaint') ?? [])].map((d) => ({ text: d.text, published: d.dct }));
if (!docs.length) {
  const para = 'President Biden said on Monday that talks would resume next week, two years after they collapsed in March 2020. ';
  docs.push({ text: para.repeat(200), published: '2022-02-09' });
}
const prepared = docs.map((d) => {
  const doc = createDocument(d.text, { id: 'x', published: d.published });
  return { doc, nlp: analyzeNlp(doc), ctx: makeContext({ published: d.published }) };
});
const words = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
for (const p of prepared) extractTimes(p.doc, p.nlp, p.ctx); // warm-up
const t0 = process.hrtime.bigint();
let count = 0;
for (let r = 0; r < rounds; r++) for (const p of prepared) count += extractTimes(p.doc, p.nlp, p.ctx).length;
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`times: ${docs.length} docs, ${words} words x ${rounds} rounds: ${ms.toFixed(1)} ms, ${(ms / rounds / (words / 1000)).toFixed(3)} ms per 1,000 words (${count / rounds} times per round)`);
