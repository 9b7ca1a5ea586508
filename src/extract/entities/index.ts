/**
 * Entities inside one article: names found by the recogniser(s) are given their titles
 * ("Kremlin spokesman Dmitry Peskov", "Jake Sullivan, the national security adviser") and
 * merged so that each real-world referent is one entity ("Putin" and "Vladimir Putin" are
 * one entity named "Vladimir Putin"). Nominal and pronoun mentions are added later by
 * coreference (src/extract/coref).
 */
import type { EntityType, Mention, MentionKind } from '../../core/contract.ts';
import type { NlpLayer, Token } from '../../nlp/tokens.ts';
import { entityLexicon } from './lexicon.ts';
import { HONORIFIC_GENDER, HONORIFICS, nameSpan, type NameSpan } from './names.ts';

export interface EntityRec {
  id: string;
  type: EntityType;
  name: string;
  aliases: Set<string>;
  titles: string[];
  /** Head nouns of the titles ("president", "spokesman"), lower case. */
  heads: Set<string>;
  /** Countries the titles tie the entity to ("Russian President" → Russia). */
  countries: Set<string>;
  /** Organisations the titles tie the entity to ("Kremlin spokesman" → Kremlin). */
  orgs: Set<string>;
  anonymous: boolean;
  mentions: Mention[];
  gender: 'm' | 'f' | null;
  /** Lower-cased last word of a person's name. */
  surname: string | null;
  /** For countries and known organisations: the canonical lexicon name. */
  canonical: string | null;
  rules: Set<string>;
  /** Offset of the latest mention seen while resolving in document order. */
  lastSeen: number;
}

export interface EntityLayer {
  entities: EntityRec[];
  /** Name mentions with the entity each belongs to, in document order. */
  nameMentions: { span: NameSpan; entity: EntityRec }[];
  /** Token index → entity of the name covering it (-1 when none). */
  entityAtToken: Int32Array;
  nextId(): string;
}

const STRIP_POSSESSIVE = /(?:['’]s|['’])$/;
const POSTNOMINALS = new Set(['KC', 'QC', 'MP', 'MEP', 'PhD', 'MD', 'OBE', 'MBE', 'CBE', 'Esq']);

