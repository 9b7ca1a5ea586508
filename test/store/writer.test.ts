/**
 * The single writer: deduplication by content hash, replacement by URL, and entities
 * merged across articles (full names, surnames, anonymous sources), whatever the order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAnalysis } from '../helpers/schema.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusWriter, READ_MMAP_BYTES, analysisOf, disputes, openCorpus, resolveSpeaker, speakers, speakerProfile, stats, type Db } from '../../src/store/index.ts';
import { buildAnalysis, memoryCorpus, prepared, statementsBySpeaker, type ArticleSpec } from './helpers.ts';

const peskovFull: ArticleSpec = {
  id: 'a1', published: '2022-02-08',
  entities: { p: { name: 'Dmitry Peskov', titles: ['Kremlin spokesman'] } },
  said: [{ by: 'p', quote: 'no commitments were made', mention: 'Kremlin spokesman Dmitry Peskov' }],
};
const peskovSurname: ArticleSpec = {
  id: 'a2', published: '2022-02-10',
  entities: { p: { name: 'Peskov' } },
  said: [{ by: 'p', quote: 'the talks were useful' }, { by: 'p', quote: 'more talks would follow', direct: true }],
};
const peskovTitled: ArticleSpec = {
  id: 'a3', published: '2022-02-01',
  entities: { p: { name: 'Dmitry Peskov' } },
  said: [{ by: 'p', quote: 'NATO was not listening', mention: 'Peskov' }],
};

/** Each relation names its statements' ids and the first one's day and position, as the statements table has them. */
function assertRelationsLinked(db: Db) {
  const wrong = db.prepare(`SELECT r.* FROM relations r
    LEFT JOIN statements sf ON sf.article_id = r.article_id AND sf.local_id = r.from_local
    LEFT JOIN statements st ON st.article_id = r.article_id AND st.local_id = r.to_local
    WHERE r.from_id IS NOT sf.id OR r.to_id IS NOT st.id OR r.day IS NOT sf.day OR r.seq IS NOT sf.seq`).all();
  assert.deepEqual(wrong, []);
}

function write(db: Db, writer: ReturnType<typeof memoryCorpus>['writer'], specs: ArticleSpec[]) {
  return writer.writeBatch(specs.map((s) => prepared(s)));
}

test('the hand-built analyses are valid contract analyses', () => {
  for (const spec of [peskovFull, peskovSurname, peskovTitled]) assert.deepEqual(validateAnalysis(buildAnalysis(spec)), []);
});

test('"Dmitry Peskov", "Peskov" and "Kremlin spokesman Dmitry Peskov" in several articles are one speaker', () => {
  const { db, writer } = memoryCorpus();
  const results = write(db, writer, [peskovFull, peskovSurname, peskovTitled]);
  assert.deepEqual(results.map((r) => r.ok && r.status), ['ingested', 'ingested', 'ingested']);
  assert.deepEqual(statementsBySpeaker(db), { 'Dmitry Peskov': 4 });
  const r = resolveSpeaker(db, 'Peskov');
  assert.equal(r.kind, 'one');
  const p = speakerProfile(db, { entity: r.kind === 'one' ? r.speaker.id! : -1 })!;
  assert.equal(p.speaker.name, 'Dmitry Peskov');
  assert.equal(p.speaker.statements, 4);
  assert.equal(p.speaker.articles, 3);
  assert.equal(p.speaker.firstSeen, '2022-02-01');
  assert.equal(p.speaker.lastSeen, '2022-02-10');
  assert.ok(p.speaker.aliases.some((a) => a.form === 'Peskov'));
  assert.deepEqual(p.speaker.titles, ['Kremlin spokesman']);
  // newest first
  assert.deepEqual(p.statements.map((s) => s.date), ['2022-02-10', '2022-02-10', '2022-02-08', '2022-02-01']);
});

