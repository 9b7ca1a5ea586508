/**
 * Robustness: texts cut and spliced from the fixture articles at random places, with stray
 * quotation marks, odd white space and control-free unicode thrown in, never crash the
 * engine and always give schema-valid output whose spans are their slices. Seeded, so a
 * failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDocument } from '../../src/core/document.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { fixtures } from '../helpers/fixtures.ts';
import { validateAnalysis } from '../helpers/schema.ts';

let seed = 20261127;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
const NOISE = ['“', '”', '"', "'", '‘', '’', '«', '»', '—', '\n\n', '\n', '  ', ':', ',', '…', '\u00a0', '(', ')', 'said', 'he said', '🙂', 'Ω', '\t'];

test('spliced and noisy texts never crash and stay valid', () => {
  const texts = fixtures().map((f) => f.text);
  for (let round = 0; round < 60; round++) {
    let t = '';
    const pieces = 1 + Math.floor(rand() * 5);
    for (let k = 0; k < pieces; k++) {
      const src = pick(texts);
      const a = Math.floor(rand() * src.length);
      const b = Math.min(src.length, a + Math.floor(rand() * 600));
      t += src.slice(a, b);
      for (let n = Math.floor(rand() * 4); n > 0; n--) t += pick(NOISE);
    }
    if (!t.trim()) continue;
    const published = rand() < 0.5 ? '2023-05-17' : null;
    const a = analyze(createDocument(t, { id: `r${round}` }), { published, explain: rand() < 0.5 });
    assert.deepEqual(validateAnalysis(a), [], `round ${round}`);
    for (const s of a.statements) {
      for (const c of s.content) assert.equal(c.text, t.slice(c.start, c.end));
      if (s.cue) assert.equal(s.cue.text, t.slice(s.cue.start, s.cue.end));
      if (s.source.mention) assert.equal(s.source.mention.text, t.slice(s.source.mention.start, s.source.mention.end));
    }
    for (const e of a.entities) for (const m of e.mentions) assert.equal(m.text, t.slice(m.start, m.end));
  }
});
