/**
 * Regenerates test/golden/<slug>.analysis.json from the fixture articles, for review:
 *   npm run golden            # rewrite all, then `git diff test/golden` and check each change
 *   npm run golden -- SLUG    # only some
 * The golden test fails on any difference, so every behaviour change shows up as a diff.
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fixtures } from '../test/helpers/fixtures.ts';
import { analyzeFixture } from '../test/helpers/analyze-fixture.ts';

const only = process.argv.slice(2);
let changed = 0;
for (const f of fixtures()) {
  if (only.length && !only.includes(f.slug)) continue;
  const json = JSON.stringify(analyzeFixture(f), null, 2) + '\n';
  const old = existsSync(f.golden) ? readFileSync(f.golden, 'utf8') : null;
  if (old === json) continue;
  mkdirSync(dirname(f.golden), { recursive: true });
  writeFileSync(f.golden, json);
  changed++;
  console.log(`${old === null ? 'created' : 'updated'} ${f.golden}`);
}
console.log(`${changed} golden file(s) written`);
