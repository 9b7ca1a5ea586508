/**
 * Reader for CoNLL-2003 style files: one token per line (`token POS chunk tag`), a blank
 * line between sentences, optional `-DOCSTART-` lines. Tags may be IOB1 (I- opens a
 * chunk unless it continues one of the same type; B- only between adjacent chunks of one
 * type) or IOB2 (every chunk opens with B-); both are returned as IOB2 (BIO).
 */
import { readFileSync } from 'node:fs';
import { HearsayError } from '../../src/core/errors.ts';

export interface ConllSentence {
  words: string[];
  /** BIO (IOB2) tags: `O`, `B-PER`, `I-PER`, ... */
  tags: string[];
}

export function parseConll(text: string, file = '<conll>'): ConllSentence[] {
  const out: ConllSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (words.length) out.push({ words, tags: toIob2(tags) });
    words = [];
    tags = [];
  };
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '');
    if (!line.trim()) { flush(); continue; }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') { flush(); continue; }
    if (cols.length < 2) throw new HearsayError('PARSE', `line ${n + 1}: expected "token ... tag"`, { file });
    const tag = cols[cols.length - 1];
    if (!/^(O|[BI]-[A-Z]+)$/.test(tag)) throw new HearsayError('PARSE', `line ${n + 1}: bad tag "${tag}"`, { file });
    words.push(cols[0]);
    tags.push(tag);
  }
  flush();
  return out;
}

export function readConll(path: string): ConllSentence[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new HearsayError('UNREADABLE', 'cannot read CoNLL file', { file: path });
  }
  return parseConll(text, path);
}

/** Converts IOB1 or IOB2 tags to IOB2: an I- tag that does not continue a chunk of its type becomes B-. */
export function toIob2(tags: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t.startsWith('I-')) {
      const prev = out[i - 1] ?? 'O';
      out.push(prev === 'O' || prev.slice(2) !== t.slice(2) ? 'B-' + t.slice(2) : t);
    } else out.push(t);
  }
  return out;
}
