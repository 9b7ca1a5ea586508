/**
 * Interrupting `hearsay ingest` loses nothing committed and the next run resumes: a run
 * killed with SIGKILL mid-way, one stopped with SIGTERM, then one that finishes, on a
 * generated corpus of a few hundred small articles. After each, the database is
 * consistent (every article has all its statements, the full-text index matches, every
 * speaker's summary row is right or listed as waiting for its refresh) and at the end every
 * article is there exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../helpers/fixtures.ts';
import { CorpusWriter } from '../../src/store/index.ts';

const bin = join(root, 'bin/hearsay.js');
const N = 400;

const FIRST = ['Anna', 'Boris', 'Clara', 'Daniel', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Katya', 'Lukas'];
const LAST = ['Adler', 'Berger', 'Castell', 'Dorn', 'Eklund', 'Falk', 'Gruber', 'Hoff', 'Iversen', 'Jansen', 'Kowal', 'Lund'];
const ROLE = ['mayor', 'finance director', 'union leader', 'council spokeswoman', 'transport minister', 'head of the chamber of commerce'];
const TOWN = ['Eastbrook', 'Northam', 'Westerby', 'Southport', 'Millford', 'Ashby', 'Kelso', 'Brandon'];
const THING = ['new bridge', 'tram line', 'harbour wall', 'school extension', 'flood barrier', 'bus depot'];

function article(k: number): string {
  const first = FIRST[k % FIRST.length], last = LAST[(k * 7) % LAST.length];
  const role = ROLE[k % ROLE.length], town = TOWN[(k * 3) % TOWN.length], thing = THING[(k * 5) % THING.length];
  return `${town} ${thing} to cost ${k + 3} million\n\n` +
    `${first} ${last}, the ${role} of ${town}, said on Tuesday that the ${thing} would cost ${k + 3} million euros and open next spring.\n\n` +
    `"We will not let this slip again," ${last} told reporters. Critics said the council had ignored cheaper options.\n`;
}

function counts(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    const articles = d.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const statements = d.prepare('SELECT count(*) FROM statements').pluck().get() as number;
    const partial = d.prepare(`SELECT count(*) FROM articles a WHERE a.n_statements != (SELECT count(*) FROM statements s WHERE s.article_id = a.id)`).pluck().get() as number;
    const orphans = d.prepare('SELECT count(*) FROM statements WHERE article_id NOT IN (SELECT id FROM articles)').pluck().get() as number;
    const hashes = d.prepare('SELECT count(DISTINCT hash) FROM articles').pluck().get() as number;
    const unlinked = d.prepare(`SELECT count(*) FROM statements s WHERE s.source_local IS NOT NULL AND s.speaker_id IS NULL`).pluck().get() as number;
    return { articles, statements, partial, orphans, hashes, unlinked };
  } finally {
    d.close();
  }
}

/** FTS5's own check, and the index agreeing with the statements on a word every article quotes. */
function ftsIntact(db: string): void {
  const d = new Database(db);
  try {
    d.prepare(`INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')`).run();
    const indexed = d.prepare(`SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'quote:slip'`).pluck().get();
    const stored = d.prepare(`SELECT count(*) FROM statements WHERE quote LIKE '%slip%'`).pluck().get();
    assert.ok((stored as number) > 0);
    assert.equal(indexed, stored, 'full-text index and statements agree');
  } finally {
    d.close();
  }
}

/**
 * The summary rows that differ from a rebuild (done in a transaction rolled back) and the
 * speakers waiting for theirs (summary_pending): an ingest defers the rows, so one killed
 * between refreshes may leave rows out of date, but each must then be listed as waiting.
 */
