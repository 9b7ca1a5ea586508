/** Half-open character range [start, end) in UTF-16 code units over a document's text. */
export interface Range {
  start: number;
  end: number;
}

/** A range together with the text it covers; `text === doc.text.slice(start, end)` always holds. */
export interface Span extends Range {
  text: string;
}

export function makeSpan(text: string, start: number, end: number): Span {
  if (start < 0 || end > text.length || start > end) {
    throw new RangeError(`bad span [${start}, ${end}) over text of length ${text.length}`);
  }
  return { start, end, text: text.slice(start, end) };
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function byStart<T extends Range>(a: T, b: T): number {
  return a.start - b.start || a.end - b.end;
}

const SPACE = /\s/;

/** Shrinks a range so it neither starts nor ends with white space. */
export function trimSpace(text: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * Shrinks a range past white space and any of `chars` at either edge.
 * Used by the scorer and by extractors that must not keep edge punctuation.
 */
export function trimChars(text: string, r: Range, chars: string): Range {
  let { start, end } = r;
  const drop = (c: string) => SPACE.test(c) || chars.includes(c);
  while (start < end && drop(text[start])) start++;
  while (end > start && drop(text[end - 1])) end--;
  return { start, end };
}