test('merging does not depend on the order articles arrive in, nor on batching', () => {
  const orders = [[peskovFull, peskovSurname, peskovTitled], [peskovSurname, peskovTitled, peskovFull], [peskovSurname, peskovFull]];
  const seen: string[] = [];
  for (const order of orders) {
    const { db, writer } = memoryCorpus();
    for (const spec of order) write(db, writer, [spec]); // one batch per article
    seen.push(JSON.stringify(statementsBySpeaker(db)));
    assert.equal(stats(db).speakers, 1, 'no leftover surname entity');
  }
  assert.equal(seen[0], seen[1]);
  assert.equal(JSON.parse(seen[2])['Dmitry Peskov'], 3);
});

const anna: ArticleSpec = {
  id: 'l1', published: '2024-03-11',
  entities: { a: { name: 'Anna Lindqvist', titles: ['Finance Minister'] } },
  said: [{ by: 'a', quote: 'the cuts stay' }],
};
const erik: ArticleSpec = {
  id: 'l2', published: '2024-03-12',
  entities: { e: { name: 'Erik Lindqvist', titles: ['chief executive'] } },
  said: [{ by: 'e', quote: 'the offer is fair' }],
};
const bareLindqvist: ArticleSpec = {
  id: 'l3', published: '2024-03-13',
  entities: { x: { name: 'Lindqvist' } },
  said: [{ by: 'x', quote: 'nothing has changed' }],
};

test('two people with one surname stay two; a bare surname shared by both joins neither', () => {
  const { db, writer } = memoryCorpus();
  write(db, writer, [anna, erik, bareLindqvist]);
  assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 1, 'Erik Lindqvist': 1, Lindqvist: 1 });
  const r = resolveSpeaker(db, 'Lindqvist');
  assert.equal(r.kind, 'ambiguous');
  assert.deepEqual(r.kind === 'ambiguous' && r.candidates.map((c) => c.name).sort(), ['Anna Lindqvist', 'Erik Lindqvist', 'Lindqvist']);
  const a = resolveSpeaker(db, 'Anna Lindqvist');
  assert.equal(a.kind === 'one' && a.speaker.name, 'Anna Lindqvist');
});

test('a surname joined to the only full name moves out when a second full name arrives', () => {
  const { db, writer } = memoryCorpus();
  write(db, writer, [anna, bareLindqvist]);
  assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 2 });
  write(db, writer, [erik]);
  assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 1, 'Erik Lindqvist': 1, Lindqvist: 1 });
  const annaRow = speakers(db, { limit: 10 }).speakers.find((s) => s.name === 'Anna Lindqvist')!;
  assert.equal(annaRow.statements, 1);
  assert.equal(annaRow.articles, 1);
  // and when Erik's only article is replaced by a version without him, Lindqvist is Anna again
  const erikGoneSpec = { ...erik, entities: { o: { name: 'Olof Berg' } }, said: [{ by: 'o', quote: 'no comment' }] };
  const [r] = writer.writeBatch([prepared(erikGoneSpec)]); // same file as erik's: replaces it
  assert.ok(r.ok && r.status === 'replaced');
  assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 2, 'Olof Berg': 1 });
  assert.equal(resolveSpeaker(db, 'Lindqvist').kind, 'one');
});

/** Anna Lindqvist quoted in `n` more articles of her own. */
const moreAnna = (n: number): ArticleSpec[] =>
  Array.from({ length: n }, (_, k) => ({ ...anna, id: `l1-${k}`, said: [{ by: 'a', quote: `the cuts stay, part ${k + 1}` }] }));

test('a bare surname joins the full name written in five times as many articles as any other with it', () => {
  const { db, writer } = memoryCorpus();
  // Anna in five articles, Erik in one: the bare surname is Anna's
  write(db, writer, [...moreAnna(5), erik, bareLindqvist]);
  assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 6, 'Erik Lindqvist': 1 });
  assert.equal(db.prepare(`SELECT via FROM article_entities WHERE surname = 'lindqvist'`).pluck().get(), 'surname');
  assert.equal(stats(db).speakers, 2, 'no surname entity left');
  // in four against one, it stays apart
  const close = memoryCorpus();
  write(close.db, close.writer, [...moreAnna(4), erik, bareLindqvist]);
  assert.deepEqual(statementsBySpeaker(close.db), { 'Anna Lindqvist': 4, 'Erik Lindqvist': 1, Lindqvist: 1 });
});

