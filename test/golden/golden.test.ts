/**
 * Golden tests: each hand-written article's full analysis must equal its reviewed golden
 * file. Any change in behaviour fails here; regenerate with `npm run golden` and review the
 * diff before committing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fixtures } from '../helpers/fixtures.ts';
import { analyzeFixture } from '../helpers/analyze-fixture.ts';

const all = fixtures();

test('there are at least 12 golden articles of 300-900 words', () => {
  assert.ok(all.length >= 12, `only ${all.length} fixtures`);
  for (const f of all) {
    const words = f.text.split(/\s+/).filter(Boolean).length;
    assert.ok(words >= 300 && words <= 900, `${f.slug}: ${words} words`);
  }
});

for (const f of all) {
  test(`golden: ${f.slug}`, () => {
    assert.ok(existsSync(f.golden), `missing ${f.golden}: run npm run golden`);
    const expected = JSON.parse(readFileSync(f.golden, 'utf8'));
    const actual = JSON.parse(JSON.stringify(analyzeFixture(f)));
    assert.deepEqual(actual, expected, `${f.slug} changed: run npm run golden and review git diff test/golden`);
  });
}
