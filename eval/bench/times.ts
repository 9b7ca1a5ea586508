/**
 * `npm run bench -- times`: the time extractor alone (`extractTimes`; tokenising and
 * tagging are done beforehand and not timed) over the TimeML texts (TimeBank and AQUAINT)
 * when the shared data is present, and over the golden fixture articles always.
 *
 * Prints, per text set: documents, words (white-space separated), times found, and the
 * median (with the fastest and slowest) over 11 timed passes of milliseconds per 1,000
 * words, after 2 warm-up passes. A pass covers at least 50,000 words (a small set is run
 * several times over) and garbage is collected between passes when node runs with
 * --expose-gc, as `npm run bench` does. The budget is 1 ms per 1,000 words (checked on the
 * median; on a shared machine, wall time also counts the time other processes hold the
 * cores, so compare runs made under the same load). `--rounds N` sets the number of timed
 * passes.
 */
import { makeContext, type ExtractContext } from '../../src/core/context.ts';
import { createDocument, type HearsayDocument } from '../../src/core/document.ts';
import { extractTimes } from '../../src/extract/times/index.ts';
import { analyzeNlp, type NlpLayer } from '../../src/nlp/tokens.ts';
import { fixtures } from '../../test/helpers/fixtures.ts';
import { readTimeml } from '../timeml/reader.ts';

export const isDefault = true;

const BUDGET_MS = 1;

interface Prepared { doc: HearsayDocument; nlp: NlpLayer; ctx: ExtractContext }

function prepare(texts: { text: string; published: string | null }[]): { items: Prepared[]; words: number } {
  const items = texts.map((d, i) => {
    const doc = createDocument(d.text, { id: `bench-${i}`, published: d.published });
    return { doc, nlp: analyzeNlp(doc), ctx: makeContext({ published: d.published }) };
  });
  const words = texts.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
  return { items, words };
}

/** Words a timed pass covers at least: small sets are run several times over per pass. */
const PASS_WORDS = 50_000;

function measure(name: string, items: Prepared[], words: number, rounds: number): void {
  let found = 0;
  const repeat = Math.max(1, Math.ceil(PASS_WORDS / words));
  const gc = (globalThis as { gc?: () => void }).gc;
  const pass = () => {
    gc?.(); // collect between passes (npm run bench runs node with --expose-gc)
    let n = 0;
    const t = performance.now();
    for (let r = 0; r < repeat; r++) for (const p of items) n += extractTimes(p.doc, p.nlp, p.ctx).length;
    const wall = performance.now() - t;
    found = n / repeat;
    return wall / repeat;
  };
  pass();
  pass();
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) ms.push(pass());
  ms.sort((a, b) => a - b);
  const k = words / 1000;
  const per = ms[Math.floor(ms.length / 2)] / k;
  console.log(
    `times ${name}: ${items.length} docs, ${words} words${repeat > 1 ? ` (x${repeat} per pass)` : ''}, ${found} times: ` +
      `${per.toFixed(3)} ms per 1,000 words (median of ${rounds} passes; fastest ${(ms[0] / k).toFixed(3)}, slowest ${(ms[ms.length - 1] / k).toFixed(3)}; ` +
      `budget ${BUDGET_MS} ms)${per > BUDGET_MS ? '  OVER BUDGET' : ''}`,
  );
}

export async function run(args: string[]): Promise<void> {
  const k = args.indexOf('--rounds');
  const rounds = k >= 0 ? Math.max(1, Number(args[k + 1]) || 11) : 11;
  const timeml = [...(readTimeml('timebank') ?? []), ...(readTimeml('aquaint') ?? [])].map((d) => ({ text: d.text, published: d.dct }));
  if (timeml.length) {
    const { items, words } = prepare(timeml);
    measure('timeml', items, words, rounds);
  } else {
    console.log('times timeml: skipped (TimeML data not found)');
  }
  const fx = fixtures().map((f) => ({ text: f.text, published: f.expected.published }));
  const { items, words } = prepare(fx);
  measure('fixtures', items, words, rounds);
}
