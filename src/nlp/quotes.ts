/**
 * Quotation marks: finds every mark, tells quotation marks from apostrophes, and pairs them
 * into quotations. Handles curly, straight and typewriter (`''`) double quotes, single quotes,
 * guillemets, quotations nested one level, and quotations that run over paragraphs (an opening
 * mark left open at a paragraph's end and reopened at the start of the next). Marks that find
 * no partner never throw: an opening mark still open at the end of its paragraph (and not
 * continued) closes there with `closed: false`; a stray closing mark is ignored.
 */
import type { Range } from '../core/span.ts';

export type QuoteFamily = 'double' | 'single' | 'guillemet';

export interface Quotation {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just past the closing mark (or the end of the last paragraph when unclosed). */
  end: number;
  /** The text between the marks (pieces joined when it runs over paragraphs). */
  inner: Range;
  family: QuoteFamily;
  /** False when the closing mark was never found. */
  closed: boolean;
  /** Number of paragraphs the quotation runs over. */
  paragraphs: number;
  /** Nesting depth: 0 for an outermost quotation. */
  depth: number;
  /** Words inside (a rough count used to tell quotations from scare quotes and titles). */
  words: number;
}

type Role = 'open' | 'close' | 'either';
interface Mark { at: number; len: number; family: QuoteFamily; role: Role }

