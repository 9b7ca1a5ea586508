/**
 * Regenerates the `src/lexicons/ner-derived-*.txt` gazetteers from the word lexicon
 * that ships inside the `compromise` package (MIT licence; a dev dependency used here
 * only). Run: `npx tsx eval/conll/derive-lexicons.ts`. Output is sorted and
 * deterministic for a given compromise version.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { repoRoot } from '../data.ts';

const version: string = (nlp as unknown as { version: string }).version;
const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;

const byTag = new Map<string, Set<string>>();
for (const [word, tag] of Object.entries(lexicon)) {
  const tags = Array.isArray(tag) ? tag : String(tag).split(',');
  for (const t of tags) {
    if (!byTag.has(t)) byTag.set(t, new Set());
    byTag.get(t)!.add(word);
  }
}
const words = (...tags: string[]) => {
  const s = new Set<string>();
  for (const t of tags) for (const w of byTag.get(t) ?? []) if (/^[\p{L}\p{N} .&'-]+$/u.test(w)) s.add(w);
  return [...s].sort();
};

function write(name: string, what: string, rows: string[]) {
  const head = [
    `# ${what}`,
    `# Derived from the lexicon of compromise ${version} (MIT licence) by eval/conll/derive-lexicons.ts;`,
    '# do not edit by hand (regenerate instead). Lower case, one entry per line.',
  ];
  writeFileSync(join(repoRoot, 'src', 'lexicons', name), [...head, ...rows].join('\n') + '\n');
  console.log(`${name}: ${rows.length} entries`);
}

write('ner-derived-first-names.txt', 'Given names (compromise tags FirstName, MaleName, FemaleName).', words('FirstName', 'MaleName', 'FemaleName'));
write('ner-derived-last-names.txt', 'Family names (compromise tag LastName).', words('LastName'));
write('ner-derived-people.txt', 'Full names of well-known people (compromise tag Person).', words('Person'));
write(
  'ner-derived-places.txt',
  'Countries and cities (compromise tags Country, City); second field: kind.',
  [...words('Country').map((w) => `${w}\tcountry`), ...words('City').map((w) => `${w}\tcity`)],
);
write(
  'ner-derived-orgs.txt',
  'Organisations and sports teams (compromise tags Organization, SportsTeam); second field: kind.',
  [...words('Organization').map((w) => `${w}\torg`), ...words('SportsTeam').map((w) => `${w}\tteam`)],
);
write('ner-derived-demonyms.txt', 'Nationality adjectives and nouns (compromise tag Demonym).', words('Demonym'));
