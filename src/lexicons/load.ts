/**
 * Reads the plain-text word lists in this folder. Each non-empty line that does not start
 * with `#` is a row of tab-separated fields. Lists are read once and cached; a list that
 * is missing (a broken install) is a NOT_FOUND error naming the file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HearsayError } from '../core/errors.ts';

const cache = new Map<string, string[][]>();

export function readLexicon(name: string): string[][] {
  let rows = cache.get(name);
  if (rows) return rows;
  const url = new URL(`./${name}`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    throw new HearsayError('NOT_FOUND', 'lexicon file missing', { file: fileURLToPath(url) });
  }
  rows = text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() && !l.trimStart().startsWith('#'))
    .map((l) => l.split('\t').map((f) => f.trim()));
  cache.set(name, rows);
  return rows;
}

/** The first field of every row, lower-cased, as a set. */
export function lexiconSet(name: string): Set<string> {
  return new Set(readLexicon(name).map((r) => r[0].toLowerCase()));
}
