/**
 * `npm run eval -- conll`: the NER tagger on CoNLL-2003 eng.testa, exact span and type
 * (conlleval semantics), per type and overall; compromise scored on the same sentences
 * for comparison.
 *
 *  - hearsay (document): the shipped model as the pipeline runs it, a document at a time
 *    (documents rebuilt from datelines, eval/conll/documents.ts), so the second stage
 *    sees the rest of the story;
 *  - hearsay (sentence): every sentence tagged alone;
 *  - compromise: `people()` / `organizations()` / `places()` per sentence as PER / ORG /
 *    LOC, matches aligned back to tokens; it has no MISC, so those are all misses.
 *
 * Options: `--no-compromise` skips the comparison (it takes a while).
 */
import nlp from 'compromise';
import { datasetPath } from '../data.ts';
import { fmt, type SuiteResult } from '../types.ts';
import { conllDocuments } from '../conll/documents.ts';
import { readConll, type ConllSentence } from '../conll/reader.ts';
import { chunks, ChunkScorer, type Chunk } from '../conll/score.ts';
import { loadNer } from '../../src/extract/entities/ner/index.ts';

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

/** Compromise's people / organisations / places in one sentence, as token chunks. */
export function compromiseChunks(words: string[]): Chunk[] {
  const text = words.join(' ');
  const starts: number[] = [];
  let pos = 0;
  for (const w of words) {
    starts.push(pos);
    pos += w.length + 1;
  }
  const doc = nlp(text);
  const out: Chunk[] = [];
  const taken = new Set<number>();
  type Offsets = { offset: { start: number; length: number } }[];
  const views: [string, Offsets][] = [
    ['PER', doc.people().out('offset') as Offsets],
    ['ORG', doc.organizations().out('offset') as Offsets],
    ['LOC', doc.places().out('offset') as Offsets],
  ];
  for (const [type, matches] of views) {
    for (const m of matches) {
      const a = m.offset.start, b = m.offset.start + m.offset.length;
      let s = -1, e = -1;
      for (let i = 0; i < words.length; i++) {
        const ws = starts[i], we = ws + words[i].length;
        if (we > a && ws < b) {
          if (s < 0) s = i;
          e = i + 1;
        }
      }
      if (s < 0) continue;
      // drop edge punctuation tokens compromise may include
      while (s < e && !/[\p{L}\p{N}]/u.test(words[s])) s++;
      while (e > s && !/[\p{L}\p{N}]/u.test(words[e - 1])) e--;
      if (s >= e) continue;
      let clash = false;
      for (let i = s; i < e; i++) if (taken.has(i)) clash = true;
      if (clash) continue; // one label per token, first view wins
      for (let i = s; i < e; i++) taken.add(i);
      out.push({ start: s, end: e, type });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

function table(title: string, sc: ChunkScorer): void {
  console.log(`\n${title}`);
  console.log('  type      P     R     F1   gold  pred');
  for (const t of [...TYPES, 'ALL']) {
    const r = t === 'ALL' ? sc.score() : sc.score(t);
    console.log(`  ${t.padEnd(5)} ${fmt(r.p)} ${fmt(r.r)} ${fmt(r.f)} ${String(r.gold).padStart(6)} ${String(r.pred).padStart(5)}`);
  }
}

export async function run(args: string[]): Promise<SuiteResult | null> {
  const path = datasetPath('conll2003', 'eng.testa');
  if (!path) return null;
  const sentences: ConllSentence[] = readConll(path);
  const docs = conllDocuments(sentences);
  const tagger = loadNer();
  const tokens = sentences.reduce((a, s) => a + s.words.length, 0);
  console.log(`conll: eng.testa, ${sentences.length} sentences, ${tokens} tokens, ${docs.length} documents (rebuilt from datelines)`);

  const docScore = new ChunkScorer();
  for (const d of docs) {
    const res = tagger.tagDocument(d.map((s) => s.words), { probs: 'names' });
    d.forEach((s, i) => docScore.add(chunks(s.tags), chunks(res[i].tags)));
  }
  const sentScore = new ChunkScorer();
  for (const s of sentences) sentScore.add(chunks(s.tags), chunks(tagger.tag(s.words)));
  table('hearsay NER, a document at a time (as in the pipeline)', docScore);
  table('hearsay NER, each sentence alone', sentScore);

  const metrics: Record<string, number> = {};
  const put = (prefix: string, sc: ChunkScorer) => {
    const all = sc.score();
    metrics[`${prefix}p`] = all.p;
    metrics[`${prefix}r`] = all.r;
    metrics[`${prefix}f1`] = all.f;
    for (const t of TYPES) metrics[`${prefix}${t}.f1`] = sc.score(t).f;
  };
  put('', docScore);
  put('sentence.', sentScore);

  if (!args.includes('--no-compromise')) {
    const cs = new ChunkScorer();
    for (const s of sentences) cs.add(chunks(s.tags), compromiseChunks(s.words));
    table('compromise 14 (people/organizations/places; no MISC), same sentences', cs);
    put('compromise.', cs);
  }
  return { suite: 'conll', metrics };
}
