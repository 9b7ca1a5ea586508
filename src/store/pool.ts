/**
 * Analysis on all cores: a pool of worker threads, each running the full pipeline, or
 * (size 1) the pipeline in this thread. Results come back as prepared articles for the
 * single writer (`run`), or as the analysis' JSON text (`analyze`: `hearsay serve`'s
 * POST /api/analyze). Analysis options (`explain`, `published`) go to the worker with
 * the document. A worker that dies fails its pending tasks and is replaced.
 */
import type { Worker } from 'node:worker_threads';
import { bootWorker } from './boot.ts';
import { loadAttributionTables } from '../extract/attribution/index.ts';
import { loadNerTables } from '../extract/entities/ner/index.ts';
import { makeSharedTables, type SharedTables } from '../learn/shared.ts';
import type { HearsayDocument } from '../core/document.ts';
import type { ArticleMeta, PreparedArticle } from './prepare.ts';

/** What the pool passes on to `analyze` (plain data: it crosses to the worker threads). */
export interface TaskOptions { explain?: boolean; published?: string | null }

/** `meta` null: the analysis is wanted as JSON text, not prepared for the store. */
export interface TaskMessage { id: number; doc: HearsayDocument; meta: ArticleMeta | null; opts?: TaskOptions }
export type ResultMessage =
  | { id: number; ok: true; prepared: PreparedArticle; analyzeMs: number; prepareMs: number }
  | { id: number; ok: true; json: string; analyzeMs: number }
  | { id: number; ok: false; message: string };

export interface Analyzed { prepared: PreparedArticle; analyzeMs: number; prepareMs: number }
export interface AnalyzedJson { json: string; analyzeMs: number }

export interface Analyzer {
  readonly size: number;
  /** Analyses one document and prepares it for the store; rejects with the analysis error. */
  run(doc: HearsayDocument, meta: ArticleMeta, opts?: TaskOptions): Promise<Analyzed>;
  /** Analyses one document; the analysis as JSON text (the contract format). */
  analyze(doc: HearsayDocument, opts?: TaskOptions): Promise<AnalyzedJson>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /**
   * Documents handed to each worker ahead (default 2). A batch ingest wants more: the
   * writer runs on the thread that feeds the workers, and while it writes a batch (~0.5 s)
   * a worker with nothing queued sits idle.
   */
  depth?: number;
  /**
   * The pool runs a batch (`analyze --workers`, `ingest`): every core analyses from start to
   * end, and the threads start with V8's optimisation deferred (worker-boot.mjs). A server's
   * pool leaves it at V8's default: the flag is process-wide and the server's own thread
   * answered 10% fewer cached reads a second with it.
   */
  batch?: boolean;
}

/** Heap limits of an analysis thread (see `WorkerPool.spawn`; the analyze bench's threads use them too). */
export const ANALYSIS_WORKER_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 8 } as const;

let tables: SharedTables | null = null;

/**
 * The models' weight tables (~14 MB: attribution's three hash tables, the name tagger's slot
 * table and filter), made once in shared memory for all the analysis threads of this process
 * (src/learn/shared.ts), to pass as `workerData.modelTables`. Empty when a model cannot be
 * read here: each thread then loads its own and reports what is wrong.
 */
export function analysisTables(): SharedTables {
  if (!tables) {
    try {
      tables = makeSharedTables(() => { loadAttributionTables(); loadNerTables(); });
    } catch {
      tables = {};
    }
  }
  return tables;
}

/** `workers` ≤ 1: in this thread; else that many worker threads. */
export function createAnalyzer(workers: number, opts: PoolOptions = {}): Analyzer {
  return workers <= 1 ? new InProcess() : new WorkerPool(workers, opts.depth ?? 2, !!opts.batch);
}

class InProcess implements Analyzer {
  readonly size = 1;
  private mods: Promise<[typeof import('../pipeline/analyze.ts'), typeof import('./prepare.ts')]> | null = null;

  async run(doc: HearsayDocument, meta: ArticleMeta, opts: TaskOptions = {}): Promise<Analyzed> {
    // loaded on first use, so a run that needs no analysis (all unchanged) loads no models
    this.mods ??= Promise.all([import('../pipeline/analyze.ts'), import('./prepare.ts')]);
    const [{ analyze }, { prepareArticle }] = await this.mods;
    const t0 = performance.now();
    const analysis = analyze(doc, opts);
    const t1 = performance.now();
    const prepared = prepareArticle(analysis, meta);
    return { prepared, analyzeMs: t1 - t0, prepareMs: performance.now() - t1 };
  }

