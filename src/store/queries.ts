/**
 * Read-only questions to a corpus. Every function takes an open database and returns
 * plain objects (JSON-ready), pages with `limit`/`offset`, and refers to things by ids
 * that stay stable: article ids survive re-ingestion (a new version of a URL keeps its
 * id), statement ids are the rows of one article version, entity ids are those of the
 * corpus entities (a surname-only entity can be folded into a full name later on).
 */
import { inflateSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Analysis } from '../core/contract.ts';
import { HearsayError } from '../core/errors.ts';
import type { Db } from './db.ts';
import { descriptionKey, normText, personTokens } from './names.ts';

export interface Page { limit?: number; offset?: number }

export interface ArticleRef {
  id: number;
  docId: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string | null;
}

export interface ArticleInfo extends ArticleRef {
  hash: string;
  author: string | null;
  day: string | null;
  sourceFile: string;
  sourceItem: string | null;
  ingestedAt: string;
  statements: number;
  entities: number;
}

/** A corpus entity, or (`id` null, `group` set) every anonymous source with one description. */
export interface SpeakerRef {
  id: number | null;
  group: string | null;
  name: string;
  type: string;
  anonymous: boolean;
}

export interface StatementRow {
  id: number;
  article: ArticleRef;
  /** The statement's id in the article's analysis (s1, s2, ...). */
  localId: string;
  type: string;
  act: string;
  quote: string;
  cue: string | null;
  source: { mention: string | null; speaker: SpeakerRef | null };
  time: { text: string; value: string | null } | null;
  /** When it was said: the statement's own dated time, else the article's publication day. */
  date: string | null;
  dateSource: 'statement' | 'published' | null;
  confidence: number;
  /** search only: bm25 relevance, lower is better. */
  score?: number;
}

export interface SpeakerSummary extends SpeakerRef {
  statements: number;
  articles: number;
  /** Anonymous groups: how many separate anonymous sources; 1 for an entity. */
  sources: number;
  titles: string[];
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface Form { form: string; count: number }

export interface SpeakerProfile extends SpeakerSummary {
  /** Other names and surface forms used for this source, with how many articles use each. */
  aliases: Form[];
  titleCounts: Form[];
}

export type SpeakerSelector = { entity: number } | { group: string };

/** Filters shared by the statement queries. */
export interface StatementFilter {
  speaker?: SpeakerSelector;
  /** Inclusive, YYYY-MM-DD (or any prefix: 2022, 2022-02), on the statement's date. */
  from?: string;
  to?: string;
  anonymous?: boolean;
  act?: string;
  type?: string;
  article?: number;
}

// ---------------------------------------------------------------- helpers

/**
 * Prepared statements, kept per connection: compiling a statement costs about as much as
 * running one of the small queries below. Not for statements that are iterated (a
 * statement being iterated cannot run again until the iteration ends).
 */
const prepared = new WeakMap<Db, Map<string, Database.Statement>>();

function sql(db: Db, text: string): Database.Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let st = cache.get(text);
  if (!st) {
    if (cache.size >= 1000) cache.clear();
    st = db.prepare(text);
    cache.set(text, st);
  }
  return st;
}

/** The same, returning the first column only. */
function sql1(db: Db, text: string): Database.Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  const k = '\u0000pluck ' + text;
  let st = cache.get(k);
  if (!st) {
    if (cache.size >= 1000) cache.clear();
    st = db.prepare(text).pluck();
    cache.set(k, st);
  }
  return st;
}

/**
 * A mark that moves whenever the database may have changed: `PRAGMA data_version` moves
 * when another connection commits, `total_changes()` when this one writes.
 */
export function changeMark(db: Db): string {
  return `${dataVersion(db)}:${sql1(db, 'SELECT total_changes()').get() as number}`;
}

/**
 * The database's `PRAGMA data_version` (it moves when another connection commits), from the
 * connection's prepared statements: `db.pragma()` compiles its SQL on every call (22 µs, a
 * sixteenth of the server's thread under the serve bench's reads, which check it per GET).
 */
export function dataVersion(db: Db): number {
  return sql1(db, 'PRAGMA data_version').get() as number;
}

const MAX_LIMIT = 10000;

