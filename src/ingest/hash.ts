import { createHash } from 'node:crypto';

/** sha256 of the text's UTF-8 bytes, hex: the key for finding the same article twice. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