test('where a bare surname goes does not depend on the order or batching of the articles that decide it', () => {
  const annas = moreAnna(5);
  const orders: ArticleSpec[][][] = [
    [[bareLindqvist], [erik], annas.slice(0, 2), annas.slice(2)], // the Annas that decide it come in a batch without the surname
    [annas, [bareLindqvist], [erik]],
    [[erik, bareLindqvist], ...annas.map((a) => [a])],
  ];
  for (const batches of orders) {
    const { db, writer } = memoryCorpus();
    for (const b of batches) write(db, writer, b);
    assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 6, 'Erik Lindqvist': 1 });
  }
  // and Anna's articles going away (replaced by ones without her) sends it back to a surname entity of its own
  const { db, writer } = memoryCorpus();
  write(db, writer, [...annas, erik, bareLindqvist]);
  write(db, writer, annas.slice(0, 2).map((a) => ({ ...a, entities: { o: { name: 'Olof Berg' } }, said: [{ by: 'o', quote: `no comment on ${a.id}` }] })));
  assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 3, 'Erik Lindqvist': 1, Lindqvist: 1, 'Olof Berg': 2 });
});

test('a version 8 corpus is upgraded: bare surnames re-decided under the dominance rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-v8-'));
  try {
    const path = join(dir, 'v8.db');
    let db = openCorpus(path, { create: true });
    write(db, new CorpusWriter(db), [...moreAnna(5), erik, bareLindqvist]);
    // as version 8 left it: the bare surname in an entity of its own, and no index of written links
    const own = Number(db.prepare(`INSERT INTO entities (kind, key, surname, type, name, anonymous) VALUES ('surname', 'lindqvist', 'lindqvist', 'PERSON', 'Lindqvist', 0)`).run().lastInsertRowid);
    const link = db.prepare(`SELECT article_id, local_id FROM article_entities WHERE surname = 'lindqvist'`).get() as { article_id: number; local_id: string };
    db.prepare(`UPDATE article_entities SET entity_id = ?, via = 'key' WHERE article_id = ? AND local_id = ?`).run(own, link.article_id, link.local_id);
    db.prepare(`UPDATE statements SET speaker_id = ? WHERE article_id = ? AND source_local = ?`).run(own, link.article_id, link.local_id);
    db.exec('DROP INDEX article_entities_written; DROP TABLE summary_pending');
    db.pragma('user_version = 8');
    assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 5, 'Erik Lindqvist': 1, Lindqvist: 1 });
    db.close();
    db = openCorpus(path);
    assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 6, 'Erik Lindqvist': 1 });
    assert.deepEqual(speakers(db).speakers.map((x) => [x.name, x.statements]), [['Anna Lindqvist', 6], ['Erik Lindqvist', 1]]);
    assert.equal(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('article_entities_written', 'summary_pending')`).pluck().get(), 2);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('different full names never merge, even with one surname and similar spelling', () => {
  const { db, writer } = memoryCorpus();
  write(db, writer, [peskovFull, { ...peskovTitled, id: 'x', entities: { p: { name: 'Dmitri Peskov' } } }]);
  assert.deepEqual(statementsBySpeaker(db), { 'Dmitri Peskov': 1, 'Dmitry Peskov': 1 });
});

test('titles and honorifics are not part of a name; organisations merge on their name', () => {
  const { db, writer } = memoryCorpus();
  write(db, writer, [
    { id: 't1', entities: { p: { name: 'Vladimir Putin' } }, said: [{ by: 'p', quote: 'one' }] },
    { id: 't2', entities: { p: { name: 'President Vladimir Putin' } }, said: [{ by: 'p', quote: 'two' }] },
    { id: 't3', entities: { k: { name: 'The Kremlin', type: 'ORG' } }, said: [{ by: 'k', quote: 'three' }] },
    { id: 't4', entities: { k: { name: 'Kremlin', type: 'ORG' } }, said: [{ by: 'k', quote: 'four' }] },
  ]);
  assert.deepEqual(statementsBySpeaker(db), { 'The Kremlin': 2, 'Vladimir Putin': 2 });
});

test('anonymous sources are never merged across articles but are grouped by description', () => {
  const { db, writer } = memoryCorpus();
  const anon = (id: string, name: string): ArticleSpec => ({
    id, published: '2022-02-0' + id.slice(-1), entities: { o: { name, anonymous: true } }, said: [{ by: 'o', quote: `claim ${id}` }],
  });
  write(db, writer, [anon('n1', 'French official'), anon('n2', 'French official'), anon('n3', 'senior US official')]);
  assert.equal(stats(db).anonymousSources, 3);
  const groups = speakers(db, { anonymous: true }).speakers;
  const french = groups.find((g) => g.group === 'french official')!;
  assert.equal(french.sources, 2);
  assert.equal(french.statements, 2);
  assert.equal(french.id, null);
  const r = resolveSpeaker(db, 'French official');
  assert.equal(r.kind, 'one');
  assert.equal(r.kind === 'one' && r.speaker.group, 'french official');
  const officials = resolveSpeaker(db, 'official');
  assert.equal(officials.kind, 'ambiguous');
});

test('the same text twice is stored once; a new text at the same URL replaces the old one and keeps its id', () => {
  const { db, writer } = memoryCorpus();
  const v1: ArticleSpec = { ...peskovFull, url: 'https://news.example/1' };
  const [first] = write(db, writer, [v1]);
  const [again] = write(db, writer, [v1]);
  assert.ok(first.ok && again.ok);
  assert.equal(again.status, 'unchanged');
  assert.equal(again.id, first.id);
  assert.equal(stats(db).articles, 1);
  const v2: ArticleSpec = { ...v1, entities: { o: { name: 'Oana Lungu' } }, said: [{ by: 'o', quote: 'the deployment is defensive' }] };
  const [replaced] = write(db, writer, [v2]);
  assert.ok(replaced.ok);
  assert.equal(replaced.status, 'replaced');
  assert.equal(replaced.id, first.id);
  const s = stats(db);
  assert.equal(s.articles, 1);
  assert.equal(s.statements, 1);
  assert.deepEqual(statementsBySpeaker(db), { 'Oana Lungu': 1 });
  assert.equal(s.entities, 1, 'the entity only the old version had is gone');
  assert.equal(analysisOf(db, first.id)!.statements[0].quote, 'the deployment is defensive');
  const fts = db.prepare(`SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'commitments'`).pluck().get();
  assert.equal(fts, 0, 'the old statements are gone from the full-text index');
  // the old text again: it replaces the new one (the URL holds one version)
  const [back] = write(db, writer, [v1]);
  assert.ok(back.ok && back.status === 'replaced' && back.id === first.id);
});

test('an article that cannot be stored fails alone; the rest of the batch is committed', () => {
  const { db, writer } = memoryCorpus();
  const broken = prepared({ ...anna, id: 'broken' });
  broken.statements.push({ ...broken.statements[0] }); // duplicate statement id in one article
  const results = writer.writeBatch([prepared(peskovFull), broken, prepared(erik)]);
  assert.deepEqual(results.map((r) => r.ok), [true, false, true]);
  const s = stats(db);
  assert.equal(s.articles, 2);
  assert.deepEqual(statementsBySpeaker(db), { 'Dmitry Peskov': 1, 'Erik Lindqvist': 1 });
  assert.equal(resolveSpeaker(db, 'Anna Lindqvist').kind, 'none', 'nothing of the failed article is left');
});

test('deleting an article removes its statements and entities it alone had', () => {
  const { db, writer } = memoryCorpus();
  const [a] = write(db, writer, [peskovFull, erik]);
  assert.ok(a.ok);
  assert.equal(writer.deleteArticle(a.id), true);
  assert.equal(writer.deleteArticle(a.id), false);
  assert.deepEqual(statementsBySpeaker(db), { 'Erik Lindqvist': 1 });
  assert.equal(stats(db).entities, 1);
});

const said = (id: string, name: string, quote = `statement ${id}`): ArticleSpec => ({ id, entities: { p: { name } }, said: [{ by: 'p', quote }] });

test('a name with middle initials joins the same name without them, unless two initialled forms share it', () => {
  for (const order of [['Donald J. Trump', 'Donald Trump'], ['Donald Trump', 'Donald J. Trump']]) {
    const { db, writer } = memoryCorpus();
    order.forEach((n, k) => write(db, writer, [said(`d${k}`, n)]));
    assert.deepEqual(Object.values(statementsBySpeaker(db)), [2], order.join(' + '));
    const r = resolveSpeaker(db, 'Donald J. Trump');
    assert.ok(r.kind === 'one' && r.speaker.statements === 2);
  }
  const { db, writer } = memoryCorpus();
  write(db, writer, [said('b1', 'George W. Bush'), said('b2', 'George Bush')]);
  assert.deepEqual(statementsBySpeaker(db), { 'George Bush': 2 }, 'named by the name without initials');
  const bush = resolveSpeaker(db, 'George W. Bush');
  assert.ok(bush.kind === 'one');
  assert.ok(speakerProfile(db, { entity: bush.speaker.id! })!.speaker.aliases.some((a) => a.form === 'George W. Bush'));
  write(db, writer, [said('b3', 'George H. W. Bush')]);
  assert.deepEqual(statementsBySpeaker(db), { 'George Bush': 1, 'George H. W. Bush': 1, 'George W. Bush': 1 }, 'two initialled forms: all three apart');
  // without the bare name nothing joins: two initialled forms are two people
  const c = memoryCorpus();
  write(c.db, c.writer, [said('x1', 'George W. Bush'), said('x2', 'George H. W. Bush')]);
  assert.equal(Object.keys(statementsBySpeaker(c.db)).length, 2);
  // the surname joins the one full name the initials merged into
  const t = memoryCorpus();
  write(t.db, t.writer, [said('t1', 'Donald J. Trump'), said('t2', 'Trump'), said('t3', 'Donald Trump')]);
  assert.deepEqual(Object.values(statementsBySpeaker(t.db)), [3]);
  assert.equal(stats(t.db).speakers, 1);
});

test('an initialled name that failed to store leaves no trace on the merging of the others in its batch', () => {
  // the writer keeps the initialled forms under each bare name for the length of a batch; the
  // failed article's "George H. W. Bush" was inserted, then rolled back with its savepoint
  const { db, writer } = memoryCorpus();
  const broken = prepared(said('h', 'George H. W. Bush'));
  broken.statements.push({ ...broken.statements[0] }); // duplicate statement id: fails after its entities are written
  const results = writer.writeBatch([prepared(said('b1', 'George Bush')), broken, prepared(said('b2', 'George W. Bush'))]);
  assert.deepEqual(results.map((r) => r.ok), [true, false, true]);
  assert.deepEqual(statementsBySpeaker(db), { 'George Bush': 2 }, 'the one initialled form stored joins the bare name');
  // a replacement removes a form within a batch: "George W. Bush" first meets "George H. W. Bush"
  // (two initialled forms: apart), then the H. W. article is replaced by another text under its URL
  const t = memoryCorpus();
  t.writer.writeBatch([prepared(said('c1', 'George Bush')), prepared({ ...said('c2', 'George H. W. Bush'), url: 'https://example.org/bush' })]);
  assert.deepEqual(statementsBySpeaker(t.db), { 'George Bush': 2 });
  t.writer.writeBatch([prepared(said('c3', 'George W. Bush')), prepared({ ...said('c4', 'Laura Bush'), url: 'https://example.org/bush' })]);
  assert.deepEqual(statementsBySpeaker(t.db), { 'George Bush': 2, 'Laura Bush': 1 });
});

test('titles in the plural are not part of a name ("Senators Rubio")', () => {
  const { db, writer } = memoryCorpus();
  write(db, writer, [said('r1', 'Marco Rubio'), said('r2', 'Senators Rubio')]);
  assert.deepEqual(statementsBySpeaker(db), { 'Marco Rubio': 2 });
});

test('a version 1 corpus is upgraded: person keys filled in, initialled names merged', async () => {
  const { default: Database } = await import('better-sqlite3');
  const { MIGRATIONS, SCHEMA_VERSION, openCorpus: open } = await import('../../src/store/index.ts');
  const { mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const path = join(mkdtempSync(join(tmpdir(), 'hearsay-v1-')), 'v1.db');
  const v1 = new Database(path);
  v1.exec(MIGRATIONS[0].sql);
  v1.pragma('user_version = 1');
  const names = ['Donald J. Trump', 'Donald Trump'];
  names.forEach((name, k) => {
    const a = Number(v1.prepare(`INSERT INTO articles (hash, doc_id, source_file, ingested_at, n_statements, n_entities, analysis)
      VALUES (?, ?, 'f', 'now', 1, 1, x'00')`).run(`h${k}`, `d${k}`).lastInsertRowid);
    const e = Number(v1.prepare(`INSERT INTO entities (kind, key, surname, type, name, anonymous, n_statements) VALUES ('person', ?, 'trump', 'PERSON', ?, 0, 1)`)
      .run(name.toLowerCase().replace('.', ''), name).lastInsertRowid);
    v1.prepare(`INSERT INTO article_entities (article_id, local_id, entity_id, via, type, name, n_statements, forms) VALUES (?, 'e1', ?, 'key', 'PERSON', ?, 1, ?)`)
      .run(a, e, name, JSON.stringify([['name', name.toLowerCase().replace('.', ''), name]]));
    v1.prepare(`INSERT INTO statements (article_id, local_id, seq, type, act, quote, start_offset, end_offset, source_local, speaker_id, speaker_text, confidence)
      VALUES (?, 's1', 0, 'indirect', 'say', 'q', 0, 1, 'e1', ?, ?, 0.9)`).run(a, e, name);
    v1.prepare(`INSERT INTO statements (article_id, local_id, seq, type, act, quote, start_offset, end_offset, source_local, speaker_id, speaker_text, day, confidence)
      VALUES (?, 's2', 1, 'indirect', 'deny', 'not q', 0, 1, 'e1', ?, ?, '2020-01-0${k + 1}', 0.9)`).run(a, e, name);
    v1.prepare(`INSERT INTO relations (article_id, type, from_local, to_local) VALUES (?, 'denies', 's2', 's1')`).run(a);
  });
  v1.close();
  const db = open(path);
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.deepEqual(Object.values(statementsBySpeaker(db)), [4]);
  assert.equal(stats(db).entities, 1);
  // v3 filled the summary rows from what v2 left
  assert.deepEqual(speakers(db).speakers.map((s) => [s.name, s.statements, s.articles]), [['Donald Trump', 4, 2]]);
  // v5 gave the relations their statements
  assertRelationsLinked(db);
  assert.deepEqual(disputes(db).disputes.map((d) => [d.from.quote, d.from.date, d.to.quote]), [['not q', '2020-01-02', 'q'], ['not q', '2020-01-01', 'q']]);
  // v6 indexed one-word names' links with their entity
  assert.deepEqual(db.prepare(`SELECT name FROM pragma_index_info('article_entities_surname') ORDER BY seqno`).pluck().all(), ['surname', 'entity_id']);
  db.close();
});

test('the full-text index holds exactly the stored statements: replacements within and across batches, a failed article, a deletion', () => {
  const { db, writer } = memoryCorpus();
  // the index as it is, against one built afresh from the statements table
  db.exec(`CREATE VIRTUAL TABLE temp.fts_kept USING fts5vocab(main, statements_fts, 'instance')`);
  const terms = (t: string) => db.prepare(`SELECT term, doc, col, offset FROM temp.${t} ORDER BY term, doc, col, offset`).all();
  const integrity = () => {
    db.exec(`INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')`);
    db.exec(`DROP TABLE IF EXISTS temp.fts_fresh_terms; DROP TABLE IF EXISTS temp.fts_fresh;
      CREATE VIRTUAL TABLE temp.fts_fresh USING fts5(quote, speaker, tokenize='porter unicode61 remove_diacritics 2');
      INSERT INTO temp.fts_fresh(rowid, quote, speaker) SELECT id, quote, speaker_text FROM statements;
      CREATE VIRTUAL TABLE temp.fts_fresh_terms USING fts5vocab(temp, fts_fresh, 'instance');`);
    assert.deepEqual(terms('fts_kept'), terms('fts_fresh_terms'));
  };
  const hits = (q: string) => db.prepare(`SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?`).pluck().get(q);
  const v = (n: number, quote: string): ArticleSpec => ({
    id: `v${n}`, url: 'https://news.example/v', published: `2022-01-0${n}`, entities: { p: { name: 'Oana Lungu' }, o: { name: 'official', anonymous: true } },
    said: [{ by: 'o', quote: `claim ${n}` }, { by: 'p', quote }], denies: [[1, 0]],
  });
  // a URL replaced twice inside one batch, then a failing article that replaces it again
  const broken = prepared(v(4, 'quartz never indexed'));
  broken.statements.push({ ...broken.statements[0] });
  const r = writer.writeBatch([prepared(v(1, 'alpha first')), prepared(v(2, 'beta second')), prepared(said('o', 'Olof Berg', 'gamma other')), prepared(v(3, 'delta third')), broken]);
  assert.deepEqual(r.map((x) => x.ok && x.status), ['ingested', 'replaced', 'ingested', 'replaced', false]);
  integrity();
  assert.deepEqual(['alpha', 'beta', 'gamma', 'delta', 'quartz'].map(hits), [0, 0, 1, 1, 0]);
  // and across batches
  writer.writeBatch([prepared(v(5, 'epsilon fifth'))]);
  integrity();
  assert.deepEqual(['delta', 'epsilon'].map(hits), [0, 1]);
  const id = db.prepare(`SELECT id FROM articles WHERE doc_id = 'o'`).pluck().get() as number;
  writer.deleteArticle(id);
  integrity();
  assert.equal(hits('gamma'), 0);
  assertRelationsLinked(db);
  assert.deepEqual(disputes(db).disputes.map((d) => [d.from.quote, d.to.quote, d.from.date]), [['epsilon fifth', 'claim 5', '2022-01-05']]);
  assert.equal(db.prepare('SELECT count(*) FROM statements').pluck().get(), 2);
});

