/**
 * Agreement with the hand-made references (test/fixtures/articles/*.expected.json). The
 * floors are the measured agreement at the last review, rounded down: raise them when the
 * engine improves, never lower them to make a change pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtures } from '../helpers/fixtures.ts';
import { analyzeFixture } from '../helpers/analyze-fixture.ts';
import { agreement } from '../../eval/fixtures-agreement.ts';

const FLOORS = { recall: 92.5, speaker: 89.4, precision: 83.2, act: 95.9, type: 97.4, traps: 5 };

test('engine agrees with the hand-made references', (t) => {
  let expected = 0, predicted = 0, found = 0, speaker = 0, act = 0, type = 0, unmatched = 0, traps = 0;
  for (const f of fixtures()) {
    const r = agreement(analyzeFixture(f), f.expected);
    expected += r.expected; predicted += r.predicted; found += r.found; speaker += r.speaker;
    act += r.act; type += r.type; unmatched += r.unmatched; traps += r.trapsHit.length;
  }
  const pct = (a: number, b: number) => (100 * a) / Math.max(1, b);
  const got = {
    recall: pct(found, expected),
    speaker: pct(speaker, found),
    precision: pct(predicted - unmatched, predicted),
    act: pct(act, found),
    type: pct(type, found),
  };
  t.diagnostic(`agreement on ${expected} reference statements: ` + (['recall', 'speaker', 'precision', 'act', 'type'] as const).map((k) => `${k} ${got[k].toFixed(1)}`).join(', ') + `; ${traps} traps hit`);
  for (const k of ['recall', 'speaker', 'precision', 'act', 'type'] as const) {
    assert.ok(got[k] >= FLOORS[k], `${k} ${got[k].toFixed(1)} < floor ${FLOORS[k]}`);
  }
  assert.ok(traps <= FLOORS.traps, `${traps} traps became statements (at most ${FLOORS.traps})`);
});
