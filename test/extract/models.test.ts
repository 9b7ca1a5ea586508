/**
 * The span choosers' fast inference path (per-document and per-model tables) must give the
 * same scores as the plain feature sums used in training.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDocument } from '../../src/core/document.ts';
import { analyzeNlp } from '../../src/nlp/tokens.ts';
import { prepare } from '../../src/extract/attribution/prepare.ts';
import { attributionModels } from '../../src/extract/attribution/index.ts';
import { bestOnSide, tagCues, type StaticCache } from '../../src/extract/attribution/models.ts';
import { spanContext } from '../../src/extract/attribution/decode.ts';
import { root } from '../helpers/fixtures.ts';

test('fast and plain span scoring agree on every cue of an article', () => {
  const text = readFileSync(`${root}/examples/kremlin-denial.txt`, 'utf8');
  const doc = createDocument(text, { id: 'x' });
  const p = prepare(doc, analyzeNlp(doc));
  const models = attributionModels();
  const cues = tagCues(models.cue, p.f);
  assert.ok(cues.length > 5);
  const cache: StaticCache = new Map();
  for (const [first, last] of cues) {
    for (const role of ['content', 'source'] as const) {
      for (const side of [0, 1] as const) {
        const cue = { first, last };
        const fast = bestOnSide(role, models[role], spanContext(p, cue, null, cache, role), side);
        const plain = bestOnSide(role, models[role], spanContext(p, cue, null, undefined, role), side);
        assert.deepEqual(fast.bestSpan, plain.bestSpan);
        assert.ok(Math.abs(fast.spanScore - plain.spanScore) < 1e-3 || (fast.spanScore === -Infinity && plain.spanScore === -Infinity));
        assert.ok(Math.abs(fast.noneScore - plain.noneScore) < 1e-3);
      }
    }
  }
});
