/**
 * Attribution: finds every statement (cue, content, source span) in a document.
 *
 * The learned models (./models.ts, trained on PolNeAR) propose cue, content and source
 * spans; rules then shape them into statements:
 *  - attr.model             a statement proposed by the models
 *  - attr.quote.marks       a direct quote's content widened to include its quotation marks
 *  - attr.quote.multipara   a quotation running over paragraphs is taken whole
 *  - attr.quote.standalone  a quotation filling a paragraph, after a paragraph with a
 *                           statement, is attributed to that statement's source
 *  - attr.quote.dash       a quotation signed with a dash and a name (“...” — Jane Doe)
 *  - attr.headline.colon   a headline "Name: what they said" (the colon is the cue)
 *  - attr.source.dash      a quotation, a dash, then the speaker before the cue (“...” — a
 *                           ministry spokeswoman, Liu Meiling, told reporters): that speaker
 *  - attr.source.inner     a report inside another statement's content takes the subject
 *                           right before its cue, not the outer statement's source ("Ryabkov said
 *                           the American side had assured him that ...")
 *  - attr.source.subject    a short noun phrase glued left of the cue is its source, not content
 *  - attr.content.partial-quote  a content starting at a quotation opened just after the cue
 *                           takes the words before it ("said an invasion “could happen ...”")
 *  - attr.cue.aux          auxiliaries and adverbs before a cue verb join the cue ("has also said")
 *  - attr.source.dropped    a source that is only a function word ("a") is dropped
 *  - (filtered)             "speaking on condition of anonymity" is not a statement
 *  - attr.filter.name      (filtered) a name in quotation marks after a cue that reports
 *                           nothing: a title ("titled “Thin Ice”"), a term ("so-called “snow
 *                           farming”")
 *  - attr.filter.relative   (filtered) a cue noun whose that-clause is a relative clause with a
 *                           report of its own ("a demand that the US has said is a non-starter")
 *                           reports nothing; the report inside stays
 *  - attr.nested.noun       a reported claim inside a statement's content ("French claims
 *                           that ...", "reports that ...") becomes a statement of its own
 *  - attr.nested.verb       a report inside a report ("Two diplomats said Scholz had told von
 *                           der Leyen that ..."): the outer content starts at the inner subject,
 *                           and the inner report is a statement of its own, within the outer
 * The speech act comes from the cue lexicon (act.lexicon.<lemma>), type from the quotation
 * marks inside the content (type.direct / type.mixed / type.indirect).
 */
import { readFileSync } from 'node:fs';
import type { SpeechAct, StatementType } from '../../core/contract.ts';
import type { Range } from '../../core/span.ts';
import type { Quotation } from '../../nlp/quotes.ts';
import { decodeAttributions, type RawAttribution } from './decode.ts';
import { matchCue, type CueEntry } from './cue-lexicon.ts';
import { unpackModels, type AttributionModels } from './models.ts';
import type { Prepared } from './prepare.ts';

export interface StatementDraft {
  cue: Range | null;
  content: Range[];
  source: Range | null;
  act: SpeechAct;
  type: StatementType;
  confidence: number;
  rules: string[];
  /** The statement this one was found inside (nested claims), else null. */
  parent: StatementDraft | null;
  /** An earlier statement whose source this one inherits (standalone quotes), else null. */
  inheritsSource: StatementDraft | null;
}

let shipped: AttributionModels | null = null;

/** The trained models shipped in models/attribution.bin, loaded once. */
export function attributionModels(): AttributionModels {
  return (shipped ??= loadShippedModels());
}

function loadShippedModels(): AttributionModels {
  const url = new URL('../../../models/attribution.bin', import.meta.url);
  // 16-bit weights: 8 MB instead of 16 MB, the same decisions (test/extract/models.test.ts);
  // one copy for all the threads of a process (src/learn/shared.ts)
  return unpackModels(readFileSync(url), { quantise: true, share: 'attribution' });
}

/** Makes the shipped models' weight tables (for `makeSharedTables`) without keeping the models. */
export function loadAttributionTables(): void {
  loadShippedModels();
}

