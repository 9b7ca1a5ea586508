/**
 * Per-rule report on TimeML (a development aid): for each rule id, how many times it fired,
 * how many overlapped a gold timex, and how many had the gold value. Usage:
 *   npx tsx eval/timeml/rules.ts [timebank|aquaint]
 */
import { readTimeml, type Corpus } from './reader.ts';
import { matchTimexes } from './score.ts';
import { hearsayTimes } from './run.ts';

const arg = process.argv[2];
const corpora = (['timebank', 'aquaint'] as Corpus[]).filter((c) => !arg || c === arg);
const stats = new Map<string, { n: number; match: number; value: number }>();
for (const corpus of corpora) {
  for (const d of readTimeml(corpus) ?? []) {
    const pred = hearsayTimes(d).map((t) => ({ start: t.span.start, end: t.span.end, type: t.type, value: t.value, rule: t.rule }));
    const pairs = matchTimexes(d.timexes, pred);
    for (const p of pred) {
      const s = stats.get(p.rule) ?? { n: 0, match: 0, value: 0 };
      s.n++;
      const pair = pairs.find((x) => x.pred === p);
      if (pair) { s.match++; if (pair.gold.value === p.value) s.value++; }
      stats.set(p.rule, s);
    }
  }
}
console.log('rule'.padEnd(24), 'fired', 'match', 'value', ' match%', ' value%');
for (const [rule, s] of [...stats].sort((a, b) => b[1].n - a[1].n)) {
  console.log(rule.padEnd(24), String(s.n).padStart(5), String(s.match).padStart(5), String(s.value).padStart(5), (100 * s.match / s.n).toFixed(1).padStart(7), (100 * s.value / s.n).toFixed(1).padStart(7));
}