test('entity counts, first and last days and form counts equal what the base tables hold, with replacements and a failure inside one batch', () => {
  const { db, writer } = memoryCorpus();
  const art = (id: string, published: string | null, url: string | null, entities: ArticleSpec['entities'], said: ArticleSpec['said']): ArticleSpec => ({ id, published, url, entities, said });
  const broken = prepared(art('bad', '2022-01-09', null, { p: { name: 'Anna Lindqvist', titles: ['minister'] } }, [{ by: 'p', quote: 'x' }]));
  broken.statements.push({ ...broken.statements[0] }); // fails: a duplicate statement id
  const r = writer.writeBatch([
    prepared(art('a1', '2022-01-03', 'https://x/1', { p: { name: 'Anna Lindqvist', titles: ['Finance Minister'] }, k: { name: 'The Kremlin', type: 'ORG' } }, [{ by: 'p', quote: 'one' }, { by: 'k', quote: 'two' }])),
    prepared(art('a2', '2022-01-01', 'https://x/2', { p: { name: 'Anna Lindqvist', titles: ['minister'] } }, [{ by: 'p', quote: 'three' }, { by: 'p', quote: 'four' }])),
    broken,
    // replaces a1 in the same batch: a1's attachments must be undone
    prepared(art('a1b', '2022-01-05', 'https://x/1', { p: { name: 'Anna Lindqvist', titles: ['minister'] } }, [{ by: 'p', quote: 'five' }])),
    prepared(art('a3', null, null, { k: { name: 'The Kremlin', type: 'ORG' } }, [{ by: 'k', quote: 'six' }])),
  ]);
  assert.deepEqual(r.map((x) => x.ok), [true, true, false, true, true]);
  writer.writeBatch([prepared(art('a2b', '2022-01-07', 'https://x/2', { p: { name: 'Anna Lindqvist' }, k: { name: 'The Kremlin', type: 'ORG' } }, [{ by: 'k', quote: 'seven' }]))]);
  const entities = db.prepare(`SELECT id, name, n_statements, first_seen, last_seen FROM entities ORDER BY id`).all() as { id: number; name: string; n_statements: number; first_seen: string | null; last_seen: string | null }[];
  for (const e of entities) {
    const ae = db.prepare(`SELECT ae.n_statements, ae.forms, a.day FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ?`).all(e.id) as { n_statements: number; forms: string; day: string | null }[];
    assert.equal(e.n_statements, ae.reduce((n, x) => n + x.n_statements, 0), `${e.name}: statements`);
    const days = ae.map((x) => x.day).filter((d): d is string => d !== null).sort();
    if (ae.length) assert.deepEqual([e.first_seen, e.last_seen], days.length ? [days[0], days[days.length - 1]] : [null, null], `${e.name}: first and last day`);
    const forms = new Map<string, number>();
    for (const x of ae) for (const [kind, norm] of JSON.parse(x.forms) as [string, string, string][]) forms.set(`${kind}|${norm}`, (forms.get(`${kind}|${norm}`) ?? 0) + 1);
    const stored = new Map((db.prepare(`SELECT kind || '|' || norm AS k, n FROM entity_forms WHERE entity_id = ? AND n > 0`).all(e.id) as { k: string; n: number }[]).map((x) => [x.k, x.n]));
    assert.deepEqual(stored, forms, `${e.name}: forms`);
  }
  assert.deepEqual(statementsBySpeaker(db), { 'Anna Lindqvist': 1, 'The Kremlin': 2 });
});

