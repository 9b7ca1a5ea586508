/**
 * The HTTP API in process (hono's app.request): every route, its paging and filters, and
 * its errors — bad parameters, unknown ids and routes, wrong methods, oversized and
 * malformed bodies, internal errors — each a JSON error without a stack trace. Corpus
 * routes run on hand-built analyses (test/store/helpers.ts), so they test the API and
 * not the extractors; analyses the API returns are checked against the contract schema.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAnalysis } from '../helpers/schema.ts';
import { HearsayError } from '../../src/core/errors.ts';
import { memoryCorpus, prepared, SPEC_KREMLIN, SPEC_NATO, SPEC_UNDATED, type ArticleSpec } from '../store/helpers.ts';
import { openCorpus, CorpusWriter } from '../../src/store/index.ts';
import { API_ROUTES, createApp, CSP } from '../../src/app/http/app.ts';
import { createAnalysisService } from '../../src/app/http/analyzer.ts';
import { CorpusHandle } from '../../src/app/http/corpus.ts';
import { openApiDocument } from '../../src/app/http/openapi.ts';
import { parseSpeakerKey, speakerKey } from '../../src/app/http/keys.ts';

const specs: ArticleSpec[] = [
  SPEC_KREMLIN,
  SPEC_NATO,
  {
    id: 'budget', url: 'https://news.example/budget', published: '2022-03-01', title: 'Budget row',
    entities: { a: { name: 'Anna Lindqvist', titles: ['Finance Minister'] }, f: { name: 'French official', anonymous: true } },
    said: [
      { by: 'a', quote: 'the subsidy cuts stay', when: { text: 'Tuesday', value: '2022-03-01' } },
      { by: 'f', quote: 'Paris is watching the budget closely' },
    ],
  },
  {
    id: 'harbour', url: 'https://news.example/harbour', published: '2022-03-02', title: 'Harbour strike',
    entities: { e: { name: 'Erik Lindqvist', titles: ['shipping executive'] } },
    said: [{ by: 'e', quote: 'the harbour strike will cost millions' }],
  },
  SPEC_UNDATED,
];

const { db, writer } = memoryCorpus();
writer.writeBatch(specs.map((s) => prepared(s)));
const analysis = createAnalysisService(1);
const logged: string[] = [];
const app = createApp({ corpus: new CorpusHandle('memory.db', db), analysis, version: 'test', log: (l) => logged.push(l) });

after(async () => {
  await analysis.close();
});

async function get(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body: body as any, headers: res.headers };
}

function post(body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  return get('/api/analyze', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** An error response: JSON `{ error: { code, message } }`, no stack trace, the message naming `mention`. */
function isError(r: { status: number; body: any }, status: number, code: string, mention?: RegExp) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(typeof r.body, 'object', `not JSON: ${r.body}`);
  assert.equal(r.body.error.code, code, JSON.stringify(r.body));
  assert.equal(typeof r.body.error.message, 'string');
  assert.doesNotMatch(r.body.error.message, /\n|\bat .*\.ts:\d+/, 'a one-line message, no stack');
  if (mention) assert.match(r.body.error.message, mention);
}

const byName = async (name: string) => (await get(`/api/speakers?q=${encodeURIComponent(name)}`)).body.speakers[0];

// ---------------------------------------------------------------- meta

test('status: version, corpus statistics, limits; security headers on every response', async () => {
  const r = await get('/api/status');
  assert.equal(r.status, 200);
  assert.equal(r.body.hearsay, 'test');
  assert.equal(r.body.corpus.articles, 5);
  assert.equal(r.body.corpus.disputes, 1);
  assert.equal(r.body.analyze.maxBytes, 2 * 1024 * 1024);
  // answers, errors a handler throws (400), refusals (403, 404, 405) and the body limit (413)
  const big = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024 + 10) }) };
  for (const [path, init, status] of [
    ['/api/status', undefined, 200], ['/api/nope', undefined, 404], ['/', undefined, 200], ['/articles/1', undefined, 200],
    ['/api/articles?limit=0', undefined, 400], ['http://evil.example/api/status', undefined, 403],
    ['/api/articles', { method: 'DELETE' }, 405], ['/api/analyze', big, 413],
  ] as const) {
    const r = await get(path, init);
    assert.equal(r.status, status, path);
    const h = r.headers;
    assert.equal(h.get('content-security-policy'), CSP, path);
    assert.equal(h.get('x-content-type-options'), 'nosniff', path);
    assert.equal(h.get('referrer-policy'), 'no-referrer', path);
    assert.equal(h.get('x-frame-options'), 'DENY', path);
    // answers may be revalidated; errors are never stored
    if (path.includes('/api/')) assert.equal(h.get('cache-control'), status === 200 ? 'no-cache' : 'no-store', path);
  }
  assert.match(CSP, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CSP, /unsafe-inline|unsafe-eval/);
});

