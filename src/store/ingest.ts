/**
 * Ingesting a stream of read articles into the corpus: hashes checked first (a stored
 * article is never analysed again, which is also what makes an interrupted run resume),
 * analysis on a worker pool, results written strictly in input order by the single writer
 * in batches (one transaction each), so article ids and every merge decision are the same
 * whatever the number of workers.
 */
import { resolve as resolvePath } from 'node:path';
import type { HearsayDocument } from '../core/document.ts';
import type { HearsayError } from '../core/errors.ts';
import { contentHash } from '../ingest/hash.ts';
import type { IngestResult } from '../ingest/index.ts';
import { ROOMY_YOUNG_MB, createAnalyzer, type Analyzed } from './pool.ts';
import type { ArticleMeta } from './prepare.ts';
import type { CorpusWriter, OpenBatch, WriteStatus } from './writer.ts';

/** Articles per transaction when `IngestOptions.batchSize` is not given (see there). */
export const DEFAULT_BATCH = 500;

/** How long speakers' summary rows may lag their statements during an ingest, when `IngestOptions.summaryLagMs` is not given (see there). */
export const DEFAULT_SUMMARY_LAG_MS = 20_000;

export interface IngestOptions {
  /** Analysis threads; ≤ 1 analyses in this thread. */
  workers: number;
  /**
   * Articles per transaction (default 500). The end of a batch re-decides the merging of the
   * names it touched and refreshes their speakers' summaries, work that grows with the
   * corpus (a common surname's links, a large anonymous group's statements): on the
   * 10,000-article bench the writer's thread took 35.5 s with batches of 200, 28.3 s with
   * 1000 (articles then written a batch at a time). Written as they come, batches of 1000
   * against 500 gave the writer's thread 33–36 s against 36–37.5 s of CPU, within the
   * machine's spread; a batch also bounds what a `kill -9` loses (docs/EVALUATION.md).
   */
  batchSize?: number;
  /** Commit at least this often while results keep coming, in ms (default 5000). */
  batchMs?: number;
  /**
   * How long the summary rows of the speakers a batch touched (counts, titles, months: what
   * `speakers` and `who` list) may wait before they are recomputed, in ms (default 20,000; 0:
   * at every batch). They are recomputed together every so often and when the ingest ends,
   * also when it is interrupted; after a `kill -9`, with the next ingest's. Recomputed
   * at every batch they took 4.3 s of the writer's 18 s over the bench's 10,000 articles
   * (`CorpusWriter.deferSummaries`, docs/EVALUATION.md).
   */
  summaryLagMs?: number;
  /** Stops reading; what is analysed is written and committed, then the call returns. */
  signal?: AbortSignal;
  /** After every article (done = read and settled: written, unchanged or failed). */
  onProgress?(p: IngestCounts): void;
  /** Each article that could not be read, analysed or written. */
  onFailure?(f: IngestFailure): void;
}

export interface IngestFailure { file: string; item: string | null; reason: string; code: string }

export interface IngestCounts {
  done: number;
  ingested: number;
  unchanged: number;
  replaced: number;
  failed: number;
}

export interface IngestSummary extends IngestCounts {
  interrupted: boolean;
  ms: number;
  /** Where the time went: analysis summed over threads, writing on the writer thread, reading and hashing inputs. */
  profile: { analyzeMs: number; prepareMs: number; writeMs: number; readMs: number; batches: number };
}

type Outcome =
  | { kind: 'failed'; failure: IngestFailure; hash?: string }
  | { kind: 'unchanged' }
  | { kind: 'analyzed'; analyzed: Analyzed; file: string; item: string | null };

/** The replacement key of an article: its URL, else its file when the file holds one article. */
export function articleKey(doc: HearsayDocument, file: string, item: string | null): string | null {
  if (doc.url) return doc.url;
  if (item === null) return `file:${resolvePath(file)}`;
  return null;
}

function failure(file: string, item: string | null, e: unknown, code = 'INTERNAL'): IngestFailure {
  const he = e as HearsayError;
  if (he && typeof he.oneLine === 'function') return { file, item, reason: he.message, code: he.code };
  return { file, item, reason: e instanceof Error ? e.message : String(e), code };
}

