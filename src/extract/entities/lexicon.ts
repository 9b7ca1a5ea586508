/**
 * Entity word lists compiled for lookup: titles, countries with demonyms and aliases,
 * organisations, pronouns (src/lexicons/*.txt).
 */
import type { EntityType } from '../../core/contract.ts';
import { readLexicon } from '../../lexicons/load.ts';

export interface Country { name: string; demonyms: string[]; aliases: string[] }
export interface Organisation { name: string; type: EntityType; aliases: string[] }
export type PronounClass = 'm' | 'f' | 'n' | 'pl' | '1sg' | '1pl' | '2' | 'rel';

export interface EntityLexicon {
  /** title (lower case) → head noun */
  titles: Map<string, string>;
  /** longest title in words */
  titleMaxWords: number;
  /** single words that can be part of a title phrase ("national", "security", "deputy") */
  titleWords: Set<string>;
  countries: Country[];
  /** lower-cased country name or alias → country */
  countryByName: Map<string, Country>;
  /** lower-cased demonym → country */
  countryByDemonym: Map<string, Country>;
  /** lower-cased organisation name or alias → organisation */
  orgByName: Map<string, Organisation>;
  /** longest organisation / country name in tokens */
  nameMaxWords: number;
  /** lower-cased first words of organisation and country names (a cheap filter) */
  nameFirstWords: Set<string>;
  pronouns: Map<string, PronounClass>;
  /** the pronouns that stand as a subject ("he", not "him"; pronouns.txt's third field) */
  subjectPronouns: Set<string>;
  /** lower-cased given name → gender */
  givenNames: Map<string, 'm' | 'f'>;
  /** function words a title-case headline capitalises but no name holds (headline-words.txt) */
  headlineWords: Set<string>;
  /** lower-cased names of the organisations the name tagger's gazetteer knows (ner-orgs.txt, ner-derived-orgs.txt) */
  knownOrgs: Set<string>;
}

let compiled: EntityLexicon | null = null;

export function entityLexicon(): EntityLexicon {
  if (compiled) return compiled;
  const titles = new Map<string, string>();
  const titleWords = new Set<string>(readLexicon('title-modifiers.txt').map((r) => r[0].toLowerCase()));
  let titleMaxWords = 1;
  for (const [title, head] of readLexicon('titles.txt')) {
    const t = title.toLowerCase();
    titles.set(t, head ?? t);
    titleMaxWords = Math.max(titleMaxWords, t.split(/\s+/).length);
    for (const w of t.split(/\s+/)) titleWords.add(w);
  }
  const countries: Country[] = [];
  const countryByName = new Map<string, Country>();
  const countryByDemonym = new Map<string, Country>();
  let nameMaxWords = 1;
  for (const [name, dem, al] of readLexicon('demonyms.txt')) {
    const c: Country = { name, demonyms: (dem ?? '').split(',').filter(Boolean), aliases: (al ?? '').split(',').filter(Boolean) };
    countries.push(c);
    for (const n of [c.name, ...c.aliases]) {
      countryByName.set(n.toLowerCase(), c);
      nameMaxWords = Math.max(nameMaxWords, n.split(/\s+/).length);
    }
    for (const d of c.demonyms) countryByDemonym.set(d.toLowerCase(), c);
  }
  const orgByName = new Map<string, Organisation>();
  for (const [name, type, al] of readLexicon('organisations.txt')) {
    const o: Organisation = { name, type: type as EntityType, aliases: (al ?? '').split(',').filter(Boolean) };
    for (const n of [o.name, ...o.aliases]) {
      orgByName.set(n.toLowerCase(), o);
      nameMaxWords = Math.max(nameMaxWords, n.split(/\s+/).length);
    }
  }
  const nameFirstWords = new Set<string>();
  for (const n of [...countryByName.keys(), ...orgByName.keys()]) nameFirstWords.add(n.split(/[\s'’]/)[0]);
  const pronouns = new Map<string, PronounClass>();
  const subjectPronouns = new Set<string>();
  for (const [p, cls, role] of readLexicon('pronouns.txt')) {
    pronouns.set(p.toLowerCase(), cls as PronounClass);
    if (role === 'subject') subjectPronouns.add(p.toLowerCase());
  }
  const givenNames = new Map<string, 'm' | 'f'>();
  for (const [name, g] of readLexicon('given-names.txt')) givenNames.set(name.toLowerCase(), g as 'm' | 'f');
  const headlineWords = new Set(readLexicon('headline-words.txt').map((r) => r[0].toLowerCase()));
  const knownOrgs = new Set([...readLexicon('ner-orgs.txt'), ...readLexicon('ner-derived-orgs.txt')].map((r) => r[0].toLowerCase()));
  compiled = { givenNames, titles, titleMaxWords, titleWords, countries, countryByName, countryByDemonym, orgByName, nameMaxWords, nameFirstWords, pronouns, subjectPronouns, headlineWords, knownOrgs };
  return compiled;
}
