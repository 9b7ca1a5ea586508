/**
 * The server for real: listening on a port, analyses on the worker pool, and
 * `hearsay serve` as a user starts it — its start-up message, a corpus that does not exist
 * yet, a port already taken, bad flags — each refusal one line, never a stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAnalysis } from '../helpers/schema.ts';
import { startServer } from '../../src/app/http/server.ts';
import { createAnalysisService } from '../../src/app/http/analyzer.ts';
import { CorpusHandle } from '../../src/app/http/corpus.ts';
import { hearsay, serve } from '../web/helpers.ts';
import { createApp } from '../../src/app/http/app.ts';
import { ReadPool } from '../../src/app/http/read-pool.ts';
import { openCorpus, CorpusWriter } from '../../src/store/index.ts';
import { prepared } from '../store/helpers.ts';

const TEXT = '“We will not sign this agreement,” Trade Minister Jonas Vik told reporters on Monday. Halvorsen said the talks would go on.';

test('a real server: status over HTTP, analyses on two worker threads, a second server on the same port refused', async () => {
  const analysis = createAnalysisService(2);
  const running = await startServer({ corpus: new CorpusHandle(null), analysis, version: 'test', port: 0, host: '127.0.0.1' });
  try {
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const status = await fetch(running.url + 'api/status');
    assert.equal(status.status, 200);
    assert.equal(((await status.json()) as { corpus: unknown }).corpus, null);
    // several at once: they queue on the pool and all come back
    const answers = await Promise.all([1, 2, 3].map(() => fetch(running.url + 'api/analyze', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: TEXT, published: '2024-03-05' }),
    })));
    for (const res of answers) {
      assert.equal(res.status, 200);
      const a = await res.json();
      assert.deepEqual(validateAnalysis(a), []);
      assert.ok((a as { statements: unknown[] }).statements.length >= 1);
    }
    // the port is taken: `hearsay serve` says so in one line
    const r = hearsay('serve', '--port', String(running.port), '--db', join(tmpdir(), 'hearsay-no-such.db'), '--no-build');
    assert.equal(r.code, 1, r.err);
    const lines = r.err.trim().split('\n').filter((l) => !/web app is not built/.test(l));
    assert.deepEqual(lines, [`hearsay: port ${running.port} on 127.0.0.1 is already in use (another hearsay serve?); choose another with --port`]);
    assert.doesNotMatch(r.err, /\bat .*:\d+:\d+/);
  } finally {
    await running.close();
    await analysis.close();
  }
});

test('hearsay serve without a corpus: the URL on start, corpus routes explain how to ingest, SIGTERM stops it cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-serve-'));
  const db = join(dir, 'none.db');
  const s = await serve(['--db', db, '--workers', '1', '--no-build']);
  try {
    assert.match(s.stdout(), /^hearsay: serving http:\/\/127\.0\.0\.1:\d+\/\n/);
    assert.match(s.stdout(), new RegExp(`no corpus at ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} yet: .*hearsay ingest ARTICLES\\.\\.\\. --db`));
    const res = await fetch(s.url + 'api/articles');
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'NO_CORPUS');
    assert.match(body.error.message, /hearsay ingest/);
    const page = await fetch(s.url + 'speakers/12');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /text\/html/);
  } finally {
    assert.equal(await s.stop(), 0, s.stderr());
    rmSync(dir, { recursive: true, force: true });
  }
  assert.doesNotMatch(s.stderr(), /Error|at .*:\d+:\d+/);
});

test('hearsay serve refuses bad flags and unreadable databases in one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-serve-'));
  try {
    const port = hearsay('serve', '--port', '70000');
    assert.equal(port.code, 2);
    assert.equal(port.err, 'hearsay: --port must be a whole number from 0 to 65535, not "70000"\n');
    const workers = hearsay('serve', '--workers', '0');
    assert.equal(workers.code, 2);
    assert.match(workers.err, /^hearsay: --workers must be a whole number ≥ 1, not "0"\n$/);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just some text that is long enough to be read as a header '.repeat(20));
    const bad = hearsay('serve', '--db', junk, '--port', '0', '--no-build');
    assert.equal(bad.code, 1);
    assert.equal(bad.err.trim().split('\n').length, 1, bad.err);
    assert.match(bad.err, /junk\.db: is not a hearsay corpus database/);
    const host = hearsay('serve', '--host', 'no-such-host.invalid', '--port', '0', '--db', join(dir, 'x.db'), '--no-build');
    assert.equal(host.code, 1);
    assert.match(host.err.trim().split('\n').pop()!, /^hearsay: cannot listen on host "no-such-host\.invalid"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reader threads answer exactly what the server thread answers, refusals included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-readers-'));
  const path = join(dir, 'r.db');
  const db = openCorpus(path, { create: true });
  new CorpusWriter(db).writeBatch([
    prepared({ id: 'a', url: 'https://x.example/a', published: '2022-02-08', entities: { k: { name: 'Anna Lindqvist' }, f: { name: 'French official', anonymous: true } },
      said: [{ by: 'f', quote: 'the drills will stop' }, { by: 'k', quote: 'no drills were promised', act: 'deny' }], denies: [[1, 0]] }),
    prepared({ id: 'b', url: 'https://x.example/b', published: '2022-02-09', entities: { e: { name: 'Erik Lindqvist' } }, said: [{ by: 'e', quote: 'the harbour drills go on' }] }),
  ]);
  db.close();
  const lines: string[] = [];
  const pool = new ReadPool(path, 2, (l) => lines.push(l));
  const analysis = createAnalysisService(1);
  const threaded = createApp({ corpus: new CorpusHandle(path), analysis, version: 't', readPool: pool, cacheBytes: 0 });
  const local = createApp({ corpus: new CorpusHandle(path), analysis, version: 't', cacheBytes: 0 });
  try {
    for (const url of ['/api/status', '/api/articles', '/api/articles/1', '/api/search?q=drills', '/api/speakers', '/api/speakers/1',
      '/api/speakers/anon%3Afrench%20official', '/api/timeline', '/api/disputes', '/api/search?q=drills&who=Lindqvist', '/api/articles/99',
      '/api/search?q=%22open', '/api/speakers/999']) {
      const [a, b] = await Promise.all([threaded.request(url), local.request(url)]);
      assert.equal(a.status, b.status, url);
      assert.deepEqual(await a.json(), await b.json(), url);
    }
    assert.deepEqual(lines, []);
  } finally {
    await pool.close();
    await analysis.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
