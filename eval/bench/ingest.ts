/**
 * `npm run bench -- ingest [--articles=N] [--workers=N] [--keep]`: the corpus store end to
 * end (`buildBenchCorpus`, which the serve bench also uses to make its corpus). PolNeAR
 * train + dev texts, repeated to 10,000 articles (each copy after the first
 * gets a suffix line so none is deduplicated), written as .txt files and ingested into a
 * fresh temporary database with the default number of workers (the core count). Prints
 * articles/s, where the time went (analysis summed over worker threads, writing on the
 * writer thread, reading and hashing), database size and peak RSS (sampled every 50 ms;
 * worker threads share the process, so this covers them). Then times 100 `search` and
 * 100 `who` queries with names and topic words drawn from the corpus, p50 and p95.
 *
 * The ingest and the queries run in a child process (`--child`) that loads nothing else,
 * as `hearsay ingest` would: the bench runner imports every bench, models included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetPath } from '../data.ts';
import type { Db } from '../../src/store/index.ts';

export const isDefault = false;

const STOP = new Set(`about above after again against because been before being below between both could does doing during
each further having here itself just more most other ought over same should some such than that their theirs them
themselves then there these they this those through under until very were what when where which while whom would your
yours said says will with from have into only also said told going think thing things people really want know make made
well year years much many even still like back first last time good going dont didnt cant wont isnt thats theyre youre`.split(/\s+/));

/** `--name=value` (the bench dispatcher takes bare words for bench names). */
function arg(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(name + '='))?.slice(name.length + 1);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** A small seeded generator, so the query mix is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function timeQueries(label: string, queries: string[], run: (q: string) => void): void {
  for (const q of queries.slice(0, 5)) run(q); // warm the page cache and statement cache
  const ms: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    run(q);
    ms.push(performance.now() - t);
  }
  console.log(`query ${label}: p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms (${queries.length} queries)`);
}

