/** `hearsay ingest PATH... [--db FILE] [--workers N] [--published DATE]`: articles into a corpus database. */
import { availableParallelism } from 'node:os';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { isHearsayError } from '../../core/errors.ts';
import { openCorpus, CorpusWriter, ingest, stats, DEFAULT_BATCH, DEFAULT_DB, type IngestCounts } from '../../store/index.ts';
import { progress } from './progress.ts';

interface IngestFlags { db: string; workers?: string; published?: string; maxSize: string; batch: string; progress?: boolean }

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('analyse articles into a corpus database (.txt, .html, .htm, .jsonl, RSS/Atom feeds; directories recursively)')
    .argument('<paths...>', 'article files, corpus files, feeds or directories')
    .option('--db <file>', 'corpus database (created when missing)', process.env.HEARSAY_DB ?? DEFAULT_DB)
    .option('-w, --workers <n>', `analysis threads (default: the number of cores, here ${availableParallelism()}; 1 = no threads)`)
    .option('-p, --published <date>', 'publication date (YYYY-MM-DD or ISO date-time) for every article, replacing their own')
    .option('--max-size <MB>', 'refuse articles larger than this many megabytes', '5')
    .option('--batch <n>', 'articles per transaction (also committed every 5 s)', String(DEFAULT_BATCH))
    .option('--no-progress', 'no progress bar or progress lines')
    .addHelpText('after', `
An article already in the database (same text) is skipped; a new text under the same URL
(or the same one-article file) replaces the old version. Work is committed in batches, so
an interrupted run loses nothing committed and the next run carries on where it stopped.

Examples:
  hearsay ingest news/ --db week.db
  hearsay ingest feeds/*.xml corpus.jsonl --workers 4

Exit status: 0 when every article was stored or already there, 1 when some could not be
read or analysed (each named on stderr), 2 for bad arguments, 130/143 when interrupted.`)
    .action(async (paths: string[], flags: IngestFlags) => {
      process.exitCode = await runIngest(paths, flags);
    });
}

function bad(message: string): number {
  process.stderr.write(`hearsay: ${message}\n`);
  return 2;
}

function positiveInt(value: string | undefined, what: string, dflt: number): number | string {
  if (value === undefined) return dflt;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : `${what} must be a whole number ≥ 1, not "${value}"`;
}

/**
 * About how many articles the paths hold (files, JSONL lines, feed items), for the
 * progress bar's total; null when the corpus files are too big to count quickly.
 */
export function estimateArticles(paths: string[], kindOf: typeof import('../../ingest/index.ts').kindOf): number | null {
  let n = 0;
  let bytes = 0;
  const countFile = (path: string, explicit: boolean): boolean => {
    const kind = kindOf(path, 'ingest', explicit);
    if (!kind) return true;
    if (kind === 'text' || kind === 'html') { n++; return true; }
    const size = statSync(path).size;
    bytes += size;
    if (bytes > 256 * 1024 * 1024) return false;
    const text = readFileSync(path, 'utf8');
    if (kind === 'jsonl') n += text.split('\n').filter((l) => l.trim()).length;
    else n += Math.max(1, (text.match(/<(item|entry)[\s>]/g) ?? []).length);
    return true;
  };
  const walk = (dir: string, seen: Set<string>): boolean => {
    if (seen.has(dir)) return true;
    seen.add(dir);
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory() ? !walk(p, seen) : st.isFile() && !countFile(p, false)) return false;
    }
    return true;
  };
  try {
    for (const p of paths) {
      const st = statSync(p);
      if (st.isDirectory() ? !walk(p, new Set()) : !countFile(p, true)) return null;
    }
  } catch {
    // a path the real run will report on
  }
  return n;
}

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtSec = (ms: number) => (ms < 10000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000).toString()) + ' s';

