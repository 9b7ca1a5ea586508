/**
 * `npm run bench -- serve [--db=FILE | --corpus=FILE] [--articles=10000] [--seconds=20] [--clients=50] [--workers=N] [--readers=N]
 *   [--cache=off|on|both] [--no-analyze] [--no-reads] [--keep]`: `hearsay serve` under load on loopback.
 *
 * 1. A corpus: `--db=FILE` uses an existing one; `--corpus=FILE` uses FILE when it exists
 *    and otherwise builds it there and keeps it (so repeated runs build once); without
 *    either, the ingest bench's `buildBenchCorpus` (eval/bench/ingest.ts) builds one from
 *    PolNeAR texts repeated to `--articles` articles in a temporary folder, removed at the
 *    end unless `--keep`. A corpus written by an older hearsay is brought to the current
 *    schema first (serve opens it read-only).
 * 2. `hearsay serve` in a child process, as a user starts it (analysis workers: the core
 *    count unless `--workers`).
 * 3. Reads (skipped with `--no-reads`): `--clients` concurrent keep-alive clients for `--seconds`, each request a
 *    route in turn (articles, article, search, speakers, speaker, timeline, disputes) with
 *    parameters drawn from the corpus by a seeded generator; p50/p95/p99 latency and
 *    requests/s per route. Twice: with the response cache off (every read answered by
 *    the store), then as served by default (cache on, starting empty).
 * 4. Analyze: the same clients POST a ~1,000-word PolNeAR article (each copy made unique)
 *    for `--seconds`; after a sequential baseline of single requests.
 *
 * The load client runs in this process on the same machine: on a 2-core box it competes
 * with the server for CPU, so the numbers are what one machine does serving itself.
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { buildBenchCorpus, benchTextsAvailable } from './ingest.ts';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { datasetPath } from '../data.ts';
import { serve, type Served } from '../../test/web/helpers.ts';

export const isDefault = false;

function arg(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(name + '='))?.slice(name.length + 1);
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const STOP = new Set(`about above after again against because been before being below between both could does doing during each further
having here itself just more most other ought over same should some such than that their theirs them themselves then there these they
this those through under until very were what when where which while whom would your yours said says will with from have into only also
told going think thing things people really want know make made well year years much many even still like back first last time good`.split(/\s+/));


/** `hearsay serve` on a free port, as a user starts it (the browser tests' helper). */
function startServer(db: string, workers: number, cacheMb: number, readers: number): Promise<Served> {
  return serve(['--db', db, '--workers', String(workers), '--cache', String(cacheMb), '--readers', String(readers), '--no-build'], 120000);
}

interface Result { status: number; ms: number; body: string; cache?: string }

function makeClient(base: URL, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (method: 'GET' | 'POST', path: string, body?: string): Promise<Result> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request({ host: base.hostname, port: base.port, path, method, agent, headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8'), cache: res.headers['x-cache'] as string | undefined }));
      });
      req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, body: String(e) }));
      if (body) req.write(body);
      req.end();
    });
  return { send, close: () => agent.destroy() };
}

interface Tally { ms: number[]; errors: Map<number, number> }

function report(name: string, t: Tally, seconds: number): string {
  const s = [...t.ms].sort((a, b) => a - b);
  const errs = [...t.errors.entries()].map(([code, n]) => `${n}×${code || 'network'}`).join(', ');
  return `${name.padEnd(10)} ${String(s.length).padStart(6)} req ${(s.length / seconds).toFixed(1).padStart(7)} req/s   p50 ${pct(s, 50).toFixed(1).padStart(6)} ms  p95 ${pct(s, 95).toFixed(1).padStart(6)} ms  p99 ${pct(s, 99).toFixed(1).padStart(7)} ms${errs ? `   errors: ${errs}` : ''}`;
}

/** `clients` loops for `seconds`, each calling `next(client, k)` and recording under its route. */
async function load(clients: number, seconds: number, next: (client: number, k: number) => Promise<{ route: string; r: Result }>) {
  const tallies = new Map<string, Tally>();
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let k = 0; performance.now() < end; k++) {
      const { route, r } = await next(c, k);
      const t: Tally = tallies.get(route) ?? { ms: [], errors: new Map() };
      if (r.status === 200) t.ms.push(r.ms);
      else t.errors.set(r.status, (t.errors.get(r.status) ?? 0) + 1);
      tallies.set(route, t);
    }
  }));
  return { tallies, elapsed: (performance.now() - t0) / 1000 };
}