async function queryTerms(db: Db): Promise<{ searches: string[]; names: string[] }> {
  const { speakers, personTokens } = await import('../../src/store/index.ts');
  const next = rng(20240315);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const top = speakers(db, { limit: 80, anonymous: false }).speakers;
  const people = top.filter((s) => s.type === 'PERSON');
  const names: string[] = [];
  for (let k = 0; k < 100; k++) {
    const s = pick(top);
    const tokens = personTokens(s.name);
    // full names, bare surnames (the ambiguity path), organisations
    names.push(k % 3 === 1 && s.type === 'PERSON' && tokens.length > 1 ? s.name.split(/\s+/).slice(-1)[0] : s.name);
  }
  const freq = new Map<string, number>();
  for (const q of db.prepare('SELECT quote FROM statements ORDER BY id LIMIT 20000').pluck().iterate() as IterableIterator<string>) {
    for (const w of q.toLowerCase().match(/[a-z]{5,}/g) ?? []) if (!STOP.has(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const topics = [...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, 300).map(([w]) => w);
  const searches: string[] = [];
  for (let k = 0; k < 100; k++) {
    if (k % 4 === 0 && people.length) searches.push(`${pick(people).name.split(/\s+/).slice(-1)[0]} ${pick(topics)}`); // "Clinton emails"
    else if (k % 4 === 1) searches.push(`${pick(topics)} ${pick(topics)}`);
    else searches.push(pick(topics));
  }
  return { searches, names };
}

export interface BenchCorpusOptions {
  /** How many articles (default 10,000). */
  articles?: number;
  /** Analysis workers (default: the core count). */
  workers?: number;
  /** The database to create (default: bench.db in a new temporary folder). It must not exist. */
  db?: string;
  /** Keep the .txt files written for the ingest (default: removed). */
  keepTexts?: boolean;
}

export interface BenchCorpus {
  /** The database, or null when the ingest failed. */
  db: string | null;
  /** The folder holding the database (and, with keepTexts, the texts in a corpus-* folder). */
  dir: string;
  articles: number;
  workers: number;
}

/** True when the PolNeAR texts the bench corpus is made of are present. */
export function benchTextsAvailable(): boolean {
  return !!datasetPath('polnear', 'train', 'text');
}

/**
 * Builds the benchmark corpus: PolNeAR train + dev texts repeated to `articles` .txt files
 * (each copy after the first with a suffix line, so none is deduplicated), ingested by a
 * child process that loads nothing else (as `hearsay ingest` would), which prints the
 * ingest report (rate, where the time went, size, peak memory, query timings).
 */
export function buildBenchCorpus(opts: BenchCorpusOptions = {}): BenchCorpus {
  const dirs = [datasetPath('polnear', 'train', 'text'), datasetPath('polnear', 'dev', 'text')].filter((d): d is string => !!d);
  if (!dirs.length) throw new Error('PolNeAR texts not found under the shared datasets');
  const target = opts.articles ?? 10000;
  const workers = opts.workers ?? availableParallelism();
  const texts = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f.replace(/\.txt$/, ''), text: readFileSync(join(d, f), 'utf8') })));
  const dir = opts.db ? dirname(resolve(opts.db)) : mkdtempSync(join(tmpdir(), 'hearsay-bench-ingest-'));
  const dbPath = opts.db ? resolve(opts.db) : join(dir, 'bench.db');
  if (existsSync(dbPath)) throw new Error(`${dbPath} exists already`);
  mkdirSync(dir, { recursive: true });
  const corpus = mkdtempSync(join(dir, 'corpus-'));
  for (let i = 0; i < target; i++) {
    const t = texts[i % texts.length];
    const copy = Math.floor(i / texts.length);
    writeFileSync(join(corpus, `${String(i).padStart(5, '0')}-${t.name}.txt`), copy ? `${t.text.trimEnd()}\n\n(Copy ${copy} of this article.)\n` : t.text);
  }
  console.log(`ingest bench: ${target.toLocaleString('en-US')} articles (${texts.length} PolNeAR train+dev texts, repeated), ${workers} workers, ${availableParallelism()} cores`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', corpus, dbPath, String(workers)], { stdio: 'inherit' });
  if (r.status !== 0) console.log(`ingest bench: the child process failed (${r.status ?? r.signal})`);
  if (!opts.keepTexts) rmSync(corpus, { recursive: true, force: true });
  return { db: r.status === 0 && existsSync(dbPath) ? dbPath : null, dir, articles: target, workers };
}

export async function run(args: string[]): Promise<void> {
  if (!benchTextsAvailable()) {
    console.log('ingest bench: skipped (PolNeAR texts not found under the shared datasets)');
    return;
  }
  const keep = args.includes('--keep');
  const built = buildBenchCorpus({ articles: Number(arg(args, '--articles') ?? 10000), workers: Number(arg(args, '--workers') ?? availableParallelism()), keepTexts: keep });
  if (keep) console.log(`kept: ${built.dir}`);
  else rmSync(built.dir, { recursive: true, force: true });
}

