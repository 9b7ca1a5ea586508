/**
 * What the first half of the pipeline (words: tokens, sentences, POS tags, names) hands to the
 * second (quotations, attribution, entities, times, coreference) when the halves run on two
 * threads (store/pool.ts, `split`). Plain data that crosses threads cheaply: the tokens and
 * sentences as integer arrays (their buffers are transferred, not copied), the tag names once,
 * and a token's text only where it is not the document's text at its offsets.
 */
import { nameSpan, type NameSpan } from '../extract/entities/names.ts';
import { nlpLayer, type NlpLayer, type Sentence, type Token } from '../nlp/tokens.ts';

export interface Handoff {
  /** Per token: start, end, tag (index into `tags`), sentence, paragraph. */
  tokens: Int32Array;
  /** Per sentence: start, end, first token, last token (exclusive), paragraph. */
  sentences: Int32Array;
  tags: string[];
  /** [token index, text] of the tokens whose text is not `text.slice(start, end)`. */
  texts: [number, string][];
  names: NameSpan[];
}

const TW = 5, SW = 5;

export function packHandoff(nlp: NlpLayer, names: NameSpan[]): Handoff {
  const { text, tokens, sentences } = nlp;
  const tags: string[] = [];
  const tagIndex = new Map<string, number>();
  const t = new Int32Array(tokens.length * TW);
  const texts: [number, string][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    let tag = tagIndex.get(tok.pos);
    if (tag === undefined) { tag = tags.length; tags.push(tok.pos); tagIndex.set(tok.pos, tag); }
    const o = i * TW;
    t[o] = tok.start; t[o + 1] = tok.end; t[o + 2] = tag; t[o + 3] = tok.sent; t[o + 4] = tok.para;
    if (tok.end - tok.start !== tok.text.length || !text.startsWith(tok.text, tok.start)) texts.push([i, tok.text]);
  }
  const s = new Int32Array(sentences.length * SW);
  for (let k = 0; k < sentences.length; k++) {
    const x = sentences[k], o = k * SW;
    s[o] = x.start; s[o + 1] = x.end; s[o + 2] = x.first; s[o + 3] = x.last; s[o + 4] = x.para;
  }
  return { tokens: t, sentences: s, tags, texts, names };
}

/** The buffers a `postMessage` of the handoff can transfer. */
export function handoffTransfer(h: Handoff): ArrayBuffer[] {
  return [h.tokens.buffer as ArrayBuffer, h.sentences.buffer as ArrayBuffer];
}

/** The words layer of `text` again, equal to the one packed. */
export function unpackHandoff(text: string, h: Handoff): { nlp: NlpLayer; names: NameSpan[] } {
  const t = h.tokens, n = t.length / TW;
  const odd = new Map(h.texts);
  // built as analyzeNlp builds them (same object shapes, arrays filled by push), so that
  // the code reading them sees one shape of each
  const tokens: Token[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * TW, start = t[o], end = t[o + 1];
    const v = odd.get(i) ?? text.slice(start, end);
    tokens.push({ i, start, end, text: v, lower: v.toLowerCase(), pos: h.tags[t[o + 2]], sent: t[o + 3], para: t[o + 4] });
  }
  const s = h.sentences, m = s.length / SW;
  const sentences: Sentence[] = [];
  for (let k = 0; k < m; k++) {
    const o = k * SW;
    sentences.push({ i: k, start: s[o], end: s[o + 1], first: s[o + 2], last: s[o + 3], para: s[o + 4] });
  }
  // copied by nameSpan: a structured clone's objects have hidden classes of their own; and filled
  // by push, like the words thread's list (a `map` result has another elements kind when empty)
  const names: NameSpan[] = [];
  for (const x of h.names) names.push(nameSpan(x.start, x.end, x.text, x.first, x.last, x.type, x.confidence, x.rule));
  return { nlp: nlpLayer(text, tokens, sentences), names };
}