/** A PolNeAR text of about 1,000 words (the one closest to it). */
function thousandWords(): { name: string; text: string; words: number } | null {
  const dir = datasetPath('polnear', 'dev', 'text') ?? datasetPath('polnear', 'train', 'text');
  if (!dir) return null;
  let best: { name: string; text: string; words: number } | null = null;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    const words = text.split(/\s+/).filter(Boolean).length;
    if (!best || Math.abs(words - 1000) < Math.abs(best.words - 1000)) best = { name: f, text, words };
  }
  return best;
}

export async function run(args: string[]): Promise<void> {
  const seconds = Number(arg(args, '--seconds') ?? 20);
  const clients = Number(arg(args, '--clients') ?? 50);
  const workers = Number(arg(args, '--workers') ?? availableParallelism());
  const readers = Number(arg(args, '--readers') ?? availableParallelism());
  const cacheModes = (arg(args, '--cache') ?? 'both') === 'both' ? ['off', 'on'] : [arg(args, '--cache')!];
  if (cacheModes.some((m) => m !== 'off' && m !== 'on')) {
    console.log('serve bench: --cache is off, on or both');
    return;
  }
  const given = arg(args, '--db') ?? null;
  const reuse = arg(args, '--corpus') ?? null;
  let db = given ?? (reuse && existsSync(reuse) ? reuse : null);
  let temporary: string | null = null;
  if (given && !existsSync(given)) {
    console.log(`serve bench: no database at ${given}`);
    return;
  }
  if (!db) {
    if (!benchTextsAvailable()) {
      console.log('serve bench: skipped (no database given, and PolNeAR texts not found under the shared datasets to build one)');
      return;
    }
    const built = buildBenchCorpus({ articles: Number(arg(args, '--articles') ?? 10000), ...(reuse ? { db: reuse } : {}) });
    if (!built.db) {
      console.log('serve bench: building the corpus failed');
      return;
    }
    db = built.db;
    if (reuse) console.log(`serve bench: corpus kept at ${db} (--corpus=${reuse} uses it next time)`);
    else if (args.includes('--keep')) console.log(`serve bench: corpus kept at ${db} (next time: npm run bench -- serve --db=${db})`);
    else temporary = built.dir;
  }

  // the query mix, drawn from the corpus itself
  const { openCorpus, stats, speakers, exportStatements } = await import('../../src/store/index.ts');
  openCorpus(db).close(); // brings an older corpus to the current schema (serve opens it read-only)
  const { speakerKey } = await import('../../src/app/http/keys.ts');
  const qdb = openCorpus(db, { readonly: true });
  const st = stats(qdb);
  const next = rng(20240601);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const keys = speakers(qdb, { limit: 200 }).speakers.map((s) => speakerKey(s));
  const names = speakers(qdb, { limit: 200, anonymous: false }).speakers.map((s) => s.name);
  const articleIds = (qdb.prepare('SELECT id FROM articles').pluck().all() as number[]);
  const days = (qdb.prepare('SELECT DISTINCT day FROM statements WHERE day IS NOT NULL ORDER BY day').pluck().all() as string[]);
  const freq = new Map<string, number>();
  let n = 0;
  for (const s of exportStatements(qdb)) {
    for (const w of s.quote.toLowerCase().match(/[a-z]{5,}/g) ?? []) if (!STOP.has(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
    if (++n >= 20000) break;
  }
  qdb.close();
  const topics = [...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, 300).map(([w]) => w);
  const size = statSync(db).size;
  console.log(`serve bench: ${st.articles.toLocaleString('en-US')} articles, ${st.statements.toLocaleString('en-US')} statements, ${(size / 1e6).toFixed(0)} MB; ` +
    `${clients} clients × ${seconds} s per phase on loopback; server with ${readers} reader threads and ${workers} analysis workers; ${availableParallelism()} cores shared by server and client`);

  const enc = encodeURIComponent;
  const routes: [string, () => string][] = [
    ['articles', () => `/api/articles?limit=20&offset=${Math.floor(next() * 500) * 20}`],
    ['article', () => `/api/articles/${pick(articleIds)}`],
    ['search', () => `/api/search?q=${enc(next() < 0.3 ? `${pick(topics)} ${pick(topics)}` : next() < 0.5 ? `${pick(names).split(' ').pop()} ${pick(topics)}` : pick(topics))}&limit=20`],
    ['speakers', () => `/api/speakers?limit=20&offset=${Math.floor(next() * 10) * 20}${next() < 0.3 ? '&anonymous=true' : ''}`],
    ['speaker', () => `/api/speakers/${enc(pick(keys))}?limit=20`],
    ['timeline', () => `/api/timeline?limit=20&from=${pick(days)}${next() < 0.5 ? `&who=${enc(pick(keys))}` : ''}`],
    ['disputes', () => `/api/disputes?limit=20&offset=${Math.floor(next() * 20) * 20}`],
  ];

  const readPhase = async (client: ReturnType<typeof makeClient>, label: string) => {
    for (let k = 0; k < 5; k++) for (const [, path] of routes) await client.send('GET', path());
    const firstError = new Map<string, string>();
    let hits = 0;
    const cpu0 = process.cpuUsage();
    const reads = await load(clients, seconds, async (c, k) => {
      const [route, path] = routes[(c + k) % routes.length];
      const p = path();
      const r = await client.send('GET', p);
      if (r.status !== 200 && !firstError.has(route)) firstError.set(route, `${p} → ${r.status} ${r.body.slice(0, 200)}`);
      if (r.cache === 'hit') hits++;
      return { route, r };
    });
    const cpu = process.cpuUsage(cpu0);
    console.log(`reads, ${label} (${reads.elapsed.toFixed(1)} s, all routes interleaved):`);
    const all: Tally = { ms: [], errors: new Map() };
    for (const [name] of routes) {
      const t = reads.tallies.get(name)!;
      console.log('  ' + report(name, t, reads.elapsed));
      all.ms.push(...t.ms);
      for (const [code, k] of t.errors) all.errors.set(code, (all.errors.get(code) ?? 0) + k);
    }
    console.log('  ' + report('all reads', all, reads.elapsed));
    console.log(`  answered from the response cache: ${((100 * hits) / Math.max(1, all.ms.length + [...all.errors.values()].reduce((a, b) => a + b, 0))).toFixed(0)}%; ` +
      `the load client used ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU in ${reads.elapsed.toFixed(1)} s`);
    for (const [route, e] of firstError) console.log(`  first error on ${route}: ${e}`);
  };
  const warmDoc = JSON.stringify({ text: '“We are ready,” the minister said on Monday.' });
  // the analysis workers load their models at start, on every core: wait for them
  const warmUp = (client: ReturnType<typeof makeClient>) => Promise.all(Array.from({ length: workers }, () => client.send('POST', '/api/analyze', warmDoc)));

  const reads = !args.includes('--no-reads');
  // 1. every read answered by the store (no response cache)
  if (reads && cacheModes.includes('off')) {
    const server = await startServer(db, workers, 0, readers);
    const client = makeClient(new URL(server.url), clients);
    try {
      await warmUp(client);
      await readPhase(client, 'no response cache (--cache 0)');
    } finally {
      client.close();
      await server.stop();
    }
  }
  if (!cacheModes.includes('on') && args.includes('--no-analyze')) {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    return;
  }

  // 2. as served by default: the response cache, starting cold; then analyze
  const server = await startServer(db, workers, 64, readers);
  const client = makeClient(new URL(server.url), clients);
  try {
    await warmUp(client);
    if (reads && cacheModes.includes('on')) await readPhase(client, 'default response cache (64 MB), starting empty');
    if (args.includes('--no-analyze')) return;

    const article = thousandWords();
    if (!article) {
      console.log('analyze: skipped (no PolNeAR text to post)');
      return;
    }
    let unique = 0;
    const body = () => JSON.stringify({ text: `${article.text.trimEnd()}\n\n(Request ${++unique}.)\n`, published: '2016-10-01' });
    // baseline: one request at a time
    const single: Result[] = [];
    for (let k = 0; k < 10; k++) single.push(await client.send('POST', '/api/analyze', body()));
    const bad = single.find((r) => r.status !== 200);
    if (bad) console.log(`analyze: error ${bad.status} ${bad.body.slice(0, 200)}`);
    const ms = single.filter((r) => r.status === 200).map((r) => r.ms).sort((a, b) => a - b);
    console.log(`analyze: ${article.name} (${article.words} words), one request at a time: p50 ${pct(ms, 50).toFixed(0)} ms, max ${ms[ms.length - 1]?.toFixed(0)} ms (${ms.length} requests)`);
    const an = await load(clients, seconds, async () => ({ route: 'analyze', r: await client.send('POST', '/api/analyze', body()) }));
    console.log(`analyze, ${clients} clients (${an.elapsed.toFixed(1)} s):`);
    console.log('  ' + report('analyze', an.tallies.get('analyze') ?? { ms: [], errors: new Map() }, an.elapsed));
  } finally {
    client.close();
    await server.stop();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}
