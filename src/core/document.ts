import type { Range } from './span.ts';

export interface DocumentMeta {
  id: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  /** ISO 8601 date or date-time, or null when unknown. */
  published: string | null;
}

/**
 * The read-only article every layer points into. `text` is never rewritten: all
 * analysis is standoff spans over it.
 */
export interface HearsayDocument extends Readonly<DocumentMeta> {
  readonly text: string;
  /** Paragraph ranges in document order, white space trimmed. */
  readonly paragraphs: readonly Range[];
}

/**
 * Paragraphs are separated by blank lines when the text has any; otherwise every line
 * is a paragraph (wire copy and many scrapes put one paragraph per line).
 */
export function splitParagraphs(text: string): Range[] {
  const separator = /\n[ \t\r\f\v\u00a0]*\n/.test(text) ? /\n[ \t\r\f\v\u00a0]*\n\s*/g : /\n\s*/g;
  const out: Range[] = [];
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (const m of text.matchAll(separator)) {
    push(start, m.index!);
    start = m.index! + m[0].length;
  }
  push(start, text.length);
  return out;
}

export function createDocument(text: string, meta: Partial<DocumentMeta> & { id: string }): HearsayDocument {
  return Object.freeze({
    id: meta.id,
    title: meta.title ?? null,
    url: meta.url ?? null,
    publisher: meta.publisher ?? null,
    published: meta.published ?? null,
    text,
    paragraphs: Object.freeze(splitParagraphs(text)),
  });
}