  async analyze(doc: HearsayDocument, opts: TaskOptions = {}): Promise<AnalyzedJson> {
    this.mods ??= Promise.all([import('../pipeline/analyze.ts'), import('./prepare.ts')]);
    const [{ analyze }] = await this.mods;
    const t0 = performance.now();
    const json = JSON.stringify(analyze(doc, opts));
    return { json, analyzeMs: performance.now() - t0 };
  }

  async close(): Promise<void> {}
}

interface Pending { resolve(a: Analyzed | AnalyzedJson): void; reject(e: Error): void; task: TaskMessage }
interface Slot { worker: Worker; pending: Map<number, Pending>; dead: boolean }


class WorkerPool implements Analyzer {
  readonly size: number;
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  /** Tasks waiting for a free slot (each worker holds at most `depth` at a time). */
  private queue: Pending[] = [];

  constructor(size: number, private readonly depth: number, private readonly batch: boolean) {
    this.size = size;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // no inherited node flags: tsx's --import would register the loader twice, and
    // process-wide flags (--expose-gc, ...) are refused in workers
    // explicit heap limits make V8 grow each worker's heap far less eagerly (~230 MB instead
    // of ~325 MB per worker on PolNeAR); an article needing more than 512 MB fails alone.
    // The small young generation saves ~30 MB a worker; the 10,000-article bench ran at the
    // same rate with V8's default (63.0 vs 63.2 articles/s) but peaked 60 MB higher.
    const worker = bootWorker('worker', import.meta.url, { batch: this.batch, modelTables: analysisTables() }, {
      execArgv: [],
      resourceLimits: ANALYSIS_WORKER_LIMITS,
    });
    const slot: Slot = { worker, pending: new Map(), dead: false };
    worker.on('message', (m: ResultMessage | { ready: true }) => {
      if ('ready' in m) return;
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (!m.ok) p.reject(new Error(m.message));
      else if ('json' in m) p.resolve({ json: m.json, analyzeMs: m.analyzeMs });
      else p.resolve({ prepared: m.prepared, analyzeMs: m.analyzeMs, prepareMs: m.prepareMs });
      this.pump();
    });
    const die = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      // the worker takes its tasks in order: the oldest was being analysed and fails; the
      // others had not started and go back to the front of the queue
      const [current, ...waiting] = slot.pending.values();
      current?.reject(new Error(`analysis worker stopped: ${why}`));
      if (!this.closed) this.queue.unshift(...waiting);
      else for (const p of waiting) p.reject(new Error('analysis pool is closed'));
      slot.pending.clear();
      if (!this.closed) {
        this.slots[this.slots.indexOf(slot)] = this.spawn();
        this.pump();
      }
    };
    worker.on('error', (e) => die(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => die(`exit code ${code}`));
    return slot;
  }

  run(doc: HearsayDocument, meta: ArticleMeta, opts?: TaskOptions): Promise<Analyzed> {
    return this.submit(doc, meta, opts) as Promise<Analyzed>;
  }

  analyze(doc: HearsayDocument, opts?: TaskOptions): Promise<AnalyzedJson> {
    return this.submit(doc, null, opts) as Promise<AnalyzedJson>;
  }

  private submit(doc: HearsayDocument, meta: ArticleMeta | null, opts: TaskOptions | undefined): Promise<Analyzed | AnalyzedJson> {
    if (this.closed) return Promise.reject(new Error('analysis pool is closed'));
    return new Promise<Analyzed | AnalyzedJson>((resolve, reject) => {
      const task: TaskMessage = { id: this.nextId++, doc, meta, ...(opts ? { opts } : {}) };
      this.queue.push({ resolve, reject, task });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      let best: Slot | null = null;
      for (const s of this.slots) if (!s.dead && s.pending.size < this.depth && (!best || s.pending.size < best.pending.size)) best = s;
      if (!best) return;
      const p = this.queue.shift()!;
      best.pending.set(p.task.id, p);
      best.worker.postMessage(p.task);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue) p.reject(new Error('analysis pool is closed'));
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
