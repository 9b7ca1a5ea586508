/**
 * Which time dates a statement: a DATE or TIME in the cue's sentence, outside the
 * statement's content, attached to the cue verb ("said Monday", "told reporters on
 * Tuesday", "on Friday said", "On Friday, the minister said", "warned last week") and not
 * to another clause:
 *   - a time inside a relative clause ("Pelosi, who left Taiwan on Wednesday, has said") or
 *     after a verb of its own ("talks ended on Monday, with both sides saying") dates that
 *     clause's event, not the statement;
 *   - a statement reported by a noun ("French claims that ...", "denied reports that ...")
 *     takes only a time attached to that noun ("claims on Monday that", "Monday's claims");
 *   - a second predicate sharing the subject ("told the assembly on Tuesday that ... and
 *     insisted ...", "urged ..., telling them ...") takes the time of the first one;
 *   - two coordinated times ("told investors in 2014 and again in 2019") date no single
 *     statement.
 */
import type { Range } from '../../core/span.ts';
import type { NlpLayer, Token } from '../../nlp/tokens.ts';
import { cueLexicon } from '../attribution/cue-lexicon.ts';
import type { TimeExpr } from './types.ts';

const MAX_DISTANCE = 14;
const VERBISH = new Set(['VERB', 'AUX']);
const RELATIVE = new Set(['who', 'which', 'whose', 'whom', 'where']);
const CLAUSE_STOP = new Set([',', ';', ':', '—', '–', '--', '(', ')']);
/** Verbs of speaking that frame a statement without being cues themselves ("speaking on Monday"). */
const SPEAKING = new Set(['speak', 'speaks', 'spoke', 'spoken', 'speaking', 'talk', 'talks', 'talked', 'talking']);
/** Words that may join two times of one predicate ("in 2014 and again in 2019"). */
const TIME_JOIN = new Set(['and', 'or', 'again', 'also', 'then', 'later', 'in', 'on', 'at', ',']);

function isVerb(nlp: NlpLayer, k: number): boolean {
  const t = nlp.tokens[k];
  if (!VERBISH.has(t.pos)) return false;
  // a capitalised "verb" inside a sentence is a name wink mis-tagged ("Élisabeth Borne")
  return !(k > nlp.sentences[t.sent].first && /^[A-Z]/.test(t.text));
}

function isSpeechVerb(t: Token): boolean {
  if (SPEAKING.has(t.lower)) return true;
  const entries = cueLexicon().get(t.lower);
  return !!entries && entries.some((e) => !e.noun) && t.pos !== 'NOUN';
}

const inRanges = (rs: Range[], at: number) => rs.some((r) => r.start <= at && at < r.end);

/**
 * The verb a time before the cue follows in its own clause ("closed the plant on Monday"),
 * or -1 when the clause starts before any verb ("Biden on Monday said", "In a statement on
 * Tuesday, ..."). Relative pronouns, subordinators and punctuation end the clause.
 */
function leftVerb(nlp: NlpLayer, a: number, first: number, exclude: Range[]): number {
  for (let k = a - 1; k >= first; k--) {
    const t = nlp.tokens[k];
    if (CLAUSE_STOP.has(t.text) || RELATIVE.has(t.lower) || t.pos === 'SCONJ' || inRanges(exclude, t.start)) return -1;
    if (isVerb(nlp, k)) return k;
  }
  return -1;
}

/** True when a relative clause opens before token `a` and closes (comma) before token `c0`. */
function inRelativeClause(nlp: NlpLayer, a: number, b: number, first: number, c0: number): boolean {
  let r = -1;
  for (let k = a - 1; k >= first; k--) {
    const t = nlp.tokens[k];
    if (RELATIVE.has(t.lower)) { r = k; break; }
    if (t.text === ';' || t.text === ':') break;
  }
  if (r < 0) return false;
  for (let k = b + 1; k < c0; k++) if (nlp.tokens[k].text === ',' || nlp.tokens[k].text === '—') return true;
  return false;
}

interface Cand { t: TimeExpr; a: number; b: number }

