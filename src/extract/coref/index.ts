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
import { entityLexicon, type Country, type PronounClass } from '../entities/lexicon.ts';
import { addMention, addTitle, analyseTitle, mention, type EntityLayer, type EntityRec } from '../entities/index.ts';
import { HONORIFICS } from '../entities/names.ts';

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

let epithets: Map<string, 'm' | 'f' | null> | null = null;
/**
 * The epithet (epithets.txt) a description's head ends with ("billionaire", "real estate
 * developer"), with its gender (null: either); undefined when it ends with none.
 */
function epithetOf(headWords: string[]): { gender: 'm' | 'f' | null } | undefined {
  if (!epithets) {
    epithets = new Map();
    for (const [phrase, g] of readLexicon('epithets.txt')) epithets.set(phrase.toLowerCase(), g === 'm' || g === 'f' ? g : null);
  }
  for (let k = Math.max(0, headWords.length - 4); k < headWords.length; k++) {
    // "real-estate" is three tokens
    const g = epithets.get(headWords.slice(k).join(' ').replace(/ - /g, '-'));
    if (g !== undefined) return { gender: g };
  }
  return undefined;
}

interface Ctx {
  layer: EntityLayer;
  nlp: NlpLayer;
  quoted: Range[];
  /** Entity mentions seen so far (names, resolved sources), by start offset. */
  seen: { start: number; end: number; entity: EntityRec }[];
}

/** What an organisation is, after its name: "the CGT union", "the SNCF rail operator". */
const ORG_KIND = /^(union|operator|company|firm|group|party|agency|bank|carrier|airline|broadcaster|newspaper|daily|network|organi[sz]ation|federation|association|alliance|coalition|movement|militia|automaker|carmaker|retailer|giant|maker|producer|insurer|lender|regulator|watchdog|charity|foundation|institute|university|club|utility|conglomerate|manufacturer)$/;
const PLACE_NOUNS = /^(town|city|village|county|borough|municipality|country)$/;
const PARTITIVE = /^(one|two|three|four|five|six|seven|eight|nine|ten|\d+|some|several|many|most|all|both|each|few|a few|none|neither|either|another) of (them|those|these)$/;
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

/** The sentence of the token at or after a character offset (the last sentence past the end; 0 with no tokens). */
function sentenceAt(ctx: Ctx, offset: number): number {
  const toks = ctx.nlp.tokens;
  return toks[Math.min(ctx.nlp.tokenAt(offset), toks.length - 1)]?.sent ?? 0;
}

/**
 * The antecedent of a pronoun: among compatible entities mentioned (outside quotations and
 * outside the statement's own content) in the pronoun's sentence and the one before, the
 * latest grammatical subject — a mention with no verb before it in its sentence ("Macron flew
 * to Kyiv for talks with Zelensky. ... he said" → Macron); else the latest mention at all.
 */
function antecedent(ctx: Ctx, before: number, cls: PronounClass, exclude: Range[], ok: (e: EntityRec) => boolean = (e) => compatible(e, cls)): EntityRec | null {
  const toks = ctx.nlp.tokens;
  const here = sentenceAt(ctx, before);
  let latest: EntityRec | null = null;
  for (let k = ctx.seen.length - 1; k >= 0; k--) {
    const m = ctx.seen[k];
    if (m.start >= before) continue;
    if (inside(m, ctx.quoted) || inside(m, exclude)) continue;
    if (!ok(m.entity) || isDateline(ctx, m.entity)) continue;
    const t = ctx.nlp.tokenAt(m.start);
    const sent = toks[t]?.sent ?? 0;
    if (here - sent > 1) return latest ?? m.entity;
    latest ??= m.entity;
    if (isSubject(ctx, t)) return m.entity;
  }
  return latest;
}

/**
 * The named person (`ok` permitting) an epithet at `before` stands for, from the mentions
 * outside quotations and `exclude`: the latest one earlier in its own sentence that is not
 * the subject of a clause ("Bush says the billionaire businessman can't win" is not Bush);
 * else the subject of a main clause of the sentence before ("When Mr. Clinton had trouble
 * ..., Mr. Trump boasted"); else, of the people that sentence names, the one named most so
 * far (the latest among equals). Null when neither sentence names one.
 */