function titleFromLeft(toks: Token[], text: string, name: NameSpan, inName: Uint8Array): { title: string | null; gender: 'm' | 'f' | null; start: number } {
  const lex = entityLexicon();
  let k = name.first - 1;
  let gender: 'm' | 'f' | null = null;
  if (k >= 0 && HONORIFICS.has(toks[k].lower)) {
    gender = HONORIFIC_GENDER[toks[k].lower] ?? null;
    k--;
  }
  let first = k + 1;
  let hasHead = false;
  while (k >= 0 && toks[k].sent === toks[name.first].sent && !inName[k]) {
    const w = toks[k].lower;
    const isTitleWord = lex.titleWords.has(w) || lex.titles.has(w);
    const isDemonym = lex.countryByDemonym.has(w) || lex.countryByName.has(w);
    const isOrgWord = /^\p{Lu}/u.test(toks[k].text) && toks[k].pos === 'PROPN';
    const isPossessive = /^['’]s$/.test(toks[k].text);
    if (isTitleWord || isDemonym || isOrgWord || isPossessive) {
      if (lex.titles.has(w)) hasHead = true;
      k--;
      first = k + 1;
      continue;
    }
    break;
  }
  // trim leading words that are not part of a title ("the", "of")
  while (first < name.first && /^(the|of|and|a|an)$/.test(toks[first].lower)) first++;
  if (!hasHead || first >= name.first) return { title: null, gender, start: name.first };
  let end = name.first;
  while (end > first && HONORIFICS.has(toks[end - 1].lower)) end--;
  const title = text.slice(toks[first].start, toks[end - 1].end);
  return { title, gender, start: first };
}

/** What may follow a title in an apposition without being part of it: "an economist at ...". */
const TITLE_TAIL = /^(who|whose|at|of|for|with|from|in|on)$/;

/** "Dmitry Peskov, the Kremlin's spokesman," → "Kremlin's spokesman". */
function titleFromRight(toks: Token[], text: string, name: NameSpan): string | null {
  const lex = entityLexicon();
  let k = name.last;
  if (k >= toks.length || toks[k].text !== ',') return null;
  k++;
  if (k < toks.length && /^(the|a|an)$/.test(toks[k].lower)) k++;
  const first = k;
  let headAt = -1;
  while (k < toks.length && toks[k].sent === toks[name.first].sent && k - first < 8) {
    const t = toks[k];
    if (t.text === ',' || t.text === '.' || t.text === ';') break;
    if (lex.titles.has(t.lower)) headAt = k;
    else if (headAt === k - 1 && TITLE_TAIL.test(t.lower)) break; // "a glaciologist who led the study"
    else if (!(lex.titleWords.has(t.lower) || lex.countryByDemonym.has(t.lower) || /^['’]s$/.test(t.text) || /^\p{Lu}/u.test(t.text))) return null;
    k++;
  }
  if (headAt < 0 || headAt !== k - 1) return null;
  if (k < toks.length && toks[k].text !== ',' && toks[k].text !== '.' && toks[k].text !== ';' && !TITLE_TAIL.test(toks[k].lower)) return null;
  return text.slice(toks[first].start, toks[k - 1].end);
}

/** Head noun, demonym countries and organisations named in a title. */
export function analyseTitle(title: string): { heads: string[]; countries: string[]; orgs: string[] } {
  const lex = entityLexicon();
  const words = title.toLowerCase().replace(/['’]s\b/g, '').split(/\s+/).filter(Boolean);
  const heads: string[] = [];
  const countries: string[] = [];
  const orgs: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(lex.titleMaxWords, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const head = lex.titles.get(phrase);
      if (head) { heads.push(head, phrase); break; }
    }
    const c = lex.countryByDemonym.get(words[i]) ?? lex.countryByName.get(words[i]);
    if (c) countries.push(c.name);
    for (let n = Math.min(lex.nameMaxWords, words.length - i); n >= 1; n--) {
      const o = lex.orgByName.get(words.slice(i, i + n).join(' '));
      if (o) { orgs.push(o.name); break; }
    }
  }
  return { heads, countries, orgs };
}

export function newEntity(id: string, type: EntityType, name: string): EntityRec {
  return {
    id, type, name, aliases: new Set(), titles: [], heads: new Set(), countries: new Set(), orgs: new Set(),
    anonymous: false, mentions: [], gender: null, surname: null, canonical: null, rules: new Set(), lastSeen: -1,
  };
}

const TITLE_GENDER: Record<string, 'm' | 'f'> = {
  spokesman: 'm', spokeswoman: 'f', chairman: 'm', chairwoman: 'f', congressman: 'm', congresswoman: 'f',
  king: 'm', queen: 'f', prince: 'm', princess: 'f', 'first lady': 'f',
};

export function addTitle(e: EntityRec, title: string): void {
  const clean = title.replace(/^(the|a|an)\s+/i, '');
  const g = TITLE_GENDER[clean.toLowerCase().split(/\s+/).pop() ?? ''];
  if (g && !e.gender) e.gender = g;
  if (!e.titles.some((t) => t.toLowerCase() === clean.toLowerCase())) e.titles.push(clean);
  const a = analyseTitle(clean);
  for (const h of a.heads) e.heads.add(h);
  for (const c of a.countries) e.countries.add(c);
  for (const o of a.orgs) e.orgs.add(o);
}

export function addMention(e: EntityRec, m: Mention): void {
  if (e.mentions.some((x) => x.start === m.start && x.end === m.end)) return;
  e.mentions.push(m);
  if (m.kind !== 'pronoun' && m.text.toLowerCase() !== e.name.toLowerCase()) e.aliases.add(m.text);
}

export function mention(text: string, start: number, end: number, kind: MentionKind): Mention {
  return { start, end, text: text.slice(start, end), kind };
}

/** A name's last token, lower-cased, up to the name's `end` (the token may hold a possessive the name left out). */
function lastWord(tok: Token, end: number): string {
  return end < tok.end ? tok.lower.slice(0, end - tok.start) : tok.lower;
}

export function buildEntities(nlp: NlpLayer, names: NameSpan[]): EntityLayer {
  const lex = entityLexicon();
  const toks = nlp.tokens;
  const text = nlp.text;
  const entities: EntityRec[] = [];
  let counter = 0;
  const nextId = () => `e${++counter}`;
  const entityAtToken = new Int32Array(toks.length).fill(-1);
  const nameMentions: { span: NameSpan; entity: EntityRec }[] = [];

  // Strip a trailing possessive from name spans: a token of its own ("Putin" "’s", as wink
  // mostly splits it), or, in a person's name, glued to the last word (wink keeps "Clinton’s"
  // whole once the document has made it a word of its lexicon; "Bally’s" or "McDonald's" are
  // organisations named so). The span keeps its tokens; its end and text lose the possessive.
  // (Arrays here are literals filled by push: `map` makes an empty document's array of another
  // elements kind, and the optimised code was thrown away and compiled again for it.)
  const spans: NameSpan[] = [];
  for (const n of names) {
    const m = STRIP_POSSESSIVE.exec(n.text);
    if (m && n.last - n.first > 1 && /^['’]s?$/.test(toks[n.last - 1].text)) {
      spans.push(nameSpan(n.start, toks[n.last - 2].end, text.slice(n.start, toks[n.last - 2].end), n.first, n.last - 1, n.type, n.confidence, n.rule));
    } else if (m && n.type === 'PERSON' && toks[n.last - 1].text.length > m[0].length + 1 && toks[n.last - 1].text.endsWith(m[0])) {
      spans.push(nameSpan(n.start, n.end - m[0].length, n.text.slice(0, -m[0].length), n.first, n.last, n.type, n.confidence, n.rule));
    } else spans.push(n);
  }

  const byKey = new Map<string, EntityRec>();
  const persons: EntityRec[] = [];
  const attach = (span: NameSpan, e: EntityRec) => {
    addMention(e, mention(text, span.start, span.end, 'name'));
    nameMentions.push({ span, entity: e });
    for (let k = span.first; k < span.last; k++) entityAtToken[k] = entities.indexOf(e);
    e.rules.add(span.rule);
  };
  const create = (type: EntityType, name: string) => {
    const e = newEntity(nextId(), type, name);
    entities.push(e);
    return e;
  };

  // Person names carry no titles: "Frontman Rory Ó Súilleabháin" → "Rory Ó Súilleabháin" (the
  // title is read from the left context below); "Julian Ashdown KC" → "Julian Ashdown".
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    if (s.type !== 'PERSON') continue;
    let a = s.first, b = s.last;
    // a title-case headline read as one name ("Voters Do Not Like Grace Ashworth", "Media And
    // Ben Okafor"): the name starts after its last capitalised function word, or line break
    for (let j = b - 1; j > a; j--) {
      const w = toks[j - 1], gap = text.slice(w.end, toks[j].start);
      // a word of its own (an Arabic "As-" joined to a name by a hyphen stays)
      if ((lex.headlineWords.has(w.lower) && /^\p{Lu}/u.test(w.text) && /^\s+$/.test(gap)) || gap.includes('\n')) { a = j; break; }
    }
    while (b - a > 1 && (lex.titles.has(toks[a].lower) || lex.titleWords.has(toks[a].lower) || HONORIFICS.has(toks[a].lower))) a++;
    while (b - a > 1 && POSTNOMINALS.has(toks[b - 1].text.replace(/\./g, ''))) b--;
    const end = b === s.last ? s.end : toks[b - 1].end; // (a possessive left out stays out)
    if (a !== s.first || b !== s.last) spans[k] = nameSpan(toks[a].start, end, text.slice(toks[a].start, end), a, b, s.type, s.confidence, s.rule);
  }
  // Longer names first, so that a shorter one ("der Leyen", "Putin") finds the full name.
  const order: number[] = [];
  for (let k = 0; k < spans.length; k++) order.push(k);
  order.sort((x, y) => (spans[y].last - spans[y].first) - (spans[x].last - spans[x].first) || x - y);

  // Pass 1: titles, and multi-word person names and lexicon names become entities.
  // tokens inside person names (a title never runs over another person's name)
  const inName = new Uint8Array(toks.length);
  for (const s of spans) if (s.type === 'PERSON' || s.type === 'OTHER') for (let k = s.first; k < s.last; k++) inName[k] = 1;
  const titled: { left: ReturnType<typeof titleFromLeft>; right: string | null }[] = [];
  for (const s of spans) titled.push({ left: titleFromLeft(toks, text, s, inName), right: titleFromRight(toks, text, s) });
  const pending: number[] = [];
  for (const idx of order) {
    const s = spans[idx];
    const { left, right } = titled[idx];
    let type = s.type;
    if (type === 'OTHER' && (left.title || right || left.gender)) type = 'PERSON';
    if (type === 'PERSON' && s.last - s.first >= 2) {
      const key = 'P:' + s.text.toLowerCase();
      // a shorter multi-word form of a full name already seen ("der Leyen", "Von der Leyen")
      const suffixOf = persons.filter((p) => p.name.toLowerCase().endsWith(' ' + s.text.toLowerCase()));
      let e = byKey.get(key) ?? (suffixOf.length === 1 ? suffixOf[0] : undefined);
      if (!e) {
        e = create('PERSON', s.text);
        e.surname = lastWord(toks[s.last - 1], s.end);
        e.gender = lex.givenNames.get(toks[s.first].lower) ?? null;
        byKey.set(key, e);
        persons.push(e);
      }
      if (left.title) addTitle(e, left.title);
      if (right) addTitle(e, right);
      if (left.gender) e.gender = left.gender;
      attach(s, e);
    } else if (type === 'ORG' || type === 'GPE' || type === 'GROUP' || type === 'NORP' || type === 'LOC') {
      const lower = s.text.toLowerCase();
      const country = lex.countryByName.get(lower);
      const org = lex.orgByName.get(lower);
      const canonical = country?.name ?? org?.name ?? s.text;
      const key = 'O:' + canonical.toLowerCase();
      let e = byKey.get(key);
      if (!e && !country && !org && s.last - s.first === 1) {
        // the short form of an organisation named in full ("Noordveld" for "Noordveld Pharma")
        const orgs = entities.filter((x) => x.type === 'ORG' && x.name.toLowerCase().startsWith(lower + ' '));
        if (orgs.length === 1) e = orgs[0];
        else if (type === 'ORG' && /^\p{Lu}\p{Ll}/u.test(s.text) && !lex.knownOrgs.has(lower) && persons.some((p) => p.surname === lower)) {
          // a one-word "organisation" (not an acronym, nor one the tagger's gazetteer knows:
          // "Twitter", "Bloomberg") that is the last name of a person the article names in full
          // ("Trump" tagged ORG beside "Donald Trump"): a surname, placed with the others below
          pending.push(idx);
          continue;
        }
      }
      if (!e) {
        e = create(country ? 'GPE' : org ? org.type : type, canonical);
        e.canonical = country || org ? canonical : null;
        byKey.set(key, e);
      }
      attach(s, e);
    } else {
      pending.push(idx);
    }
  }
  pending.sort((x, y) => x - y);

  // Pass 2: single words — a surname of a known person, an alias of an organisation, else their own entity.
  // A gendered honorific ("Mr. Obama") never joins a person whose name gives the other gender
  // ("Michelle Obama", "Mrs. Ghazala Khan"), by the genders pass 1 found, not those that later
  // single mentions lend (a "Mr. Khan" joined to the wrong Khan would shut the right one out).
  const nameGender = new Map(persons.map((p) => [p, p.gender]));
  for (const idx of pending) {
    const s = spans[idx];
    const { left, right } = titled[idx];
    const lower = s.text.toLowerCase();
    const named = persons.filter((p) => p.surname === lower || p.name.toLowerCase().endsWith(' ' + lower));
    let candidates = named.filter((p) => { const g = nameGender.get(p) ?? null; return !left.gender || !g || g === left.gender; });
    // and goes to a person of its gender before one whose gender is unknown ("Mr. Trump":
    // Donald J. Trump, not Ivana Trump, whose given name the lexicon lacks)
    const sameGender = left.gender ? candidates.filter((p) => nameGender.get(p) === left.gender) : [];
    if (sameGender.length) candidates = sameGender;
    const byGender = candidates.length < named.length;
    let e: EntityRec | undefined;
    if (candidates.length === 1) e = candidates[0];
    else if (candidates.length > 1) {
      // the person whose name was mentioned last before this point
      let best = -1;
      for (const c of candidates) {
        let last = -1;
        for (const m of c.mentions) if (m.start < s.start && m.start > last) last = m.start;
        if (last > best) { best = last; e = c; }
      }
      e ??= candidates[0];
    }
    if (!e && (s.type === 'PERSON' || s.type === 'OTHER')) {
      // "Liu" after "Liu Meiling" (a family name written first), "Piotr" in a quote about Piotr
      // Wiśniewski: the first word of exactly one two-word person name
      const first = persons.filter((p) => !p.anonymous && p.name.split(' ').length === 2 && p.name.toLowerCase().startsWith(lower + ' '));
      if (first.length === 1) e = first[0];
    }
    const type = s.type === 'OTHER' && (left.title || right || left.gender) ? 'PERSON' : s.type;
    if (!e) {
      // "Noordveld" after "Noordveld Pharma": the short form of one organisation
      const orgs = entities.filter((x) => x.type === 'ORG' && x.name.toLowerCase().startsWith(lower + ' '));
      if (orgs.length === 1) e = orgs[0];
    }
    if (!e) {
      const key = (type === 'PERSON' ? 'P:' : 'X:') + lower;
      e = byKey.get(key);
      if (!e) {
        e = create(type, s.text);
        if (type === 'PERSON') { e.surname = lower; persons.push(e); nameGender.set(e, left.gender); }
        byKey.set(key, e);
      }
    }
    if (s.type === 'ORG' && e.type === 'PERSON') e.rules.add('entities.org-surname');
    // the person chosen by gender, or one of its own when gender ruled every candidate out
    if (byGender && e.type === 'PERSON') e.rules.add('entities.honorific-gender');
    if (left.title) addTitle(e, left.title);
    if (right) addTitle(e, right);
    if (left.gender && !e.gender) e.gender = left.gender;
    attach(s, e);
  }

  nameMentions.sort((x, y) => x.span.start - y.span.start);
  return { entities, nameMentions, entityAtToken, nextId };
}