const LETTER = /[\p{L}\p{N}]/u;
const SPACE_OR_START = /[\s([{\u2014\u2013\-/]/;
const isLetter = (c: string | undefined) => !!c && LETTER.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** Classifies one character position as a quotation mark, or returns null for apostrophes and the like. */
function markAt(text: string, i: number): Mark | null {
  const c = text[i];
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = text[i + 1];
  switch (c) {
    case '“': case '„': return { at: i, len: 1, family: 'double', role: 'open' };
    case '”': return { at: i, len: 1, family: 'double', role: 'close' };
    case '«': return { at: i, len: 1, family: 'guillemet', role: 'open' };
    case '»': return { at: i, len: 1, family: 'guillemet', role: 'close' };
    case '‹': return { at: i, len: 1, family: 'guillemet', role: 'open' };
    case '›': return { at: i, len: 1, family: 'guillemet', role: 'close' };
    case '"': return { at: i, len: 1, family: 'double', role: roleFromContext(prev, next) };
    case '‘': {
      // ‘90s, ‘em: elided letters, not a quotation
      if (/\d/.test(next ?? '') && !isLetter(text[i + 3])) return null;
      if (/^‘(em|n’|cause|til)\b/i.test(text.slice(i, i + 7))) return null;
      return { at: i, len: 1, family: 'single', role: 'open' };
    }
    case '’': case '\'': {
      if (c === '\'' && next === '\'') return { at: i, len: 2, family: 'double', role: roleFromContext(prev, text[i + 2]) };
      if (c === '\'' && prev === '\'') return null; // second half of ''
      if (isLetter(prev) && isLetter(next)) return null; // don't, Putin’s, O’Brien
      if (/^\d\ds?\b/.test(text.slice(i + 1, i + 4)) && !isLetter(prev)) return null; // ’90s, '16
      if (/^['’]n['’]/.test(text.slice(i, i + 3)) || /['’]n$/.test(text.slice(Math.max(0, i - 2), i + 1))) return null; // rock ’n’ roll
      // A closing-looking mark only closes when a single quotation is open (pairing decides), so
      // possessives like "students’ union" are skipped there.
      const role: Role = c === '’' ? (isSpace(prev) && !isSpace(next) ? 'open' : 'close') : roleFromContext(prev, next);
      return { at: i, len: 1, family: 'single', role };
    }
    default: return null;
  }
}

function roleFromContext(prev: string | undefined, next: string | undefined): Role {
  const before = prev === undefined || SPACE_OR_START.test(prev);
  const after = next === undefined || /[\s.,;:!?)\]}\u2014\u2013]/.test(next);
  if (before && !after) return 'open';
  if (after && !before) return 'close';
  return 'either';
}

const MARK_CHARS = /[“”„"‘’'«»‹›]/g;

/** All quotations in a text, outermost and nested, sorted by start. */
export function findQuotations(text: string, paragraphs: readonly Range[]): Quotation[] {
  const out: Quotation[] = [];
  const marksByPara: Mark[][] = paragraphs.map(() => []);
  let p = 0;
  MARK_CHARS.lastIndex = 0;
  for (let m = MARK_CHARS.exec(text); m; m = MARK_CHARS.exec(text)) {
    const mk = markAt(text, m.index);
    if (!mk) continue;
    if (mk.len === 2) MARK_CHARS.lastIndex = m.index + 2;
    while (p < paragraphs.length - 1 && mk.at >= paragraphs[p].end) p++;
    if (paragraphs.length && mk.at >= paragraphs[p].start && mk.at < paragraphs[p].end) marksByPara[p].push(mk);
  }

  // A quotation left open at the end of a paragraph continues when the next paragraph opens
  // with a mark of the same family.
  interface Open { mark: Mark; startPara: number; depth: number }
  let carry: Open | null = null;
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const marks = marksByPara[pi];
    const stack: Open[] = [];
    let k = 0;
    if (carry) {
      const first = marks[0];
      if (first && first.family === carry.mark.family && first.role !== 'close' && first.at - paragraphs[pi].start <= 1) {
        stack.push(carry);
        k = 1;
      } else {
        out.push(finish(text, carry.mark, null, paragraphs[pi - 1].end, carry.startPara, pi - 1, carry.depth));
      }
      carry = null;
    }
    for (; k < marks.length; k++) {
      const mk = marks[k];
      const top = stack[stack.length - 1];
      const openSame = [...stack].reverse().find((o) => o.mark.family === mk.family);
      if (mk.role === 'close' || (mk.role === 'either' && openSame)) {
        if (!openSame) continue; // stray closing mark or possessive apostrophe
        // close the innermost open quotation of this family, dropping anything opened inside it
        while (stack.length && stack[stack.length - 1] !== openSame) stack.pop();
        stack.pop();
        out.push(finish(text, openSame.mark, mk, mk.at + mk.len, openSame.startPara, pi, openSame.depth));
      } else {
        if (mk.family === 'single' && !top && mk.role === 'either') continue; // a lone ' with no context is an apostrophe
        stack.push({ mark: mk, startPara: pi, depth: stack.length });
      }
    }
    // Unclosed at paragraph end: the outermost one may continue in the next paragraph.
    if (stack.length) {
      const outer = stack[0];
      for (let s = stack.length - 1; s >= 1; s--) {
        out.push(finish(text, stack[s].mark, null, paragraphs[pi].end, stack[s].startPara, pi, stack[s].depth));
      }
      if (outer.mark.family === 'single' && outer.depth === 0 && !looksLikeQuoteOpening(text, outer.mark)) {
        continue; // a leftover ‘ or ' is most likely an apostrophe
      }
      carry = outer;
    }
  }
  if (carry) out.push(finish(text, carry.mark, null, paragraphs[paragraphs.length - 1].end, carry.startPara, paragraphs.length - 1, carry.depth));
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

function looksLikeQuoteOpening(text: string, mk: Mark): boolean {
  return isSpace(text[mk.at - 1]) || mk.at === 0 || /[:(—–-]/.test(text[mk.at - 1] ?? '');
}

function finish(text: string, open: Mark, close: Mark | null, end: number, startPara: number, endPara: number, depth: number): Quotation {
  const inner = { start: open.at + open.len, end: close ? close.at : end };
  const words = (text.slice(inner.start, inner.end).match(/[\p{L}\p{N}]+/gu) ?? []).length;
  return {
    start: open.at,
    end,
    inner,
    family: open.family,
    closed: !!close,
    paragraphs: endPara - startPara + 1,
    depth,
    words,
  };
}