const OPENING = /^["“‘'«‹„]|^''/;
const BOILERPLATE = /^(?:the\s+)?(?:condition|conditions)\s+(?:of|that)\s+(?:anonymity|they not be named|he not be named|she not be named)/i;
const FUNCTION_WORD = /^(a|an|the|this|that|of|to|in|on|and|or|but|as|at|by|for)$/;

function tokRange(p: Prepared, first: number, last: number): Range {
  return { start: p.nlp.tokens[first].start, end: p.nlp.tokens[last - 1].end };
}

/** The outermost quotation that a content range lies within (between or on its marks). */
function enclosingQuote(quotes: Quotation[], r: Range): Quotation | null {
  for (const q of quotes) {
    if (q.depth > 0) continue;
    if (q.start <= r.start && r.end <= q.end) return q;
    if (q.start > r.end) break;
  }
  return null;
}

/**
 * A content range that starts right after an opening mark and ends at (or just before) the
 * closing mark of the same quotation is widened to include both marks; a quotation running
 * over paragraphs is taken whole.
 */
function widenToQuote(p: Prepared, r: Range, rules: Set<string>): Range {
  const q = enclosingQuote(p.quotes, r);
  if (!q) return r;
  const text = p.doc.text;
  const before = text.slice(q.inner.start, r.start);
  const after = text.slice(r.end, q.inner.end);
  if (/^[\s]*$/.test(before) && /^[\s.,;:!?…—–-]*$/.test(after)) {
    if (q.paragraphs > 1) rules.add('attr.quote.multipara');
    rules.add('attr.quote.marks');
    return { start: q.start, end: q.end };
  }
  if (q.paragraphs > 1 && /^[\s]*$/.test(before)) {
    rules.add('attr.quote.multipara');
    return { start: q.start, end: q.end };
  }
  return r;
}

export function statementType(text: string, quotes: Quotation[], content: Range[]): StatementType {
  let quoted = 0, total = 0, any = false;
  for (const c of content) {
    total += c.end - c.start;
    for (const q of quotes) {
      if (q.depth > 0 || q.end <= c.start || q.start >= c.end) continue;
      const a = Math.max(q.start, c.start), b = Math.min(q.end, c.end);
      quoted += b - a;
      if (q.words >= 1) any = true;
    }
  }
  if (!any) return 'indirect';
  // direct when the quotations cover the content but for a little punctuation around them
  const outside = total - quoted;
  return outside <= 3 * content.length && OPENING.test(text.slice(content[0].start).trimStart()) ? 'direct' : quoted / total > 0.97 ? 'direct' : 'mixed';
}

/** The rule id of a cue lexicon entry (act.lexicon.<lemma>, words joined by dashes). */
const lexiconRule = (lemma: string) => `act.lexicon.${lemma.replace(/\s+/g, '-')}`;

/** Speech act of a cue from the lexicon; "other" when no word of the cue is known. */
export function cueAct(p: Prepared, first: number, last: number): { act: SpeechAct; rule: string } {
  const words = p.f.lower;
  for (let i = first; i < last; i++) {
    const m = matchCue(words, i);
    if (m) return { act: m.act, rule: lexiconRule(m.lemma) };
  }
  return { act: 'other', rule: 'act.unknown' };
}

export function extractAttributions(p: Prepared, models: AttributionModels = attributionModels()): StatementDraft[] {
  const text = p.doc.text;
  const drafts: StatementDraft[] = [];
  for (const raw of decodeAttributions(models, p)) {
    const rules = new Set<string>(['attr.model']);
    subjectAsSource(p, raw, rules);
    extendToPartialQuote(p, raw, rules);
    extendCueLeft(p, raw.cue, raw.source, raw.content, rules);
    const content = raw.content
      .map((s) => widenToQuote(p, tokRange(p, s.first, s.last), rules))
      .sort((a, b) => a.start - b.start);
    // merge pieces that overlap after widening
    const merged: Range[] = [];
    for (const c of content) {
      const last = merged[merged.length - 1];
      if (last && c.start <= last.end) last.end = Math.max(last.end, c.end);
      else merged.push({ ...c });
    }
    // "speaking on condition of anonymity" describes a source; it reports nothing
    if (merged.length === 1 && BOILERPLATE.test(text.slice(merged[0].start, merged[0].end))) continue;
    const { act, rule } = cueAct(p, raw.cue.first, raw.cue.last);
    // a name in quotation marks is no statement: a title (“titled ‘Thin Ice’”), a term
    // (“so-called ‘snow farming’”)
    if (act === 'other' && isQuotedName(p, merged, raw.cue)) continue;
    rules.add(rule);
    // a source that is only a determiner or a function word is no source
    let source = raw.source ? tokRange(p, raw.source.first, raw.source.last) : null;
    if (source && raw.source!.last - raw.source!.first === 1 && FUNCTION_WORD.test(p.f.lower[raw.source!.first])) {
      source = null;
      rules.add('attr.source.dropped');
    }
    const type = statementType(text, p.quotes, merged);
    rules.add(`type.${type}`);
    const confidence = Math.max(0.05, Math.min(0.99, 1 / (1 + Math.exp(-(raw.margin * models.content.scale) / 4))));
    drafts.push({
      cue: tokRange(p, raw.cue.first, raw.cue.last),
      content: merged,
      source,
      act, type, confidence: Math.round(confidence * 100) / 100,
      rules: [...rules],
      parent: null,
      inheritsSource: null,
    });
  }
  for (const d of drafts) if (!d.source) sourceAfterDash(p, d);
  addCoordinatedReports(p, drafts);
  for (const d of drafts) directiveObject(p, d);
  addNestedReports(p, drafts);
  for (const d of drafts) innerSubject(p, d, drafts);
  addDashSignatures(p, drafts);
  addHeadlineColon(p, drafts);
  addStandaloneQuotes(p, drafts);
  addNestedClaims(p, drafts);
  addNestedDemands(p, drafts);
  for (let k = drafts.length - 1; k >= 0; k--) if (isRelativeReport(p, drafts[k])) drafts.splice(k, 1);
  drafts.sort((a, b) => a.content[0].start - b.content[0].start);
  return drafts;
}

/**
 * attr.filter.relative: "a demand that the United States has said is a non-starter". After a
 * cue noun, "that" + subject + reporting verb + a verb straight after it (the reported clause
 * has no subject: "that" fills it) is a relative clause, not the noun's content.
 */
function isRelativeReport(p: Prepared, d: StatementDraft): boolean {
  if (!d.cue || d.content.length !== 1) return false;
  const toks = p.nlp.tokens, lower = p.f.lower;
  const c1 = p.nlp.tokenAt(d.cue.end - 1);
  if (toks[c1].pos !== 'NOUN' || c1 + 1 >= toks.length || lower[c1 + 1] !== 'that') return false;
  const t = c1 + 1;
  const c = p.nlp.tokenAt(d.content[0].start);
  if (c !== t && c !== t + 1) return false;
  const sent = toks[t].sent;
  const same = (k: number) => k < toks.length && toks[k].sent === sent;
  let k = t + 1;
  while (same(k) && k - t <= 6 && !/^(VERB|AUX)$/.test(toks[k].pos)) k++;
  if (k === t + 1 || !same(k)) return false;
  while (same(k) && !p.f.cueAct[k] && (toks[k].pos === 'AUX' || toks[k].pos === 'ADV' || toks[k].pos === 'PART')) k++;
  if (!same(k) || !p.f.cueAct[k] || toks[k].pos !== 'VERB') return false;
  const next = k + Math.max(1, p.f.cueLen[k]);
  return same(next) && (toks[next].pos === 'AUX' || toks[next].pos === 'VERB');
}

/**
 * attr.source.dash: “...” — Katrin Amstutz, director of the office, said in a statement.
 * A statement without a source, with a quotation before its cue that is followed by a dash:
 * the words between the dash and the cue are the source (taken out of the content when the
 * model ran the content on over them).
 */
function sourceAfterDash(p: Prepared, d: StatementDraft): void {
  if (!d.cue) return;
  const text = p.doc.text;
  const k = d.content.findIndex((c) => c.end <= d.cue!.start && /^[\s,]*$/.test(text.slice(c.end, d.cue!.start)));
  const piece = k >= 0 ? d.content[k] : null;
  for (const q of p.quotes) {
    if (q.depth > 0 || !q.closed || q.end > d.cue.start) continue;
    if (piece ? q.inner.start < piece.start || q.end > piece.end : !d.content.some((c) => c.start <= q.inner.start && q.end === c.end)) continue;
    const dash = /^\s*[―—–]\s*/.exec(text.slice(q.end, d.cue.start));
    if (!dash) continue;
    const start = q.end + dash[0].length;
    let stop = d.cue.start;
    while (stop > start && /[\s,]/.test(text[stop - 1])) stop--;
    const words = text.slice(start, stop);
    if (stop <= start || words.length > 120 || /[.!?;\n“”"]/.test(words) || !/^(\p{Lu}|(a|an|the|two|three|several)\s)/u.test(words)) continue;
    if (piece) {
      // the content is now the quotation, marks included (attr.quote.marks)
      d.content[k] = { start: piece.start === q.inner.start ? q.start : piece.start, end: q.end };
      const type = statementType(text, p.quotes, d.content);
      d.rules = d.rules.filter((r) => !r.startsWith('type.')).concat(`type.${type}`);
      d.type = type;
    }
    d.source = { start, end: stop };
    d.rules.push('attr.source.dash');
    return;
  }
}

const NAMING = /^(titled|entitled|named|dubbed|labell?ed|nicknamed|billed|branded|known)$/i; // not "called": "he called it “a disgrace”" is a statement

/**
 * attr.filter.name: the content is one quotation that names something — after a naming verb
 * ("titled", "dubbed"; up to twelve words), or after "so-called".
 */
function isQuotedName(p: Prepared, content: Range[], cue: { first: number; last: number }): boolean {
  if (content.length !== 1) return false;
  const text = p.doc.text;
  const c = content[0];
  const body = text.slice(c.start, c.end).trim();
  if (/^so[- ]called\s+["“‘'«][^"“”«»]{1,60}["”’'»]?[.,;:!?]?$/i.test(body)) return true;
  if (!/^["“‘'«]/.test(body) || !/["”’'»][.,;:!?]?$/.test(body)) return false;
  return NAMING.test(p.f.lower[cue.last - 1] ?? '') && body.split(/\s+/).length <= 12;
}

const HEADLINE_LABEL = /^(the latest|update[ds]?|watch|listen|exclusive|analysis|breaking|breaking news|video|photos?|live|opinion|editorial|editor.?s note|related|read more|correction|fact check|explainer|q&a|poll results)$/i;

/**
 * attr.headline.colon: "Lynch: No outside influence on FBI probe", "Trump: ‘I’m the worst
 * thing that ever happened to the establishment’". In the first paragraph (the headline), a
 * short noun phrase with no verb, then a colon: the phrase is the source, the colon the cue,
 * the rest the content. Labels ("UPDATE:", "Analysis:") are not sources.
 */
function addHeadlineColon(p: Prepared, drafts: StatementDraft[]): void {
  const para = p.doc.paragraphs[0];
  if (!para) return;
  const text = p.doc.text;
  const line = text.slice(para.start, para.end);
  const m = /^(\s*)([^:\n]{2,60}?)\s*:\s+(?=\S)/.exec(line);
  if (!m) return;
  const name = m[2];
  if (HEADLINE_LABEL.test(name.trim()) || !/^[\p{Lu}\d]/u.test(name)) return;
  const colon = para.start + m[0].lastIndexOf(':');
  if (drafts.some((d) => d.cue && d.cue.start >= para.start && d.cue.end <= para.end)) return;
  const toks = p.nlp.tokens;
  const first = p.nlp.tokenAt(para.start + m[1].length);
  const colonTok = p.nlp.tokenAt(colon);
  if (colonTok - first < 1 || colonTok - first > 6) return;
  for (let i = first; i < colonTok; i++) if (toks[i].pos === 'VERB' || toks[i].pos === 'AUX') return;
  const start = colon + 1 + (/^\s*/.exec(text.slice(colon + 1))?.[0].length ?? 0);
  let end = text.indexOf('\n', start);
  if (end < 0 || end > para.end) end = para.end;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end - start < 8) return;
  addRuleDraft(p, drafts, {
    cue: { start: colon, end: colon + 1 },
    content: [{ start, end }],
    source: { start: para.start + m[1].length, end: para.start + m[1].length + name.length },
    act: 'say', confidence: 0.7,
    rules: ['attr.headline.colon'],
    parent: null,
  });
}

const SUBJECT_WORD = /^(NOUN|PROPN|ADJ|DET|NUM|PART)$/;

/** attr.source.inner: see the list at the top. */
function innerSubject(p: Prepared, d: StatementDraft, drafts: StatementDraft[]): void {
  if (!d.cue) return;
  const cue = d.cue;
  const holds = (c: Range) => c.start <= cue.start && cue.end <= c.end;
  const piece = drafts.find((o) => o !== d && o.content.some(holds))?.content.find(holds);
  if (!piece) return;
  if (d.source && d.source.start >= piece.start && d.source.end <= piece.end) return;
  const toks = p.nlp.tokens;
  const v = p.nlp.tokenAt(cue.start);
  const a = p.nlp.tokenAt(piece.start);
  let first = v;
  while (first > a && v - first < 6 && SUBJECT_WORD.test(toks[first - 1].pos) && !p.f.quote[first - 1]) first--;
  if (first === v || !toks.slice(first, v).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) return;
  // the subject starts the clause: at the content's start, or after "that" / a comma
  if (first > a && !/^(that|,)$/.test(p.f.lower[first - 1]) && toks[first - 1].pos !== 'VERB') return;
  d.source = { start: toks[first].start, end: toks[v - 1].end };
  d.rules.push('attr.source.inner');
}

/** Auxiliaries between a reported subject and its verb ("Scholz had told"). */
const NESTED_AUX = /^(had|has|have|would|['’]d)$/;
/** Acts of a verb that reports speech (a belief or a wish is not told to anyone). */
const REPORTING_ACTS: ReadonlySet<SpeechAct> = new Set(['say', 'claim', 'deny', 'promise', 'warn', 'threaten', 'demand', 'estimate', 'accuse']);

/**
 * A reporting verb at token `i` ("told", "said", "warned"), with the act and rule of its
 * lexicon entry, or null.
 */
function reportingVerb(p: Prepared, i: number): { act: SpeechAct; rule: string } | null {
  if (p.nlp.tokens[i]?.pos !== 'VERB') return null;
  const m = matchCue(p.f.lower, i, false);
  return m && REPORTING_ACTS.has(m.act) ? { act: m.act, rule: lexiconRule(m.lemma) } : null;
}

/**
 * The subject of a reported clause in tokens [a, b): a short noun phrase ("Scholz", "the
 * chancellor", "he") in one sentence, with no quotation mark; then auxiliaries. Returns the
 * end of the noun phrase (where the auxiliaries start), or −1.
 */
function reportedSubject(p: Prepared, a: number, b: number): number {
  const toks = p.nlp.tokens;
  let e = b;
  while (e > a && NESTED_AUX.test(p.f.lower[e - 1])) e--;
  if (e <= a || e - a > 5 || toks[a].sent !== toks[b].sent) return -1;
  let head = false;
  for (let k = a; k < e; k++) {
    if (p.f.quote[k] || !(SUBJECT_WORD.test(toks[k].pos) || toks[k].pos === 'PRON')) return -1;
    if (toks[k].pos === 'NOUN' || toks[k].pos === 'PROPN' || toks[k].pos === 'PRON') head = true;
  }
  return head ? e : -1;
}

/**
 * attr.nested.verb: "Two EU diplomats said Scholz had told von der Leyen on Tuesday that
 * Berlin could accept a cap": the models give the outer cue a content starting at "that"
 * (skipping what the inner subject told whom), or give the inner cue the outer source. Here
 * both become statements: the outer's content starts at the inner subject, and the inner one
 * (its subject as source, the same that-clause as content) is within it.
 */
function addNestedReports(p: Prepared, drafts: StatementDraft[]): void {
  const n = drafts.length;
  for (let k = 0; k < n; k++) {
    const d = drafts[k];
    if (!d.cue || d.content.length !== 1 || d.parent) continue;
    const t = p.nlp.tokenAt(d.content[0].start);
    const cueEnd = p.nlp.tokenAt(d.cue.end);
    if (p.f.lower[t] !== 'that' || !reportingVerb(p, cueEnd - 1)) continue;
    if (!nestAfterCue(p, drafts, d, cueEnd, t)) nestBeforeCue(p, drafts, d, cueEnd);
  }
  for (let k = 0; k < n; k++) nestAfterAndThat(p, drafts, drafts[k]);
  for (let k = 0; k < n; k++) nestBelief(p, drafts, drafts[k]);
}

/** Verbs of a belief or a wish that a report can relay ("believes", "wanted", "hopes"). */
const MIND_VERBS = new Set(['believe', 'think', 'feel', 'doubt', 'hope', 'want', 'wish', 'intend']);

/**
 * attr.nested.belief: "The president still believes there is room for diplomacy, the official
 * added"; "An aide said the president believed the reform was “indispensable” and that ...":
 * a report that relays what someone else believes or wants. The believer (a noun phrase
 * starting the reported clause, not a pronoun: "he said he believed" is the speaker hedging)
 * gets a statement of that belief, within the report; it runs to the end of the report or to
 * an "and that" that starts another clause.
 */
function nestBelief(p: Prepared, drafts: StatementDraft[], d: StatementDraft): void {
  if (!d.cue || d.content.length !== 1 || d.parent) return;
  const cueLast = p.nlp.tokenAt(d.cue.end) - 1;
  if (!reportingVerb(p, cueLast)) return;
  const toks = p.nlp.tokens, lower = p.f.lower;
  const a = p.nlp.tokenAt(d.content[0].start), b = p.nlp.tokenAt(d.content[0].end);
  const s = lower[a] === 'that' ? a + 1 : a;
  if (s >= b || toks[s].pos === 'PRON') return;
  for (let v = s + 1; v < b && v - s <= 7; v++) {
    if (toks[v].pos !== 'VERB') continue;
    const m = matchCue(lower, v, false);
    if (!m || !MIND_VERBS.has(m.lemma)) return;
    // "still", "also": adverbs between the believer and the verb
    let e = v;
    while (e > s + 1 && toks[e - 1].pos === 'ADV') e--;
    const subjEnd = reportedSubject(p, s, e);
    if (subjEnd < 0 || draftWithCueAt(p, drafts, v)) return;
    const c = v + m.length;
    let end = b;
    for (let k = c + 1; k < b - 1; k++) if (lower[k] === 'and' && lower[k + 1] === 'that') { end = k; break; }
    while (end > c && (lower[end - 1] === ',' || lower[end - 1] === ';')) end--;
    if (end - c < 2 || toks[c].sent !== toks[v].sent) return;
    addRuleDraft(p, drafts, {
      cue: { start: toks[subjEnd].start, end: toks[c - 1].end },
      content: [{ start: toks[c].start, end: toks[end - 1].end }],
      source: { start: toks[s].start, end: toks[subjEnd - 1].end },
      act: m.act, confidence: d.confidence,
      rules: ['attr.nested.belief', lexiconRule(m.lemma)],
      parent: d,
    });
    return;
  }
}

/**
 * attr.nested.and-that: "Okafor said the span had run out of time and that engineers had
 * warned the council two years ago that its steel supports were corroding": a second
 * that-clause of the report holds a report of its own (its subject, a reporting verb). That
 * one becomes a statement within the outer: its content is its own that-clause (or, after a
 * directive verb, its object and infinitive: "and that Biden had asked his team to keep every
 * channel open") to the end of the outer content.
 */
function nestAfterAndThat(p: Prepared, drafts: StatementDraft[], d: StatementDraft): void {
  if (!d.cue || d.content.length !== 1 || d.content[0].start < d.cue.end || !reportingVerb(p, p.nlp.tokenAt(d.cue.end) - 1)) return;
  const toks = p.nlp.tokens, lower = p.f.lower;
  const a = p.nlp.tokenAt(d.content[0].start), b = p.nlp.tokenAt(d.content[0].end);
  for (let t = a + 2; t < b - 2; t++) {
    if (lower[t] !== 'that' || lower[t - 1] !== 'and' || p.f.quote[t]) continue;
    let v = t + 2;
    while (v < b && v - t <= 7 && !reportingVerb(p, v)) v++;
    const inner = v < b ? reportingVerb(p, v) : null;
    if (!inner || draftWithCueAt(p, drafts, v)) continue;
    const subjEnd = reportedSubject(p, t + 1, v);
    if (subjEnd < 0) continue;
    const m = matchCue(lower, v, false)!;
    const cueEnd = v + m.length;
    // its own that-clause, within a few words (whom it was told, when); after a directive
    // verb, what follows it. Not an infinitive alone: "had agreed to stay in contact" is no report
    let c = cueEnd;
    if (!DIRECTIVE.has(m.lemma)) {
      let th = cueEnd;
      while (th < b && th - cueEnd <= 8 && lower[th] !== 'that' && !p.f.punct[th] && !p.f.quote[th]) th++;
      if (lower[th] !== 'that') continue;
      c = th;
    }
    if (c >= b || toks[c].sent !== toks[v].sent) continue;
    directiveObject(p, addRuleDraft(p, drafts, {
      cue: { start: toks[subjEnd].start, end: toks[cueEnd - 1].end }, // with its auxiliaries
      content: [{ start: toks[c].start, end: d.content[0].end }],
      source: { start: toks[t + 1].start, end: toks[subjEnd - 1].end },
      act: inner.act, confidence: d.confidence,
      rules: ['attr.nested.and-that', inner.rule],
      parent: d,
    }));
    return;
  }
}

/** A past form of a cue verb ("urged", "told"), not its base, -s or -ing form. */
function pastCueVerb(p: Prepared, i: number): Readonly<CueEntry> | null {
  if (p.nlp.tokens[i]?.pos !== 'VERB') return null;
  const m = matchCue(p.f.lower, i, false);
  const w = p.f.lower[i];
  return m && w !== m.lemma.split(' ')[0] && !/(s|ing)$/.test(w) ? m : null;
}

/** An -ing form of a cue verb ("rejecting", "saying"). */
function participleCueVerb(p: Prepared, i: number): Readonly<CueEntry> | null {
  if (p.nlp.tokens[i]?.pos !== 'VERB' || !p.f.lower[i].endsWith('ing')) return null;
  return matchCue(p.f.lower, i, false);
}

const COORD_SKIP = /^(also|then|later|further|again|repeatedly|publicly)$/;

/**
 * attr.coord.verb: "The SNCF said only one in three trains would run, and advised passengers
 * to postpone their journeys": one subject, two reporting verbs joined by "and" (both past
 * forms), or a report followed by a participle ("China said …, rejecting calls … and accusing
 * Washington …"). The first statement's content ends before the "and" or the comma (the
 * models ran it on to the sentence end); the second verb's statement (made here when the
 * models gave none) takes the same source. All in one sentence.
 */
function addCoordinatedReports(p: Prepared, drafts: StatementDraft[]): void {
  const toks = p.nlp.tokens, lower = p.f.lower;
  // drafts made here are looked at too: "rejecting calls ... and accusing Washington ..."
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k];
    if (!d.cue || d.content.length !== 1 || d.parent || d.content[0].start < d.cue.end) continue;
    const cueLast = p.nlp.tokenAt(d.cue.end) - 1;
    const participle = !pastCueVerb(p, cueLast);
    if (participle && !participleCueVerb(p, cueLast)) continue;
    const a = p.nlp.tokenAt(d.content[0].start), b = p.nlp.tokenAt(d.content[0].end);
    const sent = p.nlp.sentences[toks[cueLast].sent];
    // the "and" inside the content, or just after it (", and asked ...")
    let after = b;
    while (after < sent.last && (lower[after] === ',' || lower[after] === ';')) after++;
    for (let j = a + 2; j <= after && j < sent.last - 2; j++) {
      // "and" with a past form ("and advised"), or a comma with a participle (", rejecting")
      if ((lower[j] !== 'and' && lower[j] !== ',') || p.f.quote[j]) continue;
      let v = j + 1;
      while (v < sent.last && COORD_SKIP.test(lower[v])) v++;
      // after "and", the form of the first verb ("said … and urged", "rejecting … and accusing")
      const m = lower[j] === 'and' && !participle ? pastCueVerb(p, v) : participleCueVerb(p, v);
      if (!m) continue;
      const cueEnd = v + m.length;
      // the second verb's content runs to the first one's end, or to the sentence's
      let restEnd = j < b ? b : sent.last;
      while (restEnd > cueEnd && p.f.punct[restEnd - 1] && !p.f.quote[restEnd - 1]) restEnd--;
      if (restEnd <= cueEnd) break;
      const rest = { start: toks[cueEnd].start, end: toks[restEnd - 1].end };
      if (j < b) {
        // the first content ends before the "and" (and a comma before it)
        let e = j;
        while (e > a && (lower[e - 1] === ',' || lower[e - 1] === ';')) e--;
        d.content = [{ start: d.content[0].start, end: toks[e - 1].end }];
        setType(p, d);
        if (!d.rules.includes('attr.coord.verb')) d.rules.push('attr.coord.verb');
      }
      const other = draftWithCueAt(p, drafts, v);
      if (other) {
        // no source, or one that ran over the first verb ("Prosecutors on Tuesday urged jurors …")
        const over = other.source && other.source.start <= d.cue.start && other.source.end >= d.cue.end;
        if (d.source && (!other.source || over)) { other.source = { ...d.source }; other.rules.push('attr.coord.verb', 'attr.coord.source'); }
      } else {
        addRuleDraft(p, drafts, {
          cue: { start: toks[v].start, end: toks[cueEnd - 1].end },
          content: [rest],
          source: d.source ? { ...d.source } : null,
          act: m.act, confidence: d.confidence,
          rules: ['attr.coord.verb', lexiconRule(m.lemma)],
          parent: null,
        });
      }
      break;
    }
  }
}

/** Cue verbs that take an object and an infinitive: "urged them not to stop", "asked the league to reconsider". */
const DIRECTIVE = new Set(['urge', 'ask', 'advise', 'tell', 'call on', 'order', 'press', 'encourage', 'instruct', 'implore', 'exhort', 'invite', 'remind', 'appeal']);
const OBJECT_WORD = /^(DET|PRON|NOUN|PROPN|ADJ|NUM|PART)$/;

/**
 * attr.directive.object: the content of "urged them not to stop taking the medicine" is
 * "them not to stop ...", whom the demand is made of included (the models start it at "to").
 * A verb the lexicon gives another act ("asked", "told") is a demand in this form
 * (act.directive): "asked the league to reconsider its calendar".
 */
function directiveObject(p: Prepared, d: StatementDraft): void {
  if (!d.cue || d.content.length !== 1 || d.content[0].start < d.cue.end) return;
  const lower = p.f.lower, toks = p.nlp.tokens;
  const c0 = p.nlp.tokenAt(d.cue.start);
  const m = matchCue(lower, c0, false) ?? matchCue(lower, p.nlp.tokenAt(d.cue.end) - 1, false);
  if (!m || !DIRECTIVE.has(m.lemma)) return;
  const after = p.nlp.tokenAt(d.cue.end), start = p.nlp.tokenAt(d.content[0].start);
  // the object: up to six noun-phrase words after the cue, then "(not) to" and a verb
  let t = after;
  while (t < toks.length && t - after < 6 && lower[t] !== 'to' && lower[t] !== 'not' && OBJECT_WORD.test(toks[t].pos) && !p.f.quote[t]) t++;
  const to = lower[t] === 'not' ? t + 1 : t;
  if (t === after || lower[to] !== 'to' || toks[to + 1]?.pos !== 'VERB' || toks[to].sent !== toks[after].sent) return;
  if (start === t) {
    // the models started the content at "to": the object goes in
    d.content = [{ start: toks[after].start, end: d.content[0].end }];
    d.rules.push('attr.directive.object');
  } else if (start !== after) {
    return;
  }
  if (d.act !== 'demand') {
    d.act = 'demand';
    d.rules = d.rules.filter((r) => !r.startsWith('act.')).concat('act.directive');
  }
}

/** The draft whose cue covers token `i`, if any. */
function draftWithCueAt(p: Prepared, drafts: StatementDraft[], i: number): StatementDraft | undefined {
  const tok = p.nlp.tokens[i];
  return drafts.find((x) => x.cue && x.cue.start <= tok.start && tok.end <= x.cue.end);
}

/**
 * `d` is the outer report ("said"), its content the that-clause at `t`: the inner subject, a
 * reporting verb and its object come between. Adds the inner statement; false if none.
 */
function nestAfterCue(p: Prepared, drafts: StatementDraft[], d: StatementDraft, cueEnd: number, t: number): boolean {
  const toks = p.nlp.tokens;
  for (let v = cueEnd + 1; v < t && v - cueEnd <= 8; v++) {
    const inner = reportingVerb(p, v);
    if (!inner) continue;
    const subjEnd = reportedSubject(p, cueEnd, v);
    if (subjEnd < 0 || draftWithCueAt(p, drafts, v) || toks.slice(v + 1, t).some((x, j) => p.f.quote[v + 1 + j] || x.sent !== toks[t].sent)) return false;
    addRuleDraft(p, drafts, {
      cue: { start: toks[subjEnd].start, end: toks[v].end }, // with its auxiliaries
      content: [{ ...d.content[0] }],
      source: { start: toks[cueEnd].start, end: toks[subjEnd - 1].end },
      act: inner.act, confidence: d.confidence,
      rules: ['attr.nested.verb', inner.rule],
      parent: d,
    });
    d.content = [{ start: toks[cueEnd].start, end: d.content[0].end }];
    setType(p, d);
    d.rules.push('attr.nested.verb');
    return true;
  }
  return false;
}

/**
 * `d` is the inner report ("had told"), whose source took the outer source, the outer verb
 * and the inner subject ("One of them said Scholz"), or whose source is followed by them. The
 * outer verb's statement (made here, or one it already had of a quotation at the end: “a
 * railway to nowhere.”) reports the whole clause, and `d` takes the inner subject.
 */
function nestBeforeCue(p: Prepared, drafts: StatementDraft[], d: StatementDraft, cueEnd: number): void {
  if (!d.source) return;
  const toks = p.nlp.tokens;
  const cueFirst = p.nlp.tokenAt(d.cue!.start);
  const srcFirst = p.nlp.tokenAt(d.source.start), srcEnd = p.nlp.tokenAt(d.source.end);
  let c1 = srcEnd < cueFirst ? srcEnd : -1;
  for (let j = srcFirst + 1; c1 < 0 && j < Math.min(srcEnd, cueFirst); j++) if (reportingVerb(p, j)) c1 = j;
  if (c1 <= srcFirst || c1 >= cueFirst) return;
  const outerVerb = reportingVerb(p, c1);
  if (!outerVerb) return;
  const subjEnd = reportedSubject(p, c1 + 1, cueFirst);
  if (subjEnd < 0) return;
  const content = [{ start: toks[c1 + 1].start, end: d.content[0].end }];
  let outer = draftWithCueAt(p, drafts, c1);
  if (outer) {
    if (!outer.content.every((c) => c.start >= content[0].start && c.end <= content[0].end + 2)) return;
    content[0].end = Math.max(content[0].end, ...outer.content.map((c) => c.end));
    outer.content = content;
    setType(p, outer);
    outer.rules.push('attr.nested.verb');
  } else {
    outer = addRuleDraft(p, drafts, {
      cue: { start: toks[c1].start, end: toks[c1].end },
      content,
      source: { start: toks[srcFirst].start, end: toks[Math.min(srcEnd, c1) - 1].end },
      act: outerVerb.act, confidence: d.confidence,
      rules: ['attr.nested.verb', outerVerb.rule],
      parent: null,
    });
  }
  d.source = { start: toks[c1 + 1].start, end: toks[subjEnd - 1].end };
  d.parent = outer;
  d.rules.push('attr.nested.verb', 'attr.source.inner');
}

/**
 * A statement a rule makes (not the models): its type from its content's quotation marks, and
 * its rule ids followed by the type's. Returns the draft, added to `drafts`.
 */
function addRuleDraft(p: Prepared, drafts: StatementDraft[], d: {
  cue: Range; content: Range[]; source: Range | null; act: SpeechAct; confidence: number; rules: string[]; parent: StatementDraft | null;
}): StatementDraft {
  const type = statementType(p.doc.text, p.quotes, d.content);
  // the fields in the order every other draft is made with: drafts of one shape keep the code
  // that reads them (coreference, relations, the contract) from being deoptimised and rebuilt
  const draft: StatementDraft = {
    cue: d.cue, content: d.content, source: d.source, act: d.act, type, confidence: d.confidence,
    rules: [...d.rules, `type.${type}`], parent: d.parent, inheritsSource: null,
  };
  drafts.push(draft);
  return draft;
}

/** Recomputes a draft's type from its content, replacing its type rule. */
function setType(p: Prepared, d: StatementDraft): void {
  d.type = statementType(p.doc.text, p.quotes, d.content);
  d.rules = d.rules.filter((r) => !r.startsWith('type.'));
  d.rules.push(`type.${d.type}`);
}

const SIGNATURE = /^\s*[―—–]\s*(?=\p{Lu})/u;

/** “We will not sign.” — Jane Doe: the dash is the cue, the name after it the source. */
function addDashSignatures(p: Prepared, drafts: StatementDraft[]): void {
  const text = p.doc.text;
  const toks = p.nlp.tokens;
  for (const q of p.quotes) {
    if (q.depth > 0 || !q.closed || q.words < 2) continue;
    const m = SIGNATURE.exec(text.slice(q.end, q.end + 8));
    if (!m) continue;
    if (drafts.some((d) => d.content.some((c) => c.start < q.end && q.start < c.end))) continue;
    const dashAt = q.end + m[0].search(/[―—–]/);
    let i = p.nlp.tokenAt(q.end + m[0].length);
    const first = i;
    while (i < toks.length && i - first < 5 && /^\p{Lu}/u.test(toks[i].text) && toks[i].para === toks[first].para && toks[i].sent === toks[first].sent) i++;
    if (i === first) continue;
    drafts.push({
      cue: { start: dashAt, end: dashAt + 1 },
      content: [{ start: q.start, end: q.end }],
      source: { start: toks[first].start, end: toks[i - 1].end },
      act: 'say',
      type: 'direct',
      confidence: 0.8,
      rules: ['attr.quote.dash', 'type.direct'],
      parent: null,
      inheritsSource: null,
    });
  }
}

/**
 * "Russia has denied any plan": a short noun phrase glued to the left of the cue, with content
 * on the right and no source found, is the source, not a piece of content.
 */
function subjectAsSource(p: Prepared, raw: RawAttribution, rules: Set<string>): void {
  if (raw.source || raw.content.length !== 2) return;
  const [left, right] = raw.content;
  if (left.last !== raw.cue.first || right.first < raw.cue.last || left.last - left.first > 4) return;
  const toks = p.nlp.tokens;
  for (let i = left.first; i < left.last; i++) {
    if (p.f.quote[i] || /^(VERB|AUX|PUNCT)$/.test(toks[i].pos) || /^(which|that|who|what)$/.test(p.f.lower[i])) return;
  }
  if (!/^(PROPN|NOUN|PRON)$/.test(toks[left.last - 1].pos)) return;
  raw.source = left;
  raw.content = [right];
  rules.add('attr.source.subject');
}

/**
 * "said an invasion “could happen at any time”": a right-hand content that starts at a
 * quotation opened a few words after the cue takes those words too (a mixed statement).
 */
function extendToPartialQuote(p: Prepared, raw: RawAttribution, rules: Set<string>): void {
  const right = raw.content.find((c) => c.first >= raw.cue.last);
  if (!right || right.first === 0 || !p.f.qOpen[right.first - 1]) return;
  let a = raw.cue.last;
  if (raw.source && raw.source.first === a) a = raw.source.last;
  if (p.f.lower[a] === 'that') a++;
  const gap = right.first - 1 - a;
  if (gap < 1 || gap > 6) return;
  for (let i = a; i < right.first - 1; i++) if (p.f.punct[i] || p.f.quote[i]) return;
  right.first = a;
  rules.add('attr.content.partial-quote');
}

const AUX = /^(is|are|was|were|has|have|had|be|been|being|will|would|could|should|may|might|must|can|did|does|do|also|even|again|once|repeatedly|previously|already|still|now|later|then|further|publicly|reportedly|recently|not|n't|’t|never)$/;

/** "is demanding", "has once again questioned": auxiliaries and adverbs before the cue verb belong to the cue. */
function extendCueLeft(p: Prepared, cue: { first: number; last: number }, source: { first: number; last: number } | null, content: { first: number; last: number }[], rules: Set<string>): void {
  const taken = (i: number) => (source && i >= source.first && i < source.last) || content.some((c) => i >= c.first && i < c.last);
  let k = cue.first;
  while (k > 0 && AUX.test(p.f.lower[k - 1]) && p.f.sent[k - 1] === p.f.sent[cue.first] && !taken(k - 1)) k--;
  if (k < cue.first) {
    cue.first = k;
    rules.add('attr.cue.aux');
  }
}

/** A paragraph that is one quotation, with no statement in it, continues the previous paragraph's speaker. */
function addStandaloneQuotes(p: Prepared, drafts: StatementDraft[]): void {
  const text = p.doc.text;
  const covered = (r: Range) => drafts.some((d) => d.content.some((c) => c.start < r.end && r.start < c.end) || (d.cue && d.cue.start >= r.start && d.cue.end <= r.end));
  for (const q of p.quotes) {
    if (q.depth > 0 || q.words < 3) continue;
    const pi = p.doc.paragraphs.findIndex((para) => para.start <= q.start && q.start < para.end);
    if (pi <= 0) continue;
    const lastPara = p.doc.paragraphs.findIndex((para) => para.start < q.end && q.end <= para.end);
    const para = p.doc.paragraphs[pi];
    const tail = text.slice(q.end, p.doc.paragraphs[Math.max(pi, lastPara)]?.end ?? q.end);
    if (q.start !== para.start || !/^[\s.,;:!?…]*$/.test(tail)) continue;
    if (covered(q)) continue;
    const prevPara = p.doc.paragraphs[pi - 1];
    const prev = drafts
      .map((d) => ({ d }))
      .filter(({ d }) => (d.source || d.inheritsSource) && d.content[0].start >= prevPara.start && d.content[0].start < prevPara.end)
      .pop();
    if (!prev) continue;
    drafts.push({
      cue: null,
      content: [{ start: q.start, end: q.end }],
      source: null,
      act: prev.d.act === 'deny' ? 'say' : prev.d.act,
      type: 'direct',
      confidence: 0.7,
      rules: ['attr.quote.standalone', 'type.direct'],
      parent: null,
      inheritsSource: prev.d,
    });
  }
}

/** The source of a cue noun at `i` in a modifier right before it ("French", "Western", "Ukrainian officials'", "Moscow’s"), or null. */
function modifierSource(p: Prepared, i: number): Range | null {
  const toks = p.nlp.tokens;
  let s = i - 1;
  while (s >= 0 && (/^(’s|'s|’|')$/.test(toks[s].text) || toks[s].pos === 'ADJ' || toks[s].pos === 'PROPN' || toks[s].pos === 'NOUN') && s > i - 5 && toks[s].sent === toks[i].sent && !/^(the|a|an)$/i.test(toks[s].lower)) s--;
  const sourceFirst = s + 1;
  // "Trump's claims": the possessive marker is not part of the source
  const sourceLast = i > sourceFirst && /^['’]s?$/.test(toks[i - 1].text) ? i - 1 : i;
  return sourceFirst < sourceLast ? { start: toks[sourceFirst].start, end: toks[sourceLast - 1].end } : null;
}

const NESTED_NOUNS = /^(claims?|allegations?|reports?|accusations?|charges?|suggestions?|assertions?|rumou?rs?|speculation|insinuations?|statements?|suspicions?)$/i;

const DEMAND_NOUNS = new Set(['demand', 'demands', 'call', 'calls', 'request', 'requests', 'appeal', 'appeals']);

/**
 * attr.nested.demand: a demand named inside a statement: "Moscow’s demand for an end to
 * NATO’s eastward expansion was not up for discussion", "rejecting calls from the Group of
 * Seven to de-escalate". The demand (its maker: the possessive before the noun, or the
 * "from" / "by" phrase after it; what is demanded: the "for" phrase or the infinitive, to the
 * next verb, punctuation or "and") becomes a statement within the outer one.
 */
function addNestedDemands(p: Prepared, drafts: StatementDraft[]): void {
  const toks = p.nlp.tokens, lower = p.f.lower;
  const n = drafts.length;
  for (let d = 0; d < n; d++) {
    const outer = drafts[d];
    if (!outer.cue) continue;
    for (const c of outer.content) {
      const a = p.nlp.tokenAt(c.start), end = p.nlp.tokenAt(c.end);
      for (let i = a; i < end - 2; i++) {
        // a noun (wink tags "rejecting calls from" VERB: a verb's object is a noun here)
        if (!DEMAND_NOUNS.has(lower[i]) || p.f.quote[i]) continue;
        if (toks[i].pos !== 'NOUN' && !(toks[i].pos === 'VERB' && i > 0 && toks[i - 1].pos === 'VERB' && (lower[i + 1] === 'from' || lower[i + 1] === 'by'))) continue;
        // the maker in a possessive or a name before the noun ("Moscow’s demand", "the EU
        // request"); a common noun there makes a compound ("an alarm call", "phone calls")
        const prev = i > 0 ? toks[i - 1] : null;
        if (prev && (prev.pos === 'NOUN' || prev.pos === 'ADJ') && !/^['’]s?$/.test(prev.text)) continue;
        let source = modifierSource(p, i);
        let k = i + 1;
        if (!source && (lower[k] === 'from' || lower[k] === 'by')) {
          // "calls from the Group of Seven to ...": the maker, up to "to" / "for"
          let e = k + 1;
          while (e < end && e - k <= 6 && lower[e] !== 'to' && lower[e] !== 'for' && (OBJECT_WORD.test(toks[e].pos) || lower[e] === 'of')) e++;
          if (e === k + 1 || (lower[e] !== 'to' && lower[e] !== 'for')) continue;
          source = { start: toks[k + 1].start, end: toks[e - 1].end };
          k = e;
        }
        // "to" and a verb (wink tags some, "de-escalate", NOUN): not "to the ..."
        if (!source || (lower[k] !== 'for' && !(lower[k] === 'to' && k + 1 < end && !/^(DET|PRON|PROPN|NUM|PUNCT)$/.test(toks[k + 1].pos)))) continue;
        // what is demanded: a noun phrase after "for", an infinitive after "to"
        const first = lower[k] === 'for' ? k + 1 : k;
        let e = first + 1;
        while (e < end && !p.f.punct[e] && !p.f.quote[e] && lower[e] !== 'and' && toks[e].pos !== 'AUX' && (e === k + 1 || toks[e].pos !== 'VERB' || lower[k] === 'to')) e++;
        if (e - first < 1 || drafts.some((x) => x !== outer && x.cue && x.cue.start === toks[i].start)) continue;
        addRuleDraft(p, drafts, {
          cue: { start: toks[i].start, end: toks[i].end },
          content: [{ start: toks[first].start, end: toks[e - 1].end }],
          source,
          act: 'demand', confidence: 0.6,
          rules: ['attr.nested.demand', `act.noun.${toks[i].lower.replace(/s$/, '')}`],
          parent: outer,
        });
        break;
      }
    }
  }
}

/**
 * "the Kremlin pushed back against French claims that Putin had agreed ...": the claim inside
 * the content is a statement too (source "French", cue "claims", content the that-clause).
 */
function addNestedClaims(p: Prepared, drafts: StatementDraft[]): void {
  const toks = p.nlp.tokens;
  const n = drafts.length;
  for (let d = 0; d < n; d++) {
    const outer = drafts[d];
    for (const c of outer.content) {
      let i = p.nlp.tokenAt(c.start);
      const end = p.nlp.tokenAt(c.end);
      // also look at the words just before the content ("pushed back against [French claims] that ...")
      const from = Math.max(outer.cue ? p.nlp.tokenAt(outer.cue.end) : i, i - 4);
      for (i = Math.min(i, from); i < end; i++) {
        if (!NESTED_NOUNS.test(toks[i].text)) continue;
        const that = i + 1 < toks.length && /^(that)$/i.test(toks[i + 1].text) ? i + 1 : -1;
        if (that < 0) continue;
        // the clause runs to the end of the outer content (or its sentence)
        const clauseEnd = Math.min(end, p.f.sentLast[that]);
        if (clauseEnd <= that + 2) continue;
        const content = { start: toks[that].start, end: toks[clauseEnd - 1].end };
        if (drafts.some((x) => x !== outer && x.cue && x.cue.start === toks[i].start)) continue;
        const source = modifierSource(p, i);
        const act: SpeechAct = /allegation|accusation|charge/i.test(toks[i].text) ? 'accuse' : 'claim';
        addRuleDraft(p, drafts, {
          cue: { start: toks[i].start, end: toks[i].end },
          content: [content],
          source,
          act, confidence: 0.6,
          rules: ['attr.nested.noun', `act.noun.${toks[i].lower.replace(/s$/, '')}`],
          parent: outer,
        });
        break;
      }
    }
  }
}