function page(p: Page, dflt = 20): { limit: number; offset: number } {
  const limit = p.limit ?? dflt;
  const offset = p.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HearsayError('BAD_ARGUMENT', `limit must be a whole number from 1 to ${MAX_LIMIT}, not ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new HearsayError('BAD_ARGUMENT', `offset must be a whole number ≥ 0, not ${offset}`);
  return { limit, offset };
}

const DATE_ARG = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Checks a --from/--to date: YYYY, YYYY-MM or YYYY-MM-DD. */
export function checkDate(value: string, what: string): string {
  if (!DATE_ARG.test(value)) throw new HearsayError('BAD_ARGUMENT', `${what} ${JSON.stringify(value)} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)`);
  return value;
}

/** Lower and upper bounds on the YYYY-MM-DD day column for prefix dates. */
function dayBounds(f: StatementFilter): { from?: string; to?: string } {
  return {
    from: f.from === undefined ? undefined : checkDate(f.from, '--from'),
    // '2022-02' as an upper bound covers the whole month: compare against '2022-02\uffff'
    to: f.to === undefined ? undefined : checkDate(f.to, '--to') + '\uffff',
  };
}

const STATEMENT_COLUMNS = `s.id, s.article_id, s.local_id, s.type, s.act, s.quote, s.cue, s.mention, s.speaker_id, s.time_text, s.time_value,
  s.day, s.day_source, s.confidence, a.doc_id, a.title, a.url, a.publisher, a.published,
  e.name AS e_name, e.type AS e_type, e.anonymous AS e_anon, e.grp AS e_grp`;
const STATEMENT_FROM = `statements s JOIN articles a ON a.id = s.article_id LEFT JOIN entities e ON e.id = s.speaker_id`;

interface RawStatement {
  id: number; article_id: number; local_id: string; type: string; act: string; quote: string; cue: string | null; mention: string | null;
  speaker_id: number | null; time_text: string | null; time_value: string | null; day: string | null; day_source: string | null;
  confidence: number; doc_id: string; title: string | null; url: string | null; publisher: string | null; published: string | null;
  e_name: string | null; e_type: string | null; e_anon: number | null; e_grp: string | null; score?: number;
}

/** The corpus source a statement row joined (its entity's columns), or null. */
function speakerOf(r: Pick<RawStatement, 'speaker_id' | 'e_name' | 'e_type' | 'e_anon' | 'e_grp'>): SpeakerRef | null {
  return r.speaker_id === null ? null : { id: r.speaker_id, group: r.e_grp, name: r.e_name!, type: r.e_type!, anonymous: !!r.e_anon };
}

function toStatement(r: RawStatement): StatementRow {
  const out: StatementRow = {
    id: r.id,
    article: { id: r.article_id, docId: r.doc_id, title: r.title, url: r.url, publisher: r.publisher, published: r.published },
    localId: r.local_id,
    type: r.type,
    act: r.act,
    quote: r.quote,
    cue: r.cue,
    source: {
      mention: r.mention,
      speaker: speakerOf(r),
    },
    time: r.time_text === null ? null : { text: r.time_text, value: r.time_value },
    date: r.day,
    dateSource: r.day_source as StatementRow['dateSource'],
    confidence: r.confidence,
  };
  if (r.score !== undefined) out.score = r.score;
  return out;
}

/** SQL conditions and parameters for a filter (statements aliased s, entities e). */
function where(f: StatementFilter): { sql: string[]; params: Record<string, unknown> } {
  const sql: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.speaker && 'entity' in f.speaker) { sql.push('s.speaker_id = @speakerId'); params.speakerId = f.speaker.entity; }
  if (f.speaker && 'group' in f.speaker) {
    sql.push(`s.speaker_id IN (SELECT id FROM entities WHERE kind = 'anonymous' AND grp = @grp)`);
    params.grp = f.speaker.group;
  }
  const { from, to } = dayBounds(f);
  if (from !== undefined) { sql.push('s.day >= @from'); params.from = from; }
  if (to !== undefined) { sql.push('s.day <= @to'); params.to = to; }
  if (f.anonymous !== undefined) sql.push(f.anonymous ? 'e.anonymous = 1' : '(e.anonymous = 0)');
  if (f.act) { sql.push('s.act = @act'); params.act = f.act; }
  if (f.type) { sql.push('s.type = @type'); params.type = f.type; }
  if (f.article !== undefined) { sql.push('s.article_id = @article'); params.article = f.article; }
  return { sql, params };
}

// ---------------------------------------------------------------- search

const FTS_SYNTAX = /["*()^]|\b(?:AND|OR|NOT|NEAR)\b|(?:^|\s)-?(?:quote|speaker)\s*:|[{}]/;

/**
 * User text → an FTS5 query. Plain words are quoted one by one (all must match, in any
 * order; words are stemmed, so "sanction" finds "sanctions"). Text using FTS5 syntax
 * ("exact phrase", AND/OR/NOT, NEAR(...), prefix*, quote:/speaker: columns) is passed as is.
 */
export function ftsQuery(text: string): string {
  const t = text.trim();
  if (!t) throw new HearsayError('BAD_ARGUMENT', 'search needs some words to look for');
  if (FTS_SYNTAX.test(t)) return t;
  const words = t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (!words.length) throw new HearsayError('BAD_ARGUMENT', `nothing to search for in ${JSON.stringify(text)} (no letters or digits)`);
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
}

function ftsError(e: unknown, text: string): never {
  const msg = (e as Error).message ?? String(e);
  if (/fts5|unterminated string|no such column|unknown special query|syntax error/i.test(msg)) {
    throw new HearsayError('BAD_ARGUMENT', `cannot read the search ${JSON.stringify(text)}: ${msg.replace(/^fts5: /, '')} (use plain words, "a phrase", OR, NOT, NEAR(a b), prefix*)`);
  }
  throw e;
}

/** The search ranking: what the full-text table's 'rank' is set to (schema v1), called directly. */
const RANK = 'bm25(statements_fts, 1.0, 0.5)';

export interface SearchResult { query: string; statements: StatementRow[]; hasMore: boolean }

/** Statements whose content (or speaker) matches, best first (bm25). */
export function search(db: Db, words: string, opts: StatementFilter & Page = {}): SearchResult {
  const { limit, offset } = page(opts);
  const query = ftsQuery(words);
  const w = where(opts);
  // without filters the full-text index ranks and cuts on its own, and only the page is joined.
  // The ranking function is called by name rather than through the table's 'rank' (the same
  // bm25(1.0, 0.5)): ORDER BY rank has FTS5 sort every match, while ORDER BY an expression
  // with a LIMIT lets SQLite keep only the best rows as it goes (~25% faster on common words).
  const text = w.sql.length
    ? `SELECT ${STATEMENT_COLUMNS}, ${RANK} AS score
      FROM statements_fts JOIN ${STATEMENT_FROM.replace('statements s', 'statements s ON s.id = statements_fts.rowid')}
      WHERE statements_fts MATCH @query ${w.sql.map((c) => `AND ${c}`).join(' ')}
      ORDER BY score, s.id LIMIT @limit OFFSET @offset`
    : `SELECT ${STATEMENT_COLUMNS}, m.score AS score
      FROM (SELECT rowid AS id, ${RANK} AS score FROM statements_fts WHERE statements_fts MATCH @query ORDER BY score, rowid LIMIT @limit OFFSET @offset) m
      JOIN ${STATEMENT_FROM.replace('statements s', 'statements s ON s.id = m.id')}
      ORDER BY m.score, s.id`;
  let rows: RawStatement[];
  try {
    rows = sql(db, text).all({ ...w.params, query, limit: limit + 1, offset }) as RawStatement[];
  } catch (e) {
    ftsError(e, words);
  }
  return { query, statements: rows.slice(0, limit).map(toStatement), hasMore: rows.length > limit };
}

// ---------------------------------------------------------------- statements, timeline

export interface StatementsResult { statements: StatementRow[]; hasMore: boolean }

/**
 * Statements by date. `order: 'asc'` (a timeline, the default) leaves out statements with
 * no date at all; 'desc' lists newest first, undated last.
 */
export function statements(db: Db, opts: StatementFilter & Page & { order?: 'asc' | 'desc' } = {}): StatementsResult {
  const { limit, offset } = page(opts);
  const w = where(opts);
  const asc = (opts.order ?? 'asc') === 'asc';
  if (asc) w.sql.push('s.day IS NOT NULL');
  // within a day: by article (ingest order), then document order; undated last (NULL sorts lowest)
  const order = asc ? 'day ASC, article_id ASC, seq ASC' : 'day DESC, article_id DESC, seq ASC';
  // the page is chosen on the statements alone (from the day and speaker indexes, which hold
  // the sort columns), and only its rows are joined: rows skipped by the offset, or sorted
  // away, never touch articles and entities
  const text = `SELECT ${STATEMENT_COLUMNS} FROM (SELECT s.id, s.day, s.article_id, s.seq FROM statements s
    ${opts.anonymous !== undefined ? 'LEFT JOIN entities e ON e.id = s.speaker_id' : ''}
    ${w.sql.length ? 'WHERE ' + w.sql.join(' AND ') : ''} ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 's.$1 $2')} LIMIT @limit OFFSET @offset) p
    JOIN ${STATEMENT_FROM.replace('statements s', 'statements s ON s.id = p.id')} ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 'p.$1 $2')}`;
  const rows = sql(db, text).all({ ...w.params, limit: limit + 1, offset }) as RawStatement[];
  return { statements: rows.slice(0, limit).map(toStatement), hasMore: rows.length > limit };
}

/** The timeline: statements by the date they were made, oldest first. */
export function timeline(db: Db, opts: StatementFilter & Page = {}): StatementsResult {
  return statements(db, { ...opts, order: 'asc' });
}

export function statement(db: Db, id: number): StatementRow | null {
  const r = sql(db, `SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENT_FROM} WHERE s.id = ?`).get(id) as RawStatement | undefined;
  return r ? toStatement(r) : null;
}

/** Statements by id, in one query. */
function statementsById(db: Db, ids: number[]): Map<number, StatementRow> {
  const rows = sql(db, `SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENT_FROM} WHERE s.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(ids)])) as RawStatement[];
  return new Map(rows.map((r) => [r.id, toStatement(r)]));
}