export function timeForRange(times: TimeExpr[], nlp: NlpLayer, cue: Range, exclude: Range[]): string | null {
  if (!times.length || !nlp.tokens.length) return null;
  const c0 = nlp.tokenAt(cue.start);
  const c1 = Math.max(c0, nlp.tokenAt(Math.max(cue.start, cue.end - 1)));
  const cueTok = nlp.tokens[c0];
  if (!cueTok) return null;
  const sent = nlp.sentences[cueTok.sent];
  const tokens = nlp.tokens;

  const cands: Cand[] = [];
  for (const t of times) {
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    if (exclude.some((x) => x.start < t.span.end && t.span.start < x.end)) continue;
    // before the cue and enclosed by the content on both sides: part of what was said
    if (t.span.end <= cue.start && exclude.some((x) => x.end <= t.span.start) && exclude.some((x) => x.start >= t.span.end)) continue;
    const a = nlp.tokenAt(t.span.start);
    const b = Math.max(a, nlp.tokenAt(Math.max(t.span.start, t.span.end - 1)));
    if (a < sent.first || b >= sent.last) continue;
    cands.push({ t, a, b });
  }
  if (!cands.length) return null;

  // a time inside the cue ("warned last month") is the cue's own
  const inCue = cands.find((c) => c.t.span.start < cue.end && cue.start < c.t.span.end);
  if (inCue) return inCue.t.id;

  const nounCue = cueTok.pos === 'NOUN' || (cueTok.pos !== 'VERB' && !!cueLexicon().get(cueTok.lower)?.every((e) => e.noun));

  let best: { c: Cand; score: number } | null = null;
  for (const c of cands) {
    const { t, a, b } = c;
    let score: number;
    let between: number[];
    if (a > c1) {
      score = a - c1 - 1;
      between = range(c1 + 1, a);
      // "said in an interview, which was published on Monday, that ...": the relative clause's time
      if (between.some((k) => RELATIVE.has(tokens[k].lower))) continue;
      if (nounCue && score > 1) continue;
    } else {
      score = c0 - b - 1;
      between = range(b + 1, c0);
      score += 0.5; // after the cue is the commoner attachment on ties
      if (nounCue && !(score <= 0.5 && /['’]s$/.test(tokens[b].text + (tokens[b + 1]?.text ?? '')))) continue;
      if (inRelativeClause(nlp, a, b, sent.first, c0)) continue;
      // after a verb of its own ("closed the plant on Monday and said"), the time is that verb's
      const v = leftVerb(nlp, a, sent.first, exclude);
      if (v >= 0 && !isSpeechVerb(tokens[v])) continue;
    }
    // Another verb between the cue and the time: the time likely belongs to that verb.
    const verbs = between.filter((k) => isVerb(nlp, k)).length;
    score += 6 * verbs;
    // A time opening the sentence ("On Friday, the minister said") governs the main clause.
    if (a <= sent.first + 1 && b < c0 && tokens[b + 1]?.text === ',') score = Math.min(score, 3 + 6 * Math.max(0, verbs - 1));
    if (t.value && /_REF$/.test(t.value)) score += 4; // "now" dates a statement only weakly
    if (score > MAX_DISTANCE) continue;
    if (!best || score < best.score) best = { c, score };
  }

  // A second predicate of the same subject ("... and insisted", ", telling them") takes the
  // time of the first when it has none close by.
  if ((!best || best.score > 3) && coordinated(nlp, c0, sent.first)) {
    const head = headTime(nlp, cands, c0, sent.first, exclude);
    if (head) best = { c: head, score: 0 };
  }
  if (!best) return null;
  if (coordinatedTimes(nlp, best.c, cands)) return null;
  return best.c.t.id;
}

/** The cue continues a predicate: "and insisted", "but added", ", telling them". */
function coordinated(nlp: NlpLayer, c0: number, first: number): boolean {
  let p = c0 - 1;
  while (p >= first && nlp.tokens[p].pos === 'ADV') p--;
  if (p < first) return false;
  const t = nlp.tokens[p];
  if (t.lower === 'and' || t.lower === 'but') return true;
  return t.text === ',' && /ing$/.test(nlp.tokens[c0].lower);
}

/**
 * The time of the nearest earlier speech verb of the sentence that has one attached: right
 * after it ("said on Saturday", "told the assembly on Tuesday"), right before it
 * ("Prosecutors on Tuesday urged"), or opening the sentence.
 */
function headTime(nlp: NlpLayer, cands: Cand[], c0: number, first: number, exclude: Range[]): Cand | null {
  const tokens = nlp.tokens;
  for (let v = c0 - 1; v >= first; v--) {
    if (!isVerb(nlp, v) || !isSpeechVerb(tokens[v]) || inRanges(exclude, tokens[v].start)) continue;
    for (const c of cands) {
      if (c.b >= c0) continue;
      const after = c.a > v && c.a - v <= 5 && !range(v + 1, c.a).some((k) => isVerb(nlp, k) || CLAUSE_STOP.has(tokens[k].text) || tokens[k].pos === 'SCONJ');
      const before = c.b < v && v - c.b <= 2 && leftVerb(nlp, c.a, first, exclude) < 0;
      const fronted = c.a <= first + 1 && tokens[c.b + 1]?.text === ',';
      if (after || before || fronted) return c;
    }
  }
  return null;
}

/** "in 2014 and again in 2019": the chosen time has a coordinated twin. */
function coordinatedTimes(nlp: NlpLayer, best: Cand, cands: Cand[]): boolean {
  for (const o of cands) {
    if (o === best) continue;
    const [x, y] = o.a > best.b ? [best, o] : o.b < best.a ? [o, best] : [null, null];
    if (!x || !y) continue;
    const mid = range(x.b + 1, y.a).map((k) => nlp.tokens[k].lower);
    if (mid.length && mid.length <= 4 && mid.some((w) => w === 'and' || w === 'or') && mid.every((w) => TIME_JOIN.has(w))) return true;
  }
  return false;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}