function nearbyNamed(ctx: Ctx, before: number, exclude: Range[], ok: (e: EntityRec) => boolean): EntityRec | null {
  const toks = ctx.nlp.tokens;
  const here = sentenceAt(ctx, before);
  const near = new Set<EntityRec>();
  let subject: EntityRec | null = null;
  for (let k = ctx.seen.length - 1; k >= 0; k--) {
    const m = ctx.seen[k], e = m.entity;
    if (m.start >= before || e.type !== 'PERSON' || e.anonymous || isPlural(e) || !ok(e)) continue;
    if (inside(m, ctx.quoted) || inside(m, exclude)) continue;
    const t = ctx.nlp.tokenAt(m.start);
    if (t >= toks.length) continue;
    const sent = toks[t].sent;
    if (sent === here) {
      if (!clauseSubject(ctx, t, false)) return e;
      continue;
    }
    if (here - sent > 1) break;
    if (clauseSubject(ctx, t, true)) subject = e;
    near.add(e);
  }
  if (subject || !near.size) return subject;
  return mostMentioned(ctx, before, (x) => (near.has(x) ? x : null));
}

const SUBORDINATOR = /^(when|while|after|before|if|because|although|though|as|since|until|unless|whereas|once)$/;

/**
 * Whether token t starts the subject of a clause: no verb between it and the start of its
 * sentence or the comma or semicolon before it; with `main`, not of a clause that a
 * subordinating conjunction opens ("When Mr. Clinton had trouble").
 */
function clauseSubject(ctx: Ctx, t: number, main: boolean): boolean {
  const toks = ctx.nlp.tokens;
  const sent = toks[t].sent;
  for (let k = t - 1; k >= 0 && toks[k].sent === sent; k--) {
    if (isVerb(toks[k])) return false;
    if (main && (toks[k].pos === 'SCONJ' || SUBORDINATOR.test(toks[k].lower))) return false;
    if (toks[k].text === ',' || toks[k].text === ';') return true;
  }
  return true;
}

const isVerb = (t: Token) => t.pos === 'VERB' || t.pos === 'AUX';

function isSubject(ctx: Ctx, t: number): boolean {
  const toks = ctx.nlp.tokens;
  const sent = toks[t].sent;
  for (let k = t - 1; k >= 0 && toks[k].sent === sent; k--) {
    if (isVerb(toks[k])) return false;
    if (toks[k].text === ',' && k > 0 && toks[k - 1].pos !== 'PROPN' && toks[k - 1].pos !== 'NOUN') continue;
  }
  return true;
}