export async function ingest(writer: CorpusWriter, inputs: AsyncIterable<IngestResult>, opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const batchMs = opts.batchMs ?? 5000;
  const counts: IngestCounts = { done: 0, ingested: 0, unchanged: 0, replaced: 0, failed: 0 };
  const profile = { analyzeMs: 0, prepareMs: 0, writeMs: 0, readMs: 0, batches: 0 };
  // documents handed to each unit of the pool ahead (a pair of threads: up to 96 between its
  // two halves), so that its threads stay busy while this thread commits a batch (settling its
  // names, indexing its statements) or waits for a core, three busy threads sharing two: on
  // the 10,000-article bench the threads were busy 95% of the time with 96 or 200, 90% with 24
  const depth = 96;
  writer.deferSummaries(opts.summaryLagMs ?? DEFAULT_SUMMARY_LAG_MS);
  const analyzer = createAnalyzer(opts.workers, { depth, batch: true, youngMb: ROOMY_YOUNG_MB });
  const window = Math.max(4, analyzer.size * (depth + 4));
  const queue: Promise<Outcome>[] = [];
  const inflight = new Map<string, Promise<Outcome>>();
  // the batch being written: articles go in one at a time as their analyses come back, so
  // that this thread, which also feeds the workers, never holds them up for long (written
  // 500 at a time, the workers ran dry while it wrote: 130-135 against 144-150 articles/s)
  let open: OpenBatch | null = null;
  let opened = 0;

  const fail = (f: IngestFailure) => {
    counts.failed++;
    opts.onFailure?.(f);
  };
  const commit = () => {
    if (!open) return;
    const t = performance.now();
    const b = open;
    open = null;
    b.commit();
    profile.writeMs += performance.now() - t;
    profile.batches++;
  };
  const settle = (o: Outcome) => {
    if (o.kind === 'failed') {
      fail(o.failure);
      if (o.hash) inflight.delete(o.hash);
    }
    else if (o.kind === 'unchanged') counts.unchanged++;
    else {
      profile.analyzeMs += o.analyzed.analyzeMs;
      profile.prepareMs += o.analyzed.prepareMs;
      const t = performance.now();
      if (!open) {
        open = writer.openBatch();
        opened = t;
      }
      const r = open.add(o.analyzed.prepared);
      profile.writeMs += performance.now() - t;
      if (!r.ok) fail(failure(o.file, o.item, new Error(`cannot store: ${r.error.message}`)));
      else counts[r.status satisfies WriteStatus]++;
      // written (in this connection's open transaction): later copies of the text are found by hasHash
      inflight.delete(o.analyzed.prepared.meta.hash);
      if (open.size >= batchSize || performance.now() - opened >= batchMs) commit();
    }
    counts.done++;
    opts.onProgress?.({ ...counts });
  };
  const drainOne = async () => settle(await queue.shift()!);

  try {
    const it = inputs[Symbol.asyncIterator]();
    for (;;) {
      if (opts.signal?.aborted) break;
      const tr = performance.now();
      const next = await it.next();
      profile.readMs += performance.now() - tr;
      if (next.done) break;
      const r = next.value;
      if (!r.ok) {
        queue.push(Promise.resolve({ kind: 'failed', failure: failure(r.file, r.item, r.error) }));
      } else {
        const th = performance.now();
        const hash = contentHash(r.doc.text);
        const known = writer.hasHash(hash);
        profile.readMs += performance.now() - th;
        const same = inflight.get(hash);
        if (known) queue.push(Promise.resolve({ kind: 'unchanged' }));
        else if (same) {
          // the same text twice in one run: analysed once; the writer finds the first copy stored
          queue.push(same.then((o): Outcome => (o.kind === 'failed' ? { kind: 'failed', failure: { ...o.failure, file: r.file, item: r.item } } : { kind: 'unchanged' })));
        } else {
          const meta: ArticleMeta = { hash, key: articleKey(r.doc, r.file, r.item), author: r.author, file: r.file, item: r.item };
          const p: Promise<Outcome> = analyzer.run(r.doc, meta).then(
            (analyzed) => ({ kind: 'analyzed' as const, analyzed, file: r.file, item: r.item }),
            (e) => ({ kind: 'failed' as const, hash, failure: failure(r.file, r.item, new Error(`cannot analyse: ${e instanceof Error ? e.message : String(e)}`)) }),
          );
          inflight.set(hash, p);
          queue.push(p);
        }
      }
      while (queue.length >= window) await drainOne();
    }
    // on interruption the queued analyses still finish (a second or so), so nothing read is lost
    while (queue.length) await drainOne();
    commit();
  } finally {
    try {
      commit();
      writer.flushSummaries();
    } finally {
      writer.deferSummaries(0);
      await analyzer.close();
    }
  }
  return { ...counts, interrupted: !!opts.signal?.aborted, ms: performance.now() - t0, profile };
}
