/**
 * `npm run bench -- ingest [--articles=N] [--workers=N] [--keep]`: the corpus store end to
 * end (`buildBenchCorpus`, which the serve bench also uses to make its corpus). PolNeAR
 * train + dev texts, repeated to 10,000 articles (each copy after the first
 * gets a suffix line so none is deduplicated), written as .txt files and ingested into a
 * fresh temporary database with the default number of workers (the core count). Prints
 * articles/s, where the time went (analysis summed over worker threads, writing on the
 * writer thread, reading and hashing), each thread's CPU time (Linux), database size and
 * peak RSS (sampled every 50 ms; worker threads share the process, so this covers them).
 * Then times 100 `search` and 100 `who` queries with names and topic words drawn from the
 * corpus, p50 and p95.
 *
 * The ingest and the queries run in a child process (_ingest-child.mjs, plain JavaScript)
 * that loads nothing else, as `hearsay ingest` would (the bench runner imports every bench,
 * models included), running the compiled tree when it is fresh.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetPath } from '../data.ts';
import { compiledIsFresh, moduleUrl } from '../../bin/compiled.js';

export const isDefault = false;

/** `--name=value` (the bench dispatcher takes bare words for bench names). */
function arg(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(name + '='))?.slice(name.length + 1);
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
  // the child runs what `hearsay ingest` runs: the compiled tree when it is fresh (no TypeScript loader)
  const fresh: boolean = compiledIsFresh();
  console.log(`hearsay runs ${fresh ? 'compiled (.build)' : 'from the sources through tsx (.build missing or older than src/: `npm run build`)'}`);
  const child = fileURLToPath(new URL('./_ingest-child.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [...(fresh ? [] : ['--import', 'tsx']), child, corpus, dbPath, String(workers), moduleUrl('src/store/index.ts', fresh), moduleUrl('src/ingest/index.ts', fresh)], { stdio: 'inherit' });
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

