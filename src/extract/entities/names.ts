/**
 * Finding names. `NameRecogniser` is the interface a trained model fills (see ./ner when
 * present); `ruleNames` is the word-list and capitalisation recogniser that also runs on top
 * of the model where lists are more precise (known organisations, countries).
 */
import type { EntityType } from '../../core/contract.ts';
import type { NlpLayer, Token } from '../../nlp/tokens.ts';
import { entityLexicon } from './lexicon.ts';

export interface NameSpan {
  start: number;
  end: number;
  text: string;
  /** Token range [first, last). */
  first: number;
  last: number;
  type: EntityType;
  confidence: number;
  /** Rule or model id, for --explain. */
  rule: string;
}

export type NameRecogniser = (nlp: NlpLayer) => NameSpan[];

/**
 * A name span. Every span is made here, fields in one order, so that all of them share one
 * hidden class: a copy made by spreading another (`{ ...s, first }`) had a second one, and
 * the code reading spans was deoptimised and compiled again for it.
 */
export function nameSpan(start: number, end: number, text: string, first: number, last: number, type: EntityType, confidence: number, rule: string): NameSpan {
  return { start, end, text, first, last, type, confidence, rule };
}

const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'ter', 'y']);
const HONORIFICS = new Set(['mr.', 'mrs.', 'ms.', 'mr', 'mrs', 'ms', 'dr.', 'sir', 'dame', 'lord', 'lady', 'prof.', 'miss']);
const ORG_SUFFIX = new Set(['inc', 'inc.', 'corp', 'corp.', 'ltd', 'ltd.', 'llc', 'plc', 'group', 'party', 'ministry', 'department',
  'agency', 'committee', 'council', 'bank', 'university', 'institute', 'association', 'union', 'commission', 'court', 'company',
  'co.', 'corporation', 'foundation', 'office', 'service', 'services', 'authority', 'board', 'organization', 'organisation',
  'federation', 'fund', 'times', 'post', 'news', 'journal', 'network', 'campaign', 'team', 'club', 'fc', 'airlines', 'motors',
  'holdings', 'industries', 'systems', 'technologies', 'labs', 'press', 'pharma', 'pharmaceuticals', 'logistics', 'energy', 'media', 'capital', 'partners', 'bancorp', 'airways', 'railways', 'telecom', 'insurance', 'gmbh', 'ag', 'sa', 'nv', 'bv', 'spa', 'parliament', 'assembly', 'senate', 'house', 'police',
  'army', 'navy', 'forces', 'guard', 'coalition', 'alliance', 'movement', 'front', 'society', 'center', 'centre', 'hospital', 'school', 'college']);
const CALENDAR = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan.', 'feb.', 'mar.', 'apr.',
  'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.']);
const NOT_NAME = new Set(['i', 'the', 'a', 'an', 'he', 'she', 'it', 'we', 'they', 'but', 'and', 'or', 'in', 'on', 'at', 'as',
  'this', 'that', 'these', 'those', 'if', 'when', 'while', 'after', 'before', 'for', 'of', 'to', 'by', 'with', 'from', 'his',
  'her', 'their', 'our', 'its', 'my', 'your', 'there', 'here', 'what', 'who', 'why', 'how', 'some', 'many', 'most', 'all',
  'no', 'not', 'yes', 'asked', 'said', 'says', 'according', 'so', 'yet', 'still', 'also', 'then', 'now', 'mr', 'mrs']);

const isCap = (t: Token) => /^[\p{Lu}]/u.test(t.text) && /\p{L}/u.test(t.text);

/**
 * Lexicon matches (organisations, countries and their aliases) first, longest first; then
 * runs of capitalised proper nouns, with leading titles and honorifics left out.
 */
/** Word-list names only (organisations, countries). */
export const lexiconNames: NameRecogniser = (nlp) => findNames(nlp, false);

/** Word lists, then capitalised runs: the recogniser used when no trained model is wanted. */
export const ruleNames: NameRecogniser = (nlp) => findNames(nlp, true);