function trimSpan(toks: Token[], first: number, last: number): [number, number] {
  while (first < last && /^[,.;:—–\-"“”‘’']$/.test(toks[first].text)) first++;
  while (last > first && /^[,.;:—–\-"“”‘’']$/.test(toks[last - 1].text)) last--;
  return [first, last];
}

/** Resolves the sources of statements, in document order, adding mentions to entities. */
export function resolveSources(layer: EntityLayer, nlp: NlpLayer, quoted: Range[], queries: SourceQuery[]): SourceResolution[] {
  // a literal filled by push: an array made by `map` has another elements kind when empty, and
  // the code reading `seen` was deoptimised for it
  const seen: Ctx['seen'] = [];
  for (const m of layer.nameMentions) seen.push({ start: m.span.start, end: m.span.end, entity: m.entity });
  const ctx: Ctx = { layer, nlp, quoted, seen };
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

/** The clitics that follow a subject pronoun ("he’s", "they’d"). */
const CONTRACTION = /^['’](s|d|ll|re|ve|m)$/i;

/** Emphatic pronouns after a name ("Obama himself"). */
const EMPHATIC = /^(himself|herself|itself|themselves)$/;

const PREPOSITION = /^(at|in|of|for|from|with|on|by|to|inside|within|under|near|close|familiar|contacted|briefed|who|whom|which|that|speaking)$/;

/**
 * The head of a source phrase, as a token range: appositions and relative clauses are cut
 * ("Tom Miller, an economist at ..." → "Tom Miller"; "Her co-author, Jürg Bachmann" → the
 * name), a possessor is skipped ("the mayor's office" → "office"), and post-modifiers are
 * cut ("researchers at the institute in Sion" → "researchers").
 */
function headOf(ctx: Ctx, first: number, last: number): { first: number; last: number; name: number } {
  const toks = ctx.nlp.tokens;
  const ent = ctx.layer.entityAtToken;
  const person = (k: number) => ent[k] >= 0 && ctx.layer.entities[ent[k]].type === 'PERSON';
  // parts between commas / dashes / parentheses
  const parts: [number, number][] = [];
  let s0 = first;
  for (let k = first; k <= last; k++) {
    if (k === last || /^(,|—|–|\(|\))$/.test(toks[k].text)) { if (k > s0) parts.push([s0, k]); s0 = k + 1; }
  }
  // an apposition that is exactly a person's name wins ("Her co-author, Jürg Bachmann")
  for (const [a, b] of parts) {
    let k = a;
    while (k < b && /^(mr\.|mrs\.|ms\.|dr\.)$/.test(toks[k].lower)) k++;
    let end = b;
    while (end > k + 1 && /^(KC|QC|MP|MEP|PhD|MD|Jr\.?|Sr\.?)$/.test(toks[end - 1].text)) end--;
    if (k < end && person(k) && ent[end - 1] === ent[k]) {
      let allName = true;
      for (let j = k; j < end; j++) if (ent[j] !== ent[k]) allName = false;
      if (allName && parts.length > 1) return { first: a, last: b, name: ent[k] };
    }
  }
  let [a, b] = parts[0] ?? [first, last];
  // relative clause
  for (let k = a + 1; k < b; k++) if (/^(who|whom|which)$/.test(toks[k].lower)) { b = k; break; }
  // possessor: "the mayor’s office", "Putin’s spokesman"
  for (let k = b - 2; k > a; k--) if (/^['’]s?$/.test(toks[k].text)) { a = k + 1; break; }
  // post-modifiers after the head noun; not the "of" of a title before a person's name
  // ("Secretary of State John Kerry", "Minister of Transport Pia Lund")
  const cap = (x: number) => /^\p{Lu}/u.test(toks[x].text);
  // the first token of the name that token x ends (from a on)
  const nameStart = (x: number) => { while (x > a && ent[x - 1] === ent[x]) x--; return x; };
  const inTitle = (k: number) => /^(of|for)$/.test(toks[k].text) && person(b - 1) && k + 1 < nameStart(b - 1) && cap(k - 1) &&
    !someToken(k + 1, nameStart(b - 1), (x) => !cap(x));
  for (let k = a + 1; k < b; k++) {
    if (PREPOSITION.test(toks[k].lower) && ent[k] < 0 && !inTitle(k)) {
      const before = toks.slice(a, k).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON' || t.pos === 'NUM');
      if (before) { b = k; break; }
    }
  }
  // a name the span runs on from into its verb ("President Obama is rolling out a new campaign",
  // "Rubio also is setting"), or that only an emphatic pronoun or an adverb follows ("Obama
  // himself", "Sanders too"): the name is the head
  // (not the object of a preposition: "comments about Israel ahead of his speech")
  for (let k = a + 1; k < b; k++) {
    if (ent[k] >= 0 || ent[k - 1] < 0) continue;
    const n0 = nameStart(k - 1);
    if (n0 > a && toks[n0 - 1].pos === 'ADP') continue;
    let j = k;
    while (j < b && ent[j] < 0 && (EMPHATIC.test(toks[j].lower) || toks[j].pos === 'ADV')) j++;
    if (j === b ? j > k : isVerb(toks[j])) { b = k; break; }
  }
  while (b > a && /^[,.;:'’"”]$/.test(toks[b - 1].text)) b--;
  return { first: a, last: b, name: b > a ? ent[b - 1] : -1 };
}

/** Whether `test` holds for a token index in [a, b). */
function someToken(a: number, b: number, test: (k: number) => boolean): boolean {
  for (let k = a; k < b; k++) if (test(k)) return true;
  return false;
}
const GROUP_END = /^(,|;|—|–|--|who|which|that|whose)$/;

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
  const words: string[] = [];
  for (let k = first; k < last; k++) words.push(toks[k].lower);
  const lex = entityLexicon();

  // Pronoun; or a span that opens with a subject pronoun and runs on into its verb ("he’s",
  // "he would have to tell the board": the span model took the clause), whose pronoun is the source
  const lead = last - first > 1 && lex.subjectPronouns.has(words[0]) &&
    (CONTRACTION.test(toks[first + 1].text) || isVerb(toks[first + 1]));
  const cls = last - first === 1 || lead ? lex.pronouns.get(words[0]) : undefined;
  if (cls) {
    const pronoun = lead ? { start: toks[first].start, end: toks[first].end } : span;
    let e: EntityRec | null = null;
    let rule = 'coref.pronoun';
    if (cls === 'rel') {
      // "Smith, a council member who said": the nearest name earlier in the sentence
      const sent = toks[first].sent;
      for (let k = first - 1; k >= 0 && toks[k].sent === sent && first - k <= 12; k--) {
        const idx = layer.entityAtToken[k];
        if (idx >= 0) { e = layer.entities[idx]; break; }
      }
      if (!e) e = ctx.seen.filter((m) => m.end <= span.start && span.start - m.end <= 4).pop()?.entity ?? null;
      rule = 'coref.relative';
    } else if (cls === 'm' || cls === 'f' || cls === 'n' || cls === 'pl') {
      e = antecedent(ctx, pronoun.start, cls, q.exclude);
      if (e && (cls === 'm' || cls === 'f') && !e.gender) e.gender = cls;
    }
    if (lead) rule += '.clause';
    if (e) addMention(e, mention(text, pronoun.start, pronoun.end, 'pronoun'));
    return { entity: e, mention: span, kind: 'pronoun', rule: e ? rule : rule + '.unresolved' };
  }

  // Partitive: "two of them", "one of those" → the group named before
  if (PARTITIVE.test(words.join(' '))) {
    const e = antecedent(ctx, span.start, 'pl', q.exclude, (x) => isPlural(x) || x.type === 'GROUP' || x.type === 'NORP');
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'pronoun'));
      return { entity: e, mention: span, kind: 'pronoun', rule: 'coref.partitive' };
    }
  }

  // Coordinated names: "Spain and Portugal", "Washington and its allies", also after an
  // honorific or title, which names leave out ("Mrs. Clinton and Mr. Sanders"). Not an "and"
  // inside a clause the span model took ("Mr. McGraw was charged with assault and battery");
  // a clause after the pair is left out of the group ("Mrs. Clinton and Mr. Sanders appeared
  // to be locked in a close race").
  const and = words.indexOf('and');
  let named = 0;
  while (named < and && (HONORIFICS.has(words[named]) || lex.titles.has(words[named]))) named++;
  const ent = layer.entityAtToken;
  const clauseVerb = (k: number) => isVerb(toks[k]) && ent[k] < 0 && !/^\p{Lu}/u.test(toks[k].text);
  if (and > 0 && and + 1 < words.length && named < and && ent[first + named] >= 0 && !words.slice(0, and).includes(',') && !someToken(first, first + and, clauseVerb)) {
    // the group ends at a verb, a comma or a relative pronoun after the second conjunct
    let end = first + and + 2;
    // (a hyphen only between spaces: "Ms. Brainard and Daniel Tarullo - a fellow governor", not "R-Va.")
    const dash = (k: number) => toks[k].text === '-' && toks[k].start > toks[k - 1].end;
    while (end < last && !clauseVerb(end) && !GROUP_END.test(words[end - first]) && !dash(end)) end++;
    while (end > first + and + 1 && /^[,.;:'’"”(—–-]$/.test(toks[end - 1].text)) end--;
    const group = { start: span.start, end: toks[end - 1].end };
    const name = text.slice(group.start, group.end).replace(/^(the)\s+/i, '');
    const e = findOrCreate(ctx, 'GROUP', name, (x) => x.type === 'GROUP' && x.name.toLowerCase() === name.toLowerCase());
    plural.add(e);
    addMention(e, mention(text, group.start, group.end, 'nominal'));
    return { entity: e, mention: span, kind: 'nominal', rule: 'coref.group' };
  }

  const head = headOf(ctx, first, last);
  if (head.name >= 0) {
    const e = layer.entities[head.name];
    // titles given inside the source span ("Kremlin spokesman Dmitry Peskov") were attached already
    if (e.type !== 'NORP' || head.last - head.first > 1) return { entity: e, mention: span, kind: 'name', rule: 'coref.name' };
  }

  // Countries by demonym used alone ("French claims", "the Russians")
  if (head.last - head.first === 1) {
    const w = toks[head.first].lower;
    const c = lex.countryByDemonym.get(w) ?? lex.countryByDemonym.get(w.replace(/s$/, ''));
    if (c) {
      const e = findOrCreate(ctx, 'GPE', c.name, (x) => x.canonical === c.name);
      e.canonical = c.name;
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.demonym-country' };
    }
  }

  return resolveNominal(ctx, q, first, last, span, head);
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

const TIME_WORD = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.|last|this|earlier|later|\d{4})$/;
const DETERMINER = /^(the|this|that|these|those|a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|other|multiple|numerous|both|his|her|their|its|our|\d+)$/;
const INDEFINITE = /^(a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|other|multiple|numerous|both|\d+)$/;
const GENDERED: Record<string, 'm' | 'f'> = {
  spokesman: 'm', spokeswoman: 'f', chairman: 'm', chairwoman: 'f', congressman: 'm', congresswoman: 'f',
  king: 'm', queen: 'f', prince: 'm', princess: 'f', 'first lady': 'f',
};

/** Extra facts about unnamed-source entities: their head noun (singular) and whether they are plural. */
const headNoun = new WeakMap<EntityRec, string>();

function resolveNominal(ctx: Ctx, q: SourceQuery, first: number, last: number, span: Range, head: { first: number; last: number }): SourceResolution {
  const toks = ctx.nlp.tokens;
  const text = ctx.nlp.text;
  const lex = entityLexicon();
  const { singular: nouns, plurals } = personNounMap();
  // description: the phrase without determiner, relative clause or apposition
  let end = last;
  for (let k = first + 1; k < last; k++) if (/^(who|whom|which|,|—|–|\()$/.test(toks[k].lower)) { end = k; break; }
  let start = first;
  const det = toks[start].lower;
  const definite = /^(the|this|that|these|those)$/.test(det);
  const possessive = /^(his|her|their|its|our)$/.test(det);
  const indefinite = INDEFINITE.test(det);
  while (start < end && (DETERMINER.test(toks[start].lower) || /^(few|couple|number|of|dozen)$/.test(toks[start].lower))) start++;
  if (start >= end) return { entity: null, mention: span, kind: 'nominal', rule: 'coref.nominal.empty' };
  // a description stops before a verb of its own and stays short ("people familiar with the talks")
  for (let k = start + 1; k < end; k++) {
    const participle = toks[k].pos === 'VERB' && k + 1 < end && toks[k + 1].pos === 'ADP'; // "briefed on", "contacted by"
    if (toks[k].pos === 'ADP' && k + 1 < end && TIME_WORD.test(toks[k + 1].lower)) { end = k; break; } // "on Tuesday"
    const compound = toks[k - 1].text === '-' && toks[k - 1].end === toks[k].start; // "Paris-based"
    if ((toks[k].pos === 'VERB' && !participle && !compound) || toks[k].pos === 'AUX' || k - start >= 8) { end = k; break; }
  }
  const description = text.slice(toks[start].start, toks[end - 1].end).replace(/\s+/g, ' ');
  let hs = Math.max(head.first, start), he = Math.min(head.last, end);
  if (he <= hs) { hs = start; he = end; }
  const headWords = toks.slice(hs, he).map((t) => t.lower);
  const headPhrase = headWords.join(' ');
  const headText = text.slice(toks[hs].start, toks[he - 1].end);
  const title = analyseTitle(headText);
  const headWord = headWords[headWords.length - 1];

  // Known organisations by name ("the Kremlin", "the State Department")
  const org = lex.orgByName.get(headPhrase);
  if (org) {
    const e = findOrCreate(ctx, org.type, org.name, (x) => x.canonical === org.name || x.name.toLowerCase() === org.name.toLowerCase());
    e.canonical = org.name;
    addMention(e, mention(text, span.start, span.end, 'name'));
    return { entity: e, mention: span, kind: 'name', rule: 'coref.org-lexicon' };
  }

  // Groups: "Western governments", "the allies"
  if (GROUP_WORDS.test(headPhrase) && !nouns.has(headWord)) {
    const e = findOrCreate(ctx, 'GROUP', description, (x) => x.type === 'GROUP' && x.name.toLowerCase() === description.toLowerCase());
    plural.add(e);
    addMention(e, mention(text, span.start, span.end, 'nominal'));
    return { entity: e, mention: span, kind: 'nominal', rule: 'coref.group' };
  }

  // Role nouns for a known person: "the president", "the Russian leader", "the chancellor"
  const epithet = epithetOf(headWords);
  const personHead = title.heads.length > 0 || nouns.has(headWord) || epithet !== undefined;
  if ((definite || (!indefinite && !possessive && /^\p{Lu}/u.test(headText))) && title.heads.length) {
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
    const e = recent(ctx, span.start, match); // named before: "the manager" never means one introduced later
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.role-noun' };
    }
  }

  // An epithet for someone the article has named, in place of the name ("the billionaire",
  // "the retired neurosurgeon", "the real estate mogul"): a person of the epithet's gender
  // named in this sentence or the one before (`nearbyNamed`)
  if (epithet && definite) {
    const g = epithet.gender;
    const e = nearbyNamed(ctx, span.start, q.exclude, (x) => !g || compatible(x, g));
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.epithet' };
    }
  }

  // "the government", "his government": a government named before, else the government of
  // the person's country (his/her) or of the country the article is most about;
  // "the Ukrainian government": that country's
  // "the CGT union", "the SNCF rail operator": an organisation's name then what it is
  const entAt = ctx.layer.entityAtToken;
  if (hs < he - 1 && entAt[hs] >= 0 && ORG_KIND.test(headWord)) {
    const named = ctx.layer.entities[entAt[hs]];
    let k = hs;
    while (k < he && entAt[k] === entAt[hs]) k++;
    if (named.type === 'ORG' && k < he && he - k <= 2 && toks.slice(k, he).every((t) => /^\p{Ll}/u.test(t.text))) {
      addMention(named, mention(text, span.start, span.end, 'nominal'));
      return { entity: named, mention: span, kind: 'nominal', rule: 'coref.name-kind' };
    }
  }

  // "her campaign", "the mayor's campaign": the campaign (or team) of that person; an office
  // ("the clerk's office") is an institution, not its holder's
  if (headWords.length === 1 && /^(campaign|team)$/.test(headWord) && (possessive || hs > first)) {
    let owner: EntityRec | null = null;
    if (det === 'his' || det === 'her') owner = antecedent(ctx, span.start, det === 'his' ? 'm' : 'f', q.exclude);
    else if (hs >= first + 2 && /^['’]s?$/.test(toks[hs - 1].text)) {
      owner = resolveOne(ctx, { span: { start: toks[first].start, end: toks[hs - 2].end }, exclude: q.exclude }).entity;
    }
    if (owner && owner.type === 'PERSON' && !owner.anonymous) {
      const name = `${owner.name} ${headWord}`;
      const e = findOrCreate(ctx, 'ORG', name, (x) => x.type === 'ORG' && x.name === name);
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.owner' };
    }
  }

  // "the American side", "the Chinese authorities": the country itself
  const sideOf = headWords.length === 2 && /^(side|authorities)$/.test(headWord) ? lex.countryByDemonym.get(headWords[0]) : undefined;
  if (sideOf && (definite || /^\p{Lu}/u.test(headText))) {
    const e = findOrCreate(ctx, 'GPE', sideOf.name, (x) => x.canonical === sideOf.name);
    e.canonical = sideOf.name;
    addMention(e, mention(text, span.start, span.end, 'nominal'));
    return { entity: e, mention: span, kind: 'nominal', rule: 'coref.demonym-side' };
  }
  // "the government of Norway": the country the span names after "of"
  const ofGov = headWord === 'government' && head.last < last - 1 && toks[head.last].lower === 'of'
    ? lex.countryByName.get(text.slice(toks[head.last + 1].start, toks[last - 1].end).toLowerCase().replace(/^the\s+/, '')) : undefined;
  const demonymGov = (headWord === 'government' && headWords.length === 2 ? lex.countryByDemonym.get(headWords[0]) : undefined) ?? ofGov;
  if ((headPhrase === 'government' && (definite || possessive)) || demonymGov) {
    let e = demonymGov ? null : salientOrg(ctx, span.start, (x) => x.type === 'ORG' && /\bgovernment\b/i.test(x.name) && !x.anonymous, 'government');
    if (!e) {
      let c = demonymGov;
      if (!c && (det === 'his' || det === 'her')) {
        const p = antecedent(ctx, span.start, det === 'his' ? 'm' : 'f', q.exclude);
        c = p && p.countries.size === 1 ? lex.countryByName.get([...p.countries][0].toLowerCase()) : undefined;
      } else if (!c && definite) {
        c = salientCountry(ctx, span.start) ?? undefined;
      }
      if (c && c.demonyms.length) {
        const name = `${c.demonyms[0]} government`;
        e = findOrCreate(ctx, 'ORG', name, (x) => x.type === 'ORG' && x.name.toLowerCase() === name.toLowerCase());
        e.countries.add(c.name);
      }
    }
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.government' };
    }
  }

  // "the town", "the city" → the place named most so far; "the country" → the country
  if (definite && headWords.length === 1 && PLACE_NOUNS.test(headWord)) {
    const e = salientOrg(ctx, span.start, (x) => x.type === 'GPE' && (headWord === 'country') === (countryOf(x) !== undefined), headWord);
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.place-noun' };
    }
  }

  // Organisations by their common noun: "the company", "the ministry" → the latest organisation
  const orgHead = ORG_NOUNS.has(headWord) ? headWord : null;
  if (orgHead && !personHead && (definite || possessive)) {
    const generic = /^(company|firm|government|administration|group|organization|organisation)$/.test(orgHead);
    const e = salientOrg(ctx, span.start, (x) => x.type === 'ORG' && !isDateline(ctx, x) && (generic || x.name.toLowerCase().includes(orgHead)), orgHead);
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.org-noun' };
    }
  }

  const sg = nouns.get(headWord) ?? headWord.replace(/s$/, '');
  // Definite reference back to an unnamed source: "the official", "the researchers"
  if ((definite || possessive) && personHead) {
    const e = recent(ctx, span.start, (x) => x.anonymous && headNoun.get(x) === sg);
    if (e) {
      addMention(e, mention(text, span.start, span.end, 'nominal'));
      return { entity: e, mention: span, kind: 'nominal', rule: 'coref.anonymous-again' };
    }
  }

  // A new unnamed source: a person noun ("a French official", "two people familiar with the
  // talks", "the minister" when no minister is named) is an anonymous person or group;
  // anything else ("the report", "a poll") is a source of its own kind.
  const isPl = plurals.has(headWord);
  if (personHead) {
    const reuse = isPl && !indefinite ? ctx.layer.entities.find((x) => x.anonymous && x.name.toLowerCase() === description.toLowerCase()) : undefined;
    const e = reuse ?? findOrCreate(ctx, 'PERSON', description, () => false);
    e.anonymous = true;
    headNoun.set(e, sg);
    if (isPl) plural.add(e);
    if (title.heads.length) addTitle(e, description);
    // epithets ("businessman") carry theirs in epithets.txt
    const g = GENDERED[headPhrase] ?? GENDERED[headWord] ?? epithet?.gender;
    if (g) e.gender = g;
    addMention(e, mention(text, span.start, span.end, 'nominal'));
    return { entity: e, mention: span, kind: 'nominal', rule: reuse ? 'coref.anonymous-again' : 'coref.anonymous' };
  }
  const e = findOrCreate(ctx, orgHead ? 'ORG' : 'OTHER', description, (x) => x.type === (orgHead ? 'ORG' : 'OTHER') && x.name.toLowerCase() === description.toLowerCase());
  if (isPl || /s$/.test(headWord)) plural.add(e);
  addMention(e, mention(text, span.start, span.end, 'nominal'));
  return { entity: e, mention: span, kind: 'nominal', rule: 'coref.nominal-source' };
}

const COMPANY_WORD = /\b(inc|corp|ltd|plc|llc|group|pharma|systems|logistics|holdings|industries|technologies|motors|airlines|bank|energy|labs|media|capital|partners)\b/i;

/**
 * Of the keys of the entities mentioned before `before` (`keyOf` null: not counted), the one
 * mentioned most often (plus its `bonus`), the latest-mentioned among equals.
 */
function mostMentioned<K>(ctx: Ctx, before: number, keyOf: (e: EntityRec) => K | null | undefined, bonus: (k: K) => number = () => 0): K | null {
  const count = new Map<K, { n: number; last: number }>();
  for (const m of ctx.seen) {
    if (m.start >= before) continue;
    const k = keyOf(m.entity);
    if (k === null || k === undefined) continue;
    const c = count.get(k) ?? { n: 0, last: 0 };
    c.n++;
    c.last = m.start;
    count.set(k, c);
  }
  let best: K | null = null;
  let bestScore = -1, bestLast = -1;
  for (const [k, c] of count) {
    const score = c.n + bonus(k);
    if (score > bestScore || (score === bestScore && c.last > bestLast)) { best = k; bestScore = score; bestLast = c.last; }
  }
  return best;
}

/**
 * The organisation "the company" or "the ministry" most likely means: the one mentioned most
 * often before this point (a company-like name counts extra for "company"/"firm"), the latest
 * among equals.
 */
function salientOrg(ctx: Ctx, before: number, match: (e: EntityRec) => boolean, head: string): EntityRec | null {
  const companyBonus = /^(company|firm)$/.test(head);
  return mostMentioned(ctx, before, (e) => (match(e) ? e : null), (e) => (companyBonus && COMPANY_WORD.test(e.name) ? 3 : 0));
}

/** The country an entity stands for: a country (by name or capital), or its demonym ("French"). */
function countryOf(e: EntityRec): Country | undefined {
  const lex = entityLexicon();
  if (e.type === 'GPE') return e.canonical ? lex.countryByName.get(e.canonical.toLowerCase()) : undefined;
  if (e.type === 'NORP') return lex.countryByDemonym.get(e.name.toLowerCase());
  return undefined;
}

/** The country named most often before `before`, by name or demonym ("France", "French"), the latest among equals. */
function salientCountry(ctx: Ctx, before: number): Country | null {
  return mostMentioned(ctx, before, countryOf);
}

/** An organisation only named in the dateline ("MOSCOW (Meridian News) —") is the reporter, not a referent. */
function isDateline(ctx: Ctx, e: EntityRec): boolean {
  const text = ctx.nlp.text;
  return e.mentions.every((m) => /\(\s*$/.test(text.slice(Math.max(0, m.start - 2), m.start)) && /^\s*\)\s*[—–-]/.test(text.slice(m.end, m.end + 4)));
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
      let phrase = toks[j].lower;
      for (let x = j + 1; x < j + n; x++) phrase += ' ' + toks[x].lower;
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