// ---------------------------------------------------------------- speakers

interface RawSpeaker {
  id: number | null; grp: string | null; name: string; type: string; anonymous: number; statements: number;
  sources: number; first_seen: string | null; last_seen: string | null;
}

/** A source's summary row (speaker_summary, kept by the writer), as a RawSpeaker plus what the list shows. */
interface RawSummary extends RawSpeaker { articles: number; titles: string }

const SUMMARY_COLUMNS = `entity_id AS id, grp, name, type, anonymous, statements, sources, first_seen, last_seen, articles, titles`;
/** The speakers list's order; ties: named sources by id, then groups by description. */
const SUMMARY_ORDER = `statements DESC, name, anonymous, entity_id, grp`;

function toSummary(r: RawSummary): SpeakerSummary {
  return {
    id: r.id, group: r.grp, name: r.name, type: r.type, anonymous: !!r.anonymous, statements: r.statements, articles: r.articles,
    sources: r.sources, titles: JSON.parse(r.titles) as string[], firstSeen: r.first_seen, lastSeen: r.last_seen,
  };
}

/** The summary row of a named entity with statements, or of an anonymous group with a quoted source. */
function summaryRow(db: Db, sel: SpeakerSelector): RawSummary | null {
  const r = 'entity' in sel
    ? sql(db, `SELECT ${SUMMARY_COLUMNS} FROM speaker_summary WHERE entity_id = ?`).get(sel.entity)
    : sql(db, `SELECT ${SUMMARY_COLUMNS} FROM speaker_summary WHERE grp = ?`).get(sel.group);
  return (r as RawSummary | undefined) ?? null;
}

function articleCount(db: Db, s: RawSpeaker): number {
  if (s.id !== null) return sql1(db, 'SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?').get(s.id) as number;
  return sql1(db, `SELECT count(DISTINCT ae.article_id) FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
    WHERE e.kind = 'anonymous' AND e.grp = ?`).get(s.grp) as number;
}

