/** The wink instance is replaced once it has learned too many new words, and nothing changes for it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDocument } from '../../src/core/document.ts';
import { analyzeNlp } from '../../src/nlp/tokens.ts';
import { setWinkLimits, wink, winkIsolated } from '../../src/nlp/wink.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { root } from '../helpers/fixtures.ts';

const madeUp = (from: number, n: number) => Array.from({ length: n }, (_, k) => `zq${(from + k).toString(36)}x`).join(' ') + '.';

test('a fresh wink instance gives the same analysis as one that has seen the words before', (t) => {
  t.after(() => setWinkLimits());
  const text = readFileSync(`${root}/examples/kremlin-denial.txt`, 'utf8');
  const doc = () => createDocument(text, { id: 'k', published: '2024-03-05' });
  analyze(doc());
  const warm = analyze(doc()); // every word now in the instance's lexicon
  const before = wink();
  setWinkLimits({ newWords: 0, checkEvery: 1 });
  analyzeNlp(createDocument(madeUp(0, 10), { id: 'new' })); // new words: the instance is dropped
  setWinkLimits();
  const fresh = analyze(doc());
  assert.notEqual(wink(), before, 'the instance was replaced');
  assert.deepEqual(fresh, warm);
});

/**
 * The wink instances seen while reading `docs` documents of `words` made-up words each (the
 * d-th starting at word `from + d * step`) under `limits`.
 */
function instancesOver(limits: Parameters<typeof setWinkLimits>[0], docs: number, words: number, from: number, step: number): number {
  setWinkLimits(limits);
  const seen = new Set([wink()]);
  for (let d = 0; d < docs; d++) {
    analyzeNlp(createDocument(madeUp(from + d * step, words), { id: `d${d}` }));
    seen.add(wink());
  }
  return seen.size;
}

test('the instance is replaced over and over on a long run of new words, never before the limit', (t) => {
  t.after(() => setWinkLimits());
  // 1,000 new lower-case words (a lexeme each) a document, dropped past 2,500: every third document
  assert.equal(instancesOver({ newWords: 2_500, checkEvery: 1 }, 12, 1000, 1e6, 1000), 5);
});

test('a process can make new wink instances without end (the custom-entity loader of the model package is called once)', (t) => {
  t.after(() => setWinkLimits());
  // before the fix, wink-eng-lite-web-model's metaCER loader stringified its own output again
  // for every instance: the 20th instance of a process threw "RangeError: Invalid string length"
  const seen = instancesOver({ newWords: 0, checkEvery: 1 }, 24, 5, 2e6, 10);
  assert.ok(seen >= 24, `${seen} instances`);
  assert.equal(analyzeNlp(createDocument('He said so.', { id: 'last' })).tokens.length, 4);
});

test('a document is tokenized the same whatever the instance read before it', () => {
  assert.ok(winkIsolated(), 'the lexicon hook is installed (wink-nlp internals as expected)');
  const words = (text: string) => analyzeNlp(createDocument(text, { id: 'w' })).tokens.map((t) => t.text);
  const text = 'Graham: Trump’s ‘Incredibly Hateful’ remarks.';
  const before = words(text);
  // wink makes "Trump’s" one lexeme when it ends a sentence this way; its tokenizer used to
  // keep it whole in every later document
  words('It was the Trump’s.');
  words('Pam Key reported the Trump’s, and the Clinton’s.');
  assert.deepEqual(words(text), before);
  assert.deepEqual(before.slice(0, 4), ['Graham', ':', 'Trump', '’s']);
});