test('the OpenAPI document lists every route the app answers, and no other', async () => {
  const r = await get('/api/openapi.json');
  assert.equal(r.status, 200);
  const doc = r.body;
  assert.match(doc.openapi, /^3\./);
  const documented = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`);
  }
  const declared = new Set(API_ROUTES.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  // what hono actually routes (the catch-alls aside)
  const routed = new Set(app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  assert.deepEqual([...routed].sort(), [...declared].sort(), 'API_ROUTES matches the app');
  assert.deepEqual([...documented].sort(), [...declared].sort(), 'the document matches the app');
  // query parameters come from the zod schemas
  const search = doc.paths['/api/search'].get.parameters.map((p: { name: string; required: boolean }) => `${p.name}${p.required ? '!' : ''}`);
  assert.deepEqual(search.sort(), ['act', 'anonymous', 'from', 'limit', 'offset', 'q!', 'to', 'who'].sort());
  assert.equal(doc.components.schemas.Analysis.$id, 'hearsay/analysis/1');
  assert.deepEqual(openApiDocument('x'), { ...doc, info: { ...doc.info, version: 'x' } });
});

// ---------------------------------------------------------------- articles

test('articles: newest first, paged, within dates; bad parameters are 400s naming them', async () => {
  const all = await get('/api/articles');
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.articles.map((a: { docId: string }) => a.docId), ['harbour', 'budget', 'nato', 'kremlin', 'undated']);
  const p1 = await get('/api/articles?limit=2');
  assert.equal(p1.body.articles.length, 2);
  assert.equal(p1.body.hasMore, true);
  const p3 = await get('/api/articles?limit=2&offset=4');
  assert.deepEqual(p3.body.articles.map((a: { docId: string }) => a.docId), ['undated']);
  assert.equal(p3.body.hasMore, false);
  const feb = await get('/api/articles?from=2022-02&to=2022-02');
  assert.deepEqual(feb.body.articles.map((a: { docId: string }) => a.docId), ['nato', 'kremlin']);
  isError(await get('/api/articles?limit=0'), 400, 'BAD_REQUEST', /limit/);
  isError(await get('/api/articles?limit=101'), 400, 'BAD_REQUEST', /limit: must be at most 100/);
  isError(await get('/api/articles?limit=ten'), 400, 'BAD_REQUEST', /limit: must be a whole number/);
  isError(await get('/api/articles?offset=-1'), 400, 'BAD_REQUEST', /offset/);
  isError(await get('/api/articles?from=2022-13-01'), 400, 'BAD_REQUEST', /from: must be a date/);
  isError(await get('/api/articles?form=2022'), 400, 'BAD_REQUEST', /unknown parameter "form"/);
});

test('one article: metadata, the stored analysis (contract-valid), and each statement\'s corpus source', async () => {
  const list = (await get('/api/articles')).body.articles;
  const kremlin = list.find((a: { docId: string }) => a.docId === 'kremlin');
  const r = await get(`/api/articles/${kremlin.id}`);
  assert.equal(r.status, 200);
  assert.deepEqual(validateAnalysis(r.body.analysis), []);
  assert.equal(r.body.article.url, 'https://news.example/kremlin');
  assert.equal(r.body.analysis.statements.length, 3);
  assert.deepEqual(Object.keys(r.body.statements).sort(), ['s1', 's2', 's3']);
  assert.equal(r.body.statements.s2.speaker.name, 'Dmitry Peskov');
  assert.equal(r.body.statements.s2.speaker.key, String(r.body.statements.s2.speaker.id));
  assert.equal(r.body.statements.s1.speaker.key, 'anon:french official');
  // by URL and by document id too
  assert.equal((await get(`/api/articles/${encodeURIComponent('https://news.example/nato')}`)).body.article.docId, 'nato');
  assert.equal((await get('/api/articles/undated')).body.article.docId, 'undated');
  isError(await get('/api/articles/999999'), 404, 'NOT_FOUND', /999999/);
  isError(await get('/api/articles/no-such-article'), 404, 'NOT_FOUND');
  isError(await get(`/api/articles/${kremlin.id}?x=1`), 400, 'BAD_REQUEST', /unknown parameter "x"/);
  isError(await get(`/api/articles/${'9'.repeat(3000)}`), 400, 'BAD_REQUEST');
});

// ---------------------------------------------------------------- search

test('search: ranked statements with filters and paging; missing or unreadable queries are 400s', async () => {
  const r = await get('/api/search?q=sanctions');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.statements.map((s: { quote: string }) => s.quote).sort(),
    ['NATO is a defensive alliance and sanctions will follow any attack', 'the sanctioned banks will manage']);
  assert.equal(r.body.query, '"sanctions"');
  const nato = (await get('/api/search?q=NATO')).body.statements;
  assert.ok(nato.every((s: { score: number }, k: number) => k === 0 || s.score >= nato[k - 1].score), 'best first');
  const p = await get('/api/search?q=NATO&limit=1');
  assert.equal(p.body.statements.length, 1);
  assert.equal(p.body.hasMore, true);
  assert.equal((await get('/api/search?q=NATO&limit=1&offset=1')).body.statements[0].id, nato[1].id);
  // filters: who (a name or a key), dates, act, anonymous
  assert.equal((await get('/api/search?q=NATO&who=Dmitry%20Peskov')).body.statements.length, 1);
  const peskov = await byName('Dmitry Peskov');
  assert.equal((await get(`/api/search?q=NATO&who=${peskov.key}`)).body.statements.length, 1);
  assert.equal((await get('/api/search?q=drills&who=anon%3Afrench%20official')).body.statements.length, 1);
  assert.equal((await get('/api/search?q=commitments&act=deny')).body.statements.length, 1);
  assert.equal((await get('/api/search?q=commitments&act=claim')).body.statements.length, 0);
  assert.equal((await get('/api/search?q=drills&anonymous=true')).body.statements.length, 1);
  assert.equal((await get('/api/search?q=drills&anonymous=false')).body.statements.length, 0);
  const later = (await get('/api/search?q=NATO&from=2022-02-09')).body.statements;
  assert.equal(later.length, 2, 'NATO in what Stoltenberg said or in his title, on 10 February');
  assert.ok(later.every((s: { date: string }) => s.date >= '2022-02-09'));
  isError(await get('/api/search'), 400, 'BAD_REQUEST', /q:/);
  isError(await get('/api/search?q=%20%20'), 400, 'BAD_REQUEST', /q: must not be empty/);
  isError(await get('/api/search?q=%22unterminated'), 400, 'BAD_ARGUMENT', /cannot read the search/);
  isError(await get('/api/search?q=NATO&act=shout'), 400, 'BAD_REQUEST', /act: must be one of/);
  isError(await get('/api/search?q=NATO&anonymous=maybe'), 400, 'BAD_REQUEST', /anonymous: must be true or false/);
  isError(await get('/api/search?q=NATO&who=Nobody%20Atall'), 400, 'BAD_REQUEST', /who: no source matches/);
  isError(await get('/api/search?q=NATO&who=999999'), 400, 'BAD_REQUEST', /who: no source with id 999999/);
  const amb = await get('/api/search?q=NATO&who=Lindqvist');
  isError(amb, 400, 'AMBIGUOUS', /could be 2 sources/);
  assert.deepEqual(amb.body.error.candidates.map((c: { name: string }) => c.name).sort(), ['Anna Lindqvist', 'Erik Lindqvist']);
  assert.ok(amb.body.error.candidates.every((c: { key: string }) => /^\d+$/.test(c.key)));
});

// ---------------------------------------------------------------- speakers

test('speakers: most quoted first, paged, named or anonymous, found by name', async () => {
  const r = await get('/api/speakers');
  assert.equal(r.status, 200);
  const names = r.body.speakers.map((s: { name: string }) => s.name);
  assert.equal(names[0], 'Dmitry Peskov');
  assert.ok(r.body.speakers.every((s: { key: string; id: number | null; group: string | null }) => s.key === speakerKey(s)));
  assert.ok(r.body.speakers.every((s: { statements: number }, k: number, all: { statements: number }[]) => k === 0 || s.statements <= all[k - 1].statements));
  const anon = (await get('/api/speakers?anonymous=true')).body.speakers;
  assert.deepEqual(anon.map((s: { key: string; sources: number }) => [s.key, s.sources]), [['anon:french official', 2]]);
  assert.ok((await get('/api/speakers?anonymous=false')).body.speakers.every((s: { anonymous: boolean }) => !s.anonymous));
  const paged = await get('/api/speakers?limit=2&offset=1');
  assert.deepEqual(paged.body.speakers.map((s: { name: string }) => s.name), names.slice(1, 3));
  assert.equal(paged.body.hasMore, true);
  const found = (await get('/api/speakers?q=Lindqvist')).body.speakers.map((s: { name: string }) => s.name).sort();
  assert.deepEqual(found, ['Anna Lindqvist', 'Erik Lindqvist']);
  assert.deepEqual((await get('/api/speakers?q=Lindqvist&limit=1')).body.hasMore, true);
  assert.deepEqual((await get('/api/speakers?q=nobody%20at%20all')).body.speakers, []);
  assert.ok((await get('/api/speakers?type=PERSON')).body.speakers.length >= 4);
  isError(await get('/api/speakers?type=person'), 400, 'BAD_REQUEST', /type: must be PERSON/);
  isError(await get('/api/speakers?anonymous=yes'), 400, 'BAD_REQUEST', /anonymous/);
});

test('one speaker: profile, statements newest first (paged), activity by month, disputes both ways', async () => {
  const peskov = await byName('Dmitry Peskov');
  const r = await get(`/api/speakers/${peskov.key}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.speaker.name, 'Dmitry Peskov');
  assert.equal(r.body.speaker.key, peskov.key);
  assert.equal(r.body.speaker.statements, 3);
  assert.deepEqual(r.body.speaker.titles, ['Kremlin spokesman']);
  assert.equal(r.body.statements.length, 3);
  assert.equal(r.body.statements[0].date, '2022-02-08', 'newest first, undated last');
  assert.deepEqual(r.body.activity, { months: [{ month: '2022-02', count: 2 }], undated: 1 });
  assert.equal(r.body.disputes.items.length, 1);
  assert.deepEqual(r.body.disputes.counterparts.map((c: { key: string; disputes: number; disputedBy: number }) => [c.key, c.disputes, c.disputedBy]),
    [['anon:french official', 1, 0]]);
  const page = await get(`/api/speakers/${peskov.key}?limit=1&offset=1`);
  assert.equal(page.body.statements.length, 1);
  assert.equal(page.body.hasMore, true);
  // the other side of the dispute, an anonymous group by its key
  const anon = await get(`/api/speakers/${encodeURIComponent('anon:french official')}`);
  assert.equal(anon.status, 200);
  assert.equal(anon.body.speaker.sources, 2);
  assert.deepEqual(anon.body.disputes.counterparts.map((c: { key: string; disputes: number; disputedBy: number }) => [c.key, c.disputes, c.disputedBy]),
    [[peskov.key, 0, 1]]);
  isError(await get('/api/speakers/999999'), 404, 'NOT_FOUND', /999999/);
  isError(await get(`/api/speakers/${encodeURIComponent('anon:nobody here')}`), 404, 'NOT_FOUND');
  isError(await get('/api/speakers/peskov'), 400, 'BAD_REQUEST', /not a speaker key/);
  isError(await get(`/api/speakers/${peskov.key}?limit=1000`), 400, 'BAD_REQUEST', /limit/);
  assert.deepEqual(parseSpeakerKey('0'), null);
  assert.deepEqual(parseSpeakerKey('anon:'), { group: '' });
});

