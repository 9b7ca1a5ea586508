/**
 * Pieces of the NER stack that do not need the model: word regrouping, the CoNLL
 * reader and scorer, the model container, features and clustering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupWords } from '../../src/extract/entities/ner/words.ts';
import { parseConll, toIob2 } from '../../eval/conll/reader.ts';
import { chunks, ChunkScorer } from '../../eval/conll/score.ts';
import { conllDocuments } from '../../eval/conll/documents.ts';
import { decodeModel, encodeModel, type ModelHeader } from '../../src/extract/entities/ner/model.ts';
import { normWord, shapeOf, WordFeatures, gazetteerSpans, isCapsSentence } from '../../src/extract/entities/ner/features.ts';
import { NerTagger, toBilou, toBio, transitionMask } from '../../src/extract/entities/ner/tagger.ts';
import { wordClusters } from '../../src/extract/entities/ner/train/clusters.ts';
import { capitalisationClasses, gazetteerPhrase } from '../../src/extract/entities/ner/train/resources.ts';
import { HearsayError } from '../../src/core/errors.ts';

/** Tokens as wink gives them: [text, start] pairs. */
function toks(text: string, parts: string[]) {
  let pos = 0;
  return parts.map((p) => {
    const start = text.indexOf(p, pos);
    pos = start + p.length;
    return { start, end: pos, text: p };
  });
}

test('groupWords joins hyphen compounds and split letters, keeps clitics apart', () => {
  const text = 'Jean-Luc met Erdoğan’s aide; he didn’t see al-Assad or U.N.-backed troops - none.';
  const t = toks(text, ['Jean', '-', 'Luc', 'met', 'Erdo', 'ğ', 'an', '’s', 'aide', ';', 'he', 'did', 'n’t', 'see', 'al', '-', 'Assad', 'or', 'U.N.', '-', 'backed', 'troops', '-', 'none', '.']);
  const words = groupWords(text, t).map((w) => w.text);
  assert.deepEqual(words, ['Jean-Luc', 'met', 'Erdoğan', '’s', 'aide', ';', 'he', 'did', 'n’t', 'see', 'al-Assad', 'or', 'U.N.-backed', 'troops', '-', 'none', '.']);
  // without the text, the tokens' own texts are joined
  assert.deepEqual(groupWords(null, t).map((w) => w.text), words);
  for (const w of groupWords(text, t)) assert.equal(w.text, text.slice(w.start, w.end));
});

test('reader: IOB1 and IOB2 both come out as IOB2; bad tags are refused', () => {
  assert.deepEqual(toIob2(['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC', 'I-ORG']), ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'B-ORG']);
  const s = parseConll('-DOCSTART- -X- O O\n\nAnna NNP B-NP I-PER\nKarenina NNP I-NP I-PER\nsmiled VBD B-VP O\n\nOslo NNP B-NP B-LOC\n');
  assert.equal(s.length, 2);
  assert.deepEqual(s[0].tags, ['B-PER', 'I-PER', 'O']);
  assert.throws(() => parseConll('Anna NNP B-NP X-PER\n', 'f.txt'), (e: unknown) => e instanceof HearsayError && e.file === 'f.txt');
});

test('scorer: conlleval chunks and exact-match counting', () => {
  assert.deepEqual(chunks(['B-PER', 'I-PER', 'I-LOC', 'O', 'I-ORG', 'B-ORG']), [
    { start: 0, end: 2, type: 'PER' }, { start: 2, end: 3, type: 'LOC' }, { start: 4, end: 5, type: 'ORG' }, { start: 5, end: 6, type: 'ORG' },
  ]);
  const sc = new ChunkScorer();
  sc.add(chunks(['B-PER', 'I-PER', 'O', 'B-LOC']), chunks(['B-PER', 'O', 'O', 'B-LOC']));
  const r = sc.score();
  assert.equal(r.tp, 1);
  assert.equal(r.pred, 2);
  assert.equal(r.gold, 2);
  assert.equal(sc.score('PER').f, 0);
  assert.equal(sc.score('LOC').f, 100);
});

test('documents are rebuilt from datelines', () => {
  const sent = (line: string) => ({ words: line.split(' '), tags: line.split(' ').map(() => 'O') });
  const docs = conllDocuments([
    sent('MARKETS - STOCKS RISE'), sent('OSLO 2001-02-03'), sent('Stocks rose .'),
    sent('Storm hits coast'), sent('Ann Lee'), sent('BERGEN , Norway 2001-02-03'), sent('A storm hit .'),
  ]);
  assert.deepEqual(docs.map((d) => d.length), [3, 4]);
});

