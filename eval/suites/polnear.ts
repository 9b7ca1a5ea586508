/**
 * `npm run eval -- polnear [--split dev|train] [--limit N]`: runs the full engine on PolNeAR
 * articles and scores source, cue and content spans, exact and token-overlap (see
 * eval/polnear/score.ts for the definitions).
 */
import { createDocument } from '../../src/core/document.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { readPolnear, type Split } from '../polnear/reader.ts';
import { emptyTally, ROLES, scoreArticle, summarise, type Attribution } from '../polnear/score.ts';
import { fmt, type SuiteResult } from '../types.ts';

export async function run(args: string[]): Promise<SuiteResult | null> {
  const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
  const split = (opt('split') ?? 'dev') as Split;
  const gold = readPolnear(split, Number(opt('limit') ?? Infinity));
  if (!gold) return null;
  const tally = emptyTally();
  const t0 = performance.now();
  let statements = 0;
  for (const g of gold) {
    const doc = createDocument(g.text, { id: g.id, published: g.published });
    const a = analyze(doc);
    statements += a.statements.length;
    const pred: Attribution[] = a.statements.map((s) => ({
      source: s.source.mention ? [s.source.mention] : null,
      cue: s.cue ? [s.cue] : null,
      content: s.content,
    }));
    scoreArticle(tally, g.text, g.attributions, pred, g.discard);
  }
  const secs = (performance.now() - t0) / 1000;
  const m = summarise(tally);
  console.log(`PolNeAR ${split}: ${gold.length} articles, ${gold.reduce((n, g) => n + g.attributions.length, 0)} gold attributions, ${statements} predicted statements (${secs.toFixed(1)} s)`);
  console.log('role      |  exact P     R    F1 | overlap P    R    F1');
  for (const r of ROLES) {
    console.log(`${r.padEnd(9)} | ${fmt(m[`exact.${r}.p`])} ${fmt(m[`exact.${r}.r`])} ${fmt(m[`exact.${r}.f1`])} | ${fmt(m[`overlap.${r}.p`])} ${fmt(m[`overlap.${r}.r`])} ${fmt(m[`overlap.${r}.f1`])}`);
  }
  console.log('published BERT-CofeNet (test split, exact F1): source 83.2, cue 75.3, content 72.9');
  return { suite: 'polnear', metrics: m };
}
