/**
 * The query functions the CLI and the HTTP API share: search (bm25, safe quoting, FTS
 * syntax errors), timeline dates, speakers, disputes, articles, paging, export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HearsayError } from '../../src/core/errors.ts';
import { validateAnalysis } from '../helpers/schema.ts';
import {
  search, ftsQuery, timeline, disputes, findArticle, exportAnalyses, exportStatements, speakers, statements, resolveSpeaker, articles,
  statementLinks, speakerProfile, stats,
} from '../../src/store/index.ts';
import { contentHash } from '../../src/ingest/index.ts';
import { buildAnalysis, memoryCorpus, prepared, SPEC_KREMLIN, SPEC_NATO, SPEC_UNDATED, type ArticleSpec, type EntitySpec } from './helpers.ts';

const specs: ArticleSpec[] = [SPEC_KREMLIN, SPEC_NATO, SPEC_UNDATED];

function corpus() {
  const c = memoryCorpus();
  c.writer.writeBatch(specs.map((s) => prepared(s)));
  return c;
}

test('plain words are quoted safely; FTS syntax passes through', () => {
  assert.equal(ftsQuery('NATO expansion'), '"NATO" "expansion"');
  assert.equal(ftsQuery("Russia's non-starter"), `"Russia's" "non-starter"`);
  assert.equal(ftsQuery('  drills —  '), '"drills"');
  assert.equal(ftsQuery('"no commitments"'), '"no commitments"');
  assert.equal(ftsQuery('sanction* OR drills'), 'sanction* OR drills');
  assert.throws(() => ftsQuery('   '), (e: unknown) => e instanceof HearsayError && e.code === 'BAD_ARGUMENT');
});

test('search finds statements by their words (stemmed) and speaker, best first, with source, article and date', () => {
  const { db } = corpus();
  const r = search(db, 'sanctions');
  assert.deepEqual(r.statements.map((s) => s.quote).sort(), ['NATO is a defensive alliance and sanctions will follow any attack', 'the sanctioned banks will manage']);
  const nato = search(db, 'NATO');
  assert.ok(nato.statements.length >= 2);
  assert.ok(nato.statements.every((s, k) => k === 0 || s.score! >= nato.statements[k - 1].score!), 'ranked by bm25');
  const denial = search(db, 'commitments')!.statements[0];
  assert.equal(denial.source.speaker!.name, 'Dmitry Peskov');
  assert.equal(denial.article.url, 'https://news.example/kremlin');
  assert.equal(denial.date, '2022-02-08');
  assert.equal(denial.act, 'deny');
  // words the text does not hold in one statement: nothing
  assert.equal(search(db, 'commitments sanctions').statements.length, 0);
  // a speaker's name finds their statements too
  assert.equal(search(db, 'Stoltenberg').statements.length, 2);
  // apostrophes, hyphens and words that are FTS operators in lower case are plain text
  assert.equal(search(db, "Russia's non-starter").statements.length, 1);
  assert.equal(search(db, 'not near and or').statements.length, 0);
  // phrase and filters
  assert.equal(search(db, '"kind were made"').statements.length, 1);
  const peskov = resolveSpeaker(db, 'Peskov');
  assert.equal(peskov.kind, 'one');
  assert.equal(search(db, 'NATO', { speaker: { entity: peskov.kind === 'one' ? peskov.speaker.id! : 0 } }).statements.length, 1);
  assert.equal(search(db, 'drills', { anonymous: true }).statements.length, 1);
  assert.equal(search(db, 'drills', { anonymous: false }).statements.length, 0);
});

test('FTS syntax errors are one-line BAD_ARGUMENT errors', () => {
  const { db } = corpus();
  for (const q of ['"unclosed', 'NATO AND', '(drills', 'NEAR(']) {
    assert.throws(() => search(db, q), (e: unknown) => {
      assert.ok(e instanceof HearsayError, `${q}: ${e}`);
      assert.equal(e.code, 'BAD_ARGUMENT');
      assert.ok(!e.message.includes('\n'));
      assert.match(e.message, /search/);
      return true;
    });
  }
});

test("timeline: the statement's own day, else the article's; undated statements left out; --to a month is inclusive", () => {
  const { db } = corpus();
  const t = timeline(db);
  assert.deepEqual(t.statements.map((s) => [s.date, s.dateSource, s.quote.slice(0, 12)]), [
    ['2022-02-07', 'statement', 'Putin promis'],
    ['2022-02-08', 'statement', 'no commitmen'], // same day and article: in document order
    ['2022-02-08', 'published', 'NATO expansi'],
    ['2022-02-10', 'published', 'NATO is a de'], // a week is not a day: the article's date
    ['2022-02-10', 'statement', "Russia's dem"],
  ]);
  assert.equal(timeline(db, { from: '2022-02-08', to: '2022-02-08' }).statements.length, 2);
  assert.equal(timeline(db, { to: '2022-02' }).statements.length, 5);
  assert.equal(timeline(db, { from: '2022-02-09' }).statements.length, 2);
  const peskov = resolveSpeaker(db, 'Dmitry Peskov');
  assert.ok(peskov.kind === 'one');
  assert.equal(timeline(db, { speaker: { entity: peskov.speaker.id! } }).statements.length, 2);
  assert.throws(() => timeline(db, { from: 'monday' }), /not a date/);
  // newest first, undated last
  const all = statements(db, { order: 'desc', limit: 100 }).statements;
  assert.equal(all.length, 7);
  assert.equal(all[0].date, '2022-02-10');
  assert.equal(all[all.length - 1].date, null);
});

test('paging: limit, offset and hasMore', () => {
  const { db } = corpus();
  const p1 = timeline(db, { limit: 2 });
  const p2 = timeline(db, { limit: 2, offset: 2 });
  const p3 = timeline(db, { limit: 2, offset: 4 });
  assert.equal(p1.hasMore, true);
  assert.equal(p3.hasMore, false);
  const ids = [...p1.statements, ...p2.statements, ...p3.statements].map((s) => s.id);
  assert.equal(new Set(ids).size, 5);
  assert.throws(() => timeline(db, { limit: 0 }), /limit/);
});

test('disputes: who denies whom, both sides', () => {
  const { db } = corpus();
  const d = disputes(db).disputes;
  assert.equal(d.length, 1);
  assert.equal(d[0].type, 'denies');
  assert.equal(d[0].from.source.speaker!.name, 'Dmitry Peskov');
  assert.equal(d[0].to.source.speaker!.name, 'French official');
  assert.equal(d[0].to.source.speaker!.anonymous, true);
  assert.match(d[0].to.quote, /no new military drills/);
  const stolt = resolveSpeaker(db, 'Stoltenberg');
  assert.ok(stolt.kind === 'one');
  assert.equal(disputes(db, { speaker: { entity: stolt.speaker.id! } }).disputes.length, 0);
  assert.equal(disputes(db, { speaker: { group: 'french official' } }).disputes.length, 1);
});

test('speakers: counts, named and anonymous', () => {
  const { db } = corpus();
  const s = speakers(db).speakers;
  assert.deepEqual(s.map((x) => [x.name, x.statements]), [['Dmitry Peskov', 3], ['Jens Stoltenberg', 2], ['French official', 1]]);
  assert.equal(s[0].articles, 2);
  assert.deepEqual(speakers(db, { anonymous: true }).speakers.map((x) => x.name), ['French official']);
});

test('articles are found by id, URL, document id and hash prefix; the stored analysis is the contract JSON', () => {
  const { db } = corpus();
  const a = buildAnalysis(specs[0]);
  const byUrl = findArticle(db, 'https://news.example/kremlin')!;
  assert.equal(findArticle(db, byUrl.id)!.id, byUrl.id);
  assert.equal(findArticle(db, 'kremlin')!.id, byUrl.id);
  assert.equal(findArticle(db, contentHash(a.document.text).slice(0, 12))!.id, byUrl.id);
  assert.equal(findArticle(db, 'nope'), null);
  assert.equal(byUrl.statements, 3);
  assert.deepEqual(articles(db).articles.map((x) => x.docId), ['nato', 'kremlin', 'undated']);
  const lines = [...exportAnalyses(db)];
  assert.equal(lines.length, 3);
  assert.deepEqual(JSON.parse(lines[0]), a);
  for (const l of lines) assert.deepEqual(validateAnalysis(JSON.parse(l)), []);
  assert.equal([...exportStatements(db)].length, 7);
});

test("an article's statement links: every statement's corpus id and source by its id in the analysis, in document order", () => {
  const { db } = corpus();
  for (const a of articles(db).articles) {
    const links = statementLinks(db, a.id);
    const rows = statements(db, { article: a.id, limit: 1000, order: 'desc' }).statements;
    assert.equal(links.size, rows.length, a.docId);
    for (const r of rows) assert.deepEqual(links.get(r.localId), { id: r.id, speaker: r.source.speaker }, `${a.docId} ${r.localId}`);
    const local = [...links.keys()].map((k) => Number(k.slice(1)));
    assert.deepEqual(local, [...local].sort((x, y) => x - y), a.docId);
  }
  assert.ok([...statementLinks(db, findArticle(db, 'kremlin')!.id).values()].some((l) => l.speaker?.name), 'sources are joined');
  assert.equal(statementLinks(db, 999).size, 0);
});

test("an anonymous group's profile: the titles and surface forms of all its sources, merged and counted", () => {
  const c = memoryCorpus();
  const paris = (id: string, titles: string[], mention: string): ArticleSpec => ({
    id, published: '2022-02-09', entities: { f: { name: 'French official', anonymous: true, titles } },
    said: [{ by: 'f', quote: `the talks in ${id} went well`, mention }],
  });
  c.writer.writeBatch([SPEC_KREMLIN, paris('paris', ['diplomat'], 'a French official'), paris('lyon', ['diplomat', 'adviser'], 'one French official')].map((x) => prepared(x)));
  const p = speakerProfile(c.db, { group: 'french official' })!;
  assert.equal(p.speaker.group, 'french official');
  assert.equal(p.speaker.statements, 3);
  assert.deepEqual(p.speaker.titleCounts, [{ form: 'diplomat', count: 2 }, { form: 'adviser', count: 1 }]);
  assert.deepEqual(p.speaker.titles, ['diplomat', 'adviser']);
  // "A French official" (twice, once lower-case) and "one French official"; the name itself is no alias
  assert.deepEqual(p.speaker.aliases.map((a) => [a.form.toLowerCase(), a.count]), [['a french official', 2], ['one french official', 1]]);
  const named = speakerProfile(c.db, { entity: resolveSpeaker(c.db, 'Peskov').kind === 'one' ? (resolveSpeaker(c.db, 'Peskov') as { speaker: { id: number } }).speaker.id : -1 })!;
  assert.deepEqual(named.speaker.titleCounts, [{ form: 'Kremlin spokesman', count: 1 }]);
});

test('who: a namesake nobody quotes neither answers nor makes a name ambiguous', () => {
  const { db, writer } = memoryCorpus();
  writer.writeBatch([
    prepared({ id: 'q1', entities: { p: { name: 'Dmitry Peskov' } }, said: [{ by: 'p', quote: 'one' }] }),
    prepared({ id: 'q2', entities: { o: { name: 'Peskov', type: 'ORG' }, s: { name: 'Oana Lungu' } }, said: [{ by: 's', quote: 'two' }] }),
  ]);
  const r = resolveSpeaker(db, 'Peskov');
  assert.ok(r.kind === 'one', r.kind);
  assert.equal(r.speaker.name, 'Dmitry Peskov');
  const org = resolveSpeaker(db, 'Oana Lungu');
  assert.ok(org.kind === 'one');
  assert.equal(resolveSpeaker(db, 'Nobody Here').kind, 'none');
});

test('speakers: a group of described sources is anonymous only when one of its sources is', () => {
  const c = memoryCorpus();
  const poll: EntitySpec = { name: 'the poll', type: 'OTHER', described: true };
  const official = { name: 'Treasury official', anonymous: true };
  const specs: ArticleSpec[] = [
    { id: 'p1', entities: { p: poll, o: official }, said: [{ by: 'p', quote: 'support for the plan fell' }, { by: 'o', quote: 'the plan is dead' }] },
    { id: 'p2', entities: { p: poll }, said: [{ by: 'p', quote: 'support for the plan recovered' }] },
  ];
  c.writer.writeBatch(specs.map((s) => prepared(s)));
  const all = speakers(c.db).speakers.map((s) => [s.name, s.group, s.anonymous, s.sources]);
  assert.deepEqual(all, [['the poll', 'poll', false, 2], ['Treasury official', 'treasury official', true, 1]]);
  assert.deepEqual(speakers(c.db, { anonymous: true }).speakers.map((s) => s.name), ['Treasury official']);
  assert.deepEqual(speakers(c.db, { anonymous: false }).speakers.map((s) => s.name), ['the poll']);
  assert.equal(stats(c.db).anonymousSources, 1);
  // the group is still one speaker page, by its description
  assert.equal(speakerProfile(c.db, { group: 'poll' })!.speaker.statements, 2);
});
