/**
 * The pipeline in two halves (analyzeWords on one thread, analyzeFromWords on another, as a
 * pair of the analysis pool runs it) gives what `analyze` gives, after the handoff has been
 * through a structured clone as between threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDocument } from '../../src/core/document.ts';
import { analyze, analyzeFromWords, analyzeWords } from '../../src/pipeline/analyze.ts';
import { packHandoff, unpackHandoff } from '../../src/pipeline/handoff.ts';
import { analyzeNlp } from '../../src/nlp/tokens.ts';
import { fixtures } from '../helpers/fixtures.ts';

test('the two halves give the analysis of the whole pipeline, for every golden article', () => {
  const all = fixtures();
  assert.ok(all.length >= 12);
  for (const f of all) {
    const doc = createDocument(f.text, { id: f.slug, published: f.expected.published });
    const words = structuredClone(analyzeWords(doc));
    for (const explain of [false, true]) {
      assert.deepEqual(analyzeFromWords(doc, words, { explain }), analyze(doc, { explain }), `${f.slug} (explain: ${explain})`);
    }
  }
});

test('the second half reads the publication date and options it is given, not the first half\'s', () => {
  const doc = createDocument('The minister said on Tuesday that talks would resume.', { id: 'd', published: '2024-03-05' });
  const words = analyzeWords(doc);
  const a = analyzeFromWords(doc, words, { published: '2024-06-12' });
  assert.deepEqual(a, analyze(doc, { published: '2024-06-12' }));
  assert.equal(a.document.published, '2024-06-12');
});

test('a token whose text is not the text at its offsets keeps its text through the handoff', () => {
  const text = 'He said “yes” today.';
  const nlp = analyzeNlp(createDocument(text, { id: 't' }));
  const tokens = nlp.tokens.map((t) => (t.text === 'today' ? { ...t, text: 'TODAY', lower: 'today' } : t));
  const packed = structuredClone(packHandoff({ ...nlp, tokens }, []));
  assert.deepEqual(packed.texts, [[tokens.findIndex((t) => t.text === 'TODAY'), 'TODAY']]);
  const back = unpackHandoff(text, packed);
  assert.deepEqual(back.nlp.tokens, tokens);
  assert.deepEqual(back.nlp.sentences, nlp.sentences);
  for (const offset of [0, 3, 9, text.length]) assert.equal(back.nlp.tokenAt(offset), nlp.tokenAt(offset));
});
