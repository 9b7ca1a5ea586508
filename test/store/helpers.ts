/**
 * Hand-built analyses for the store tests: the store's behaviour (merging, replacement,
 * queries) tested apart from the extractors, whose output changes as they improve. Every
 * analysis built here is valid against the contract schema (checked in writer.test.ts).
 */
import type { Analysis, Entity, Relation, Statement, Time } from '../../src/core/contract.ts';
import { contentHash } from '../../src/ingest/index.ts';
import { openCorpus, CorpusWriter, prepareArticle, type Db, type PreparedArticle } from '../../src/store/index.ts';

/** `described`: a source the article describes without naming it, and not anonymous ("the poll"). */
export interface EntitySpec { name: string; type?: Entity['type']; titles?: string[]; anonymous?: boolean; described?: boolean }
export interface SaidSpec {
  /** Key into `entities`, or null for a statement with no source. */
  by: string | null;
  quote: string;
  /** Text naming the source at this statement (default: the entity's name). */
  mention?: string;
  act?: Statement['act'];
  direct?: boolean;
  /** A dated statement: "said on <when>", resolved to this TimeML value. */
  when?: { text: string; value: string | null };
}
export interface ArticleSpec {
  id: string;
  url?: string | null;
  published?: string | null;
  title?: string | null;
  entities: Record<string, EntitySpec>;
  said: SaidSpec[];
  /** [denier index, denied index] into `said`. */
  denies?: [number, number][];
  /** Extra text, to make otherwise equal articles differ. */
  extra?: string;
}

export function buildAnalysis(spec: ArticleSpec): Analysis {
  let text = spec.title ? `${spec.title}\n\n` : '';
  const span = (start: number, s: string) => ({ start, end: start + s.length, text: s });
  const mentions = new Map<string, Entity['mentions']>();
  const statements: Statement[] = [];
  const times: Time[] = [];
  spec.said.forEach((s, k) => {
    const ent = s.by ? spec.entities[s.by] : null;
    const mention = s.mention ?? (ent ? (ent.anonymous ? `A ${ent.name}` : ent.name) : 'Someone');
    const start = text.length;
    const m = span(start, mention);
    text += mention + ' ';
    const cue = span(text.length, 'said');
    text += 'said';
    let time: string | null = null;
    if (s.when) {
      text += ' on ';
      const t = span(text.length, s.when.text);
      text += s.when.text;
      time = `t${times.length + 1}`;
      times.push({ id: time, span: t, type: 'DATE', value: s.when.value, anchor: s.when.value ? 'published' : null });
    }
    text += s.direct ? ' ' : ' that ';
    const content = s.direct ? span(text.length, `“${s.quote}”`) : span(text.length, s.quote);
    text += content.text + '.\n\n';
    if (s.by && ent) {
      const list = mentions.get(s.by) ?? [];
      list.push({ ...m, kind: ent.anonymous || ent.described ? 'nominal' : 'name' });
      mentions.set(s.by, list);
    }
    statements.push({
      id: `s${k + 1}`, type: s.direct ? 'direct' : 'indirect', content: [content], quote: s.quote, cue,
      source: { entity: null, mention: s.by ? m : null }, act: s.act ?? 'say', time, confidence: 0.9,
    });
  });
  for (const [key, e] of Object.entries(spec.entities)) {
    if (mentions.has(key)) continue;
    const start = text.length;
    text += `${e.name} was there.\n\n`;
    mentions.set(key, [{ ...span(start, e.name), kind: e.anonymous || e.described ? 'nominal' : 'name' }]);
  }
  if (spec.extra) text += spec.extra + '\n';
  const keys = Object.keys(spec.entities);
  const idOf = new Map(keys.map((k, i) => [k, `e${i + 1}`]));
  const entities: Entity[] = keys.map((k) => {
    const e = spec.entities[k];
    const ms = mentions.get(k)!.sort((a, b) => a.start - b.start);
    const aliases = [...new Set(ms.map((x) => x.text).filter((t) => t !== e.name))];
    return { id: idOf.get(k)!, type: e.type ?? 'PERSON', name: e.name, aliases, titles: e.titles ?? [], anonymous: !!e.anonymous, mentions: ms };
  });
  spec.said.forEach((s, k) => { if (s.by) statements[k].source.entity = idOf.get(s.by)!; });
  const relations: Relation[] = (spec.denies ?? []).map(([a, b]) => ({ type: 'denies', from: `s${a + 1}`, to: `s${b + 1}` }));
  return {
    hearsay: '1',
    document: { id: spec.id, title: spec.title ?? null, url: spec.url ?? null, publisher: null, published: spec.published ?? null, text },
    entities, statements, times, relations,
  };
}

export function prepared(spec: ArticleSpec, file = `${spec.id}.txt`): PreparedArticle {
  const a = buildAnalysis(spec);
  return prepareArticle(a, { hash: contentHash(a.document.text), key: spec.url ?? `file:/corpus/${file}`, author: null, file, item: null });
}

export function memoryCorpus(): { db: Db; writer: CorpusWriter } {
  const db = openCorpus(':memory:', { create: true });
  return { db, writer: new CorpusWriter(db) };
}

/** speaker name → number of statements, for every statement with a speaker. */
export function statementsBySpeaker(db: Db): Record<string, number> {
  const rows = db.prepare(`SELECT e.name AS name, e.kind AS kind, count(*) AS n FROM statements s JOIN entities e ON e.id = s.speaker_id
    GROUP BY s.speaker_id ORDER BY name`).all() as { name: string; kind: string; n: number }[];
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = `${r.name}${r.kind === 'anonymous' ? ' (anon)' : ''}`;
    out[k] = (out[k] ?? 0) + r.n;
  }
  return out;
}

/** Sample articles the store and HTTP API tests share: a denial, a dated NATO reply, an undated one. */
export const SPEC_KREMLIN: ArticleSpec = {
  id: 'kremlin', url: 'https://news.example/kremlin', published: '2022-02-08', title: 'Kremlin denies pledge',
  entities: { k: { name: 'Dmitry Peskov', titles: ['Kremlin spokesman'] }, f: { name: 'French official', anonymous: true } },
  said: [
    { by: 'f', quote: 'Putin promised there would be no new military drills', when: { text: 'Monday', value: '2022-02-07' } },
    { by: 'k', quote: 'no commitments of that kind were made', act: 'deny', direct: true, when: { text: 'Tuesday', value: '2022-02-08' } },
    { by: 'k', quote: 'NATO expansion remains the main concern' },
  ],
  denies: [[1, 0]],
};
export const SPEC_NATO: ArticleSpec = {
  id: 'nato', url: 'https://news.example/nato', published: '2022-02-10T09:00:00+01:00', title: 'NATO answers',
  entities: { s: { name: 'Jens Stoltenberg', titles: ['NATO Secretary General'] } },
  said: [
    { by: 's', quote: 'NATO is a defensive alliance and sanctions will follow any attack', when: { text: 'last week', value: '2022-W05' } },
    { by: 's', quote: "Russia's demands are a non-starter", when: { text: 'Thursday', value: '2022-02-10' } },
  ],
};
export const SPEC_UNDATED: ArticleSpec = {
  id: 'undated', entities: { p: { name: 'Dmitry Peskov' } },
  said: [{ by: 'p', quote: 'the sanctioned banks will manage' }, { by: null, quote: 'rumours spread quickly' }],
};
