/**
 * The tense of the clause a time expression sits in, read from the verb group nearest to
 * it in its sentence (wink gives universal POS tags only, so past forms come from the -ed
 * ending and a list of irregular forms).
 */
import type { NlpLayer, Token } from '../../nlp/tokens.ts';
import { FUTURE_CUES, PAST_VERBS } from './lexicon.ts';

/**
 * 'infinitive-past' is an infinitive under a past verb ("declined to comment Friday",
 * "decided to admit them in March"): weekdays read it as past, months take the nearest year.
 * 'prospective' is the weak future of an infinitive after a noun ("an agreement to acquire
 * ... in January", "celebrations to mark ... on Friday"): months read it as future, bare
 * weekdays (overwhelmingly past in news) do not.
 */
export type Tense = 'past' | 'present' | 'future' | 'prospective' | 'infinitive-past';

const BOUNDARY = new Set([';', ':', '—', '--', '–']);
const VERBISH = new Set(['VERB', 'AUX']);
const GROUP = new Set(['VERB', 'AUX', 'PART', 'ADV']);
const PRESENT_AUX = new Set(['is', 'are', 'am', "'s", "'re", 'do', 'does', 'has', 'have', "'ve", 'remains', 'remain']);
const PERFECT = new Set(['has', 'have', "'ve"]);
/** Present-tense reporting verbs: "says Monday" reports a past saying. */
const REPORT_PRESENT = new Set(['says', 'say', 'tells', 'reports', 'announces', 'confirms', 'insists']);

function isVerb(t: Token): boolean {
  return VERBISH.has(t.pos) || PAST_VERBS.has(t.lower) || FUTURE_CUES.get(t.lower) === 'modal';
}

const ED_NOT_PAST = new Set(['need', 'needs', 'proceed', 'succeed', 'exceed', 'speed', 'feed', 'bleed', 'breed', 'shed', 'embed']);

function isPastForm(w: string): boolean {
  return PAST_VERBS.has(w) || (w.length > 3 && w.endsWith('ed') && !ED_NOT_PAST.has(w));
}

/**
 * Tense of the verb group whose last verb is token `v`, or 'nonfinite' for a bare participle
 * or gerund with no auxiliary ("arriving Tuesday"), whose tense comes from elsewhere.
 */
export function groupTense(tokens: Token[], v: number, first: number): Tense | 'nonfinite' {
  // Walk left over the verb group: auxiliaries, adverbs, "not", "to".
  let k = v;
  // (a capitalised "verb" inside the sentence is a name wink mis-tagged: "Élisabeth Borne told")
  while (k - 1 >= first && GROUP.has(tokens[k - 1].pos) && v - (k - 1) <= 4 && !BOUNDARY.has(tokens[k - 1].text)
    && !(k - 1 > first && tokens[k - 1].pos === 'VERB' && /^[A-Z]/.test(tokens[k - 1].text))) k--;
  const group = tokens.slice(k, v + 1);
  // "could not be reached Friday": a negated "could" is the past of "can"
  // (also with a negative subject: "Neither he nor his aides could be reached Friday")
  if (group.some((t) => t.lower === 'could') && (group.some((t) => t.lower === 'not' || t.lower === "n't") || negativeSubject(tokens, k, first))) return 'past';
  for (const t of group) if (FUTURE_CUES.get(t.lower) === 'modal') return 'future';
  // "had been due to expire Friday", "had planned to": a plan in the past perfect has gone by
  const pastPerfect = group.some((t) => t.lower === 'had');
  // "is expected to", "was scheduled for", "plans to": intent before what lies ahead
  for (let i = k; i <= v; i++) {
    const nx = tokens[i + 1];
    if (FUTURE_CUES.get(tokens[i].lower) === 'intent' && nx && (nx.lower === 'to' || nx.lower === 'for') && tokens[i].lower !== 'is' && tokens[i].lower !== 'are') return pastPerfect ? 'past' : 'future';
  }
  // Participles of scheduling make what they govern lie ahead: "has scheduled a news conference Thursday".
  if (group.some((t) => SCHEDULED.has(t.lower)) && !group.some((t) => t.lower === 'had')) return 'future';
  // An infinitive: "to travel Monday" looks ahead of its head verb, unless the head is past
  // ("declined to comment Friday" dates the declining). After a noun ("an agreement to
  // acquire ... in January") it looks ahead.
  const toBefore = group.some((t) => t.lower === 'to') || (k - 1 >= first && tokens[k - 1].lower === 'to');
  if (toBefore) {
    let h = group.some((t) => t.lower === 'to') ? k + group.findIndex((t) => t.lower === 'to') - 1 : k - 2;
    while (h >= first && (tokens[h].pos === 'ADV' || tokens[h].pos === 'PART')) h--;
    if (h >= first && FUTURE_CUES.has(tokens[h].lower)) {
      for (let q = h - 1; q >= first && q >= h - 3; q--) if (tokens[q].lower === 'had') return 'past';
      return 'future';
    }
    if (h >= first && isVerb(tokens[h])) {
      const t = groupTense(tokens, h, first);
      return t === 'past' ? 'infinitive-past' : 'future';
    }
    return 'prospective';
  }
  const finite = group.filter((t) => VERBISH.has(t.pos) || PAST_VERBS.has(t.lower));
  const lead = finite[0] ?? tokens[v];
  if (PERFECT.has(lead.lower)) return 'past';
  if (isPastForm(lead.lower)) return 'past';
  if (REPORT_PRESENT.has(lead.lower)) return 'past';
  if (finite.length <= 1 && /ing$/.test(lead.lower) && lead.pos === 'VERB') return 'nonfinite';
  return 'present';
}