/** The forms (`entity_forms f`) of a source: a named one's own, an anonymous group's of all its sources; and its parameter. */
function formsWhere(sel: SpeakerSelector): [string, number | string] {
  return 'entity' in sel
    ? ['FROM entity_forms f WHERE f.entity_id = ?', sel.entity]
    : [`FROM entity_forms f JOIN entities e ON e.id = f.entity_id WHERE e.kind = 'anonymous' AND e.grp = ?`, sel.group];
}

function formsOf(db: Db, sel: SpeakerSelector, kinds: string[], limit = 50): Form[] {
  const [from, arg] = formsWhere(sel);
  return sql(db, `SELECT min(f.form) AS form, sum(f.n) AS count ${from} AND f.kind IN (${kinds.map(() => '?').join(', ')})
    GROUP BY f.norm ORDER BY count DESC, form LIMIT ?`).all(arg, ...kinds, limit) as Form[];
}

/**
 * A source's titles, and its names and aliases, each as `formsOf` gives them (merged by
 * normal form, most frequent first, at most `limit`), from one pass over its forms: an
 * anonymous group's forms are those of its ~150 sources, read one by one (two passes took
 * 0.9 ms of a group's 1.8 ms profile on the bench corpus).
 */
function titlesAndNames(db: Db, sel: SpeakerSelector, limit = 50): { titles: Form[]; names: Form[] } {
  const [from, arg] = formsWhere(sel);
  const rows = sql(db, `SELECT f.kind = 'title' AS t, min(f.form) AS form, sum(f.n) AS count ${from}
    AND f.kind IN ('title', 'name', 'alias') GROUP BY t, f.norm ORDER BY t DESC, count DESC, form`).all(arg) as (Form & { t: number })[];
  const titles: Form[] = [], names: Form[] = [];
  for (const { t, form, count } of rows) {
    const into = t ? titles : names;
    if (into.length < limit) into.push({ form, count });
  }
  return { titles, names };
}