// ---------------------------------------------------------------- timeline, disputes

test('timeline: by the date statements were made, oldest first, by speaker and dates', async () => {
  const r = await get('/api/timeline?limit=100');
  assert.equal(r.status, 200);
  const dates = r.body.statements.map((s: { date: string }) => s.date);
  assert.ok(dates.every((d: string) => d !== null), 'undated statements are left out');
  assert.deepEqual(dates, [...dates].sort());
  const feb = (await get('/api/timeline?from=2022-02-08&to=2022-02-08')).body.statements;
  assert.ok(feb.length >= 2 && feb.every((s: { date: string }) => s.date === '2022-02-08'));
  const who = (await get('/api/timeline?who=Jens%20Stoltenberg')).body.statements;
  assert.ok(who.length >= 1 && who.every((s: { source: { speaker: { name: string } } }) => s.source.speaker.name === 'Jens Stoltenberg'));
  assert.equal((await get('/api/timeline?limit=2')).body.hasMore, true);
  isError(await get('/api/timeline?to=yesterday'), 400, 'BAD_REQUEST', /to: must be a date/);
  isError(await get('/api/timeline?who=Lindqvist'), 400, 'AMBIGUOUS');
});

test('disputes: each denial with the statement it denies; by speaker; paged', async () => {
  const r = await get('/api/disputes');
  assert.equal(r.status, 200);
  assert.equal(r.body.disputes.length, 1);
  const d = r.body.disputes[0];
  assert.equal(d.type, 'denies');
  assert.equal(d.from.source.speaker.name, 'Dmitry Peskov');
  assert.equal(d.to.quote, 'Putin promised there would be no new military drills');
  assert.equal(d.article.docId, 'kremlin');
  assert.equal((await get('/api/disputes?who=Jens%20Stoltenberg')).body.disputes.length, 0);
  assert.equal((await get('/api/disputes?who=anon%3Afrench%20official')).body.disputes.length, 1);
  assert.equal((await get('/api/disputes?from=2023')).body.disputes.length, 0);
  isError(await get('/api/disputes?limit=-5'), 400, 'BAD_REQUEST', /limit/);
});

