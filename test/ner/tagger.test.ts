/**
 * The fast tagger (cached word rows, dense tables for tag and document keys, batched
 * lookups) against a slow reference that scores every token from the training-time
 * feature keys (features.ts / document.ts, as scripts/train-ner.ts does) with the weights
 * looked up in the model file by binary search. Both must give the same tags and scores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { datasetPath } from '../../eval/data.ts';
import { readConll } from '../../eval/conll/reader.ts';
import { conllDocuments } from '../../eval/conll/documents.ts';
import { MODEL_URL } from '../../src/extract/entities/ner/index.ts';
import { decodeModel, type NerModel } from '../../src/extract/entities/ner/model.ts';
import { dynamicKeys, N_DYNAMIC, N_STATIC, sentenceFacts, staticKeys, WordFeatures } from '../../src/extract/entities/ner/features.ts';
import { docKeys, documentFacts, N_DOC } from '../../src/extract/entities/ner/document.ts';
import { choose, NerTagger, repairMap, toBio, transitionMask } from '../../src/extract/entities/ner/tagger.ts';

/** Tags and chosen-tag probabilities of a document, the slow way. */
function reference(model: NerModel, doc: string[][]): { tags: string[]; probs: number[] }[] {
  const labels = model.header.labels, K = labels.length, R = K - 1;
  const allowed = transitionMask(labels), repair = repairMap(labels);
  const wf = new WordFeatures(model.resources, model.header.levels);
  const add = (stage: number, key: number, acc: Int32Array) => {
    const { keys, weights } = model.stages[stage];
    let lo = 0, hi = keys.length - 1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (keys[m] === key) {
        for (let k = 1; k < K; k++) acc[k] += weights[m * R + k - 1];
        return;
      }
      if (keys[m] < key) lo = m + 1;
      else hi = m - 1;
    }
  };
  const infos = doc.map((ws) => ws.map((w) => wf.info(w)));
  const stat = infos.map((inf) => {
    const k = new Int32Array(inf.length * N_STATIC);
    staticKeys(inf, wf, k);
    return k;
  });
  const t = model.stages[model.stages.length - 1].scale / model.header.temperature;
  const run = (stage: number, facts: ReturnType<typeof documentFacts> | null) => infos.map((inf, s) => {
    const sf = sentenceFacts(inf, wf.res);
    const dyn = new Int32Array(N_DYNAMIC), dk = new Int32Array(N_DOC);
    const tags: string[] = [], probs: number[] = [];
    let t1 = -1, t2 = -1;
    for (let i = 0; i < inf.length; i++) {
      const acc = new Int32Array(K);
      for (let f = 0; f < N_STATIC; f++) add(stage, stat[s][i * N_STATIC + f], acc);
      dynamicKeys(inf[i], sf.runPos[i], t1, t2, dyn, 0);
      for (const k of dyn) add(stage, k, acc);
      if (facts) {
        docKeys(facts, s, i, (sf.caps ? 2 : 0) | (i === 0 ? 1 : 0), dk, 0);
        for (const k of dk) add(stage, k, acc);
      }
      const am = (t1 + 1) * K;
      const best = choose(acc, K, allowed, am, repair);
      // softmax over the allowed tags, a repaired I-X counting for its B-X (as the tagger)
      const inSet = (k: number) => allowed[am + k] === 1 || repair[k] === best;
      let top = -Infinity;
      for (let k = 0; k < K; k++) if (inSet(k)) top = Math.max(top, acc[k]);
      let z = 0, mine = 0;
      for (let k = 0; k < K; k++) {
        if (!inSet(k)) continue;
        const e = Math.exp((acc[k] - top) * t);
        z += e;
        if (k === best || (!allowed[am + k] && repair[k] === best)) mine += e;
      }
      tags.push(labels[best]);
      probs.push(mine / z);
      t2 = t1;
      t1 = best;
    }
    return { tags: toBio(tags), probs };
  });
  const first = run(0, null);
  return model.stages.length === 1 ? first : run(1, documentFacts(infos, first.map((r) => r.tags)));
}

const model = decodeModel(readFileSync(fileURLToPath(MODEL_URL)));