/** A source's summary: its row in speaker_summary when it has one, else counted now (sources nobody quotes, one anonymous source by id). */
function summary(db: Db, r: RawSpeaker): SpeakerSummary {
  const sel: SpeakerSelector = r.id !== null ? { entity: r.id } : { group: r.grp! };
  const row = summaryRow(db, sel);
  if (row) return toSummary(row);
  return {
    id: r.id,
    group: r.grp,
    name: r.name,
    type: r.type,
    anonymous: !!r.anonymous,
    statements: r.statements,
    articles: articleCount(db, r),
    sources: r.sources,
    titles: formsOf(db, sel, ['title'], 2).map((f) => f.form),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
}

/** The most quoted sources; anonymous sources grouped by their description. */
export function speakers(db: Db, opts: Page & { anonymous?: boolean; type?: string } = {}): { speakers: SpeakerSummary[]; hasMore: boolean } {
  const { limit, offset } = page(opts);
  const cond: string[] = [];
  const params: Record<string, unknown> = { limit: limit + 1, offset };
  if (opts.anonymous !== undefined) { cond.push('anonymous = @anonymous'); params.anonymous = opts.anonymous ? 1 : 0; }
  if (opts.type) { cond.push('type = @type'); params.type = opts.type; }
  const rows = sql(db, `SELECT ${SUMMARY_COLUMNS} FROM speaker_summary ${cond.length ? 'WHERE ' + cond.join(' AND ') : ''}
    ORDER BY ${SUMMARY_ORDER} LIMIT @limit OFFSET @offset`).all(params) as RawSummary[];
  return { speakers: rows.slice(0, limit).map(toSummary), hasMore: rows.length > limit };
}

function rawSpeaker(db: Db, sel: SpeakerSelector): RawSpeaker | null {
  if ('entity' in sel) return (sql(db, `SELECT ${ENTITY_COLUMNS('')} FROM entities WHERE id = ?`).get(sel.entity) as RawSpeaker | undefined) ?? null;
  // an anonymous group is a source while one of its sources is quoted: then it has a summary row
  return summaryRow(db, sel);
}

const ENTITY_COLUMNS = (p: string) =>
  `${p}id AS id, ${p}grp AS grp, ${p}name AS name, ${p}type AS type, ${p}anonymous AS anonymous, ${p}n_statements AS statements, 1 AS sources, ${p}first_seen AS first_seen, ${p}last_seen AS last_seen`;

/** Candidates for a name, best first: exact names, then aliases, then names holding every word. */
export function findSpeakers(db: Db, name: string, limit = 20): (SpeakerSummary & { match: 'exact' | 'alias' | 'words' | 'description' })[] {
  const norm = normText(name);
  if (!norm) return [];
  const keys = [...new Set([norm, personTokens(name).join(' '), norm.replace(/^the /, '')])];
  const words = personTokens(name);
  const found = new Map<number, 'exact' | 'alias' | 'words'>();
  const cols = ENTITY_COLUMNS('');
  const byId = new Map<number, RawSpeaker>();
  const add = (rows: RawSpeaker[], match: 'exact' | 'alias' | 'words') => {
    for (const r of rows) if (!found.has(r.id!)) { found.set(r.id!, match); byId.set(r.id!, r); }
  };
  const ph = keys.map(() => '?').join(', ');
  add(sql(db, `SELECT ${cols} FROM entities WHERE kind IN ('person', 'surname', 'named') AND key IN (${ph})`).all(...keys) as RawSpeaker[], 'exact');
  add(sql(db, `SELECT DISTINCT ${ENTITY_COLUMNS('e.')} FROM entity_forms f JOIN entities e ON e.id = f.entity_id
    WHERE f.norm IN (${ph}) AND f.kind IN ('name', 'alias') AND e.kind != 'anonymous' AND e.n_statements > 0`).all(...keys) as RawSpeaker[], 'alias');
  if (words.length) {
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    // quoted named sources are the summary rows with an entity: a far smaller table to scan than entities
    const rows = sql(db, `SELECT ${SUMMARY_COLUMNS}, key FROM speaker_summary WHERE entity_id IS NOT NULL AND key LIKE ? ESCAPE '\\'`)
      .all(`%${longest.replace(/[\\%_]/g, (c) => '\\' + c)}%`) as (RawSummary & { key: string })[];
    add(rows.filter((r) => { const kw = new Set(r.key.split(' ')); return words.every((w) => kw.has(w)); }), 'words');
  }
  const rank = { exact: 0, alias: 1, words: 2 } as const;
  const named = [...found.entries()]
    .map(([id, match]) => ({ raw: byId.get(id)!, match }))
    .sort((a, b) => rank[a.match] - rank[b.match] || b.raw.statements - a.raw.statements || a.raw.name.localeCompare(b.raw.name))
    .slice(0, limit)
    .map(({ raw, match }) => ({ ...summary(db, raw), match }));
  if (named.length) return named;
  // no named source: anonymous sources by their description ("French official", "officials")
  const desc = descriptionKey(name);
  const dwords = desc.split(' ').filter(Boolean);
  const groups = sql(db, `SELECT ${SUMMARY_COLUMNS} FROM speaker_summary WHERE entity_id IS NULL AND grp LIKE ? ESCAPE '\\' ORDER BY statements DESC, grp LIMIT 200`)
    .all(`%${(dwords.reduce((a, b) => (b.length > a.length ? b : a), '')).replace(/[\\%_]/g, (c) => '\\' + c)}%`) as RawSummary[];
  return groups
    .filter((g) => { const gw = new Set(g.grp!.split(' ')); return dwords.every((w) => gw.has(w) || gw.has(w + 's') || gw.has(w.replace(/s$/, ''))); })
    .sort((a, b) => Number(b.grp === desc) - Number(a.grp === desc) || b.statements - a.statements)
    .slice(0, limit)
    .map((g) => ({ ...toSummary(g), match: 'description' as const }));
}

export type SpeakerResolution =
  | { kind: 'one'; speaker: SpeakerSummary }
  | { kind: 'ambiguous'; candidates: SpeakerSummary[] }
  | { kind: 'none' };

/**
 * A name → one speaker, when the corpus makes it unambiguous: a single candidate, or a
 * single exact full name (or organisation) match. A bare surname shared by several
 * people, or several matching descriptions, is ambiguous.
 */
export function resolveSpeaker(db: Db, name: string): SpeakerResolution {
  const c = findSpeakers(db, name);
  if (!c.length) return { kind: 'none' };
  // sources nobody quotes (a place or company with the same name) neither answer nor make it ambiguous
  const quoted = c.filter((x) => x.statements > 0);
  const pool = quoted.length ? quoted : c;
  if (pool.length === 1) return { kind: 'one', speaker: strip(pool[0]) };
  const exact = pool.filter((x) => x.match === 'exact');
  if (exact.length === 1 && exact[0].id !== null) {
    const kind = sql1(db, 'SELECT kind FROM entities WHERE id = ?').get(exact[0].id) as string;
    if (kind !== 'surname') return { kind: 'one', speaker: strip(exact[0]) };
  }
  const exactGroups = pool.filter((x) => x.match === 'description' && x.group === descriptionKey(name));
  if (exactGroups.length === 1) return { kind: 'one', speaker: strip(exactGroups[0]) };
  return { kind: 'ambiguous', candidates: pool.map(strip) };
}

function strip<T extends { match?: unknown }>(x: T): Omit<T, 'match'> {
  const { match: _m, ...rest } = x;
  return rest;
}

export function selectorOf(s: SpeakerRef): SpeakerSelector {
  return s.id !== null ? { entity: s.id } : { group: s.group! };
}

/** A speaker's profile (names, aliases, titles, counts) and their statements, newest first. */
export function speakerProfile(db: Db, sel: SpeakerSelector, opts: Page & StatementFilter = {}): { speaker: SpeakerProfile; statements: StatementRow[]; hasMore: boolean } | null {
  const raw = rawSpeaker(db, sel);
  if (!raw) return null;
  const { titles: titleCounts, names } = titlesAndNames(db, sel);
  const base = { ...summary(db, raw), titles: titleCounts.slice(0, 5).map((f) => f.form) };
  const sts = statements(db, { ...opts, speaker: sel, order: 'desc' });
  return {
    speaker: {
      ...base,
      aliases: names.filter((f) => normText(f.form) !== normText(base.name)),
      titleCounts,
    },
    ...sts,
  };
}

export interface MonthCount { month: string; count: number }

/** A source's statements per month (YYYY-MM, by the date they were made) and how many have no date. */
export function speakerActivity(db: Db, sel: SpeakerSelector): { months: MonthCount[]; undated: number } {
  const row = sql(db, 'entity' in sel ? 'SELECT months, undated FROM speaker_summary WHERE entity_id = ?' : 'SELECT months, undated FROM speaker_summary WHERE grp = ?')
    .get('entity' in sel ? sel.entity : sel.group) as { months: string; undated: number } | undefined;
  if (row) return { months: (JSON.parse(row.months) as [string, number][]).map(([month, count]) => ({ month, count })), undated: row.undated };
  // no summary row (one anonymous source, a source nobody quotes): count now
  const cond = 'entity' in sel ? 'speaker_id = @id' : `speaker_id IN (SELECT id FROM entities WHERE kind = 'anonymous' AND grp = @grp)`;
  const params = 'entity' in sel ? { id: sel.entity } : { grp: sel.group };
  const rows = sql(db, `SELECT substr(day, 1, 7) AS month, count(*) AS count FROM statements WHERE ${cond} GROUP BY month ORDER BY month`)
    .all(params) as { month: string | null; count: number }[];
  return {
    months: rows.filter((r) => r.month !== null) as MonthCount[],
    undated: rows.find((r) => r.month === null)?.count ?? 0,
  };
}

/** Is there a corpus entity with this id? */
export function entityExists(db: Db, id: number): boolean {
  return sql1(db, 'SELECT 1 FROM entities WHERE id = ?').get(id) !== undefined;
}

// ---------------------------------------------------------------- disputes

export interface Dispute {
  type: string;
  article: ArticleRef;
  /** The statement that denies or disputes ... */
  from: StatementRow;
  /** ... this one. */
  to: StatementRow;
}

/** Who denies whom: statements linked by `denies` (and `disputes`) relations, both sides. */
export function disputes(db: Db, opts: Page & { speaker?: SpeakerSelector; from?: string; to?: string; types?: string[] } = {}): { disputes: Dispute[]; hasMore: boolean } {
  const { limit, offset } = page(opts);
  const types = opts.types ?? DISPUTE_TYPES;
  const params: Record<string, unknown> = { limit: limit + 1, offset };
  // the usual types are written out, so that the partial indexes on them apply; they are
  // named because, without statistics, the planner prefers relations_type and a sort (10x slower)
  const usual = types.length === DISPUTE_TYPES.length && types.every((t, k) => t === DISPUTE_TYPES[k]);
  const cond = [usual ? DISPUTE_COND : `r.type IN (${types.map((t, k) => { params[`t${k}`] = t; return `@t${k}`; }).join(', ')}) AND r.from_id IS NOT NULL AND r.to_id IS NOT NULL`];
  const { from, to } = dayBounds(opts);
  if (from !== undefined) { cond.push('r.day >= @from'); params.from = from; }
  if (to !== undefined) { cond.push('r.day <= @to'); params.to = to; }
  let source = `relations r ${usual ? 'INDEXED BY relations_disputes' : ''}`;
  if (opts.speaker) {
    if (usual) {
      const d = disputesOf(db, opts.speaker, params);
      source = d.source;
      if (d.sides) cond.push(d.sides);
    } else {
      const mine = speakerIn(opts.speaker, params);
      source += ` ${DISPUTE_SIDES}`;
      cond.push(eitherSide(mine));
    }
  }
  // newest first by the denying statement's date; ties: document order, then by type and denied statement
  const rows = sql(db, `SELECT r.type, r.from_id, r.to_id FROM ${source}
      WHERE ${cond.join(' AND ')} ORDER BY r.day DESC, r.article_id DESC, r.seq, r.type, r.to_local LIMIT @limit OFFSET @offset`)
    .all(params) as { type: string; from_id: number; to_id: number }[];
  return { disputes: withStatements(db, rows.slice(0, limit)), hasMore: rows.length > limit };
}

/** Dispute relations with both of their statements (read in one query). */
function withStatements(db: Db, rows: { type: string; from_id: number; to_id: number }[]): Dispute[] {
  const byId = statementsById(db, rows.flatMap((r) => [r.from_id, r.to_id]));
  return rows.map((r) => {
    const f = byId.get(r.from_id)!;
    return { type: r.type, article: f.article, from: f, to: byId.get(r.to_id)! };
  });
}

const DISPUTE_TYPES = ['denies', 'disputes'];
/** The usual dispute relations: the condition of the partial indexes on them (schema.ts, versions 5 and 7). */
const DISPUTE_COND = `r.type IN ('denies', 'disputes') AND r.from_id IS NOT NULL AND r.to_id IS NOT NULL`;
/** A dispute relation's two statements: sf denies or disputes st. */
const DISPUTE_SIDES = 'JOIN statements sf ON sf.id = r.from_id JOIN statements st ON st.id = r.to_id';
/** The condition "one side of the dispute is the source's", given its test `mine` (speakerIn) on `DISPUTE_SIDES`' statements. */
const eitherSide = (mine: (alias: string) => string) => `(${mine('sf')} OR ${mine('st')})`;

/**
 * The SQL test "statement `alias` is the selected source's" (an entity, or any anonymous
 * source of a group), with its parameter set in `params`.
 */
function speakerIn(sel: SpeakerSelector, params: Record<string, unknown>): (alias: string) => string {
  if ('entity' in sel) {
    params.sp = sel.entity;
    return (a) => `${a}.speaker_id = @sp`;
  }
  params.grp = sel.group;
  return (a) => `${a}.speaker_id IN (SELECT id FROM entities WHERE kind = 'anonymous' AND grp = @grp)`;
}

/**
 * A source with at most this many statements has its disputes found from its statements (an
 * index probe on each side per statement); one with more reads every dispute of the corpus,
 * which grows with the corpus but not with the source.
 */
export const disputeTuning = { fewStatements: 300 };

/**
 * The usual dispute relations with the selected source on either side, as a row source `r`
 * with its statements joined as `sf` and `st`. `mine`: the test "statement `alias` is the
 * source's" (speakerIn); `sides`: the condition the query must add (null when the row source
 * holds only the source's disputes).
 */
function disputesOf(db: Db, sel: SpeakerSelector, params: Record<string, unknown>): { source: string; mine: (alias: string) => string; sides: string | null } {
  const mine = speakerIn(sel, params);
  const { n } = sql(db, `SELECT count(*) AS n FROM (SELECT 1 FROM statements s WHERE ${mine('s')} LIMIT ${disputeTuning.fewStatements + 1})`).get(params) as { n: number };
  if (n > disputeTuning.fewStatements) return { source: `relations r INDEXED BY relations_disputes ${DISPUTE_SIDES}`, mine, sides: eitherSide(mine) };
  const ids = `(SELECT s.id FROM statements s WHERE ${mine('s')})`;
  // UNION: a dispute between two of the source's statements is found from both sides, once
  return {
    source: `(SELECT r.* FROM relations r INDEXED BY relations_disputes_from WHERE r.from_id IN ${ids} AND ${DISPUTE_COND}
      UNION SELECT r.* FROM relations r INDEXED BY relations_disputes_to WHERE r.to_id IN ${ids} AND ${DISPUTE_COND}) r ${DISPUTE_SIDES}`,
    mine,
    sides: null,
  };
}

export interface DisputeCount {
  /** The source on the other side (null: a statement with no resolved source). */
  speaker: SpeakerRef | null;
  /** How often the selected source denies or disputes this one ... */
  disputes: number;
  /** ... and how often this one denies or disputes the selected source. */
  disputedBy: number;
}

/**
 * A source's disputes in one pass: the newest `limit` (as `disputes` lists them), and over all of
 * them (every date) how many there are and the sources on the other side with counts each way,
 * one row per corpus entity (statements contradicting the source's own count in `total` only).
 */
export function disputeCounts(db: Db, sel: SpeakerSelector, limit = 0): { total: number; others: DisputeCount[]; disputes: Dispute[]; hasMore: boolean } {
  const params: Record<string, unknown> = {};
  const { source, mine, sides } = disputesOf(db, sel, params);
  // newest first, as `disputes` orders them
  const rows = sql(db, `SELECT r.type, r.from_id, r.to_id, coalesce(${mine('sf')}, 0) AS mf, coalesce(${mine('st')}, 0) AS mt,
      sf.speaker_id AS fs, st.speaker_id AS ts
    FROM ${source} WHERE ${sides ? `${DISPUTE_COND} AND ${sides}` : '1'}
    ORDER BY r.day DESC, r.article_id DESC, r.seq, r.type, r.to_local`).all(params) as
    { type: string; from_id: number; to_id: number; mf: number; mt: number; fs: number | null; ts: number | null }[];
  // the other side of each, counted by entity and direction
  const counts = new Map<string, { other: number | null; mine: boolean; n: number }>();
  for (const r of rows) {
    if (r.mf && r.mt) continue; // contradicting oneself: no other side
    const other = r.mf ? r.ts : r.fs;
    const key = `${other}:${r.mf}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { other, mine: !!r.mf, n: 1 });
  }
  const ids = [...new Set([...counts.values()].map((c) => c.other).filter((x): x is number => x !== null))];
  // the entities' columns named as a statement row's, for speakerOf
  const who = new Map((sql(db, `SELECT id AS speaker_id, name AS e_name, type AS e_type, anonymous AS e_anon, grp AS e_grp
    FROM entities WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Parameters<typeof speakerOf>[0][]).map((e) => [e.speaker_id, e]));
  const others: DisputeCount[] = [];
  for (const c of counts.values()) {
    const e = c.other === null ? undefined : who.get(c.other);
    others.push({ speaker: e ? speakerOf(e) : null, disputes: c.mine ? c.n : 0, disputedBy: c.mine ? 0 : c.n });
  }
  return { total: rows.length, others, disputes: withStatements(db, rows.slice(0, limit)), hasMore: rows.length > limit };
}