function summaries(db: string): { stale: string[]; pending: number } {
  const d = new Database(db);
  try {
    const rows = () => new Map((d.prepare('SELECT * FROM speaker_summary').all() as { entity_id: number | null; grp: string | null }[])
      .map((r) => [r.entity_id !== null ? `entity ${r.entity_id}` : `group ${r.grp}`, JSON.stringify(r)]));
    const kept = rows();
    const waiting = new Set((d.prepare('SELECT kind, ref FROM summary_pending').all() as { kind: string; ref: string | number }[]).map((r) => `${r.kind} ${r.ref}`));
    d.exec('BEGIN');
    new CorpusWriter(d).rebuildSummaries();
    const rebuilt = rows();
    d.exec('ROLLBACK');
    const stale = [...new Set([...kept.keys(), ...rebuilt.keys()])].filter((k) => kept.get(k) !== rebuilt.get(k));
    assert.deepEqual(stale.filter((k) => !waiting.has(k)), [], 'every out-of-date summary row is waiting for its refresh');
    return { stale, pending: waiting.size };
  } finally {
    d.close();
  }
}

function articlesIn(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return d.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    } finally {
      d.close();
    }
  } catch {
    return 0; // not created yet, or the schema not there yet
  }
}

function start(corpus: string, db: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string; err: string }> } {
  const child = spawn(process.execPath, [bin, 'ingest', corpus, '--db', db, '--batch', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}

/** Waits until at least `n` articles are committed (or the run ends), then sends `signal`. */
async function interruptAfter(corpus: string, db: string, n: number, signal: NodeJS.Signals) {
  const run = start(corpus, db);
  let ended = false;
  run.done.then(() => (ended = true));
  while (!ended && articlesIn(db) < n) await new Promise((r) => setTimeout(r, 40));
  assert.ok(!ended, 'the run ended before it could be interrupted; make the corpus bigger');
  run.child.kill(signal);
  return run.done;
}

test('an ingest killed mid-way (SIGKILL, then SIGTERM) resumes and ends with every article exactly once', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-resume-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (let k = 0; k < N; k++) writeFileSync(join(corpus, `a${String(k).padStart(4, '0')}.txt`), article(k));
  const db = join(dir, 'corpus.db');

  const killed = await interruptAfter(corpus, db, 30, 'SIGKILL');
  assert.equal(killed.signal, 'SIGKILL');
  const c1 = counts(db);
  assert.ok(c1.articles >= 30 && c1.articles < N, `killed after ${c1.articles} articles`);
  assert.equal(c1.partial, 0, 'no article without all its statements');
  assert.equal(c1.orphans, 0);
  assert.equal(c1.unlinked, 0, 'every statement with a source has its speaker');
  ftsIntact(db);
  // killed within seconds, long before its first refresh (every 20 s): its speakers wait
  assert.ok(summaries(db).pending > 0, 'the killed run left speakers waiting for their summary rows');

  const stopped = await interruptAfter(corpus, db, c1.articles + 30, 'SIGTERM');
  assert.equal(stopped.code, 143, stopped.err);
  assert.match(stopped.err, /terminated: storing the articles in progress/);
  assert.match(stopped.out, /^interrupted: ingested \d+, unchanged \d+/);
  const m = /unchanged (\d+)/.exec(stopped.out)!;
  assert.equal(Number(m[1]), c1.articles, 'the second run skipped what the first committed');
  const c2 = counts(db);
  assert.ok(c2.articles > c1.articles && c2.articles < N, `stopped after ${c2.articles}`);
  assert.equal(c2.partial, 0);
  ftsIntact(db);
  // a run stopped by a signal refreshes the rows it deferred, and those the killed run left, first
  assert.deepEqual(summaries(db), { stale: [], pending: 0 });

  const last = start(corpus, db);
  const fin = await last.done;
  assert.equal(fin.code, 0, fin.err);
  const s = /ingested (\d+), unchanged (\d+), replaced (\d+), failed (\d+)/.exec(fin.out)!;
  assert.deepEqual([+s[1], +s[2], +s[3], +s[4]], [N - c2.articles, c2.articles, 0, 0]);
  const c3 = counts(db);
  assert.equal(c3.articles, N);
  assert.equal(c3.hashes, N);
  assert.equal(c3.partial, 0);
  assert.equal(c3.orphans, 0);
  assert.ok(c3.statements >= N, `${c3.statements} statements`);
  ftsIntact(db);
  assert.deepEqual(summaries(db), { stale: [], pending: 0 });
});
