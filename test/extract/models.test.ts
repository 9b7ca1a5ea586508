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

test('16-bit weights make the same decisions as the float ones, on every golden article', async () => {
  const { unpackModels } = await import('../../src/extract/attribution/models.ts');
  const { decodeAttributions } = await import('../../src/extract/attribution/decode.ts');
  const { fixtures } = await import('../helpers/fixtures.ts');
  const bytes = readFileSync(`${root}/models/attribution.bin`);
  const float = unpackModels(bytes);
  const int16 = unpackModels(bytes, { quantise: true });
  assert.ok(int16.cue.weights instanceof Int16Array && float.cue.weights instanceof Float32Array);
  let cues = 0;
  for (const f of fixtures()) {
    const doc = createDocument(f.text, { id: f.slug });
    const p = prepare(doc, analyzeNlp(doc));
    const a = decodeAttributions(float, p), b = decodeAttributions(int16, p);
    assert.deepEqual(b.map((x) => [x.cue, x.content, x.source]), a.map((x) => [x.cue, x.content, x.source]), f.slug);
    a.forEach((x, k) => assert.ok(Math.abs(x.margin - b[k].margin * int16.content.scale) < 0.05, `${f.slug}: margin ${x.margin} vs ${b[k].margin * int16.content.scale}`));
    cues += a.length;
  }
  assert.ok(cues > 200, `${cues} cues`);
});

test('the streamed shape and suffix hashes equal the hashes of the built strings', async () => {
  const { shapeOf, shapeHash, suffixHash } = await import('../../src/extract/attribution/features.ts');
  const { hashString } = await import('../../src/learn/hash.ts');
  const words = ['', 'a', 'Ab', 'said', 'McDonald', 'U.S.', 'COVID-19', '1996-08-22', 'Élysée', 'ÉTÉ', 'straße', 'İstanbul',
    '“', '—', '...', "don't", 'x86_64', '😀ok', 'Ⅻ', 'ǅemal', 'naïve', 'AAAAAAAAAAAA', 'abcdefghijk', '12345'];
  const text = readFileSync(`${root}/examples/kremlin-denial.txt`, 'utf8');
  for (const w of [...words, ...analyzeNlp(createDocument(text, { id: 'x' })).tokens.map((t) => t.text)]) {
    assert.equal(shapeHash(w), hashString(shapeOf(w)), `shape of ${JSON.stringify(w)}`);
    const lower = w.toLowerCase();
    assert.equal(suffixHash(lower), hashString('~' + lower.slice(-3)), `suffix of ${JSON.stringify(w)}`);
  }
});