// ---------------------------------------------------------------- articles

const ARTICLE_COLUMNS = `id, doc_id, title, url, publisher, published, hash, author, day, source_file, source_item, ingested_at, n_statements, n_entities`;
interface RawArticle {
  id: number; doc_id: string; title: string | null; url: string | null; publisher: string | null; published: string | null; hash: string;
  author: string | null; day: string | null; source_file: string; source_item: string | null; ingested_at: string; n_statements: number; n_entities: number;
}

function toArticle(r: RawArticle): ArticleInfo {
  return {
    id: r.id, docId: r.doc_id, title: r.title, url: r.url, publisher: r.publisher, published: r.published, hash: r.hash, author: r.author,
    day: r.day, sourceFile: r.source_file, sourceItem: r.source_item, ingestedAt: r.ingested_at, statements: r.n_statements, entities: r.n_entities,
  };
}

/** Articles, newest first, optionally within dates (publication day). */
export function articles(db: Db, opts: Page & { from?: string; to?: string } = {}): { articles: ArticleInfo[]; hasMore: boolean } {
  const { limit, offset } = page(opts);
  const { from, to } = dayBounds(opts);
  const cond: string[] = [];
  if (from !== undefined) cond.push('day >= @from');
  if (to !== undefined) cond.push('day <= @to');
  const rows = sql(db, `SELECT ${ARTICLE_COLUMNS} FROM articles ${cond.length ? 'WHERE ' + cond.join(' AND ') : ''}
    ORDER BY day DESC, id DESC LIMIT @limit OFFSET @offset`).all({ from, to, limit: limit + 1, offset }) as RawArticle[];
  return { articles: rows.slice(0, limit).map(toArticle), hasMore: rows.length > limit };
}