function findNames(nlp: NlpLayer, caps: boolean): NameSpan[] {
  const lex = entityLexicon();
  const toks = nlp.tokens;
  const out: NameSpan[] = [];
  const taken = new Uint8Array(toks.length);
  const push = (first: number, last: number, type: EntityType, confidence: number, rule: string) => {
    const start = toks[first].start, end = toks[last - 1].end;
    out.push(nameSpan(start, end, '', first, last, type, confidence, rule));
    for (let k = first; k < last; k++) taken[k] = 1;
  };
  // 1. word lists
  for (let i = 0; i < toks.length; i++) {
    if (!lex.nameFirstWords.has(toks[i].lower)) continue;
    if (!isCap(toks[i]) && !/^[A-Z.]+$/.test(toks[i].text)) continue;
    for (let n = Math.min(lex.nameMaxWords, toks.length - i); n >= 1; n--) {
      const last = i + n;
      if (toks[last - 1].sent !== toks[i].sent) continue;
      const phrase = joinTokens(toks, i, last).toLowerCase();
      const org = lex.orgByName.get(phrase);
      const country = lex.countryByName.get(phrase);
      if (!org && !country) continue;
      // a longer capitalised run around it is a different name ("Kremlin Museum")
      if (last < toks.length && isCap(toks[last]) && toks[last].pos === 'PROPN' && toks[last].sent === toks[i].sent && n === 1 && !country) break;
      if (org) push(i, last, org.type, 0.9, 'name.lexicon.org');
      else push(i, last, 'GPE', 0.9, 'name.lexicon.country');
      i = last - 1;
      break;
    }
  }
  // 2. capitalised runs
  for (let i = 0; caps && i < toks.length; i++) {
    if (taken[i] || !isCap(toks[i])) continue;
    const t = toks[i];
    if (NOT_NAME.has(t.lower) || CALENDAR.has(t.lower) || lex.countryByDemonym.has(t.lower)) continue;
    if (HONORIFICS.has(t.lower) || lex.titles.has(t.lower)) continue;
    const sentStart = i === 0 || toks[i - 1].sent !== t.sent || /^["“‘'(—–-]$/.test(toks[i - 1].text);
    if (t.pos !== 'PROPN' && (sentStart || t.pos !== 'NOUN')) continue;
    let j = i + 1;
    while (j < toks.length && toks[j].sent === t.sent && !taken[j]) {
      const u = toks[j];
      if (isCap(u) && (u.pos === 'PROPN' || u.pos === 'NOUN') && !CALENDAR.has(u.lower) && !NOT_NAME.has(u.lower)) { j++; continue; }
      if (PARTICLES.has(u.lower) && j + 1 < toks.length && isCap(toks[j + 1]) && toks[j + 1].sent === t.sent) { j += 2; continue; }
      if (/^[A-Z]\.$/.test(u.text)) { j++; continue; } // middle initial
      break;
    }
    // a lower-case particle after a title or honorific starts the name ("Mayor de Blasio")
    let first = i;
    if (i >= 2 && PARTICLES.has(toks[i - 1].text) && toks[i - 1].sent === t.sent && !taken[i - 1] &&
      (HONORIFICS.has(toks[i - 2].lower) || lex.titles.has(toks[i - 2].lower))) first = i - 1;
    // leading title words belong to a title, not the name ("Foreign Minister Dmytro Kuleba")
    while (first < j - 1 && (lex.titleWords.has(toks[first].lower) || lex.titles.has(toks[first].lower) || lex.countryByDemonym.has(toks[first].lower))) first++;
    if (lex.titleWords.has(toks[first].lower) && first === j - 1 && lex.titles.has(toks[first].lower)) { i = j - 1; continue; }
    // a capitalised word alone at the start of a sentence is a name only if it is also
    // capitalised somewhere mid-sentence ("Diplomats said" vs "Peskov said")
    if (j - first === 1 && sentStart && first === i && !midSentenceCaps(toks).has(toks[first].text)) { i = j - 1; continue; }
    const words = toks.slice(first, j).map((x) => x.lower);
    const lastWord = words[words.length - 1];
    let type: EntityType;
    let rule: string;
    if (ORG_SUFFIX.has(lastWord)) { type = 'ORG'; rule = 'name.caps.org-suffix'; }
    else if (words.every((w) => /^[a-z]*$/.test(w) === false) && toks.slice(first, j).every((x) => /^[A-Z]{2,6}$/.test(x.text))) { type = 'ORG'; rule = 'name.caps.acronym'; }
    else if (j - first >= 2) { type = 'PERSON'; rule = 'name.caps.multi'; }
    else { type = 'OTHER'; rule = 'name.caps.single'; }
    push(first, j, type, type === 'OTHER' ? 0.4 : 0.6, rule);
    i = j - 1;
  }
  out.sort((a, b) => a.first - b.first);
  for (const s of out) s.text = nlp.text.slice(s.start, s.end);
  return out;
}

const capsCache = new WeakMap<Token[], Set<string>>();
/** Capitalised words that occur somewhere other than the start of a sentence. */
function midSentenceCaps(toks: Token[]): Set<string> {
  let set = capsCache.get(toks);
  if (!set) {
    set = new Set();
    for (let k = 1; k < toks.length; k++) {
      if (toks[k].sent === toks[k - 1].sent && !/^["“‘'(—–-]$/.test(toks[k - 1].text) && /^\p{Lu}/u.test(toks[k].text)) set.add(toks[k].text);
    }
    capsCache.set(toks, set);
  }
  return set;
}

function joinTokens(toks: Token[], a: number, b: number): string {
  let s = toks[a].text;
  for (let k = a + 1; k < b; k++) s += (toks[k].start > toks[k - 1].end ? ' ' : '') + toks[k].text;
  return s;
}

export const HONORIFIC_GENDER: Record<string, 'm' | 'f'> = { 'mr.': 'm', mr: 'm', 'mrs.': 'f', mrs: 'f', 'ms.': 'f', ms: 'f', miss: 'f', sir: 'm', dame: 'f', lord: 'm', lady: 'f' };
export { HONORIFICS, CALENDAR, PARTICLES, ORG_SUFFIX };
