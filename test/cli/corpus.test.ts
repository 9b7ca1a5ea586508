/**
 * The corpus commands as a user meets them: `hearsay ingest` on every input kind, then
 * each query in each format (JSON checked, CSV parsed, export validated against the
 * contract schema), re-ingestion, URL replacement, workers 1 vs 2, and the errors.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers/fixtures.ts';
import { validateAnalysis } from '../helpers/schema.ts';
import { csvRecords, parseCsv } from '../store/csv.ts';
import { main } from '../../src/app/cli/main.ts';

const bin = join(root, 'bin/hearsay.js');
const fixtures = join(root, 'test/fixtures/corpus');
const dir = mkdtempSync(join(tmpdir(), 'hearsay-corpus-'));
const db = join(dir, 'corpus.db');

function hearsay(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/**
 * The same command run in this process (a fresh process costs a second of start-up):
 * stdout and stderr captured, the exit status returned and reset.
 */
async function inProcess(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const ow = process.stdout.write, ew = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { err.push(String(chunk)); return true; }) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(args);
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
    process.exitCode = undefined;
  }
  return { code, out: out.join(''), err: err.join('') };
}
const q = (...args: string[]) => inProcess(...args, '--db', db);
const summaryOf = (out: string) => {
  const m = /ingested (\d+), unchanged (\d+), replaced (\d+), failed (\d+)/.exec(out);
  assert.ok(m, `no summary in: ${out}`);
  return { ingested: +m[1], unchanged: +m[2], replaced: +m[3], failed: +m[4] };
};

let first: ReturnType<typeof hearsay>;
before(() => {
  first = hearsay('ingest', fixtures, '--db', db, '--workers', '2');
});

test('ingest reads text, HTML, RSS, Atom and JSONL; a bad line is reported and skipped; exit 1', async () => {
  assert.equal(first.code, 1, first.err);
  assert.deepEqual(summaryOf(first.out), { ingested: 11, unchanged: 0, replaced: 0, failed: 1 });
  const errs = first.err.trim().split('\n');
  assert.equal(errs.length, 1, first.err);
  assert.match(errs[0], /^hearsay: .*corpus\.jsonl: line 3: not valid JSON/);
  const lines = (await q('export')).out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 11);
  for (const a of lines) assert.deepEqual(validateAnalysis(a), [], a.document.id);
  const urls = lines.map((a) => a.document.url);
  for (const u of [
    'https://harbourpost.example.org/2024/03/nordhavn-strike', // HTML canonical link
    'https://wire.example.net/2024/03/nato-air-defence', // RSS item
    'https://briefs.example.org/2024/03/15/sanctions', // Atom entry
    'https://daily.example.se/2024/03/12/ferries', // JSONL line
  ]) assert.ok(urls.includes(u), u);
  const page = lines.find((a) => a.document.url?.includes('nordhavn-strike'));
  assert.doesNotMatch(page.document.text, /cookie|Most read|All rights reserved|Business/, 'menus, banners and footers are not article text');
  assert.equal(page.document.published, '2024-03-12T08:30:00+01:00');
});

