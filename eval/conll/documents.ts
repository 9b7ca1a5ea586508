/**
 * This copy of CoNLL-2003 has no -DOCSTART- markers, but every Reuters story opens with
 * a headline and a dateline sentence ("CITY 1996-08-22"). Documents are rebuilt from
 * those datelines so document-level features see roughly one story at a time: a story
 * starts at the sentence before its dateline (the headline), or two before when that
 * sentence is a short byline ("Peter Smith") under the headline.
 */
import type { ConllSentence } from './reader.ts';

const DATE = /^\d{4}-\d\d-\d\d$/;

export function isDateline(s: ConllSentence): boolean {
  const w = s.words;
  if (w.length > 10 || !DATE.test(w[w.length - 1])) return false;
  // "CITY 1996-08-22", "CITY , Region 1996-08-22" or the bare date
  return w.length === 1 || !/\p{Ll}/u.test(w[0]);
}

const capsLine = (s: ConllSentence) => s.words.some((w) => /\p{Lu}{2}/u.test(w)) && !s.words.some((w) => /\p{Ll}/u.test(w));

/** Splits sentences (in file order) into documents. */
export function conllDocuments(sentences: ConllSentence[]): ConllSentence[][] {
  const starts = new Set<number>([0]);
  let last = 0;
  for (let i = 1; i < sentences.length; i++) {
    if (!isDateline(sentences[i])) continue;
    let start = i - 1;
    const by = sentences[i - 1].words;
    if (i >= 2 && !capsLine(sentences[i - 1]) && by.length <= 4 && by.every((w) => /^\p{Lu}/u.test(w))) start = i - 2;
    if (start > last) { starts.add(start); last = start; }
  }
  const bounds = [...starts].sort((a, b) => a - b);
  return bounds.map((b, k) => sentences.slice(b, bounds[k + 1] ?? sentences.length));
}
