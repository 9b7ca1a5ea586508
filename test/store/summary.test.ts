/**
 * The summary rows the writer keeps (speaker_summary: one per quoted named source and per
 * anonymous group) against the same figures counted from the base tables, after every
 * kind of change a batch can make: new articles, surnames moving between full names,
 * initialled names merging, replaced and deleted articles, a failed article. And the
 * statistics kept per database change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openCorpus, CorpusWriter, speakers, speakerActivity, speakerProfile, findSpeakers, stats, entityExists, analysisJson, analysisOf,
  type Db, type SpeakerSummary,
} from '../../src/store/index.ts';
import { memoryCorpus, prepared, type ArticleSpec } from './helpers.ts';

/** The speakers list as counted from the base tables (what schema v2 did on every call). */
function countedSpeakers(db: Db): SpeakerSummary[] {
  const rows = db.prepare(`SELECT * FROM (
      SELECT id, NULL AS grp, name, type, 0 AS anonymous, n_statements AS statements, 1 AS sources, first_seen, last_seen
        FROM entities WHERE kind != 'anonymous' AND n_statements > 0
      UNION ALL
      SELECT NULL AS id, grp, '' AS name, '' AS type, max(anonymous) AS anonymous, sum(n_statements) AS statements, count(*) AS sources,
        min(first_seen) AS first_seen, max(last_seen) AS last_seen FROM entities WHERE kind = 'anonymous' AND n_statements > 0 GROUP BY grp)
    `).all() as { id: number | null; grp: string | null; name: string; type: string; anonymous: number;
    statements: number; sources: number; first_seen: string | null; last_seen: string | null }[];
  // a group is named and typed as most of its statements' sources are; ties: not in capitals, then code-point order
  const commonest = (grp: string, column: 'name' | 'type'): string => {
    const by = new Map<string, number>();
    for (const e of db.prepare(`SELECT ${column} AS v, n_statements AS n FROM entities WHERE kind = 'anonymous' AND grp = ? AND n_statements > 0`).all(grp) as { v: string; n: number }[]) {
      by.set(e.v, (by.get(e.v) ?? 0) + e.n);
    }
    const caps = (v: string) => (v === v.toUpperCase() ? 1 : 0);
    return [...by].sort((a, b) => b[1] - a[1] || caps(a[0]) - caps(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0][0];
  };
  for (const r of rows) if (r.grp !== null) { r.name = commonest(r.grp, 'name'); r.type = commonest(r.grp, 'type'); }
  const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  rows.sort((a, b) => b.statements - a.statements || cmp(a.name, b.name) || a.anonymous - b.anonymous || cmp(a.id, b.id) || cmp(a.grp, b.grp));
  return rows.map((r) => {
    const articles = r.id !== null
      ? db.prepare('SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?').pluck().get(r.id)
      : db.prepare(`SELECT count(DISTINCT ae.article_id) FROM article_entities ae JOIN entities e ON e.id = ae.entity_id WHERE e.kind = 'anonymous' AND e.grp = ?`).pluck().get(r.grp);
    const titles = (r.id !== null
      ? db.prepare(`SELECT min(form) AS form, sum(n) AS c FROM entity_forms WHERE entity_id = ? AND kind = 'title' GROUP BY norm ORDER BY c DESC, form LIMIT 2`).all(r.id)
      : db.prepare(`SELECT min(f.form) AS form, sum(f.n) AS c FROM entity_forms f JOIN entities e ON e.id = f.entity_id WHERE e.kind = 'anonymous' AND e.grp = ?
          AND f.kind = 'title' GROUP BY f.norm ORDER BY c DESC, form LIMIT 2`).all(r.grp)) as { form: string }[];
    return {
      id: r.id, group: r.grp, name: r.name, type: r.type, anonymous: !!r.anonymous, statements: r.statements, articles: articles as number,
      sources: r.sources, titles: titles.map((t) => t.form), firstSeen: r.first_seen, lastSeen: r.last_seen,
    };
  });
}

function countedMonths(db: Db, cond: string, arg: unknown) {
  const rows = db.prepare(`SELECT substr(day, 1, 7) AS month, count(*) AS count FROM statements WHERE ${cond} GROUP BY month ORDER BY month`).all(arg) as { month: string | null; count: number }[];
  return { months: rows.filter((r) => r.month !== null), undated: rows.find((r) => r.month === null)?.count ?? 0 };
}

/** The stored summary rows, in a fixed order. */
const summaryRows = (db: Db) => db.prepare('SELECT * FROM speaker_summary ORDER BY entity_id, grp').all();

function check(db: Db, when: string) {
  const kept = speakers(db, { limit: 10000 }).speakers;
  assert.deepEqual(kept, countedSpeakers(db), `speakers after ${when}`);
  for (const s of kept) {
    const sel = s.id !== null ? { entity: s.id } : { group: s.group! };
    const expected = s.id !== null ? countedMonths(db, 'speaker_id = ?', s.id)
      : countedMonths(db, `speaker_id IN (SELECT id FROM entities WHERE kind = 'anonymous' AND grp = ?)`, s.group);
    assert.deepEqual(speakerActivity(db, sel), expected, `activity of ${s.name} after ${when}`);
  }
  const rows = summaryRows(db);
  new CorpusWriter(db).rebuildSummaries();
  assert.deepEqual(summaryRows(db), rows, `summary rows after ${when} = rebuilt`);
}

const art = (id: string, published: string | null, entities: ArticleSpec['entities'], said: ArticleSpec['said'], url?: string): ArticleSpec =>
  ({ id, published, url: url ?? null, entities, said });

test('summary rows equal the counts from the base tables after every kind of change', () => {
  const { db, writer } = memoryCorpus();
  writer.writeBatch([
    prepared(art('a1', '2022-02-08', { p: { name: 'Anna Lindqvist', titles: ['Finance Minister', 'minister'] }, o: { name: 'French official', anonymous: true, titles: ['diplomat'] } },
      [{ by: 'p', quote: 'cuts stay' }, { by: 'o', quote: 'Paris watches', when: { text: 'Monday', value: '2022-02-07' } }], 'https://x/1')),
    prepared(art('a2', '2022-03-01', { p: { name: 'Lindqvist', titles: ['minister'] }, o: { name: 'French official', anonymous: true } },
      [{ by: 'p', quote: 'more cuts' }, { by: 'p', quote: 'no more cuts', when: { text: 'Tuesday', value: '2022-03-01' } }, { by: 'o', quote: 'still watching' }], 'https://x/2')),
    prepared(art('a3', null, { k: { name: 'The Kremlin', type: 'ORG' }, u: { name: 'Donald J. Trump' } }, [{ by: 'k', quote: 'undated' }, { by: 'u', quote: 'big' }])),
  ]);
  check(db, 'the first batch');
  // a second Lindqvist: the bare surname moves out of Anna into a surname entity of its own
  writer.writeBatch([prepared(art('a4', '2022-03-02', { e: { name: 'Erik Lindqvist' } }, [{ by: 'e', quote: 'strike' }]))]);
  check(db, 'a second full name with the surname');
  // the bare name arrives: the initialled name joins it
  writer.writeBatch([prepared(art('a5', '2022-04-01', { d: { name: 'Donald Trump', titles: ['candidate'] } }, [{ by: 'd', quote: 'huge' }]))]);
  check(db, 'a bare name for an initialled one');
  // a replacement that drops the anonymous source and a deletion; a failing article in the batch
  const broken = prepared(art('bad', '2022-05-01', { z: { name: 'Zed Zulu' } }, [{ by: 'z', quote: 'x' }]));
  broken.statements.push({ ...broken.statements[0] });
  const r = writer.writeBatch([
    prepared(art('a2b', '2022-03-05', { p: { name: 'Lindqvist' } }, [{ by: 'p', quote: 'revised' }], 'https://x/2')),
    broken,
  ]);
  assert.deepEqual(r.map((x) => x.ok), [true, false]);
  check(db, 'a replacement and a failed article');
  const a4 = db.prepare(`SELECT id FROM articles WHERE doc_id = 'a4'`).pluck().get() as number;
  writer.deleteArticle(a4);
  check(db, 'a deletion');
  assert.ok(speakers(db).speakers.some((s) => s.name === 'Anna Lindqvist' && s.statements === 2), 'the surname is Anna again');
  // lists by kind and type come from the same rows
  assert.deepEqual(speakers(db, { anonymous: true }).speakers, countedSpeakers(db).filter((s) => s.anonymous));
  assert.deepEqual(speakers(db, { type: 'ORG' }).speakers, countedSpeakers(db).filter((s) => s.type === 'ORG'));
  assert.deepEqual(speakers(db, { limit: 1, offset: 1 }).speakers, countedSpeakers(db).slice(1, 2));
});

test('a source nobody quotes, or one anonymous source by id, is still summarised (counted on the spot)', () => {
  const { db, writer } = memoryCorpus();
  writer.writeBatch([prepared(art('b1', '2022-01-02', { o: { name: 'Peskov', type: 'ORG' }, p: { name: 'Oana Lungu' }, a: { name: 'aide', anonymous: true } },
    [{ by: 'p', quote: 'one' }, { by: 'a', quote: 'two', when: { text: 'Sunday', value: '2022-01-01' } }]))]);
  const org = findSpeakers(db, 'Peskov');
  assert.equal(org.length, 1);
  assert.equal(org[0].statements, 0);
  assert.equal(org[0].articles, 1);
  const aide = db.prepare(`SELECT id FROM entities WHERE kind = 'anonymous'`).pluck().get() as number;
  const p = speakerProfile(db, { entity: aide })!;
  assert.equal(p.speaker.anonymous, true);
  assert.equal(p.speaker.articles, 1);
  assert.deepEqual(speakerActivity(db, { entity: aide }), { months: [{ month: '2022-01', count: 1 }], undated: 0 });
  assert.equal(entityExists(db, aide), true);
  assert.equal(entityExists(db, 9999), false);
  const id = db.prepare('SELECT id FROM articles').pluck().get() as number;
  assert.deepEqual(JSON.parse(analysisJson(db, id)!), analysisOf(db, id));
  assert.equal(analysisJson(db, id + 1), null);
});

test('statistics are counted once per database change: writes on this connection and commits by another are seen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-stats-'));
  try {
    const path = join(dir, 'c.db');
    const wdb = openCorpus(path, { create: true });
    const writer = new CorpusWriter(wdb);
    const rdb = openCorpus(path, { readonly: true });
    assert.equal(stats(rdb).articles, 0);
    assert.equal(stats(wdb).articles, 0);
    writer.writeBatch([prepared(art('c1', '2022-01-01', { p: { name: 'Oana Lungu' } }, [{ by: 'p', quote: 'one' }]))]);
    assert.equal(stats(wdb).articles, 1, 'the writing connection');
    assert.equal(stats(rdb).articles, 1, 'another connection');
    assert.equal(stats(rdb).speakers, 1);
    const s = stats(rdb);
    s.articles = 99; // a copy: the kept figures are not the caller's to change
    assert.equal(stats(rdb).articles, 1);
    writer.writeBatch([prepared(art('c2', '2022-01-03', { a: { name: 'aide', anonymous: true } }, [{ by: 'a', quote: 'two' }]))]);
    assert.deepEqual([stats(rdb).articles, stats(rdb).anonymousSources, stats(rdb).lastDay], [2, 1, '2022-01-03']);
    rdb.close();
    wdb.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('deferred summary rows: listed as waiting in the batch, recomputed when due or flushed, the same rows as refreshing every batch', () => {
  const every = memoryCorpus();
  const deferred = memoryCorpus();
  deferred.writer.deferSummaries(3_600_000);
  const waiting = (db: Db) => db.prepare('SELECT kind, ref FROM summary_pending ORDER BY kind, ref').all() as { kind: string; ref: unknown }[];
  const batches = [
    [prepared(art('d1', '2022-02-08', { p: { name: 'Anna Lindqvist', titles: ['minister'] }, o: { name: 'French official', anonymous: true } },
      [{ by: 'p', quote: 'cuts stay' }, { by: 'o', quote: 'Paris watches' }], 'https://x/1'))],
    [prepared(art('d2', '2022-03-01', { p: { name: 'Lindqvist' }, o: { name: 'French official', anonymous: true } }, [{ by: 'p', quote: 'more' }, { by: 'o', quote: 'still' }]))],
    [prepared(art('d3', '2022-03-02', { e: { name: 'Erik Lindqvist' } }, [{ by: 'e', quote: 'strike' }]))],
    [prepared(art('d1b', '2022-03-05', { p: { name: 'Anna Lindqvist' } }, [{ by: 'p', quote: 'revised' }], 'https://x/1'))],
  ];
  for (const b of batches) {
    every.writer.writeBatch(b);
    deferred.writer.writeBatch(b);
  }
  assert.deepEqual(summaryRows(deferred.db), [], 'nothing summarised before the refresh');
  const listed = waiting(deferred.db);
  const names = deferred.db.prepare('SELECT name FROM entities WHERE id = ?').pluck();
  assert.deepEqual(listed.filter((r) => r.kind === 'entity').map((r) => names.get(r.ref)).sort(), ['Anna Lindqvist', 'Erik Lindqvist', 'Lindqvist'],
    'the named sources the batches touched wait (the bare surname had an entity of its own while two full names shared it)');
  assert.deepEqual(listed.filter((r) => r.kind === 'group').length, 1, 'and the French officials');
  deferred.writer.flushSummaries();
  assert.deepEqual(summaryRows(deferred.db), summaryRows(every.db));
  assert.deepEqual(waiting(deferred.db), []);
  check(deferred.db, 'a flush');

  // a deletion while deferring, then a batch committed once the lag has passed: recomputed then
  const d3 = (db: Db) => db.prepare(`SELECT id FROM articles WHERE doc_id = 'd3'`).pluck().get() as number;
  every.writer.deleteArticle(d3(every.db));
  deferred.writer.deleteArticle(d3(deferred.db));
  assert.deepEqual(waiting(deferred.db).map((r) => names.get(r.ref) ?? 'gone').sort(), ['Anna Lindqvist', 'gone', 'gone'],
    'Anna, who takes the bare surname back, waits, and so do Erik and the surname entity, both gone: their rows go at the refresh');
  deferred.writer.deferSummaries(1);
  const t = performance.now();
  while (performance.now() - t < 3) { /* the lag passes */ }
  const late = [prepared(art('d4', '2022-04-01', { a: { name: 'aide', anonymous: true } }, [{ by: 'a', quote: 'later' }]))];
  every.writer.writeBatch(late);
  deferred.writer.writeBatch(late);
  assert.deepEqual(waiting(deferred.db), [], 'the batch committed after the lag recomputed every waiting row');
  assert.deepEqual(summaryRows(deferred.db), summaryRows(every.db));
  check(deferred.db, 'a due refresh');
});