/**
 * One article by reference: its id (digits), a content hash or a prefix of one (8+ hex
 * digits), its URL, or its document id (the newest such article).
 */
export function findArticle(db: Db, ref: string | number): ArticleInfo | null {
  const s = String(ref).trim();
  let r: RawArticle | undefined;
  if (/^\d+$/.test(s)) r = sql(db, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`).get(Number(s)) as RawArticle | undefined;
  if (!r && /^[0-9a-f]{8,64}$/i.test(s)) {
    const rows = sql(db, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE hash >= ? AND hash < ? LIMIT 2`).all(s.toLowerCase(), s.toLowerCase() + 'g') as RawArticle[];
    if (rows.length === 1) r = rows[0];
  }
  r ??= sql(db, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE url = ? OR key = ? ORDER BY id DESC LIMIT 1`).get(s, s) as RawArticle | undefined;
  r ??= sql(db, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE doc_id = ? ORDER BY id DESC LIMIT 1`).get(s) as RawArticle | undefined;
  return r ? toArticle(r) : null;
}

/** The stored analysis of an article, exactly as `analyze` returned it. */
export function analysisOf(db: Db, id: number): Analysis | null {
  const text = analysisJson(db, id);
  return text === null ? null : (JSON.parse(text) as Analysis);
}

