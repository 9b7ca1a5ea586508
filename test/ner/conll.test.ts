/**
 * Regression floor for the shipped model on CoNLL-2003 eng.testa (skipped when the
 * shared datasets are absent). The full table is `npm run eval -- conll`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datasetPath } from '../../eval/data.ts';
import { readConll } from '../../eval/conll/reader.ts';
import { conllDocuments } from '../../eval/conll/documents.ts';
import { chunks, ChunkScorer } from '../../eval/conll/score.ts';
import { loadNer } from '../../src/extract/entities/ner/index.ts';

const path = datasetPath('conll2003', 'eng.testa');

test('ner: exact-span F1 on eng.testa stays at or above 90', { skip: path ? false : 'CoNLL-2003 eng.testa not found' }, () => {
  const tagger = loadNer();
  const sc = new ChunkScorer();
  for (const doc of conllDocuments(readConll(path!))) {
    const res = tagger.tagDocument(doc.map((s) => s.words));
    doc.forEach((s, i) => sc.add(chunks(s.tags), chunks(res[i].tags)));
  }
  const f = sc.score().f;
  assert.ok(f >= 90, `F1 ${f.toFixed(2)} < 90`);
  for (const t of ['PER', 'LOC']) assert.ok(sc.score(t).f >= 90, `${t} F1 ${sc.score(t).f.toFixed(2)}`);
});
