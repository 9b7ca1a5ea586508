/** The hand-written articles used as goldens, with their hand-made references. */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Expected {
  published: string;
  covers: string[];
  statements: { type: string; quote_starts: string; source: string | null; speaker: string | null; anonymous?: boolean; cue: string | null; act: string; date: string | null }[];
  entities: { name: string; type: string; titles?: string[]; aliases?: string[] }[];
  relations: { type: string; from_quote_starts: string; to_quote_starts: string }[];
  not_statements: string[];
  times: { text: string; value: string; type: string }[];
}

export interface Fixture { slug: string; file: string; text: string; expected: Expected; golden: string }

export function fixtures(): Fixture[] {
  const dirs = [join(root, 'test/fixtures/articles'), join(root, 'examples')];
  const out: Fixture[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
      const slug = basename(f, '.txt');
      const file = join(dir, f);
      out.push({
        slug,
        file,
        text: readFileSync(file, 'utf8'),
        expected: JSON.parse(readFileSync(join(dir, `${slug}.expected.json`), 'utf8')),
        golden: join(root, 'test/golden', `${slug}.analysis.json`),
      });
    }
  }
  return out;
}