/**
 * Each statement of one article: its corpus id and the corpus source it joined, by its id in
 * the article's analysis ("s3"). What an article page links, without the rows' text
 * (`statements` with `article` gives the same ids and sources, and the test says so).
 */
export function statementLinks(db: Db, article: number): Map<string, { id: number; speaker: SpeakerRef | null }> {
  const rows = sql(db, `SELECT s.id, s.local_id, s.speaker_id, e.name AS e_name, e.type AS e_type, e.anonymous AS e_anon, e.grp AS e_grp
    FROM statements s LEFT JOIN entities e ON e.id = s.speaker_id WHERE s.article_id = ? ORDER BY s.seq`).all(article) as
    Pick<RawStatement, 'id' | 'local_id' | 'speaker_id' | 'e_name' | 'e_type' | 'e_anon' | 'e_grp'>[];
  return new Map(rows.map((r) => [r.local_id, {
    id: r.id,
    speaker: speakerOf(r),
  }]));
}

/**
 * An article's stored analysis as the JSON text it was stored as (what `analysisOf`
 * parses), so a response can carry it without parsing and printing it again.
 */
export function analysisJson(db: Db, id: number): string | null {
  const blob = sql1(db, 'SELECT analysis FROM articles WHERE id = ?').get(id) as Buffer | undefined;
  return blob ? inflateSync(blob).toString('utf8') : null;
}

/** Every stored analysis as one JSON line each (the contract format), in article id order. */
export function* exportAnalyses(db: Db): Generator<string> {
  for (const blob of db.prepare('SELECT analysis FROM articles ORDER BY id').pluck().iterate() as IterableIterator<Buffer>) {
    yield inflateSync(blob).toString('utf8');
  }
}

/** Every statement, flat, in article and document order (for CSV). */
export function* exportStatements(db: Db): Generator<StatementRow> {
  const it = db.prepare(`SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENT_FROM} ORDER BY s.article_id, s.seq`).iterate() as IterableIterator<RawStatement>;
  for (const r of it) yield toStatement(r);
}

// ---------------------------------------------------------------- stats

export interface CorpusStats {
  articles: number;
  statements: number;
  /** Statements whose source the analysis could not tie to an entity. */
  unresolved: number;
  entities: number;
  speakers: number;
  anonymousSources: number;
  relations: number;
  disputes: number;
  firstDay: string | null;
  lastDay: string | null;
  schema: number;
}

const statsCache = new WeakMap<Db, { mark: string; stats: CorpusStats }>();

/** Corpus counts; counted once per change to the database (changeMark) and kept until the next. */
export function stats(db: Db): CorpusStats {
  const mark = changeMark(db);
  const hit = statsCache.get(db);
  if (hit && hit.mark === mark) return { ...hit.stats };
  const one = (text: string) => sql1(db, text).get() as number;
  // two queries: each of min() and max() alone is one step down the day index
  const days = { a: sql1(db, 'SELECT min(day) FROM articles').get() as string | null, b: sql1(db, 'SELECT max(day) FROM articles').get() as string | null };
  const sources = sql(db, 'SELECT count(entity_id) AS speakers, coalesce(sum(CASE WHEN entity_id IS NULL AND anonymous = 1 THEN sources END), 0) AS anonymous FROM speaker_summary')
    .get() as { speakers: number; anonymous: number };
  const out: CorpusStats = {
    articles: one('SELECT count(*) FROM articles'),
    statements: one('SELECT count(*) FROM statements'),
    unresolved: one('SELECT count(*) FROM statements WHERE speaker_id IS NULL'),
    entities: one('SELECT count(*) FROM entities'),
    // quoted named entities and quoted anonymous sources: what the summary rows hold
    speakers: sources.speakers,
    anonymousSources: sources.anonymous,
    relations: one('SELECT count(*) FROM relations'),
    disputes: one(`SELECT count(*) FROM relations WHERE type IN ('denies', 'disputes')`),
    firstDay: days.a,
    lastDay: days.b,
    schema: db.pragma('user_version', { simple: true }) as number,
  };
  statsCache.set(db, { mark, stats: out });
  return { ...out };
}
