/** FNV-1a: the state before any code unit, and one step of it (for hashes built without a string). */
export const FNV_START = 0x811c9dc5;
export const fnvStep = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);

/** 32-bit FNV-1a hash of a string (UTF-16 code units). Stable across runs and platforms. */
export function hashString(s: string): number {
  let h = FNV_START;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}

/**
 * Combines two 32-bit values into one (murmur3 finaliser over a mixed pair). The result is
 * the 32 bits as a signed integer: V8 keeps those unboxed (small integers on 64-bit Node),
 * where an unsigned result above 2^31 became a heap number at every call that was not
 * inlined (~240 KB of garbage an article). Callers only use the bits (`& mask`, `^`, stores
 * into Uint32Array), which are the same either way.
 */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}
