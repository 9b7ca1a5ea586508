import type { HearsayDocument } from '../core/document.ts';
import { noteWinkDocument, readWinkDoc, wink } from './wink.ts';

export interface Token {
  /** Index in `NlpLayer.tokens`. */
  i: number;
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Universal POS tag from wink (NOUN, VERB, PROPN, PUNCT, ...). */
  pos: string;
  /** Sentence index. */
  sent: number;
  /** Paragraph index. */
  para: number;
}

export interface Sentence {
  i: number;
  start: number;
  end: number;
  /** First token index. */
  first: number;
  /** One past the last token index. */
  last: number;
  para: number;
}

export interface NlpLayer {
  /** The document text the offsets point into. */
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  /** Index of the token covering or following a character offset (tokens.length past the end). */
  tokenAt(offset: number): number;
}

const TERMINAL = /[.!?…]$/;
const BLANK = /^\s*$/;
const CLOSING_QUOTE = /^["”’'»]$/;

/**
 * Tokens, sentences and POS tags with offsets into the untouched document text.
 * Sentences never cross a paragraph boundary, and a sentence also ends after a closing
 * quotation mark that follows terminal punctuation when a capitalised word comes next
 * (`“No.” Then ...`), which wink leaves joined.
 */
export function analyzeNlp(doc: HearsayDocument): NlpLayer {
  const text = doc.text;
  const w = wink();
  const its = w.its;
  const wdoc = readWinkDoc(text);
  const values = wdoc.tokens().out() as string[];
  const spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
  const tags = wdoc.tokens().out(its.pos) as string[];
  const sentSpans = wdoc.sentences().out(its.span) as unknown as [number, number][];
  noteWinkDocument(wdoc);

  // Map wink token index -> our token index (whitespace tokens dropped).
  const tokens: Token[] = [];
  const map = new Int32Array(values.length + 1).fill(-1);
  let pos = 0;
  for (let k = 0; k < values.length; k++) {
    pos += spaces[k].length;
    const v = values[k];
    let start = pos;
    if (text.startsWith(v, pos) === false) {
      // wink normalised something; find the value forward to stay aligned.
      const found = text.indexOf(v, pos);
      start = found >= 0 ? found : pos;
    }
    const end = start + v.length;
    pos = end;
    // white space wink keeps as tokens (its tabCRLF type: line breaks, tabs) is not a token here
    if (BLANK.test(v)) continue;
    map[k] = tokens.length;
    tokens.push({ i: tokens.length, start, end, text: v, lower: v.toLowerCase(), pos: tags[k], sent: -1, para: -1 });
  }

  // Paragraph index per token.
  const paras = doc.paragraphs;
  let p = 0;
  for (const t of tokens) {
    while (p < paras.length - 1 && t.start >= paras[p].end) p++;
    t.para = p;
  }

  // Sentence breaks: wink's, plus paragraph changes, plus quote-closing breaks.
  const breakBefore = new Uint8Array(tokens.length + 1);
  breakBefore[0] = 1;
  for (const [a] of sentSpans) {
    let k = a;
    while (k < values.length && map[k] < 0) k++;
    if (k < values.length) breakBefore[map[k]] = 1;
  }
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].para !== tokens[i - 1].para) breakBefore[i] = 1;
    const prev = tokens[i - 1];
    if (
      CLOSING_QUOTE.test(prev.text) && i >= 2 && TERMINAL.test(tokens[i - 2].text) &&
      /^[A-Z“"‘]/.test(tokens[i].text) && prev.end === tokens[i - 2].end + prev.text.length
    ) {
      breakBefore[i] = 1;
    }
  }
  const sentences: Sentence[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (breakBefore[i]) {
      if (sentences.length) {
        const s = sentences[sentences.length - 1];
        s.last = i;
        s.end = tokens[i - 1].end;
      }
      sentences.push({ i: sentences.length, start: tokens[i].start, end: tokens[i].end, first: i, last: i + 1, para: tokens[i].para });
    }
    tokens[i].sent = sentences.length - 1;
  }
  if (sentences.length) {
    const s = sentences[sentences.length - 1];
    s.last = tokens.length;
    s.end = tokens[tokens.length - 1].end;
  }

  return nlpLayer(text, tokens, sentences);
}

/** The layer over `tokens` and `sentences` of `text` (made here, or rebuilt from another thread's: pipeline/handoff.ts). */
export function nlpLayer(text: string, tokens: Token[], sentences: Sentence[]): NlpLayer {
  const ends = new Int32Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) ends[k] = tokens[k].end;
  return {
    text,
    tokens,
    sentences,
    tokenAt(offset: number): number {
      // first token whose end is > offset
      let lo = 0, hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid] <= offset) lo = mid + 1; else hi = mid;
      }
      return lo;
    },
  };
}