test('ingesting again changes nothing; a new text at a known URL replaces the old version', async () => {
  const again = hearsay('ingest', fixtures, '--db', db);
  assert.deepEqual(summaryOf(again.out), { ingested: 0, unchanged: 11, replaced: 0, failed: 1 });
  const before = JSON.parse((await q('show', 'https://daily.example.se/2024/03/12/ferries', '--format', 'json')).out);
  const update = join(dir, 'update.jsonl');
  writeFileSync(update, JSON.stringify({
    id: 'j-2', url: 'https://daily.example.se/2024/03/12/ferries', published: '2024-03-12',
    text: 'The island ferry operator said on Tuesday that fares would rise by a tenth, not a fifth, if the cuts went ahead.',
  }) + '\n');
  const r = hearsay('ingest', update, '--db', db);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(summaryOf(r.out), { ingested: 0, unchanged: 0, replaced: 1, failed: 0 });
  const after = JSON.parse((await q('show', 'https://daily.example.se/2024/03/12/ferries', '--format', 'json')).out);
  assert.match(after.document.text, /a tenth, not a fifth/);
  assert.notEqual(after.document.text, before.document.text);
  assert.equal((await q('export')).out.trim().split('\n').length, 11, 'still 11 articles');
  assert.equal(JSON.parse((await q('search', 'We will have no choice', '--format', 'json')).out).length, 0, 'the old statements are gone');
  // the same id: what a search returned before still points at this article
  const ids = JSON.parse((await q('search', 'tenth', '--format', 'json')).out).map((s: { article: { id: number } }) => s.article.id);
  assert.ok(ids.length > 0);
  const old = JSON.parse((await q('timeline', '--format', 'json', '--limit', '500')).out).filter((s: { article: { url: string } }) => s.article.url?.endsWith('/ferries'));
  assert.ok(old.every((s: { article: { id: number } }) => s.article.id === ids[0]));
});

test('search: table, JSON and CSV; ranked; filters', async () => {
  const t = (await q('search', 'NATO'));
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /statement/);
  assert.match(t.out, /NATO/);
  const j = JSON.parse((await q('search', 'NATO', '--format', 'json')).out);
  assert.ok(j.length >= 2);
  for (const s of j) {
    assert.equal(typeof s.id, 'number');
    assert.equal(typeof s.quote, 'string');
    assert.equal(typeof s.article.id, 'number');
    assert.ok('date' in s && 'source' in s && typeof s.score === 'number');
  }
  const c = csvRecords((await q('search', 'NATO', '--format', 'csv')).out);
  assert.equal(c.length, j.length);
  assert.deepEqual(c.map((r) => Number(r.statement_id)), j.map((s: { id: number }) => s.id));
  assert.ok('quote' in c[0] && 'speaker' in c[0] && 'date' in c[0] && 'score' in c[0]);
  const byPeskov = JSON.parse((await q('search', 'NATO', '--who', 'Dmitry Peskov', '--format', 'json')).out);
  assert.ok(byPeskov.length >= 1 && byPeskov.length < j.length);
  assert.ok(byPeskov.every((s: { source: { speaker: { name: string } } }) => s.source.speaker.name === 'Dmitry Peskov'));
  const limited = JSON.parse((await q('search', 'NATO', '--format', 'json', '--limit', '1')).out);
  assert.equal(limited.length, 1);
});

test('search: FTS syntax errors give one clear line and exit 2', async () => {
  for (const bad of ['"unclosed', 'NATO AND', '(drills']) {
    const r = (await q('search', bad));
    assert.equal(r.code, 2, bad);
    assert.equal(r.out, '');
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /^hearsay: cannot read the search/);
    assert.doesNotMatch(r.err, /at .*\.ts:\d+|SqliteError/);
  }
});