// ---------------------------------------------------------------- analyze

const ARTICLE = `“We will not sign this agreement,” Trade Minister Jonas Vik told reporters on Monday.

The shipping company denied the report. Its chief executive, Marta Halvorsen, said the talks would continue.`;

test('analyze: text or HTML in, a contract-valid analysis out, dates resolved against "published"', async () => {
  const r = await post({ text: ARTICLE, published: '2024-03-05', title: 'Talks go on' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(validateAnalysis(r.body), []);
  assert.equal(r.body.document.text, ARTICLE, 'the text is kept exactly');
  assert.equal(r.body.document.title, 'Talks go on');
  assert.equal(r.body.document.published, '2024-03-05');
  assert.ok(r.body.statements.length >= 2);
  const vik = r.body.statements.find((s: { quote: string }) => s.quote.includes('We will not sign'));
  assert.ok(vik, 'the direct quote is found');
  assert.equal(r.body.times.find((t: { id: string }) => t.id === vik.time)?.value, '2024-03-04', '"Monday" before 5 March 2024');
  assert.equal(r.headers.get('cache-control'), 'no-store');

  const html = await post({ html: `<html><head><title>Page</title></head><body><nav>Home | News</nav><article><p>${ARTICLE.replace(/\n\n/g, '</p><p>')}</p><script>alert(1)</script></article></body></html>` });
  assert.equal(html.status, 200, JSON.stringify(html.body));
  assert.deepEqual(validateAnalysis(html.body), []);
  assert.doesNotMatch(html.body.document.text, /<|alert/);
  assert.ok(html.body.statements.length >= 2);

  const explained = await post({ text: ARTICLE, explain: true });
  assert.ok(explained.body.statements.every((s: { explain?: string[] }) => Array.isArray(s.explain) && s.explain.length > 0));
});

test('analyze refuses bad requests with JSON errors: fields, JSON, media type, size, content', async () => {
  isError(await post({}), 400, 'BAD_REQUEST', /exactly one of "text" or "html"/);
  isError(await post({ text: 'a', html: '<p>a</p>' }), 400, 'BAD_REQUEST', /exactly one/);
  isError(await post({ text: 42 }), 400, 'BAD_REQUEST', /text/);
  isError(await post({ text: 'Hello.', colour: 'red' }), 400, 'BAD_REQUEST', /unknown field "colour"/);
  isError(await post({ text: 'Hello.', published: 'last Tuesday' }), 400, 'BAD_REQUEST', /published: "last Tuesday" is not an ISO 8601 date/);
  isError(await post({ text: 'Hello.', explain: 'yes' }), 400, 'BAD_REQUEST', /explain/);
  isError(await post('{"text": "unterminated'), 400, 'BAD_JSON', /not valid JSON/);
  isError(await post('[1, 2]'), 400, 'BAD_REQUEST');
  isError(await post({ text: 'Hello.' }, { 'Content-Type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/);
  isError(await post({ text: 'Hello.' }, {}), 415, 'UNSUPPORTED_MEDIA_TYPE');
  isError(await post({ text: '   \n  ' }), 400, 'EMPTY', /white space/);
  isError(await post({ text: 'abc\u0000def' }), 400, 'BINARY');
  isError(await post({ html: '<html><body><nav></nav></body></html>' }), 400, 'EMPTY', /no article text/);
  const big = JSON.stringify({ text: 'word '.repeat(450_000) });
  assert.ok(big.length > 2 * 1024 * 1024);
  isError(await post(big), 413, 'TOO_LARGE', /larger than 2 MB/);
  // a body that lies about its length is counted as it streams
  const chunked = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
  const res = await app.request('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
  assert.equal(res.status, 413);
});

// ---------------------------------------------------------------- routing and failures

test('unknown routes are JSON 404s; wrong methods are 405s with Allow; foreign Host headers are refused', async () => {
  isError(await get('/api/nope'), 404, 'NOT_FOUND', /no API route GET \/api\/nope/);
  isError(await get('/api/articles/1/statements'), 404, 'NOT_FOUND');
  const m = await get('/api/analyze');
  isError(m, 405, 'METHOD_NOT_ALLOWED', /use POST/);
  assert.equal(m.headers.get('allow'), 'POST');
  const d = await get('/api/articles', { method: 'DELETE' });
  isError(d, 405, 'METHOD_NOT_ALLOWED');
  assert.equal(d.headers.get('allow'), 'GET, HEAD');
  isError(await get('/articles', { method: 'POST' }), 405, 'METHOD_NOT_ALLOWED');
  isError(await get('http://evil.example/api/status'), 403, 'FORBIDDEN_HOST', /evil\.example/);
  assert.equal((await get('http://127.0.0.1:8787/api/status')).status, 200);
  assert.equal((await get('http://[::1]:8787/api/status')).status, 200);
});

test('internal errors are JSON 500s without details; the stack goes to the server log only', async () => {
  const broken = new CorpusHandle('broken.db');
  broken.get = () => { throw new TypeError('cannot read properties of undefined (secret detail)'); };
  const lines: string[] = [];
  const bad = createApp({ corpus: broken, analysis, version: 'test', log: (l) => lines.push(l) });
  const res = await bad.request('/api/articles');
  assert.equal(res.status, 500);
  const body = await res.json() as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'INTERNAL');
  assert.doesNotMatch(JSON.stringify(body), /secret detail|TypeError|\.ts:\d+/);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /GET \/api\/articles: TypeError: cannot read properties of undefined \(secret detail\)\n\s+at /);
  // an analysis that fails after the input passed its checks (a broken model file) is the server's fault
  const failing = { workers: 1, close: async () => {}, analyze: async () => { throw new HearsayError('PARSE', 'cannot read NER model: bad magic', { file: '/srv/models/ner.bin' }); } };
  const sick = createApp({ corpus: broken, analysis: failing, version: 'test', log: (l) => lines.push(l) });
  const r = await sick.request('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'He said no.' }) });
  assert.equal(r.status, 500);
  const rb = await r.json() as { error: { code: string; message: string } };
  assert.equal(rb.error.code, 'INTERNAL');
  assert.doesNotMatch(rb.error.message, /ner\.bin|magic/);
  assert.match(lines[1], /analysis failed .*ner\.bin: cannot read NER model/);
});

test('without a corpus: corpus routes say how to make one, analyze still works; a database created later is found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-http-'));
  const path = join(dir, 'later.db');
  const handle = new CorpusHandle(path);
  const none = createApp({ corpus: handle, analysis, version: 'test' });
  try {
    const status = await none.request('/api/status');
    assert.equal(((await status.json()) as { corpus: unknown }).corpus, null);
    for (const route of ['/api/articles', '/api/search?q=x', '/api/speakers', '/api/speakers/1', '/api/timeline', '/api/disputes', '/api/articles/1']) {
      const res = await none.request(route);
      const body = { status: res.status, body: await res.json() };
      isError(body, 404, 'NO_CORPUS', /hearsay ingest/);
    }
    const a = await none.request('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: ARTICLE }) });
    assert.equal(a.status, 200);
    // `hearsay ingest` makes the database while the server runs
    const made = openCorpus(path, { create: true });
    new CorpusWriter(made).writeBatch(specs.slice(0, 2).map((s) => prepared(s)));
    made.close();
    await new Promise((r) => setTimeout(r, 1100));
    const later = await none.request('/api/articles');
    assert.equal(later.status, 200);
    assert.equal(((await later.json()) as { articles: unknown[] }).articles.length, 2);
    // answers are kept while the database is unchanged ...
    assert.equal(later.headers.get('x-cache'), 'miss');
    const again = await none.request('/api/articles');
    assert.equal(again.headers.get('x-cache'), 'hit');
    assert.equal(again.headers.get('content-security-policy'), CSP, 'a kept answer has the security headers too');
    assert.equal(((await again.json()) as { articles: unknown[] }).articles.length, 2);
    // ... and dropped when another connection (an ingest) commits
    const more = openCorpus(path);
    new CorpusWriter(more).writeBatch(specs.slice(2, 3).map((s) => prepared(s)));
    more.close();
    const fresh = await none.request('/api/articles');
    assert.equal(fresh.headers.get('x-cache'), 'miss');
    assert.equal(((await fresh.json()) as { articles: unknown[] }).articles.length, 3);
    // errors are never kept
    await none.request('/api/articles/999');
    assert.equal((await none.request('/api/articles/999')).headers.get('x-cache'), null);
  } finally {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the web app: page routes get index.html, assets are cached, missing files and escapes are 404s', async () => {
  const web = mkdtempSync(join(tmpdir(), 'hearsay-webdir-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(web, 'favicon.svg'), '<svg/>');
  copyFileSync(join(web, 'index.html'), join(web, 'other.html'));
  const withWeb = createApp({ corpus: new CorpusHandle(null), analysis, version: 'test', webDir: web });
  try {
    for (const page of ['/', '/articles/12', '/speakers/anon%3Afrench%20official', '/search?q=x', '/no/such/page']) {
      const res = await withWeb.request(page);
      assert.equal(res.status, 200, page);
      assert.match(res.headers.get('content-type')!, /text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.match(await res.text(), /<title>app<\/title>/);
    }
    const js = await withWeb.request('/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type')!, /text\/javascript/);
    assert.match(js.headers.get('cache-control')!, /immutable/);
    assert.equal((await withWeb.request('/favicon.svg')).headers.get('content-type'), 'image/svg+xml');
    for (const bad of ['/assets/missing.js', '/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd.txt']) {
      const res = await withWeb.request(bad);
      assert.equal(res.status, 404, bad);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'NOT_FOUND', bad);
    }
    // no build at all: a page that says how to make one
    const unbuilt = createApp({ corpus: new CorpusHandle(null), analysis, version: 'test', webDir: join(web, 'none') });
    assert.match(await (await unbuilt.request('/')).text(), /npm run build:web/);
  } finally {
    rmSync(web, { recursive: true, force: true });
  }
});

test('no internal error was logged by the requests above', () => {
  assert.deepEqual(logged, []);
});