function same(tagger: NerTagger, doc: string[][], what: string): void {
  const fast = tagger.tagDocument(doc);
  const names = tagger.tagDocument(doc, { probs: 'names' });
  const slow = reference(model, doc);
  doc.forEach((_, s) => {
    assert.deepEqual(fast[s].tags, slow[s].tags, `${what}, sentence ${s}`);
    assert.deepEqual(names[s].tags, slow[s].tags, `${what}, sentence ${s} (probs: names)`);
    for (let i = 0; i < slow[s].probs.length; i++) {
      assert.ok(Math.abs(fast[s].probs[i] - slow[s].probs[i]) < 1e-12, `${what}, sentence ${s}, token ${i}: probability`);
      if (!Number.isNaN(names[s].probs[i])) assert.equal(names[s].probs[i], fast[s].probs[i]);
      else assert.equal(fast[s].tags[i], 'O');
    }
  });
}

// written for this test: a headline in capitals, names repeated, particles, hyphens,
// gazetteer phrases, quotes, numbers, a sentence-initial name, a lone capitalised word
const DOC = [
  'MERKEL AND MACRON MEET IN BERLIN AS EU TALKS STALL',
  'BERLIN 2019-05-06',
  'German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday , the Elysee said .',
  'Merkel told reporters : " We will not give up on the European Union . "',
  'Macron , who flew in from Paris , said the Franco-German plan would be ready by June .',
  'Ursula von der Leyen and Mohammed bin Salman were not at the meeting in the New York Times building .',
  'Shares of Deutsche Bank AG rose 3.5 percent to 7.20 euros after the Bank of England cut rates .',
  'MACRON said the talks in Brussels had stalled .',
  'Lynagh',
  'O\'Neill scored twice for the New York Yankees , while the Boston Red Sox lost 4-3 .',
].map((s) => s.split(' '));

test('fast tagger = slow reference on written sentences (tags and probabilities)', () => {
  const tagger = new NerTagger(model);
  same(tagger, DOC, 'written document');
  // again with every word already cached, and sentence by sentence
  same(tagger, DOC, 'written document, cached words');
  for (const s of DOC) same(tagger, [s], 'one sentence');
  tagger.features.clearCache();
  same(tagger, [...DOC].reverse(), 'reversed document, emptied cache');
});

const testa = datasetPath('conll2003', 'eng.testa');

test('fast tagger = slow reference on eng.testa', { skip: testa ? false : 'CoNLL-2003 eng.testa not found' }, () => {
  const tagger = new NerTagger(model);
  conllDocuments(readConll(testa!)).forEach((d, i) => same(tagger, d.map((s) => s.words), `testa document ${i}`));
});

test('with joiners, probs "names" tags plain words of cased text O unscored; lower-case text is scored in full', async () => {
  const { readLexicon } = await import('../../src/lexicons/load.ts');
  const tagger = new NerTagger(model, { joiners: new Set(readLexicon('ner-joiners.txt').map((r) => r[0])) });
  const plain = (w: string) => tagger.features.info(w).plain;
  assert.ok(plain('ministry') && plain('said') && !plain('of') && !plain('von') && !plain("'s") && !plain('Paris') && !plain('G7') && !plain(','));
  // the full model takes the lower-case "interior ministry" for a name; in cased text both are plain
  const cased = ['Turnout was high , the interior ministry said .', 'The CGT union in Paris disputed the figure .'].map((s) => s.split(' '));
  const full = tagger.tagDocument(cased), names = tagger.tagDocument(cased, { probs: 'names' });
  assert.deepEqual(full[0].tags.slice(5, 7), ['B-ORG', 'I-ORG']);
  assert.deepEqual(names[0].tags.slice(5, 7), ['O', 'O']);
  cased.forEach((ws, s) => ws.forEach((w, i) => {
    if (plain(w)) assert.ok(names[s].tags[i] === 'O' && Number.isNaN(names[s].probs[i]), `${w}: O, no probability`);
    else assert.equal(names[s].tags[i], full[s].tags[i], `${w}: as scored in full`);
  }));
  // in a text written all in lower case, case tells nothing: every word is scored
  const lower = cased.map((ws) => ws.map((w) => w.toLowerCase()));
  assert.deepEqual(tagger.tagDocument(lower, { probs: 'names' })[0].tags.slice(5, 7), ['B-ORG', 'I-ORG']);
  assert.deepEqual(tagger.tagDocument(lower, { probs: 'names' }).map((r) => r.tags), tagger.tagDocument(lower).map((r) => r.tags));
  // the written document: only plain words may differ from the full tagging
  const a = tagger.tagDocument(DOC), b = tagger.tagDocument(DOC, { probs: 'names' });
  DOC.forEach((ws, s) => ws.forEach((w, i) => { if (!plain(w)) assert.equal(b[s].tags[i], a[s].tags[i], `${w}`); }));
});
