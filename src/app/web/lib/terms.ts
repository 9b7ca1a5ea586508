/**
 * Search matches in a quote: the words of the query (search operators, quotes and
 * prefix stars aside) found at word starts, ignoring case and accents, with common
 * English endings trimmed the way the index's stemmer does (roughly): "sanctions" also
 * marks "sanctioned".
 */

const OPERATORS = new Set(['and', 'or', 'not', 'near']);

export function queryTerms(query: string): string[] {
  const words = query.replace(/\b(quote|speaker)\s*:/gi, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (const w of words) {
    const lw = fold(w);
    if (OPERATORS.has(lw) && w === w.toUpperCase()) continue;
    if (lw.length < 2) continue;
    out.add(stem(lw));
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function stem(w: string): string {
  const m = /^(.{3,}?)(?:ations?|ing|ed|es|s|ly|ies)$/.exec(w);
  return m ? m[1] : w;
}

export interface Piece { text: string; hit: boolean }

/** `text` cut into pieces, the ones starting with a query term (to the end of the word) marked. */
export function markTerms(text: string, terms: string[]): Piece[] {
  if (!terms.length || !text) return [{ text, hit: false }];
  const folded = fold(text);
  // folding can change the length (ligatures): only mark when offsets line up
  if (folded.length !== text.length) return [{ text, hit: false }];
  const out: Piece[] = [];
  let last = 0;
  const word = /[\p{L}\p{N}]+/gu;
  for (const m of folded.matchAll(word)) {
    const w = m[0];
    if (!terms.some((t) => w.startsWith(t))) continue;
    const s = m.index!;
    if (s > last) out.push({ text: text.slice(last, s), hit: false });
    out.push({ text: text.slice(s, s + w.length), hit: true });
    last = s + w.length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}
