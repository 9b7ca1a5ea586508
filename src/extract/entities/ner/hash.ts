/**
 * 32-bit hashing for feature keys. A feature is a template id combined with one or more
 * value hashes; the result is a non-zero 32-bit integer (0 marks an empty slot in the
 * weight table). Identical at training and run time, in Node and in a browser.
 */

import { FNV_START, fnvStep } from '../../../learn/hash.ts';

/** The project's FNV-1a state and step (`strHash` = `fmix` of the final state). */
export { FNV_START, fnvStep };

/** FNV-1a over UTF-16 code units, finalised with murmur3's fmix32. */
export function strHash(s: string): number {
  return strHashRange(s, 0, s.length);
}

/** `strHash(s.slice(from, to))` without making the substring. */
export function strHashRange(s: string, from: number, to: number): number {
  let h = FNV_START;
  for (let i = from; i < to; i++) h = fnvStep(h, s.charCodeAt(i));
  return fmix(h);
}

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Combines a running hash with one more value. */
export function mix(h: number, v: number): number {
  return fmix(Math.imul(h ^ 0x27d4eb2f, 0x165667b1) ^ v);
}

/** Key of template `t` with one value; never 0. */
export function key1(t: number, a: number): number {
  return mix(t + 0x3c6ef372, a) || 1;
}

export function key2(t: number, a: number, b: number): number {
  return mix(mix(t + 0x3c6ef372, a), b) || 1;
}

export function key3(t: number, a: number, b: number, c: number): number {
  return mix(mix(mix(t + 0x3c6ef372, a), b), c) || 1;
}
