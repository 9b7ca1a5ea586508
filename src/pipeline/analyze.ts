/**
 * The pipeline: the ordered extractors that turn a document into an analysis in the
 * contract's format (contract/README.md). Each step reads the document and what earlier
 * steps left in the state, and adds its own layer; none rewrites the text.
 */
import type { Analysis, Entity, Relation, Statement, Time } from '../core/contract.ts';
import { FORMAT_VERSION } from '../core/contract.ts';
import { makeContext, type ExtractContext } from '../core/context.ts';
import type { HearsayDocument } from '../core/document.ts';
import { makeSpan, type Range } from '../core/span.ts';
import { analyzeNlp, type NlpLayer } from '../nlp/tokens.ts';
import { findQuotations, type Quotation } from '../nlp/quotes.ts';
import { prepare, type Prepared } from '../extract/attribution/prepare.ts';
import { extractAttributions, type StatementDraft } from '../extract/attribution/index.ts';
import { buildEntities, type EntityLayer, type EntityRec } from '../extract/entities/index.ts';
import type { NameRecogniser, NameSpan } from '../extract/entities/names.ts';
import { nerNames } from '../extract/entities/recogniser.ts';
import { resolveSources, type SourceResolution } from '../extract/coref/index.ts';
import { findRelations } from '../extract/relations/index.ts';
import { timesLayer, type TimeLayer } from './times.ts';
import { packHandoff, unpackHandoff, type Handoff } from './handoff.ts';

export interface AnalyzeOptions {
  /** Overrides the document's own publication date. */
  published?: string | null;
  explain?: boolean;
  /** Name recogniser (defaults to the shipped one). */
  names?: NameRecogniser;
}

interface State {
  doc: HearsayDocument;
  ctx: ExtractContext;
  nlp?: NlpLayer;
  quotes?: Quotation[];
  prepared?: Prepared;
  names?: NameSpan[];
  entities?: EntityLayer;
  drafts?: StatementDraft[];
  sources?: SourceResolution[];
  times?: TimeLayer;
  relations?: Relation[];
}

type Step = { name: string; run: (s: State, o: AnalyzeOptions) => void };

const defaultNames: NameRecogniser = nerNames;

/** The extractors, in the order they run. */
export const PIPELINE: readonly Step[] = [
  // the words: tokens, sentences, tags, names (on the first thread of a split pair)
  { name: 'nlp', run: (s) => { s.nlp = analyzeNlp(s.doc); } },
  { name: 'names', run: (s, o) => { s.names = (o.names ?? defaultNames)(s.nlp!); } },
  // the rest (on the second)
  { name: 'quotes', run: (s) => { s.quotes = findQuotations(s.doc.text, s.doc.paragraphs); } },
  { name: 'features', run: (s) => { s.prepared = prepare(s.doc, s.nlp!, s.quotes!); } },
  { name: 'entities', run: (s) => { s.entities = buildEntities(s.nlp!, s.names!); } },
  { name: 'attribution', run: (s) => { s.drafts = extractAttributions(s.prepared!); } },
  { name: 'times', run: (s) => { s.times = timesLayer(s.doc, s.nlp!, s.ctx); trimSourceTimes(s); } },
  {
    name: 'coref',
    run: (s) => {
      const quoted: Range[] = s.quotes!.filter((q) => q.depth === 0).map((q) => ({ start: q.start, end: q.end }));
      const withSource = s.drafts!.filter((d) => d.source);
      const res = resolveSources(s.entities!, s.nlp!, quoted, withSource.map((d) => ({ span: d.source!, exclude: d.content })));
      const byDraft = new Map<StatementDraft, SourceResolution>();
      withSource.forEach((d, k) => byDraft.set(d, res[k]));
      s.sources = s.drafts!.map((d) => {
        let r = byDraft.get(d);
        let from = d.inheritsSource;
        while (!r && from) { r = byDraft.get(from); from = from.inheritsSource; }
        return r ?? { entity: null, mention: null as unknown as Range, kind: 'nominal', rule: 'coref.none' };
      });
    },
  },
];

/** "The Kremlin on Tuesday" → "The Kremlin": a source span never ends in a time expression. */
function trimSourceTimes(s: State): void {
  const text = s.doc.text;
  for (const d of s.drafts!) {
    if (!d.source) continue;
    for (const t of s.times!.times) {
      if (t.span.start <= d.source.start || t.span.start >= d.source.end) continue;
      if (!/^[\s.,;:]*$/.test(text.slice(t.span.end, d.source.end))) continue;
      let end = t.span.start;
      const before = text.slice(d.source.start, end).replace(/\s+(on|in|at|during|by|early|late|this|last|earlier|later)?\s*$/i, '');
      end = d.source.start + before.length;
      if (end > d.source.start) { d.source = { start: d.source.start, end }; d.rules.push('attr.source.trim-time'); }
      break;
    }
  }
}

/** Steps of the words half (see `analyzeWords`). */
const WORD_STEPS = 2;

export function analyze(doc: HearsayDocument, opts: AnalyzeOptions = {}): Analysis {
  return runFrom(0, doc, opts, {});
}

/** Runs the steps from `first` on, over a state holding what earlier steps made (`made`). */
function runFrom(first: number, doc: HearsayDocument, opts: AnalyzeOptions, made: Partial<State>): Analysis {
  const published = opts.published !== undefined ? opts.published : doc.published;
  const state: State = { doc, ctx: makeContext({ published, explain: opts.explain }), ...made };
  for (let k = first; k < PIPELINE.length; k++) PIPELINE[k].run(state, opts);
  return toContract(state, published, !!opts.explain);
}

