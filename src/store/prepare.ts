/**
 * An analysis turned into the rows the corpus stores: everything the single writer needs
 * that can be computed in the analysis worker (compressed JSON, statement rows with
 * their dates, entity merge keys), so that the writer thread only runs SQL.
 */
import { deflateSync } from 'node:zlib';
import type { Analysis } from '../core/contract.ts';
import { entityKey, normText, type EntityKey } from './names.ts';

export interface ArticleMeta {
  hash: string;
  /** Replacement key: the URL, else `file:<path>` for a one-article file, else null. */
  key: string | null;
  author: string | null;
  file: string;
  item: string | null;
}

export interface PreparedEntity {
  local: string;
  type: string;
  name: string;
  anonymous: boolean;
  key: EntityKey;
  nStatements: number;
  /** [kind, norm, form]: the name, other surface forms (no pronouns), titles. */
  forms: [string, string, string][];
}

export interface PreparedStatement {
  local: string;
  seq: number;
  type: string;
  act: string;
  quote: string;
  cue: string | null;
  start: number;
  end: number;
  mention: string | null;
  sourceLocal: string | null;
  speakerText: string;
  timeText: string | null;
  timeValue: string | null;
  day: string | null;
  daySource: 'statement' | 'published' | null;
  confidence: number;
}

export interface PreparedArticle {
  meta: ArticleMeta;
  docId: string;
  url: string | null;
  title: string | null;
  publisher: string | null;
  published: string | null;
  day: string | null;
  /** The contract JSON, deflated. */
  analysis: Uint8Array;
  entities: PreparedEntity[];
  statements: PreparedStatement[];
  relations: { type: string; from: string; to: string }[];
}

const DAY = /^(\d{4}-\d{2}-\d{2})(?![\d-])/;

/** The calendar day of an ISO date or date-time (its own offset kept), or null. */
export function dayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = DAY.exec(value);
  return m ? m[1] : null;
}

export function prepareArticle(a: Analysis, meta: ArticleMeta): PreparedArticle {
  const published = a.document.published;
  const pubDay = dayOf(published);
  const timeById = new Map(a.times.map((t) => [t.id, t]));
  const entityById = new Map(a.entities.map((e) => [e.id, e]));
  const counts = new Map<string, number>();
  for (const s of a.statements) if (s.source.entity) counts.set(s.source.entity, (counts.get(s.source.entity) ?? 0) + 1);

  const entities: PreparedEntity[] = a.entities.map((e) => {
    const forms: [string, string, string][] = [];
    const seen = new Set<string>();
    const add = (kind: string, form: string, norm = normText(form)) => {
      if (!norm || seen.has(`${kind}\t${norm}`)) return;
      seen.add(`${kind}\t${norm}`);
      forms.push([kind, norm, form]);
    };
    const nameNorm = normText(e.name);
    add('name', e.name, nameNorm);
    for (const al of e.aliases) {
      const norm = normText(al);
      if (norm !== nameNorm) add('alias', al, norm);
    }
    for (const t of e.titles) add('title', t);
    return {
      local: e.id,
      type: e.type,
      name: e.name,
      anonymous: e.anonymous,
      key: entityKey({ type: e.type, name: e.name, anonymous: e.anonymous, named: e.mentions.some((m) => m.kind === 'name') }),
      nStatements: counts.get(e.id) ?? 0,
      forms,
    };
  });

  const statements: PreparedStatement[] = a.statements.map((s, k) => {
    const t = s.time ? timeById.get(s.time) : undefined;
    const own = dayOf(t?.value);
    const ent = s.source.entity ? entityById.get(s.source.entity) : undefined;
    const speakerBits = [ent?.name, ...(ent?.titles ?? []), s.source.mention?.text].filter((x): x is string => !!x);
    return {
      local: s.id,
      seq: k,
      type: s.type,
      act: s.act,
      quote: s.quote,
      cue: s.cue?.text ?? null,
      start: s.content.length ? s.content[0].start : 0,
      end: s.content.length ? s.content[s.content.length - 1].end : 0,
      mention: s.source.mention?.text ?? null,
      sourceLocal: s.source.entity,
      speakerText: [...new Set(speakerBits)].join(' · '),
      timeText: t?.span.text ?? null,
      timeValue: t?.value ?? null,
      day: own ?? pubDay,
      daySource: own ? 'statement' : pubDay ? 'published' : null,
      confidence: s.confidence,
    };
  });

  return {
    meta,
    docId: a.document.id,
    url: a.document.url,
    title: a.document.title,
    publisher: a.document.publisher,
    published,
    day: pubDay,
    // a copy in an ArrayBuffer of its own, so a worker can transfer it
    analysis: new Uint8Array(deflateSync(JSON.stringify(a), { level: 3 })),
    entities,
    statements,
    relations: a.relations.map((r) => ({ type: r.type, from: r.from, to: r.to })),
  };
}
