/**
 * The single writer: prepared articles into the corpus, a batch per transaction, each
 * article in its own savepoint (one that fails is rolled back alone and reported).
 *
 * - Same content hash as a stored article: nothing is written ('unchanged').
 * - Same key (URL, else the one-article file) with a new hash: the old version's rows are
 *   removed and the new one takes its article id ('replaced').
 * - Entities: full person names merge on the exact normalised name; named organisations,
 *   places and groups on their normalised name; anonymous sources never merge. A full name
 *   with middle initials ("Donald J. Trump") joins the same name without them ("Donald
 *   Trump") when the corpus has that name and only one initialled form of it (George W.
 *   and George H. W. Bush keep "George Bush" apart from both). A one-word person name
 *   ("Peskov") joins the full-name entity with that last name when exactly one such entity
 *   exists in the corpus, or when one of several is written in full in at least
 *   `SURNAME_DOMINANCE` times as many articles as any other ("Obama" joins Barack Obama, not
 *   Michelle Obama); else a surname entity of its own. Both are re-decided at the end of every
 *   batch for every name the batch touched, so the result does not depend on the order
 *   articles arrive in.
 *
 * A writer tunes its connection when made outside a transaction: savepoint sub-journals (and
 * sorts) in memory, `temp_store = MEMORY`, which drops the connection's temporary tables, and a
 * 32 MB page cache (see the constructor).
 */
import type { Db } from './db.ts';
import type { PreparedArticle, PreparedEntity } from './prepare.ts';

export type WriteStatus = 'ingested' | 'unchanged' | 'replaced';
export type WriteResult = { ok: true; status: WriteStatus; id: number } | { ok: false; error: Error };

/** A batch being written (`CorpusWriter.openBatch`). */
export interface OpenBatch {
  /** Articles added so far (failed ones included). */
  readonly size: number;
  /** Writes one article; one that cannot be stored is rolled back alone and reported. */
  add(item: PreparedArticle): WriteResult;
  /** Settles the batch's names and summaries, indexes its statements and commits; rolls back and throws if that fails. */
  commit(): void;
  /** Drops everything the batch wrote. */
  rollback(): void;
}

interface AeRow {
  article_id: number; local_id: string; entity_id: number; n_statements: number; forms: string; day: string | null;
  name: string; type: string; pkey: string | null;
}

/**
 * A one-word person name whose last name several full names in the corpus share joins the one
 * written in full in at least this many times as many articles as any other: news names a
 * person in full before using the surname alone, so a bare "Obama" in an article that never
 * writes a first name is the Obama the corpus writes most, when it writes him far more than
 * the others (Barack Obama in 1,595 articles of the bench corpus, Michelle Obama in 109). A
 * closer race ("Joe Biden" 238, "Joseph Biden" 129) leaves the surname its own entity.
 */
export const SURNAME_DOMINANCE = 5;

/**
 * SQL for the commonest value of an entities column among a group's quoted sources (`@grp`: the
 * group), by their statements; ties: not in capitals, then the first in order.
 */
const GROUP_FORM = (column: 'name' | 'type') => `(SELECT ${column} FROM entities WHERE kind = 'anonymous' AND grp = @grp AND n_statements > 0
  GROUP BY ${column} ORDER BY sum(n_statements) DESC, ${column} = upper(${column}), ${column} LIMIT 1)`;

export class CorpusWriter {
  private readonly db: Db;
  private readonly q;
  private dirtySurnames = new Set<string>();
  private dirtyBases = new Set<string>();
  private dirtyEntities = new Set<number>();
  /** Entities whose summary rows (speaker_summary) this batch may have changed. */
  private touched = new Set<number>();
  /**
   * The full-name keys stored under an initialled name's base (`baseVariants`), read once a
   * transaction and kept up to date as article entities are inserted; emptied when rows are
   * removed, when an article's savepoint is rolled back and when the transaction ends. Read
   * from the store for every article instead, "Donald Trump" scanned all earlier links of
   * "Donald J. Trump" each time (972 in the 10,000-article bench): work that grew with the corpus.
   */
  private variants = new Map<string, Set<string>>();
  private batchOpen = false;
  /** False while migrating a corpus that has no summary table yet (schema < 3). */
  private readonly summaries: boolean;
  private sq: ReturnType<CorpusWriter['summaryStatements']> | null = null;
  /** How long touched speakers' summary rows may wait (`deferSummaries`); 0: every batch refreshes them. */
  private summaryLagMs = 0;
  private lastRefresh = 0;
  /** Statements on summary_pending (schema ≥ 10), prepared when first needed. */
  private pq: { add: ReturnType<Db['prepare']>; all: ReturnType<Db['prepare']>; clear: ReturnType<Db['prepare']> } | null = null;
  /**
   * The writer keeps the full-text index itself (schema ≥ 4; before, triggers did, row by
   * row). A batch's statements are indexed in one statement at its end: FTS5 flushes its
   * pending terms to a new segment at every savepoint, so indexing inside the per-article
   * savepoints wrote (and later merged) one small segment per article.
   */
  private readonly ownFts: boolean;
  /** Statement ids above this one were written by the current batch and are not indexed yet. */
  private indexedUpTo = Infinity;
  /** Prepared on first use: the columns it fills came with schema v5, after migrations that make a writer. */
  private insertRelation: ReturnType<Db['prepare']> | null = null;
  /**
   * What the batch's articles add to their entities (statement counts, first and last day,
   * forms), summed per entity and written once before the batch settles (`flushAttached`):
   * most of an article's ~30 entities are names the batch has already met, so this is one
   * UPDATE and one upsert per form per entity a batch instead of per article. `staged` holds
   * the article being written, added to `attached` once its savepoint is released.
   */
  private attached = new Map<number, Attached>();
  private staged = new Map<number, Attached>();