test('who: one person across articles (full name, surname, titles); a shared surname lists candidates', async () => {
  const r = (await q('who', 'Peskov', '--format', 'json'));
  assert.equal(r.code, 0, r.err);
  const p = JSON.parse(r.out);
  assert.equal(p.speaker.name, 'Dmitry Peskov');
  assert.equal(p.speaker.articles, 3, 'peskov-nato.txt, the RSS item and the page naming only "Peskov"');
  assert.ok(p.speaker.aliases.some((a: { form: string }) => a.form === 'Peskov'));
  assert.ok(p.speaker.titles.includes('Kremlin spokesman'));
  const urls = new Set(p.statements.map((s: { article: { url: string | null } }) => s.article.url));
  assert.ok(urls.has('https://easterndesk.example.com/news/kremlin-pullback'));
  const dates = p.statements.map((s: { date: string | null }) => s.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  const table = (await q('who', 'Dmitry', 'Peskov'));
  assert.match(table.out, /^Dmitry Peskov {2}\[id \d+\]/);
  assert.match(table.out, /\d+ statements in 3 articles/);
  const csv = csvRecords((await q('who', 'Peskov', '--format', 'csv')).out);
  assert.equal(csv.length, p.statements.length);

  const amb = (await q('who', 'Lindqvist', '--format', 'json'));
  assert.equal(amb.code, 0);
  const a = JSON.parse(amb.out);
  assert.equal(a.ambiguous, true);
  const names = a.candidates.map((c: { name: string }) => c.name);
  assert.ok(names.includes('Anna Lindqvist') && names.includes('Erik Lindqvist'), names.join(', '));
  assert.match((await q('who', 'Lindqvist')).out, /could be \d+ sources/);
  const anna = JSON.parse((await q('who', 'Anna', 'Lindqvist', '--format', 'json')).out);
  assert.equal(anna.speaker.articles, 2, 'the text article and the JSONL line');

  const none = (await q('who', 'Nobody', 'Atall'));
  assert.equal(none.code, 1);
  assert.match(none.err, /no source matches/);
});

test('speakers: top sources with counts, anonymous ones grouped', async () => {
  const j = JSON.parse((await q('speakers', '--format', 'json')).out);
  assert.ok(j.length >= 5);
  for (let k = 1; k < j.length; k++) assert.ok(j[k - 1].statements >= j[k].statements);
  const group = j.find((s: { group: string | null }) => s.group === 'senior western official');
  assert.ok(group, 'the two anonymous senior Western officials');
  assert.equal(group.sources, 2);
  assert.equal(group.id, null);
  const c = csvRecords((await q('speakers', '--format', 'csv')).out);
  assert.equal(c.length, j.length);
  assert.deepEqual(Object.keys(c[0]), ['id', 'group', 'name', 'type', 'anonymous', 'statements', 'articles', 'sources', 'first_seen', 'last_seen', 'titles']);
  const anon = JSON.parse((await q('speakers', '--anonymous', '--format', 'json')).out);
  assert.ok(anon.length > 0 && anon.every((s: { anonymous: boolean }) => s.anonymous));
  assert.match((await q('speakers')).out, /statements/);
});

test('timeline: by date, within --from/--to, for one source', async () => {
  const j = JSON.parse((await q('timeline', '--from', '2024-03-12', '--to', '2024-03-13', '--format', 'json')).out);
  assert.ok(j.length >= 3);
  const dates = j.map((s: { date: string }) => s.date);
  assert.ok(dates.every((d: string) => d >= '2024-03-12' && d <= '2024-03-13'), dates.join());
  assert.deepEqual(dates, [...dates].sort());
  const peskov = JSON.parse((await q('timeline', '--who', 'Dmitry Peskov', '--format', 'json')).out);
  assert.ok(peskov.length >= 2 && peskov.every((s: { source: { speaker: { name: string } } }) => s.source.speaker.name === 'Dmitry Peskov'));
  assert.equal(csvRecords((await q('timeline', '--format', 'csv')).out).length, JSON.parse((await q('timeline', '--format', 'json')).out).length);
  const amb = (await q('timeline', '--who', 'Lindqvist'));
  assert.equal(amb.code, 2);
  assert.match(amb.err, /could be \d+ sources: .*Anna Lindqvist/);
  const bad = (await q('timeline', '--from', 'last monday'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /not a date/);
});

test('show: the stored analysis (JSON valid), the readable report, the statements as CSV', async () => {
  const hit = JSON.parse((await q('search', 'proportionate', '--format', 'json')).out)[0];
  const id = String(hit.article.id);
  const j = JSON.parse((await q('show', id, '--format', 'json')).out);
  assert.deepEqual(validateAnalysis(j), []);
  assert.match(j.document.text, /proportionate measures/);
  const t = (await q('show', id));
  assert.match(t.out, /statements · \d+ entities/);
  assert.match(t.out, /Peskov/);
  const c = csvRecords((await q('show', id, '--format', 'csv')).out);
  assert.equal(c.length, j.statements.length);
  const missing = (await q('show', '99999'));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no article "99999"/);
});

test('export: every analysis as a JSONL line, every statement as a CSV row', async () => {
  const lines = (await q('export')).out.trim().split('\n');
  const statements = lines.reduce((n, l) => n + JSON.parse(l).statements.length, 0);
  const rows = parseCsv((await q('export', '--format', 'csv')).out);
  assert.equal(rows.length - 1, statements);
  assert.equal(rows[0][0], 'statement_id');
  assert.equal((await q('export', '--format', 'table')).code, 2);
});

test('disputes: the denial and the claim it rejects, both sides', async () => {
  const j = JSON.parse((await q('disputes', '--format', 'json')).out);
  assert.ok(j.length >= 1);
  for (const d of j) {
    assert.ok(['denies', 'disputes'].includes(d.type));
    assert.equal(d.from.article.id, d.to.article.id);
    assert.equal(typeof d.from.quote, 'string');
    assert.equal(typeof d.to.quote, 'string');
  }
  const kremlin = j.find((d: { from: { source: { speaker: { name: string } | null } } }) => d.from.source.speaker?.name === 'Kremlin');
  assert.ok(kremlin, 'the Kremlin denies the newspaper report');
  assert.equal(kremlin.from.act, 'deny');
  const c = csvRecords((await q('disputes', '--format', 'csv')).out);
  assert.equal(c.length, j.length);
  assert.match((await q('disputes')).out, /denies/);
});

test('one worker or two: the same corpus', async () => {
  const db1 = join(dir, 'one.db');
  const r = hearsay('ingest', fixtures, '--db', db1, '--workers', '1');
  assert.deepEqual(summaryOf(r.out), { ingested: 11, unchanged: 0, replaced: 0, failed: 1 });
  const two = join(dir, 'two.db');
  hearsay('ingest', fixtures, '--db', two, '--workers', '2');
  assert.equal((await inProcess('export', '--db', db1)).out, (await inProcess('export', '--db', two)).out);
  assert.equal((await inProcess('speakers', '--db', db1, '--format', 'csv')).out, (await inProcess('speakers', '--db', two, '--format', 'csv')).out);
});

test('a missing database says how to make one; bad arguments exit 2', async () => {
  const missing = join(dir, 'nope', 'none.db');
  for (const cmd of [['search', 'NATO'], ['who', 'Peskov'], ['speakers'], ['timeline'], ['show', '1'], ['export'], ['disputes']]) {
    const r = await inProcess(...cmd, '--db', missing);
    assert.equal(r.code, 1, cmd.join(' '));
    assert.match(r.err, /^hearsay: .*no corpus database at .*hearsay ingest/);
    assert.equal(r.err.trim().split('\n').length, 1);
  }
  const notDb = join(dir, 'not-a-db.db');
  writeFileSync(notDb, 'just some text, not SQLite at all, long enough to have a header of sorts........');
  const nd = hearsay('search', 'x', '--db', notDb); // the real binary: no stack trace either
  assert.doesNotMatch(nd.err, /at .*\.ts:\d+/);
  assert.equal(nd.code, 1);
  assert.match(nd.err, /not a hearsay corpus|not SQLite/);
  assert.equal((await q('search', 'NATO', '--limit', 'ten')).code, 2);
  assert.equal((await q('search', 'NATO', '--format', 'xml')).code, 2);
  assert.equal(hearsay('ingest', fixtures, '--db', join(dir, 'w.db'), '--workers', '0').code, 2);
  mkdirSync(join(dir, 'empty'));
  const empty = hearsay('ingest', join(dir, 'empty'), '--db', join(dir, 'e.db'));
  assert.equal(empty.code, 1);
  assert.match(empty.err, /no input files/);
});