async function child(corpus: string, dbPath: string, workers: number): Promise<void> {
  const { readInputs } = await import('../../src/ingest/index.ts');
  const { openCorpus, CorpusWriter, ingest, stats, search, resolveSpeaker, speakerProfile } = await import('../../src/store/index.ts');
  const { getHeapStatistics } = await import('node:v8');
  const before = process.memoryUsage().rss;
  let peak = before;
  const heap0 = getHeapStatistics().total_heap_size;
  let mainHeapAtPeak = heap0;
  let mainHeapMax = heap0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    const heap = getHeapStatistics().total_heap_size; // this thread's V8 heap (the writer's), not the workers'
    mainHeapMax = Math.max(mainHeapMax, heap);
    if (rss > peak) { peak = rss; mainHeapAtPeak = heap; }
  }, 50);
  const db = openCorpus(dbPath, { create: true });
  const writer = new CorpusWriter(db);
  let lastLog = Date.now();
  const summary = await ingest(writer, readInputs([corpus], { kinds: 'ingest' }), {
    workers,
    onFailure: (f) => console.log(`  failed: ${f.file}: ${f.reason}`),
    onProgress: (c) => {
      if (Date.now() - lastLog > 15000) {
        lastLog = Date.now();
        console.log(`  ... ${c.done} articles, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
      }
    },
  });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const st = stats(db);
  db.close();
  const size = statSync(dbPath).size;
  const secs = summary.ms / 1000;
  const p = summary.profile;
  const n = summary.ingested;
  if (!n) {
    console.log(`ingest: no article stored (${summary.failed} failed); nothing to measure`);
    return;
  }
  console.log(`ingest: ${n.toLocaleString('en-US')} articles in ${secs.toFixed(1)} s = ${(n / secs).toFixed(1)} articles/s (${summary.failed} failed, ${summary.unchanged} unchanged)`);
  console.log(
    `ingest time: analysis ${(p.analyzeMs / 1000).toFixed(1)} s summed over ${workers} threads (${(p.analyzeMs / n).toFixed(1)} ms/article, ` +
      `so at most ${((1000 * workers) / ((p.analyzeMs + p.prepareMs) / n)).toFixed(0)} articles/s on ${workers} threads); ` +
      `rows + JSON in workers ${(p.prepareMs / n).toFixed(2)} ms/article; writing ${(p.writeMs / 1000).toFixed(1)} s on the writer thread ` +
      `(${(p.writeMs / n).toFixed(2)} ms/article, ${p.batches} transactions); reading + hashing ${(p.readMs / 1000).toFixed(1)} s`,
  );
  console.log(`database: ${(size / 1e6).toFixed(1)} MB (${st.articles.toLocaleString('en-US')} articles, ${st.statements.toLocaleString('en-US')} statements, ${st.entities.toLocaleString('en-US')} entities; ${(size / st.articles / 1024).toFixed(1)} KB/article)`);
  console.log(`peak memory: ${(peak / 1e6).toFixed(0)} MB RSS sampled, ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB max RSS (one process: the writer and its ${workers} worker threads)`);
  console.log(`memory: ${(before / 1e6).toFixed(0)} MB RSS before the workers started (Node, tsx, the store); at the peak the writer thread's V8 heap was ` +
    `${(mainHeapAtPeak / 1e6).toFixed(0)} MB (max ${(mainHeapMax / 1e6).toFixed(0)} MB), so the ${workers} workers (heaps, models) and native buffers held about ` +
    `${((peak - before - (mainHeapAtPeak - heap0)) / 1e6).toFixed(0)} MB`);

  const qdb = openCorpus(dbPath, { readonly: true });
  const { searches, names } = await queryTerms(qdb);
  let hits = 0;
  timeQueries('search', searches, (q) => { hits += search(qdb, q, { limit: 20 }).statements.length; });
  let profiles = 0, ambiguous = 0;
  timeQueries('who', names, (q) => {
    const r = resolveSpeaker(qdb, q);
    if (r.kind === 'one') { profiles++; speakerProfile(qdb, r.speaker.id !== null ? { entity: r.speaker.id } : { group: r.speaker.group! }, { limit: 20 }); }
    else if (r.kind === 'ambiguous') ambiguous++;
  });
  console.log(`queries: search e.g. ${searches.slice(0, 4).map((s) => JSON.stringify(s)).join(', ')} (${(hits / searches.length).toFixed(1)} hits each); ` +
    `who e.g. ${names.slice(0, 4).map((s) => JSON.stringify(s)).join(', ')} (${profiles} profiles, ${ambiguous} ambiguous)`);
  qdb.close();
}

if (process.argv[2] === '--child' && process.argv[1] === fileURLToPath(import.meta.url)) {
  await child(process.argv[3], process.argv[4], Number(process.argv[5]));
}