const NEGATIVE_SUBJECT = new Set(['neither', 'nor', 'nobody', 'none', 'never', 'no-one']);

/** A negative word in the subject just before a verb group: "Neither he nor ...", "No one could". */
function negativeSubject(tokens: Token[], k: number, first: number): boolean {
  for (let i = k - 1; i >= first && i >= k - 10; i--) {
    const w = tokens[i].lower;
    // another verb in between: the negative word belongs to another clause ("Nobody doubts the talks could ...")
    if (BOUNDARY.has(tokens[i].text) || w === ',' || isVerb(tokens[i])) return false;
    if (NEGATIVE_SUBJECT.has(w) || (w === 'one' && i > first && tokens[i - 1].lower === 'no')) return true;
  }
  return false;
}

const PREPS = new Set(['for', 'of', 'with', 'without', 'in', 'on', 'at', 'from', 'by', 'after', 'before', 'under', 'into', 'upon']);
const SCHEDULED = new Set(['scheduled', 'planned', 'slated', 'rescheduled']);
const CLAUSE_END = new Set(['that', 'which', 'who', 'whom', 'whose', 'because', 'while', 'when', 'although', 'though', 'if', 'unless', 'whether']);

function scan(nlp: NlpLayer, from: number, step: 1 | -1, a: number, b: number): { tense: Tense; dist: number } | null {
  const tokens = nlp.tokens;
  const sent = nlp.sentences[tokens[a].sent];
  let i = from;
  while (i >= sent.first && i < sent.last) {
    const t = tokens[i];
    if (BOUNDARY.has(t.text)) return null;
    if (step === 1 && (CLAUSE_END.has(t.lower) || t.pos === 'SCONJ') && i > b) return null;
    // leftwards, ", but" / ", and" or a subordinator starts another clause
    if (step === -1 && ((t.pos === 'CCONJ' && i > sent.first && tokens[i - 1].text === ',') || t.pos === 'SCONJ')) return null;
    // a capitalised "verb" inside a sentence is a name wink mis-tagged ("Roe v. Wade"), and a
    // bare "verb" right after a preposition a noun ("for comment", "in response")
    const named = i > sent.first && /^[A-Z][a-z]/.test(t.text) && !PAST_VERBS.has(t.lower) && !FUTURE_CUES.has(t.lower);
    const afterPrep = i > sent.first && PREPS.has(tokens[i - 1].lower) && !/ing$/.test(t.lower) && !PAST_VERBS.has(t.lower);
    if (isVerb(t) && !named && !afterPrep) {
      // the last verb of the group that holds token i
      let j = i;
      while (j + 1 < sent.last && isVerb(tokens[j + 1]) && j - i < 3) j++;
      let g0 = j;
      while (g0 - 1 >= sent.first && GROUP.has(tokens[g0 - 1].pos) && !BOUNDARY.has(tokens[g0 - 1].text) && j - (g0 - 1) <= 4) g0--;
      const t2 = groupTense(tokens, j, sent.first);
      if (t2 !== 'nonfinite') return { tense: t2, dist: step === -1 ? a - j : i - b + 1 };
      i = step === -1 ? g0 - 1 : j + 1;
      continue;
    }
    i += step;
  }
  return null;
}

/**
 * Tense of the clause around tokens [a, b): the verb group before it in its sentence
 * (participles and gerunds skipped), else the first one after it in the same clause;
 * null without a verb.
 */
export function clauseTense(nlp: NlpLayer, a: number, b: number): Tense | null {
  const tokens = nlp.tokens;
  if (a >= tokens.length) return null;
  const left = scan(nlp, a - 1, -1, a, b);
  const right = scan(nlp, b, 1, a, b);
  // A time between a subject and its verb belongs to that verb, not to a verb further left:
  // in "said the army on Friday will withdraw" the reported clause's tense dates Friday
  // ("said on Friday" and "said Friday" stay with the reporting verb).
  if (left && right && right.dist === 1 && left.dist > 2) return right.tense;
  if (left && (left.dist <= 10 || !right)) return left.tense;
  if (right) return right.tense;
  return left ? left.tense : null;
}