  constructor(db: Db) {
    this.db = db;
    if (!db.inTransaction) {
      // (a migration makes a writer inside its transaction, where temp_store cannot change)
      // Each article is written in a savepoint, for which SQLite keeps the original of every page
      // it changes in a sub-journal: a temporary file by default, ~200 write() calls an article
      // (4.2 GB written for the 219 MB database of the 10,000-article bench). In memory it is a
      // few hundred KB an article, freed when the savepoint ends: 0.9 GB written, and the thread's
      // system time fell from ~6 to ~4.4 s. Sorts on this connection are then in memory too.
      db.pragma('temp_store = MEMORY');
      // The pages a batch updates (the statement, entity and link indexes, the entities it
      // attaches to) overflow 8 MB; with 32 MB the thread read 1.6 GB from the file instead of
      // 5 GB (1.18M read() calls against 0.34M), system time ~4.4 → ~2.4 s (docs/EVALUATION.md).
      db.pragma('cache_size = -32000');
    }
    this.summaries = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'speaker_summary'`).get() !== undefined;
    this.ownFts = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'statements_fts_insert'`).get() === undefined;
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      byHash: p('SELECT id FROM articles WHERE hash = ?').pluck(),
      byKey: p('SELECT id FROM articles WHERE key = ?').pluck(),
      insertArticle: p(`INSERT INTO articles (hash, key, doc_id, url, title, publisher, author, published, day, source_file, source_item, ingested_at, n_statements, n_entities, analysis)
        VALUES (@hash, @key, @docId, @url, @title, @publisher, @author, @published, @day, @file, @item, @now, @nStatements, @nEntities, @analysis)`),
      updateArticle: p(`UPDATE articles SET hash = @hash, doc_id = @docId, url = @url, title = @title, publisher = @publisher, author = @author,
        published = @published, day = @day, source_file = @file, source_item = @item, ingested_at = @now, n_statements = @nStatements,
        n_entities = @nEntities, analysis = @analysis WHERE id = @id`),
      articleEntities: p(`SELECT ae.article_id, ae.local_id, ae.entity_id, ae.n_statements, ae.forms, a.day, e.kind, e.surname AS e_surname, ae.surname,
        ae.pkey, ae.pbase FROM article_entities ae JOIN articles a ON a.id = ae.article_id JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id = ?`),
      deleteStatements: p('DELETE FROM statements WHERE article_id = ?'),
      deleteAe: p('DELETE FROM article_entities WHERE article_id = ?'),
      deleteRelations: p('DELETE FROM relations WHERE article_id = ?'),
      entityByKey: p('SELECT id FROM entities WHERE kind = ? AND key = ?').pluck(),
      insertEntity: p(`INSERT INTO entities (kind, key, surname, grp, type, name, anonymous) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      liveFullNames: p(`SELECT e.id FROM entities e WHERE e.surname = ? AND e.kind = 'person'
        AND EXISTS (SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id AND ae.via != 'surname') LIMIT 2`).pluck(),
      // the two full names with a last name written in the most articles (not counting the bare
      // surnames they took in), from the index of such links (v9)
      writtenFullNames: p(`SELECT id, n FROM (SELECT e.id, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id AND ae.via != 'surname') AS n
        FROM entities e WHERE e.surname = ? AND e.kind = 'person') ORDER BY n DESC, id LIMIT 2`),
      hasSurnameLinks: p('SELECT 1 FROM article_entities WHERE surname = ? LIMIT 1').pluck(),
      insertAe: p(`INSERT INTO article_entities (article_id, local_id, entity_id, via, type, name, surname, n_statements, forms, pkey, pbase)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      baseVariants: p('SELECT DISTINCT pkey FROM article_entities WHERE pbase = ?').pluck(),
      hasPkey: p('SELECT 1 FROM article_entities WHERE pkey = ? LIMIT 1').pluck(),
      baseLinks: p(`SELECT ae.article_id, ae.local_id, ae.entity_id, ae.n_statements, ae.forms, a.day, ae.name, ae.type, ae.pkey
        FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.pbase = ? ORDER BY ae.article_id, ae.local_id`),
      attachEntity: p(`UPDATE entities SET n_statements = n_statements + @n,
        first_seen = CASE WHEN @day IS NOT NULL AND (first_seen IS NULL OR @day < first_seen) THEN @day ELSE first_seen END,
        last_seen = CASE WHEN @day IS NOT NULL AND (last_seen IS NULL OR @day > last_seen) THEN @day ELSE last_seen END
        WHERE id = @id`),
      detachEntity: p('UPDATE entities SET n_statements = n_statements - ? WHERE id = ?'),
      addForm: p(`INSERT INTO entity_forms (entity_id, kind, norm, form, n) VALUES (?, ?, ?, ?, 1)
        ON CONFLICT (entity_id, kind, norm) DO UPDATE SET n = n + 1`),
      addForms: p(`INSERT INTO entity_forms (entity_id, kind, norm, form, n) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (entity_id, kind, norm) DO UPDATE SET n = n + excluded.n`),
      dropForm: p('UPDATE entity_forms SET n = n - 1 WHERE entity_id = ? AND kind = ? AND norm = ?'),
      pruneForms: p('DELETE FROM entity_forms WHERE entity_id = ? AND n <= 0'),
      insertStatement: p(`INSERT INTO statements (article_id, local_id, seq, type, act, quote, cue, start_offset, end_offset, mention, source_local,
        speaker_id, speaker_text, time_text, time_value, day, day_source, confidence)
        VALUES (@articleId, @local, @seq, @type, @act, @quote, @cue, @start, @end, @mention, @sourceLocal, @speakerId, @speakerText,
        @timeText, @timeValue, @day, @daySource, @confidence)`),
      // a surname's links except those at one entity (0: all; ids start at 1), in article order.
      // The keys come first, from the index alone (v6): filtered in one query, SQLite read each
      // link's row before testing its entity (21 ms for the 1,919 links of "Obama" against 0.08 ms)
      surnameLinks: p(`WITH k AS MATERIALIZED (SELECT article_id, local_id FROM article_entities WHERE surname = ? AND entity_id != ?)
        SELECT ae.article_id, ae.local_id, ae.entity_id, ae.n_statements, ae.forms, a.day, ae.name, ae.type, ae.pkey
        FROM k JOIN article_entities ae ON ae.article_id = k.article_id AND ae.local_id = k.local_id JOIN articles a ON a.id = ae.article_id
        ORDER BY ae.article_id, ae.local_id`),
      moveAe: p('UPDATE article_entities SET entity_id = ?, via = ? WHERE article_id = ? AND local_id = ?'),
      moveStatements: p('UPDATE statements SET speaker_id = ? WHERE article_id = ? AND source_local = ?'),
      hasLinks: p('SELECT 1 FROM article_entities WHERE entity_id = ? LIMIT 1').pluck(),
      deleteForms: p('DELETE FROM entity_forms WHERE entity_id = ?'),
      deleteEntity: p('DELETE FROM entities WHERE id = ?'),
      entityInfo: p('SELECT kind, surname FROM entities WHERE id = ?'),
      refreshEntity: p(`UPDATE entities SET
        n_statements = (SELECT count(*) FROM statements s WHERE s.speaker_id = entities.id),
        first_seen = (SELECT min(a.day) FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = entities.id),
        last_seen = (SELECT max(a.day) FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = entities.id)
        WHERE id = ?`),
      deleteArticle: p('DELETE FROM articles WHERE id = ?'),
      lastStatementId: p(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'statements'), 0), coalesce((SELECT max(id) FROM statements), 0))`).pluck(),
      indexedText: p('SELECT id, quote, speaker_text FROM statements WHERE article_id = ? AND id <= ?'),
      ftsDelete: p(`INSERT INTO statements_fts(statements_fts, rowid, quote, speaker) VALUES ('delete', ?, ?, ?)`),
      ftsIndex: p('INSERT INTO statements_fts(rowid, quote, speaker) SELECT id, quote, speaker_text FROM statements WHERE id > ? ORDER BY id'),
    };
  }

  /** True when an article with this content hash is stored (resume skips it unread). */
  hasHash(hash: string): boolean {
    return this.q.byHash.get(hash) !== undefined;
  }

  /**
   * Writes a batch in one transaction and returns one result per article, in order. A
   * failing article is rolled back alone; the others are committed.
   */
  writeBatch(items: readonly PreparedArticle[], now = new Date().toISOString()): WriteResult[] {
    const batch = this.openBatch(now);
    try {
      const out = items.map((item) => batch.add(item));
      batch.commit();
      return out;
    } catch (e) {
      batch.rollback();
      throw e;
    }
  }

  /**
   * Opens a batch that articles are written into one at a time, as they come (`ingest` does
   * this, so that its thread goes back to feeding the analysis workers between articles
   * instead of holding them up while it writes a whole batch): one transaction (a savepoint
   * when one is already open), a savepoint per article. Nothing is visible to other
   * connections before `commit`. One batch at a time.
   */
  openBatch(now = new Date().toISOString()): OpenBatch {
    if (this.batchOpen) throw new Error('the writer already has an open batch');
    const nested = this.db.inTransaction;
    this.db.exec(nested ? 'SAVEPOINT hearsay_batch' : 'BEGIN');
    this.batchOpen = true;
    this.variants.clear(); // read again in this transaction (another connection may have written)
    let ended = false;
    let size = 0;
    const end = (commit: boolean) => {
      if (ended) return;
      ended = true;
      let committed = false;
      try {
        if (commit) this.db.exec(nested ? 'RELEASE hearsay_batch' : 'COMMIT');
        committed = commit;
      } finally {
        if (!committed && this.db.inTransaction) this.db.exec(nested ? 'ROLLBACK TO hearsay_batch; RELEASE hearsay_batch' : 'ROLLBACK');
        this.clearBatch();
      }
    };
    const open = () => {
      if (ended) throw new Error('this batch is already committed or rolled back');
    };
    try {
      // ids only grow (AUTOINCREMENT), so the batch's statements are those above the last id now
      if (this.ownFts) this.indexedUpTo = this.q.lastStatementId.get() as number;
    } catch (e) {
      end(false);
      throw e;
    }
    const one = this.db.transaction((item: PreparedArticle) => this.writeOne(item, now));
    return {
      get size() { return size; },
      add: (item) => {
        open();
        size++;
        // an article that replaces another detaches that one's entities: the batch's
        // attachments are written first, outside this article's savepoint
        if (this.attached.size && item.meta.key !== null && this.q.byKey.get(item.meta.key) !== undefined) this.flushAttached();
        this.staged.clear();
        try {
          const r: WriteResult = { ok: true, ...one(item) };
          addAttached(this.attached, this.staged);
          return r;
        } catch (e) {
          this.variants.clear();
          return { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
        }
      },
      commit: () => {
        open();
        try {
          this.staged.clear();
          this.flushAttached();
          this.settle();
          if (this.summaryLagMs > 0 && performance.now() - this.lastRefresh >= this.summaryLagMs) this.refreshPending();
          if (this.ownFts) this.q.ftsIndex.run(this.indexedUpTo);
        } catch (e) {
          end(false);
          throw e;
        }
        end(true);
      },
      rollback: () => end(false),
    };
  }

  /** The state of a batch, forgotten when it ends (committed or not). */
  private clearBatch(): void {
    this.attached.clear();
    this.staged.clear();
    this.indexedUpTo = Infinity;
    this.dirtySurnames.clear();
    this.dirtyBases.clear();
    this.dirtyEntities.clear();
    this.touched.clear();
    this.variants.clear();
    this.batchOpen = false;
  }

  /**
   * Lets the summary rows (speaker_summary) of the speakers a batch touches wait up to `ms`
   * milliseconds: a batch lists them in summary_pending, in its transaction, and the first batch
   * to commit `ms` or more after the last refresh recomputes all that are listed, as
   * `flushSummaries` does. A large group of described sources ("officials") is recounted over
   * all its members, and most batches touch most groups, so refreshing at every batch of an
   * ingest took 4.3 s of the writer's 18 s over the bench's 10,000 articles
   * (docs/EVALUATION.md). Until the refresh, the speakers list and profiles lag the statements
   * by at most that long. 0 (the default) stops deferring; the speakers already listed wait
   * for `flushSummaries`.
   */
  deferSummaries(ms: number): void {
    if (ms > 0 && !this.pendingStatements()) throw new Error('this corpus cannot defer its summary rows (schema before 10)');
    this.summaryLagMs = ms;
    this.lastRefresh = performance.now();
  }

  /**
   * Recomputes the summary rows of every speaker listed in summary_pending (those an ingest
   * killed between two refreshes left too), in a transaction of its own: ingest does at its end.
   */
  flushSummaries(): void {
    if (this.batchOpen) throw new Error('the writer has an open batch');
    if (this.pendingStatements()) this.db.transaction(() => this.refreshPending())();
  }

  private pendingStatements(): CorpusWriter['pq'] {
    if (this.pq || !this.summaries) return this.pq;
    if (this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'summary_pending'`).get() === undefined) return null;
    this.pq = {
      add: this.db.prepare('INSERT OR IGNORE INTO summary_pending (kind, ref) VALUES (?, ?)'),
      all: this.db.prepare('SELECT kind, ref FROM summary_pending ORDER BY kind, ref'),
      clear: this.db.prepare('DELETE FROM summary_pending'),
    };
    return this.pq;
  }

  private refreshPending(): void {
    this.lastRefresh = performance.now();
    const pq = this.pendingStatements();
    if (!pq) return;
    const listed = pq.all.all() as { kind: 'entity' | 'group'; ref: number | string }[];
    if (!listed.length) return;
    this.sq ??= this.summaryStatements();
    for (const r of listed) {
      if (r.kind === 'entity') this.refreshNamed(this.sq, r.ref as number);
      else this.refreshGroup(this.sq, r.ref as string);
    }
    pq.clear.run();
  }

  /** Recomputes every summary row (the v3 migration; repairs). */
  rebuildSummaries(): void {
    if (!this.summaries) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM speaker_summary');
      this.pendingStatements()?.clear.run();
      const q = this.summaryStatements();
      for (const id of this.db.prepare(`SELECT id FROM entities WHERE kind != 'anonymous' AND n_statements > 0`).pluck().all() as number[]) this.refreshNamed(q, id);
      for (const grp of this.db.prepare(`SELECT DISTINCT grp FROM entities WHERE kind = 'anonymous' AND n_statements > 0`).pluck().all() as string[]) this.refreshGroup(q, grp);
    })();
  }

  private summaryStatements() {
    const p = (sql: string) => this.db.prepare(sql);
    const months = (cond: string) => p(`SELECT substr(day, 1, 7) AS month, count(*) AS n FROM statements WHERE ${cond} GROUP BY month ORDER BY month`);
    const inGroup = `SELECT id FROM entities WHERE kind = 'anonymous' AND grp = ?`;
    return {
      kindOf: p('SELECT kind, grp FROM entities WHERE id = ?'),
      entity: p(`SELECT kind, key, name, type, n_statements, first_seen, last_seen FROM entities WHERE id = ?`),
      // a group of described sources is anonymous when one of its quoted sources is (the analysis's flag):
      // "a French official" is, "the poll" and "the Clinton campaign" are not; it is named and typed as
      // most of its statements' sources are ("experts", not the "EXPERTS" of one headline)
      group: p(`SELECT ${GROUP_FORM('name')} AS name, ${GROUP_FORM('type')} AS type, sum(n_statements) AS statements, count(*) AS sources,
        min(first_seen) AS first_seen, max(last_seen) AS last_seen, max(anonymous) AS anonymous FROM entities WHERE kind = 'anonymous' AND grp = @grp AND n_statements > 0`),
      entityArticles: p('SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?').pluck(),
      groupArticles: p(`SELECT count(DISTINCT ae.article_id) FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
        WHERE e.kind = 'anonymous' AND e.grp = ?`).pluck(),
      entityTitles: p(`SELECT min(form) FROM entity_forms WHERE entity_id = ? AND kind = 'title' GROUP BY norm ORDER BY sum(n) DESC, min(form) LIMIT 2`).pluck(),
      groupTitles: p(`SELECT min(f.form) FROM entity_forms f JOIN entities e ON e.id = f.entity_id
        WHERE e.kind = 'anonymous' AND e.grp = ? AND f.kind = 'title' GROUP BY f.norm ORDER BY sum(f.n) DESC, min(f.form) LIMIT 2`).pluck(),
      entityMonths: months('speaker_id = ?'),
      groupMonths: months(`speaker_id IN (${inGroup})`),
      dropEntity: p('DELETE FROM speaker_summary WHERE entity_id = ?'),
      dropGroup: p('DELETE FROM speaker_summary WHERE grp = ?'),
      insert: p(`INSERT INTO speaker_summary (entity_id, grp, key, name, type, anonymous, statements, articles, sources, first_seen, last_seen, titles, months, undated)
        VALUES (@entityId, @grp, @key, @name, @type, @anonymous, @statements, @articles, @sources, @firstSeen, @lastSeen, @titles, @months, @undated)`),
    };
  }

  private static monthsJson(rows: { month: string | null; n: number }[]): { months: string; undated: number } {
    return { months: JSON.stringify(rows.filter((r) => r.month !== null).map((r) => [r.month, r.n])), undated: rows.find((r) => r.month === null)?.n ?? 0 };
  }

  private refreshNamed(q: NonNullable<CorpusWriter['sq']>, id: number): void {
    q.dropEntity.run(id);
    const e = q.entity.get(id) as { kind: string; key: string | null; name: string; type: string; n_statements: number; first_seen: string | null; last_seen: string | null } | undefined;
    if (!e || e.kind === 'anonymous' || e.n_statements <= 0) return;
    q.insert.run({
      entityId: id, grp: null, key: e.key, name: e.name, type: e.type, anonymous: 0, statements: e.n_statements,
      articles: q.entityArticles.get(id), sources: 1, firstSeen: e.first_seen, lastSeen: e.last_seen,
      titles: JSON.stringify(q.entityTitles.all(id)), ...CorpusWriter.monthsJson(q.entityMonths.all(id) as { month: string | null; n: number }[]),
    });
  }

  private refreshGroup(q: NonNullable<CorpusWriter['sq']>, grp: string): void {
    q.dropGroup.run(grp);
    const g = q.group.get({ grp }) as { name: string; type: string; statements: number; sources: number; first_seen: string | null; last_seen: string | null; anonymous: number };
    if (!g.sources) return;
    q.insert.run({
      entityId: null, grp, key: null, name: g.name, type: g.type, anonymous: g.anonymous, statements: g.statements,
      articles: q.groupArticles.get(grp), sources: g.sources, firstSeen: g.first_seen, lastSeen: g.last_seen,
      titles: JSON.stringify(q.groupTitles.all(grp)), ...CorpusWriter.monthsJson(q.groupMonths.all(grp) as { month: string | null; n: number }[]),
    });
  }

  /**
   * Re-decides the merging of the given full-name bases, as the end of a batch does for the
   * names it touched; when omitted, of every full-name base and every bare surname. For
   * migrations and repairs.
   */
  resettle(bases?: Iterable<string>): void {
    if (this.batchOpen) throw new Error('the writer has an open batch');
    this.variants.clear();
    this.db.transaction(() => {
      const all = bases ?? (this.db.prepare('SELECT DISTINCT coalesce(pbase, pkey) FROM article_entities WHERE pkey IS NOT NULL').pluck().all() as string[]);
      for (const b of all) this.dirtyBases.add(b);
      if (!bases) for (const s of this.db.prepare('SELECT DISTINCT surname FROM article_entities WHERE surname IS NOT NULL').pluck().all() as string[]) this.dirtySurnames.add(s);
      this.settle();
    })();
  }

  /** Removes an article and everything derived from it. True when it existed. */
  deleteArticle(id: number): boolean {
    if (this.batchOpen) throw new Error('the writer has an open batch');
    this.variants.clear();
    return this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id)) return false;
      this.removeChildren(id);
      this.q.deleteArticle.run(id);
      this.settle();
      return true;
    })();
  }

  private writeOne(a: PreparedArticle, now: string): { status: WriteStatus; id: number } {
    const existing = this.q.byHash.get(a.meta.hash) as number | undefined;
    if (existing !== undefined) return { status: 'unchanged', id: existing };
    const row = {
      hash: a.meta.hash, key: a.meta.key, docId: a.docId, url: a.url, title: a.title, publisher: a.publisher,
      author: a.meta.author, published: a.published, day: a.day, file: a.meta.file, item: a.meta.item, now,
      nStatements: a.statements.length, nEntities: a.entities.length, analysis: Buffer.from(a.analysis.buffer, a.analysis.byteOffset, a.analysis.byteLength),
    };
    let id: number;
    let status: WriteStatus;
    const old = a.meta.key === null ? undefined : (this.q.byKey.get(a.meta.key) as number | undefined);
    if (old !== undefined) {
      this.removeChildren(old);
      this.q.updateArticle.run({ ...row, id: old });
      id = old;
      status = 'replaced';
    } else {
      id = Number(this.q.insertArticle.run(row).lastInsertRowid);
      status = 'ingested';
    }
    const speaker = new Map<string, number>();
    for (const e of a.entities) {
      const { entityId, via } = this.resolve(e);
      speaker.set(e.local, entityId);
      const surname = e.key.kind === 'surname' ? e.key.surname : null;
      const pkey = e.key.kind === 'person' ? e.key.key : null;
      const pbase = e.key.kind === 'person' ? e.key.base : null;
      this.q.insertAe.run(id, e.local, entityId, via, e.type, e.name, surname, e.nStatements, JSON.stringify(e.forms), pkey, pbase);
      if (pbase !== null) this.variants.get(pbase)?.add(pkey!);
      this.touched.add(entityId);
      stageAttached(this.staged, entityId, e.nStatements, e.forms, a.day);
    }
    const written = new Map<string, { id: number; day: string | null; seq: number }>();
    for (const s of a.statements) {
      const info = this.q.insertStatement.run({ ...s, articleId: id, speakerId: s.sourceLocal ? speaker.get(s.sourceLocal) ?? null : null });
      written.set(s.local, { id: Number(info.lastInsertRowid), day: s.day, seq: s.seq });
    }
    // each relation carries its statements' ids and the first one's day and position (v5), so
    // that disputes are listed from an index, newest first, without joining statements
    this.insertRelation ??= this.db.prepare(`INSERT OR IGNORE INTO relations (article_id, type, from_local, to_local, from_id, to_id, day, seq)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of a.relations) {
      const f = written.get(r.from);
      this.insertRelation.run(id, r.type, r.from, r.to, f?.id ?? null, written.get(r.to)?.id ?? null, f?.day ?? null, f?.seq ?? null);
    }
    return { status, id };
  }

  private resolve(e: PreparedEntity): { entityId: number; via: string } {
    const k = e.key;
    switch (k.kind) {
      case 'anonymous':
        return { entityId: this.newEntity('anonymous', null, null, k.grp, e), via: 'new' };
      case 'named':
        return { entityId: this.entityFor('named', k.key, null, e), via: 'key' };
      case 'person': {
        const base = k.base ?? k.key;
        this.dirtyBases.add(base);
        // one more article writes this full name: where its surname's bare links belong may change
        this.dirtySurnames.add(k.surname);
        if (k.base === null) return { entityId: this.personEntity(k.key, k.surname, e), via: 'key' };
        // an initialled name: the bare name's entity when that is the only initialled form
        const known = this.variantsOf(base);
        if ((known.size === 0 || (known.size === 1 && known.has(k.key))) && this.q.hasPkey.get(base) !== undefined) return { entityId: this.personEntity(base, k.surname, e), via: 'initial' };
        return { entityId: this.personEntity(k.key, k.surname, e), via: 'key' };
      }
      case 'surname': {
        this.dirtySurnames.add(k.surname);
        const full = this.fullNameOf(k.surname);
        if (full !== null) return { entityId: full, via: 'surname' };
        return { entityId: this.entityFor('surname', k.key, k.surname, e), via: 'key' };
      }
    }
  }

  /**
   * The full-name entity a bare `surname` joins: the only one written with it, or the one
   * written in `SURNAME_DOMINANCE` times as many articles as any other; null when none is.
   */
  private fullNameOf(surname: string): number | null {
    const live = this.q.liveFullNames.all(surname) as number[];
    if (live.length < 2) return live[0] ?? null;
    const [top, next] = this.q.writtenFullNames.all(surname) as { id: number; n: number }[];
    return top.n >= SURNAME_DOMINANCE * next.n ? top.id : null;
  }

  private personEntity(key: string, surname: string, e: { type: string; name: string }): number {
    const id = this.q.entityByKey.get('person', key) as number | undefined;
    if (id !== undefined) return id;
    this.dirtySurnames.add(surname);
    return this.newEntity('person', key, surname, null, { ...e, anonymous: false });
  }

  private entityFor(kind: string, key: string, surname: string | null, e: { type: string; name: string; anonymous: boolean }): number {
    const id = this.q.entityByKey.get(kind, key) as number | undefined;
    return id ?? this.newEntity(kind, key, surname, null, e);
  }

  private newEntity(kind: string, key: string | null, surname: string | null, grp: string | null, e: { type: string; name: string; anonymous: boolean }): number {
    return Number(this.q.insertEntity.run(kind, key, surname, grp, e.type, e.name, e.anonymous ? 1 : 0).lastInsertRowid);
  }

  private attach(entityId: number, n: number, forms: [string, string, string][], day: string | null): void {
    this.touched.add(entityId);
    this.q.attachEntity.run({ id: entityId, n, day });
    for (const [kind, norm, form] of forms) this.q.addForm.run(entityId, kind, norm, form);
  }

  /** Writes the batch's summed attachments (see `attached`). */
  private flushAttached(): void {
    for (const [id, a] of this.attached) {
      if (a.n !== 0 || a.first !== null) {
        this.q.attachEntity.run({ id, n: a.n, day: a.first });
        if (a.last !== a.first) this.q.attachEntity.run({ id, n: 0, day: a.last });
      }
      for (const f of a.forms.values()) this.q.addForms.run(id, f.kind, f.norm, f.form, f.n);
    }
    this.attached.clear();
  }

  private detach(entityId: number, n: number, formsJson: string): void {
    this.touched.add(entityId);
    this.q.detachEntity.run(n, entityId);
    for (const [kind, norm] of JSON.parse(formsJson) as [string, string, string][]) this.q.dropForm.run(entityId, kind, norm);
    this.q.pruneForms.run(entityId);
    this.dirtyEntities.add(entityId);
  }

  private removeChildren(articleId: number): void {
    const rows = this.q.articleEntities.all(articleId) as (AeRow & { kind: string; e_surname: string | null; surname: string | null; pbase: string | null })[];
    for (const r of rows) {
      this.detach(r.entity_id, r.n_statements, r.forms);
      if (r.surname) this.dirtySurnames.add(r.surname);
      if (r.kind === 'person' && r.e_surname) this.dirtySurnames.add(r.e_surname);
      if (r.pkey) this.dirtyBases.add(r.pbase ?? r.pkey);
    }
    if (this.ownFts) {
      // out of the full-text index first (it needs the indexed text); rows of this batch are not in it yet
      for (const r of this.q.indexedText.all(articleId, this.indexedUpTo === Infinity ? Number.MAX_SAFE_INTEGER : this.indexedUpTo) as { id: number; quote: string; speaker_text: string }[]) {
        this.q.ftsDelete.run(r.id, r.quote, r.speaker_text);
      }
    }
    this.q.deleteStatements.run(articleId);
    this.q.deleteAe.run(articleId);
    this.variants.clear();
    this.q.deleteRelations.run(articleId);
  }

  /** The full-name keys stored under `base` (see `variants`). */
  private variantsOf(base: string): Set<string> {
    let v = this.variants.get(base);
    if (!v) this.variants.set(base, (v = new Set(this.q.baseVariants.all(base) as string[])));
    return v;
  }

  /** Moves an article entity (and its statements) to another corpus entity. */
  private move(r: AeRow, target: number, via: string): void {
    this.detach(r.entity_id, r.n_statements, r.forms);
    this.attach(target, r.n_statements, JSON.parse(r.forms), r.day);
    this.q.moveAe.run(target, via, r.article_id, r.local_id);
    this.q.moveStatements.run(target, r.article_id, r.local_id);
    this.dirtyEntities.add(target);
  }

  /** End of a batch: re-decide touched names (initials first, then last names), refresh or drop touched entities. */
  private settle(): void {
    for (const base of this.dirtyBases) {
      const single = this.variantsOf(base).size === 1 && this.q.hasPkey.get(base) !== undefined;
      for (const r of this.q.baseLinks.all(base) as AeRow[]) {
        const surname = base.slice(base.lastIndexOf(' ') + 1);
        const target = this.personEntity(single ? base : r.pkey!, surname, r);
        if (r.entity_id === target) continue;
        this.move(r, target, single ? 'initial' : 'key');
        this.dirtySurnames.add(surname);
      }
    }
    this.dirtyBases.clear();
    for (const surname of this.dirtySurnames) {
      // (every surname of the batch's full names is here: most have no bare links to place)
      if (this.q.hasSurnameLinks.get(surname) === undefined) continue;
      const full = this.fullNameOf(surname);
      const via = full !== null ? 'surname' : 'key';
      // where the links belong: the full name `fullNameOf` gives, else the surname's own entity
      // (made from the earliest link when there is none yet). Only the links elsewhere are
      // read (schema v6 indexes them with their entity): reading all of a common surname's links
      // at the end of every batch was work that grew with the corpus (0.8 s of 10,000 articles).
      let target = full ?? ((this.q.entityByKey.get('surname', surname) as number | undefined) ?? null);
      for (const r of this.q.surnameLinks.all(surname, target ?? 0) as AeRow[]) {
        target ??= this.entityFor('surname', surname, surname, { name: r.name, type: r.type, anonymous: false });
        if (r.entity_id === target) continue;
        this.move(r, target, via);
      }
    }
    this.dirtySurnames.clear();
    // summary rows to recompute: touched named entities, and the groups of touched anonymous ones (looked up before any is deleted)
    const named: number[] = [];
    const groups = new Set<string>();
    if (this.summaries) {
      this.sq ??= this.summaryStatements();
      for (const id of this.touched) {
        const k = this.sq.kindOf.get(id) as { kind: string; grp: string | null } | undefined;
        if (k?.kind === 'anonymous') { if (k.grp !== null) groups.add(k.grp); }
        else named.push(id);
      }
    }
    this.touched.clear();
    for (const id of this.dirtyEntities) {
      if (this.q.hasLinks.get(id) === undefined) {
        this.q.deleteForms.run(id);
        this.q.deleteEntity.run(id);
      } else {
        this.q.refreshEntity.run(id);
      }
    }
    this.dirtyEntities.clear();
    if (!this.sq) return;
    if (this.summaryLagMs > 0) {
      const add = this.pq!.add; // (deferring prepared it)
      for (const id of named) add.run('entity', id);
      for (const grp of groups) add.run('group', grp);
    } else {
      for (const id of named) this.refreshNamed(this.sq, id);
      for (const grp of groups) this.refreshGroup(this.sq, grp);
    }
  }
}

/** An entity's additions from a batch's articles: statements, earliest and latest day, forms by kind and norm (the first form seen kept). */
interface Attached { n: number; first: string | null; last: string | null; forms: Map<string, { kind: string; norm: string; form: string; n: number }> }

function stageAttached(into: Map<number, Attached>, id: number, n: number, forms: [string, string, string][], day: string | null): void {
  const byNorm: Attached['forms'] = new Map();
  for (const [kind, norm, form] of forms) {
    const k = kind + '\u0000' + norm;
    const f = byNorm.get(k);
    if (f) f.n++;
    else byNorm.set(k, { kind, norm, form, n: 1 });
  }
  mergeAttached(into, id, { n, first: day, last: day, forms: byNorm });
}

/** Adds `b` to entity `id`'s sums in `into` (the first form of a norm seen kept). */
function mergeAttached(into: Map<number, Attached>, id: number, b: Attached): void {
  const a = into.get(id);
  if (!a) { into.set(id, b); return; }
  a.n += b.n;
  if (b.first !== null && (a.first === null || b.first < a.first)) a.first = b.first;
  if (b.last !== null && (a.last === null || b.last > a.last)) a.last = b.last;
  for (const [k, f] of b.forms) {
    const g = a.forms.get(k);
    if (g) g.n += f.n;
    else a.forms.set(k, f);
  }
}

function addAttached(into: Map<number, Attached>, from: Map<number, Attached>): void {
  for (const [id, b] of from) mergeAttached(into, id, b);
}