test('BIO/BILOU conversions and transition masks', () => {
  const bio = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'I-LOC'];
  const bilou = toBilou(bio);
  assert.deepEqual(bilou, ['B-PER', 'L-PER', 'O', 'U-LOC', 'B-LOC', 'I-LOC', 'L-LOC']);
  assert.deepEqual(toBio(bilou), bio);
  const labels = ['O', 'B-PER', 'I-PER'];
  const m = transitionMask(labels);
  const ok = (prev: number, cur: number) => m[(prev + 1) * labels.length + cur] === 1;
  assert.ok(!ok(-1, 2) && !ok(0, 2) && ok(1, 2) && ok(2, 2) && ok(2, 1));
});

test('features: normal forms, shapes, headline detection, gazetteer spans', () => {
  assert.equal(normWord('Putin’s “plan” — done'), 'Putin\'s "plan" - done');
  assert.equal(shapeOf('McDonald', true), 'XxXx');
  assert.equal(shapeOf('U.S.', true), 'X.X.');
  assert.equal(shapeOf('1996-08-22', true), 'd-d-d');
  assert.equal(shapeOf('Élysée', false, 6), 'Xxxxxx');
  const gaz = new Map([['new york', 8], ['new', 0]]);
  const res = { clusters: new Map(), capClass: new Map(), gaz, gazFirst: new Map([['new', 2]]) };
  const wf = new WordFeatures(res, 3);
  const infos = ['In', 'New', 'York', 'today'].map((w) => wf.info(w));
  assert.deepEqual(Array.from(gazetteerSpans(infos, res)), [0, ((8 << 1) | 0) + 1, ((8 << 1) | 1) + 1, 0]);
  assert.equal(isCapsSentence(['SOCCER', '-', 'JAPAN', 'WIN', '.'].map((w) => wf.info(w))), true);
  assert.equal(isCapsSentence(['The', 'EU', 'and', 'NATO', 'met'].map((w) => wf.info(w))), false);
});

test('training helpers: capitalisation classes, gazetteer phrases, clusters', () => {
  const sents = [
    ['The', 'talks', 'in', 'Paris', 'ended', '.'], ['He', 'left', 'Paris', 'and', 'the', 'talks', '.'],
    ['She', 'said', 'the', 'talks', 'in', 'Paris', 'ended', '.'], ['TALKS', 'END', 'IN', 'PARIS'],
  ];
  const cc = capitalisationClasses(sents);
  assert.equal(cc.get('paris'), 4);
  assert.equal(cc.get('talks'), 1);
  assert.equal(gazetteerPhrase("Ben & Jerry's"), "ben & jerry 's");
  assert.equal(gazetteerPhrase('Côte d’Ivoire'), "côte d'ivoire");
  const corpus: string[][] = [];
  for (let i = 0; i < 30; i++) corpus.push(['the', i % 2 ? 'cat' : 'dog', 'ran', 'to', i % 3 ? 'Paris' : 'Rome', '.']);
  const cl = wordClusters(corpus, { sizes: [4, 2], minFreq: 3, maxIter: 5 });
  assert.equal(cl.get('cat')![0], cl.get('dog')![0], 'words in the same slot share a class');
  assert.equal(cl.get('Paris')![0], cl.get('Rome')![0]);
  assert.equal(cl.get('cat')!.length, 2);
  assert.deepEqual(wordClusters(corpus, { sizes: [4, 2], minFreq: 3, maxIter: 5 }), cl, 'deterministic');
});

test('model container round-trips and rejects garbage', () => {
  const header: ModelHeader = {
    format: 'hearsay-ner', version: 2, labels: ['O', 'B-PER', 'I-PER'], levels: 1, decoder: 'greedy', temperature: 2,
    stages: [], meta: {}, clusters: { words: 'Anna\nOslo', ids: [[0, 1]] }, capClass: { '4': 'anna\noslo' },
    gaz: { phrases: 'anna', bits: [1] },
  };
  const stages = [
    { keys: Int32Array.from([-5, 3, 9]), weights: Int8Array.from([1, 2, 3, 4, 5, -127]), scale: 0.5 },
    { keys: Int32Array.from([3]), weights: Int8Array.from([-1, 1]), scale: 0.25 },
  ];
  const m = decodeModel(encodeModel(header, stages));
  assert.deepEqual(m.header.stages, [{ nKeys: 3, scale: 0.5 }, { nKeys: 1, scale: 0.25 }]);
  assert.deepEqual(Array.from(m.stages[0].keys), [-5, 3, 9]);
  assert.deepEqual(Array.from(m.stages[0].weights), [1, 2, 3, 4, 5, -127]);
  assert.deepEqual(Array.from(m.stages[1].weights), [-1, 1]);
  assert.deepEqual(m.resources.clusters.get('Oslo'), [1]);
  assert.equal(m.resources.capClass.get('anna'), 4);
  assert.equal(m.resources.gaz.get('anna'), 1);
  const tagger = new NerTagger(m);
  assert.equal(tagger.tag(['Anna', 'smiled']).length, 2);
  assert.throws(() => decodeModel(new Uint8Array(16)), /magic/);
  assert.throws(() => decodeModel(encodeModel(header, stages).subarray(0, 200)), /truncated|JSON|Unexpected|Unterminated/);
});
