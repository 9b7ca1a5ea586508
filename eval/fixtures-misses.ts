/**
 * `npx tsx eval/fixtures-misses.ts`: the reference statements of the golden articles
 * (test/fixtures/articles/*.expected.json) that the engine does not find, and the traps it
 * falls into, one line each, with the agreement summary the golden test prints. Runs the
 * engine as it is now (not the stored goldens).
 */
import { agreement } from './fixtures-agreement.ts';
import { fixtures } from '../test/helpers/fixtures.ts';
import { analyzeFixture } from '../test/helpers/analyze-fixture.ts';

let expected = 0, found = 0, traps = 0;
for (const f of fixtures()) {
  const r = agreement(analyzeFixture(f), f.expected);
  expected += r.expected;
  found += r.found;
  traps += r.trapsHit.length;
  for (const m of r.misses) console.log(`${f.slug.padEnd(26)} missed  ${m}`);
  for (const t of r.trapsHit) console.log(`${f.slug.padEnd(26)} trap    ${t}`);
}
console.log(`${expected - found} of ${expected} reference statements missed; ${traps} traps hit`);
