/**
 * Coreference for sources: ties each statement's source mention to an entity of the article.
 * Names map to the entity of the name they contain; pronouns to the most recent compatible
 * entity mentioned outside quotations; role nouns ("the president", "the Russian leader") to
 * the person whose titles fit; unnamed people ("a French official", "two people familiar with
 * the talks") become anonymous entities; definite references ("the official") find them again.
 * Every decision records a rule id.
 */
import type { EntityType, MentionKind } from '../../core/contract.ts';
import type { Range } from '../../core/span.ts';
import type { NlpLayer, Token } from '../../nlp/tokens.ts';
import { readLexicon } from '../../lexicons/load.ts';
import { entityLexicon, type PronounClass } from '../entities/lexicon.ts';
import { addMention, addTitle, analyseTitle, mention, type EntityLayer, type EntityRec } from '../entities/index.ts';

export interface SourceQuery {
  /** The source span as the attribution found it. */
  span: Range;
  /** Ranges that cannot hold the antecedent (the statement's own content). */
  exclude: Range[];
}

export interface SourceResolution {
  entity: EntityRec | null;
  /** The mention span to report (the source span, trimmed). */
  mention: Range;
  kind: MentionKind;
  rule: string;
}

const LEADER_HEADS = new Set(['leader', 'president', 'prime minister', 'premier', 'chancellor', 'king', 'queen', 'head of state', 'ruler', 'strongman']);
const ORG_NOUNS = new Set(['ministry', 'department', 'company', 'firm', 'campaign', 'government', 'administration', 'agency',
  'office', 'committee', 'court', 'party', 'group', 'bank', 'council', 'commission', 'police', 'army', 'military', 'team',
  'club', 'union', 'authority', 'newspaper', 'paper', 'network', 'station', 'organization', 'organisation', 'embassy',
  'palace', 'regulator', 'board', 'university', 'hospital', 'school', 'kremlin', 'spokesman', 'spokeswoman']);
const GROUP_WORDS = /\b(and|allies|partners|countries|nations|members|states|governments|leaders)\b/;

interface PersonNouns { singular: Map<string, string>; plurals: Set<string> }
let personNouns: PersonNouns | null = null;
/** Person nouns: any form → singular, and the set of plural forms. */
function personNounMap(): PersonNouns {
  if (!personNouns) {
    const singular = new Map<string, string>();
    const plurals = new Set<string>();
    for (const [sg, pl] of readLexicon('person-nouns.txt')) {
      singular.set(sg.toLowerCase(), sg.toLowerCase());
      if (pl) { singular.set(pl.toLowerCase(), sg.toLowerCase()); plurals.add(pl.toLowerCase()); }
    }
    personNouns = { singular, plurals };
  }
  return personNouns;
}

interface Ctx {
  layer: EntityLayer;
  nlp: NlpLayer;
  quoted: Range[];
  /** Entity mentions seen so far (names, resolved sources), by start offset. */
  seen: { start: number; end: number; entity: EntityRec }[];
}

const inside = (r: Range, list: Range[]) => list.some((q) => q.start <= r.start && r.end <= q.end);

function compatible(e: EntityRec, cls: PronounClass): boolean {
  switch (cls) {
    case 'm': case 'f': return e.type === 'PERSON' && !isPlural(e) && (e.gender === null || e.gender === cls);
    case 'n': return e.type === 'ORG' || e.type === 'GPE' || e.type === 'GROUP';
    case 'pl': return e.type === 'GROUP' || e.type === 'ORG' || e.type === 'NORP' || isPlural(e);
    case 'rel': return true;
    default: return false;
  }
}
const plural = new WeakSet<EntityRec>();
const isPlural = (e: EntityRec) => plural.has(e);

function antecedent(ctx: Ctx, before: number, cls: PronounClass, exclude: Range[]): EntityRec | null {
  for (let k = ctx.seen.length - 1; k >= 0; k--) {
    const m = ctx.seen[k];
    if (m.start >= before) continue;
    if (inside(m, ctx.quoted) || inside(m, exclude)) continue;
    if (compatible(m.entity, cls)) return m.entity;
  }
  return null;
}

