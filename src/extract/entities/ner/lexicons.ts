/**
 * Reads the `src/lexicons/ner-*.txt` lists: one entry per line, `#` starts a comment,
 * optional tab-separated fields. Cached per file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HearsayError } from '../../../core/errors.ts';

const cache = new Map<string, string[][]>();

export function readNerLexicon(name: string): string[][] {
  let rows = cache.get(name);
  if (rows) return rows;
  const url = new URL(`../../../lexicons/${name}`, import.meta.url);
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