test('a batch written article by article: rolled back it leaves nothing; one batch at a time; committed it is as writeBatch writes it', () => {
  const { db, writer } = memoryCorpus();
  const b = writer.openBatch();
  assert.deepEqual([b.add(prepared(peskovFull)), b.add(prepared(peskovSurname))].map((r) => r.ok && r.status), ['ingested', 'ingested']);
  assert.equal(b.size, 2);
  assert.throws(() => writer.openBatch(), /already has an open batch/);
  assert.throws(() => writer.deleteArticle(1), /open batch/);
  b.rollback();
  assert.equal(stats(db).articles, 0);
  assert.equal(db.inTransaction, false);
  assert.throws(() => b.add(prepared(peskovTitled)), /already committed or rolled back/);

  const c = writer.openBatch();
  for (const spec of [peskovFull, peskovSurname, peskovTitled]) c.add(prepared(spec));
  c.commit();
  const other = memoryCorpus();
  other.writer.writeBatch([peskovFull, peskovSurname, peskovTitled].map((s) => prepared(s)));
  assert.deepEqual(statementsBySpeaker(db), statementsBySpeaker(other.db));
  assert.deepEqual(speakers(db), speakers(other.db));
});

test("the writer keeps its savepoints' sub-journals in memory and a larger page cache; inside a transaction it changes neither", () => {
  const { db, writer } = memoryCorpus();
  assert.equal(db.pragma('temp_store', { simple: true }), 2, 'temp_store = MEMORY');
  assert.equal(db.pragma('cache_size', { simple: true }), -32000);
  const plain = openCorpus(':memory:', { create: true });
  assert.equal(plain.pragma('temp_store', { simple: true }), 0, 'a connection without a writer keeps the default');
  // a migration makes a writer inside its transaction, where temp_store cannot change
  plain.transaction(() => new CorpusWriter(plain))();
  assert.equal(plain.pragma('temp_store', { simple: true }), 0);
  assert.equal(plain.pragma('cache_size', { simple: true }), -8000);
  // and the writer still writes, savepoints and all
  assert.deepEqual(writer.writeBatch([prepared(peskovFull), prepared(erik)]).map((r) => r.ok), [true, true]);
  assert.equal(stats(db).articles, 2);
});

test('read-only connections read the file through a memory map; the writer does not map it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-mmap-'));
  try {
    const path = join(dir, 'c.db');
    const w = openCorpus(path, { create: true });
    new CorpusWriter(w).writeBatch([prepared(peskovFull)]);
    assert.equal(w.pragma('mmap_size', { simple: true }), 0, 'the writing connection');
    const r = openCorpus(path, { readonly: true });
    assert.equal(r.pragma('mmap_size', { simple: true }), READ_MMAP_BYTES);
    assert.equal(stats(r).articles, 1, 'and reads through it');
    r.close();
    w.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
