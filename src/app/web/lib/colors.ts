/**
 * A colour per speaker, stable: the same name gets the same colour on every page and
 * every visit (a hash of the name picks from the palette). Within one article, speakers
 * whose hashes collide move to the next free colour, in name order, so that the article
 * view never paints two speakers alike while colours are left.
 */

/** Distinct hues, each dark enough for a 3:1 underline on white and readable text on its 16% tint. */
export const PALETTE = [
  '#1f6fb2', // blue
  '#c0392b', // red
  '#2e8540', // green
  '#7b4fb0', // purple
  '#d35400', // orange
  '#138d90', // teal
  '#8e5b3a', // brown
  '#c2185b', // magenta
  '#6b7d1a', // olive
  '#3949ab', // indigo
  '#a67c00', // ochre
  '#00796b', // pine
] as const;

export const NO_SOURCE = '#7a818c';

/** FNV-1a over the normalised name. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  const s = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The colour of a speaker seen on its own (search results, timelines, profiles). */
export function colorOf(name: string | null | undefined): string {
  if (!name) return NO_SOURCE;
  return PALETTE[hashName(name) % PALETTE.length];
}

/** Colours for the speakers of one article: their own colour where free, else the next free one. */
export function assignColors(names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<number>();
  const unique = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  for (const n of unique) {
    let k = hashName(n) % PALETTE.length;
    if (taken.size < PALETTE.length) while (taken.has(k)) k = (k + 1) % PALETTE.length;
    taken.add(k);
    out.set(n, PALETTE[k]);
  }
  return out;
}