function trimSpan(toks: Token[], first: number, last: number): [number, number] {
  while (first < last && /^[,.;:—–\-"“”‘’']$/.test(toks[first].text)) first++;
  while (last > first && /^[,.;:—–\-"“”‘’']$/.test(toks[last - 1].text)) last--;
  return [first, last];
}

/** Resolves the sources of statements, in document order, adding mentions to entities. */
export function resolveSources(layer: EntityLayer, nlp: NlpLayer, quoted: Range[], queries: SourceQuery[]): SourceResolution[] {
  const ctx: Ctx = {
    layer, nlp, quoted,
    seen: layer.nameMentions.map((m) => ({ start: m.span.start, end: m.span.end, entity: m.entity })),
  };
  addRoleNounMentions(ctx);
  const out: SourceResolution[] = [];
  const bySpan = new Map<string, SourceResolution>();
  for (const q of queries) {
    // the same source span heads several statements: resolve it once
    const key = `${q.span.start}:${q.span.end}`;
    const r = bySpan.get(key) ?? resolveOne(ctx, q);
    bySpan.set(key, r);
    out.push(r);
    if (r.entity) {
      r.entity.lastSeen = Math.max(r.entity.lastSeen, r.mention.start);
      insertSeen(ctx, { start: r.mention.start, end: r.mention.end, entity: r.entity });
    }
  }
  return out;
}

function insertSeen(ctx: Ctx, m: { start: number; end: number; entity: EntityRec }) {
  let k = ctx.seen.length;
  while (k > 0 && ctx.seen[k - 1].start > m.start) k--;
  if (ctx.seen[k - 1]?.start === m.start && ctx.seen[k - 1]?.entity === m.entity) return;
  ctx.seen.splice(k, 0, m);
}

function resolveOne(ctx: Ctx, q: SourceQuery): SourceResolution {
  const { nlp, layer } = ctx;
  const toks = nlp.tokens;
  const text = nlp.text;
  const a = nlp.tokenAt(q.span.start);
  let b = a;
  while (b < toks.length && toks[b].start < q.span.end) b++;
  const [first, last] = trimSpan(toks, a, b);
  if (last <= first) return { entity: null, mention: q.span, kind: 'nominal', rule: 'coref.empty' };
  const span = { start: toks[first].start, end: toks[last - 1].end };
  const words = toks.slice(first, last).map((t) => t.lower);

  // Pronoun
  const lex = entityLexicon();
  const cls = last - first === 1 ? lex.pronouns.get(words[0]) : undefined;
  if (cls) {
    let e: EntityRec | null = null;
    let rule = 'coref.pronoun';
    if (cls === 'rel') {
      // "Smith, who said": the mention right before
      const prev = ctx.seen.filter((m) => m.end <= span.start && span.start - m.end <= 4).pop();
      e = prev?.entity ?? null;
      rule = 'coref.relative';
    } else if (cls === 'm' || cls === 'f' || cls === 'n' || cls === 'pl') {
      e = antecedent(ctx, span.start, cls, q.exclude);
      if (e && (cls === 'm' || cls === 'f') && !e.gender) e.gender = cls;
    }
    if (e) addMention(e, mention(text, span.start, span.end, 'pronoun'));
    return { entity: e, mention: span, kind: 'pronoun', rule: e ? rule : rule + '.unresolved' };
  }

  // The head of the span is a name: the last name before any apposition or relative clause,
  // ending the phrase ("Kremlin spokesman Dmitry Peskov", "Tom Miller, an economist at ...");
  // a name that only modifies a noun ("Putin's spokesman", "Western governments") is not.
  let headEnd = last;
  for (let k = first + 1; k < last; k++) if (/^(,|who|whom|which|—|–|\()$/.test(toks[k].lower)) { headEnd = k; break; }
  while (headEnd > first && /^[,.;:'’"”]$/.test(toks[headEnd - 1].text)) headEnd--;
  const headIdx = headEnd > first ? layer.entityAtToken[headEnd - 1] : -1;
  if (headIdx >= 0) {
    const e = layer.entities[headIdx];
    // titles given inside the source span ("Kremlin spokesman Dmitry Peskov") were attached already
    return { entity: e, mention: span, kind: 'name', rule: 'coref.name' };
  }

  // Countries by demonym used alone ("French claims", "the Russians")
  if (last - first === 1) {
    const c = lex.countryByDemonym.get(words[0]) ?? lex.countryByDemonym.get(words[0].replace(/s$/, ''));
    if (c) {
      const e = findOrCreate(ctx, 'GPE', c.name, (x) => x.canonical === c.name);
      e.canonical = c.name;
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.demonym-country' };
    }
  }

  return resolveNominal(ctx, q, first, last, span);
}

function findOrCreate(ctx: Ctx, type: EntityType, name: string, match: (e: EntityRec) => boolean): EntityRec {
  let e = ctx.layer.entities.find(match);
  if (!e) {
    e = {
      id: ctx.layer.nextId(), type, name, aliases: new Set(), titles: [], heads: new Set(), countries: new Set(), orgs: new Set(),
      anonymous: false, mentions: [], gender: null, surname: null, canonical: null, rules: new Set(), lastSeen: -1,
    };
    ctx.layer.entities.push(e);
  }
  return e;
}

/** The most recently seen entity satisfying `match`, before `before`. */
function recent(ctx: Ctx, before: number, match: (e: EntityRec) => boolean): EntityRec | null {
  for (let k = ctx.seen.length - 1; k >= 0; k--) {
    const m = ctx.seen[k];
    if (m.start < before && match(m.entity)) return m.entity;
  }
  return null;
}

function resolveNominal(ctx: Ctx, q: SourceQuery, first: number, last: number, span: Range): SourceResolution {
  const toks = ctx.nlp.tokens;
  const text = ctx.nlp.text;
  const lex = entityLexicon();
  const { singular: nouns, plurals } = personNounMap();
  // cut a trailing relative clause or apposition: "a senior official who spoke on condition of anonymity"
  let end = last;
  for (let k = first + 1; k < last; k++) {
    if (/^(who|whom|which|that|,|—|–)$/.test(toks[k].lower)) { end = k; break; }
  }
  let start = first;
  const det = toks[start].lower;
  const definite = /^(the|this|that|these|those)$/.test(det);
  const possessive = /^(his|her|their|its|our)$/.test(det);
  const indefinite = /^(a|an|another|one|two|three|four|five|six|several|some|many|other|multiple|numerous|\d+)$/.test(det) || /^(a|an)$/.test(det);
  if (definite || indefinite || possessive) start++;
  while (start < end && /^(few|couple|number|of|dozen)$/.test(toks[start].lower)) start++;
  if (start >= end) return { entity: null, mention: span, kind: 'nominal', rule: 'coref.nominal.empty' };
  const phraseSpan = { start: toks[start].start, end: toks[end - 1].end };
  const phrase = text.slice(phraseSpan.start, phraseSpan.end);
  const words = toks.slice(start, end).map((t) => t.lower);
  const lowerPhrase = words.join(' ');
  const title = analyseTitle(phrase);
  const headWord = words[words.length - 1];

  // Organisations named by a common noun: "the ministry", "the company"
  const orgHead = words.find((w) => ORG_NOUNS.has(w));
  const org = lex.orgByName.get(lowerPhrase);
  if (org) {
    const e = findOrCreate(ctx, org.type, org.name, (x) => x.canonical === org.name || x.name.toLowerCase() === org.name.toLowerCase());
    e.canonical = org.name;
    addMention(e, mention(text, span.start, span.end, 'name'));
    return { entity: e, mention: span, kind: 'name', rule: 'coref.org-lexicon' };
  }

  // Groups: "the US and its allies", "Western governments"
  if (GROUP_WORDS.test(lowerPhrase) && !nouns.has(headWord)) {
    const name = phrase;
    const e = findOrCreate(ctx, 'GROUP', name, (x) => x.type === 'GROUP' && x.name.toLowerCase() === name.toLowerCase());
    plural.add(e);
    addMention(e, mention(text, span.start, span.end, 'nominal'));
    return { entity: e, mention: span, kind: 'nominal', rule: 'coref.group' };
  }

  // Role nouns for a known person: "the president", "the Russian leader", "the chancellor"
  const isPersonHead = title.heads.length > 0 || nouns.has(headWord);
  if ((definite || (!indefinite && !possessive && /^\p{Lu}/u.test(phrase))) && title.heads.length) {
    const heads = new Set(title.heads);
    const wantsLeader = [...heads].some((h) => LEADER_HEADS.has(h));
    const match = (e: EntityRec) => {
      if (e.type !== 'PERSON' || e.anonymous) return false;
      const headOk = [...heads].some((h) => e.heads.has(h)) || (wantsLeader && [...e.heads].some((h) => LEADER_HEADS.has(h)) && title.countries.length > 0);
      if (!headOk) return false;
      if (title.countries.length && !title.countries.some((c) => e.countries.has(c))) return false;
      if (title.orgs.length && !title.orgs.some((o) => e.orgs.has(o))) return false;
      return true;
    };
    const e = recent(ctx, span.start, match) ?? ctx.layer.entities.find(match) ?? null;
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.role-noun' };
    }
  }

  // Organisations by head noun: the most recent organisation
  if (orgHead && !isPersonHead) {
    const e = recent(ctx, span.start, (x) => x.type === 'ORG' && (x.name.toLowerCase().includes(orgHead) || orgHead === 'company' || orgHead === 'firm' || orgHead === 'government' || orgHead === 'administration'));
    if (e && definite) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.org-noun' };
    }
  }

  // Definite reference back to an unnamed source: "the official", "the source"
  const description = phrase.replace(/\s+/g, ' ');
  if (definite && isPersonHead) {
    const sg = nouns.get(headWord) ?? headWord;
    const e = recent(ctx, span.start, (x) => x.anonymous && (x.name.toLowerCase().endsWith(sg) || x.name.toLowerCase().endsWith(headWord)));
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.anonymous-again' };
    }
  }

  // A new unnamed source (or an unnamed role holder: "the minister" with no name in the article)
  if (isPersonHead || indefinite || definite) {
    const isPl = plurals.has(headWord);
    const reuse = isPl && !indefinite ? ctx.layer.entities.find((x) => x.anonymous && x.name.toLowerCase() === description.toLowerCase()) : undefined;
    const e = reuse ?? findOrCreate(ctx, 'PERSON', description, () => false);
    e.anonymous = true;
    if (isPl) plural.add(e);
    if (title.heads.length) addTitle(e, description);
    addMention(e, mention(text, span.start, span.end, 'nominal'));
    return { entity: e, mention: span, kind: 'nominal', rule: reuse ? 'coref.anonymous-again' : 'coref.anonymous' };
  }
  return { entity: null, mention: span, kind: 'nominal', rule: 'coref.unresolved' };
}

/**
 * "the Russian leader", "the chancellor": definite role nouns anywhere in the text become
 * nominal mentions of the person whose titles fit, when exactly one fits or one was named last.
 */
function addRoleNounMentions(ctx: Ctx): void {
  const toks = ctx.nlp.tokens;
  const lex = entityLexicon();
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i].lower !== 'the') continue;
    let j = i + 1;
    let country: string | null = null;
    const c = lex.countryByDemonym.get(toks[j].lower);
    if (c) { country = c.name; j++; }
    if (j >= toks.length) break;
    // longest title starting at j
    let head: string | null = null;
    let k = j;
    for (let n = Math.min(lex.titleMaxWords, toks.length - j); n >= 1; n--) {
      const phrase = toks.slice(j, j + n).map((t) => t.lower).join(' ');
      const h = lex.titles.get(phrase);
      if (h) { head = h; k = j + n; break; }
    }
    if (!head) continue;
    // a name right after makes it a title, not a reference ("the Russian President Vladimir Putin")
    if (k < toks.length && /^\p{Lu}/u.test(toks[k].text) && ctx.layer.entityAtToken[k] >= 0) continue;
    if (k < toks.length && /^(of|for)$/.test(toks[k].lower)) continue; // "the head of the agency"
    const start = toks[i].start;
    const match = (e: EntityRec) =>
      e.type === 'PERSON' && !e.anonymous &&
      (e.heads.has(head!) || (country !== null && LEADER_HEADS.has(head!) && [...e.heads].some((h) => LEADER_HEADS.has(h)))) &&
      (country === null || e.countries.has(country));
    const e = recent(ctx, start, match);
    if (!e) continue;
    const m = mention(ctx.nlp.text, start, toks[k - 1].end, 'nominal');
    addMention(e, m);
    insertSeen(ctx, { start: m.start, end: m.end, entity: e });
    i = k - 1;
  }
}

export { addTitle };