/**
 * The first half of `analyze` (tokens, sentences, tags, names with the shipped recogniser),
 * packed for the thread that runs the second half (`analyzeFromWords`). The two halves give
 * the analysis `analyze` gives (test/pipeline/handoff.test.ts).
 */
export function analyzeWords(doc: HearsayDocument): Handoff {
  const state: State = { doc, ctx: makeContext({ published: doc.published }) };
  for (let k = 0; k < WORD_STEPS; k++) PIPELINE[k].run(state, {});
  return packHandoff(state.nlp!, state.names!);
}

/** The second half of `analyze`, from what `analyzeWords` made of the same document. */
export function analyzeFromWords(doc: HearsayDocument, words: Handoff, opts: Omit<AnalyzeOptions, 'names'> = {}): Analysis {
  return runFrom(WORD_STEPS, doc, opts, unpackHandoff(doc.text, words));
}

const OPEN_MARK = /^(?:''|["“‘'«‹„])\s*/;
const CLOSE_MARK = /\s*(?:''|["”’'»›])$/;

function quoteText(text: string, spans: Range[], direct: boolean): string {
  return spans
    .map((r) => {
      let t = text.slice(r.start, r.end);
      if (direct || OPEN_MARK.test(t)) {
        if (OPEN_MARK.test(t) && CLOSE_MARK.test(t)) t = t.replace(OPEN_MARK, '').replace(CLOSE_MARK, '');
        else if (OPEN_MARK.test(t)) t = t.replace(OPEN_MARK, '');
      }
      // quotations reopened in later paragraphs keep their marks inside; fold the breaks
      return t.replace(/\s*\n\s*\n\s*(?:''|["“‘'«])?/g, ' ').trim();
    })
    .join(' ');
}

/** The ids of the rules that built a statement's source entity out of its names (`entities.*`). */
function entityRules(e: EntityRec | null | undefined): string[] {
  const out: string[] = [];
  if (e) for (const r of e.rules) if (r.startsWith('entities.')) out.push(r);
  return out;
}

function toContract(s: State, published: string | null, explain: boolean): Analysis {
  const { doc } = s;
  const text = doc.text;
  const drafts = s.drafts!;
  const sources = s.sources!;

  // Entities: drop unresolved "OTHER" single words nobody speaks through; number by first mention.
  const speaking = new Set<EntityRec>(sources.map((r) => r.entity).filter((e): e is EntityRec => !!e));
  const kept = s.entities!.entities.filter((e) => e.mentions.length && (e.type !== 'OTHER' || speaking.has(e)));
  const firstAt = new Map(kept.map((e) => [e, e.mentions.reduce((m, x) => Math.min(m, x.start), Infinity)]));
  kept.sort((a, b) => firstAt.get(a)! - firstAt.get(b)!);
  const ids = new Map<EntityRec, string>();
  kept.forEach((e, k) => ids.set(e, `e${k + 1}`));
  const entities: Entity[] = kept.map((e) => {
    const mentions = [...e.mentions].sort((a, b) => a.start - b.start).map((m) => ({ ...makeSpan(text, m.start, m.end), kind: m.kind }));
    const name = bestName(e);
    const seen = new Set([name.toLowerCase()]);
    const aliases: string[] = [];
    for (const m of mentions) {
      if (m.kind === 'pronoun' || seen.has(m.text.toLowerCase())) continue;
      seen.add(m.text.toLowerCase());
      aliases.push(m.text);
    }
    return { id: ids.get(e)!, type: e.type, name, aliases, titles: [...e.titles], anonymous: e.anonymous, mentions };
  });

  const times: Time[] = s.times!.times;
  const statements: Statement[] = drafts.map((d, k) => {
    const r = sources[k];
    const content = d.content.map((c) => makeSpan(text, c.start, c.end));
    const st: Statement = {
      id: `s${k + 1}`,
      type: d.type,
      content,
      quote: quoteText(text, d.content, d.type === 'direct'),
      cue: d.cue ? makeSpan(text, d.cue.start, d.cue.end) : null,
      source: {
        entity: r.entity ? ids.get(r.entity) ?? null : null,
        mention: d.source && r.mention ? makeSpan(text, r.mention.start, r.mention.end) : null,
      },
      act: d.act,
      time: d.cue ? s.times!.timeFor(d.cue, d.content) : null,
      confidence: d.confidence,
    };
    if (explain) st.explain = [...d.rules, r.rule, ...entityRules(r.entity), ...(st.time ? ['time.statement'] : [])];
    return st;
  });
  const relations = findRelations(drafts, statements);

  return {
    hearsay: FORMAT_VERSION,
    document: { id: doc.id, title: doc.title, url: doc.url, publisher: doc.publisher, published, text },
    entities,
    statements,
    times,
    relations,
  };
}

/** The fullest proper name among the entity's name mentions ("Vladimir Putin", not "Putin"). */
function bestName(e: EntityRec): string {
  if (e.canonical) return e.canonical;
  // a nickname in quotation marks is not part of the name ("Marguerite “Mags” O’Donnell")
  const names = e.mentions.filter((m) => m.kind === 'name').map((m) => m.text.replace(/['’]s$/, '').replace(/\s+[“"‘'][^”"’']{1,20}[”"’']\s+/g, ' '));
  if (!names.length) return e.name;
  return names.reduce((a, b) => (b.split(/\s+/).length > a.split(/\s+/).length || (b.split(/\s+/).length === a.split(/\s+/).length && b.length > a.length) ? b : a));
}
