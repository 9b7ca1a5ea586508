import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where the shared gold data lives: $HEARSAY_DATASETS, else ../shared/datasets beside the
 * repository. Null when absent (a user's clone): evals and data-backed tests then skip.
 */
export function datasetsDir(): string | null {
  const dir = process.env.HEARSAY_DATASETS ?? join(repoRoot, '..', 'shared', 'datasets');
  return existsSync(dir) ? dir : null;
}

export function datasetPath(...parts: string[]): string | null {
  const base = datasetsDir();
  if (!base) return null;
  const p = join(base, ...parts);
  return existsSync(p) ? p : null;
}
