/**
 * `npx tsx eval/polnear/errors.ts [N]`: where the attribution errors are on PolNeAR dev.
 * Each gold attribution is matched to a predicted statement whose cue overlaps its cue;
 * prints how many have no such statement, how many get the exact content, and how the
 * others' content differs (one edge too early or too late, a different number of pieces),
 * with N examples of each (default 4). For error analysis only; the scores are eval/run.ts.
 */
import { createDocument } from '../../src/core/document.ts';
import { trimChars, type Range } from '../../src/core/span.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { readPolnear } from './reader.ts';
import { EDGE_CHARS } from './score.ts';

const dev = readPolnear('dev');
if (!dev) {
  console.log('PolNeAR dev not found under the shared datasets');
  process.exit(0);
}
const examples = Number(process.argv[2] ?? 4);
const counts = new Map<string, number>();
const shown = new Map<string, string[]>();
const add = (kind: string, example?: string) => {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  if (example) (shown.get(kind) ?? shown.set(kind, []).get(kind)!).push(example);
};
for (const g of dev) {
  const a = analyze(createDocument(g.text, { id: g.id }));
  const trim = (r: Range) => trimChars(g.text, r, EDGE_CHARS);
  for (const at of g.attributions) {
    if (!at.cue || !at.content) continue;
    const cue = trim({ start: at.cue[0].start, end: at.cue[at.cue.length - 1].end });
    const s = a.statements.find((x) => x.cue && trim(x.cue).start < cue.end && cue.start < trim(x.cue).end);
    if (!s) { add('no statement with this cue'); continue; }
    const gs = at.content.map(trim), ps = s.content.map(trim);
    if (gs.map((r) => `${r.start}-${r.end}`).join() === ps.map((r) => `${r.start}-${r.end}`).join()) { add('exact content'); continue; }
    const [g0, g1, p0, p1] = [gs[0].start, gs[gs.length - 1].end, ps[0].start, ps[ps.length - 1].end];
    const kind = gs.length !== ps.length ? `content in ${ps.length} piece(s), gold ${gs.length}`
      : g0 === p0 ? (p1 > g1 ? 'content ends too late' : 'content ends too early')
        : g1 === p1 ? (p0 < g0 ? 'content starts too early' : 'content starts too late') : 'content differs at both edges';
    add(kind, `gold: ${g.text.slice(g0, g1).slice(0, 140)}\n      ours: ${g.text.slice(p0, p1).slice(0, 140)}`);
  }
}
const total = [...counts.values()].reduce((x, y) => x + y, 0);
console.log(`PolNeAR dev: ${total} gold attributions with a cue and a content`);
for (const [kind, n] of [...counts].sort((x, y) => y[1] - x[1])) {
  console.log(`${String(n).padStart(5)}  ${kind}`);
  for (const e of (shown.get(kind) ?? []).slice(0, examples)) console.log(`      ${e}`);
}
