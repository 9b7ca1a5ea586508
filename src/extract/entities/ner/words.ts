/**
 * Regroups wink tokens into CoNLL-style words for the tagger. wink splits at hyphens
 * ("Jean - Luc", "al - Assad") and at many non-ASCII letters ("Erdo ğ an"); CoNLL keeps
 * such words whole. Clitics stay separate in both ("Putin ’s", "did n't").
 */
import type { Span } from '../../../core/span.ts';

const ALNUM_END = /[\p{L}\p{M}\p{N}]$/u;
const ALNUM_START = /^[\p{L}\p{M}\p{N}]/u;
const HYPHEN = /^[-\u2010\u2011]$/;
const CLITIC = /^(n['’]t|['’].*)$/i;

export type WordSpan = Span;

/**
 * Groups adjacent token ranges of one sentence into words: tokens touching with letters
 * or digits on both sides are joined, and so are `X-Y` hyphen compounds.
 */
export function groupWords(text: string | null, tokens: readonly WordSpan[]): WordSpan[] {
  // Without the document text, adjacent tokens' own texts are joined (they tile the span).
  const slice = (a: number, b: number, from: number, to: number) => {
    if (text !== null) return text.slice(a, b);
    let s = '';
    for (let k = from; k <= to; k++) s += tokens[k].text;
    return s;
  };
  const out: WordSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    let start = tokens[i].start;
    let end = tokens[i].end;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.start !== end) break;
      const cur = slice(start, end, i, j - 1);
      const tt = tokens[j].text;
      if (HYPHEN.test(tt)) {
        const n = tokens[j + 1];
        if (n && n.start === t.end && (ALNUM_END.test(cur) || cur.endsWith('.')) && ALNUM_START.test(n.text)) {
          end = n.end;
          j++;
          continue;
        }
        break;
      }
      if (ALNUM_END.test(cur) && ALNUM_START.test(tt) && !CLITIC.test(tt)) {
        end = t.end;
        continue;
      }
      break;
    }
    // a word of one token keeps the token's own string when it is the text there: wink hands
    // out one string object per distinct token, which makes the tagger's word cache lookups cheap
    const t = tokens[i];
    const same = j === i + 1 && t.end - t.start === t.text.length && (text === null || text.startsWith(t.text, t.start));
    out.push({ start, end, text: same ? t.text : slice(start, end, i, j - 1) });
    i = j;
  }
  return out;
}