export async function runIngest(paths: string[], flags: IngestFlags): Promise<number> {
  // loaded here, not at start-up, so that the query commands start quickly
  const { readInputs, parsePublishedArg, kindOf } = await import('../../ingest/index.ts');
  let published: string | null;
  try {
    published = flags.published === undefined ? null : parsePublishedArg(flags.published);
  } catch (e) {
    return bad(isHearsayError(e) ? e.message : String(e));
  }
  const maxMb = Number(flags.maxSize);
  if (!Number.isFinite(maxMb) || maxMb <= 0) return bad(`--max-size must be a positive number of megabytes, not "${flags.maxSize}"`);
  const workers = positiveInt(flags.workers, '--workers', availableParallelism());
  if (typeof workers === 'string') return bad(workers);
  const batchSize = positiveInt(flags.batch, '--batch', DEFAULT_BATCH);
  if (typeof batchSize === 'string') return bad(batchSize);

  let db;
  try {
    db = openCorpus(flags.db, { create: true });
  } catch (e) {
    process.stderr.write(`hearsay: ${isHearsayError(e) ? e.oneLine() : String(e)}\n`);
    return 1;
  }

  const show = flags.progress !== false;
  const total = show ? estimateArticles(paths, kindOf) : null;
  const bar = show ? progress('ingesting', total ?? 0) : null;
  const started = Date.now();
  let lastLine = started;
  const line = (c: IngestCounts) => {
    const secs = (Date.now() - started) / 1000;
    const rate = c.done / Math.max(0.001, secs);
    const of = total ? `/${fmtInt(total)} (${Math.round((100 * c.done) / Math.max(1, total))}%)` : '';
    const eta = total && rate > 0 ? `, ETA ${Math.max(0, Math.round((total - c.done) / rate))} s` : '';
    process.stderr.write(`hearsay: ingest: ${fmtInt(c.done)}${of} articles, ${rate.toFixed(1)}/s${eta}; ${c.failed} failed\n`);
  };

  const controller = new AbortController();
  let signals = 0;
  let lastSignal: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    lastSignal = sig;
    if (signals > 1) {
      process.stderr.write('\nhearsay: stopped; everything committed so far is kept\n');
      process.exit(sig === 'SIGTERM' ? 143 : 130);
    }
    bar?.done();
    process.stderr.write(`\nhearsay: ${sig === 'SIGINT' ? 'interrupted' : 'terminated'}: storing the articles in progress (again to stop at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const writer = new CorpusWriter(db);
  let summary;
  try {
    summary = await ingest(writer, readInputs(paths, { kinds: 'ingest', maxBytes: Math.round(maxMb * 1024 * 1024), published: flags.published === undefined ? undefined : published }), {
      workers,
      batchSize,
      signal: controller.signal,
      onProgress: (c) => {
        if (controller.signal.aborted) return;
        if (bar) bar.tick(c.done, total && c.done > total ? c.done : undefined);
        else if (show && Date.now() - lastLine >= 5000) { lastLine = Date.now(); line(c); }
      },
      onFailure: (f) => {
        const where = [f.file, f.item].filter(Boolean).join(': ');
        process.stderr.write(`${bar ? '\n' : ''}hearsay: ${where}: ${f.reason.replace(/\s*\n\s*/g, ' ')}\n`);
      },
    });
  } catch (e) {
    bar?.done();
    process.stderr.write(`hearsay: ${isHearsayError(e) ? e.oneLine() : `ingest failed: ${(e as Error).message}`}\n`);
    db.close();
    return isHearsayError(e) && e.code === 'BAD_ARGUMENT' ? 2 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  bar?.done();
  const st = stats(db);
  db.close(); // the last connection to close checkpoints and removes the WAL file
  let size = 0;
  for (const suffix of ['', '-wal']) try { size += statSync(flags.db + suffix).size; } catch { /* no WAL file */ }
  const s = summary;
  const rate = (s.ingested + s.replaced) / Math.max(0.001, s.ms / 1000);
  process.stdout.write(
    `${s.interrupted ? 'interrupted: ' : ''}ingested ${fmtInt(s.ingested)}, unchanged ${fmtInt(s.unchanged)}, replaced ${fmtInt(s.replaced)}, failed ${fmtInt(s.failed)} ` +
      `in ${fmtSec(s.ms)} (${rate.toFixed(1)} articles/s, ${workers} worker${workers === 1 ? '' : 's'})\n` +
      `${flags.db}: ${fmtInt(st.articles)} articles, ${fmtInt(st.statements)} statements, ${fmtInt(st.speakers)} named sources, ` +
      `${fmtInt(st.anonymousSources)} anonymous sources, ${(size / 1e6).toFixed(1)} MB\n`,
  );
  if (s.done === 0) {
    process.stderr.write('hearsay: no articles found (looked for .txt, .html, .htm, .jsonl, .ndjson, .xml, .rss, .atom)\n');
    return 1;
  }
  if (s.interrupted) return lastSignal === 'SIGTERM' ? 143 : 130;
  return s.failed ? 1 : 0;
}
