/**
 * Analysis on all cores: a pool of worker threads, paired so that each pair splits the
 * pipeline (the words half on one thread, the rest on the other: `WorkerPool`), or (size 1)
 * the pipeline in this thread. Results come back as prepared articles for the single writer
 * (`run`), or as the analysis' JSON text (`analyze`: `hearsay serve`'s POST /api/analyze).
 * Analysis options (`explain`, `published`) go with the document. A worker that dies fails
 * the document it was analysing; its pair is replaced and the others are analysed again.
 */
import { MessageChannel, type ResourceLimits, type Transferable, type Worker } from 'node:worker_threads';
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
   * Documents handed to each worker ahead (default 2; 8 for a batch). A batch wants more:
   * a pair's words worker would otherwise wait for the pool's thread to hear from the rest
   * worker (840 PolNeAR articles on one pair: 145–147 articles/s with 2, 153–156 with 4,
   * 158 with 8); an ingest wants more still, since the writer runs on the thread that feeds
   * the workers, and while it writes a batch (~0.5 s) a worker with nothing queued sits idle.
   */
  depth?: number;
  /**
   * The pool runs a batch (`analyze --workers`, `ingest`): every core analyses from start to
   * end, and the threads start with V8's optimisation deferred (worker-boot.mjs). A server's
   * pool leaves it at V8's default: the flag is process-wide and the server's own thread
   * answered 10% fewer cached reads a second with it.
   */
  batch?: boolean;
  /**
   * Pair the threads, each pair splitting the pipeline (default true; see `WorkerPool`).
   * False: every thread runs the whole pipeline (the analyze bench compares the two).
   */
  split?: boolean;
  /**
   * Each analysis thread's young generation, MB (default 8, `ANALYSIS_WORKER_LIMITS`). Most
   * of what an analysis allocates dies young; a small young generation collects it often and
   * promotes part of it to the old generation, where marking it costs more. 32 MB made a
   * 2,000-article ingest ~15% faster for ~60 MB more (docs/EVALUATION.md): `ingest` (its
   * memory target is 500 MB) and `serve` use it; `analyze --workers` keeps 8 to stay
   * under 300 MB.
   */
  youngMb?: number;
}

/** Heap limits of an analysis thread (see `WorkerPool.spawn`; the analyze bench's threads use them too). */
export const ANALYSIS_WORKER_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 8 } as const;

/**
 * The young generation of analysis threads where memory allows (`PoolOptions.youngMb`): a
 * 10,000-article ingest and `hearsay serve`'s analyses.
 */
export const ROOMY_YOUNG_MB = 32;

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
  if (workers <= 1) return new InProcess();
  const limits = opts.youngMb === undefined ? ANALYSIS_WORKER_LIMITS : { ...ANALYSIS_WORKER_LIMITS, maxYoungGenerationSizeMb: opts.youngMb };
  return new WorkerPool(workers, opts.depth ?? (opts.batch ? 8 : 2), !!opts.batch, opts.split ?? true, limits);
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

/** A worker's role: the whole pipeline, or one half of it in a pair (worker.ts). */
export type WorkerRole = 'whole' | 'words' | 'rest';

/** What a `words` worker tells the pool when it has handed a document on to its `rest` worker. */
export interface HandedMessage { id: number; handed: true }

/**
 * A unit of the pool: one worker running the whole pipeline, or a pair splitting it — the
 * `words` worker (tokens, tags, names) hands each document on to the `rest` worker (quotations,
 * attribution, entities, times, coreference) through a channel of their own. Tasks go to
 * `workers[0]`; results come from the worker that finishes them.
 */
interface Slot {
  workers: Worker[];
  pending: Map<number, Pending>;
  /** Pairs: ids of the pending tasks the words worker has handed on. */
  handed: Set<number>;
  dead: boolean;
}

class WorkerPool implements Analyzer {
  readonly size: number;
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  /** Tasks waiting for a free slot (each worker holds at most `depth` at a time). */
  private queue: Pending[] = [];

  /**
   * Threads are paired (`size` / 2 pairs, and one whole worker when `size` is odd). Against
   * two whole workers on two cores, a pair loads the name tagger and wink once instead of
   * twice, and compiles each function once: the 840 PolNeAR train articles went through at
   * 155.9–160.2 articles/s at 280–295 MB instead of 145.6–150.2 at 351–353 MB (the analyze
   * bench, docs/EVALUATION.md).
   */
  constructor(size: number, private readonly depth: number, private readonly batch: boolean, split: boolean,
    private readonly limits: ResourceLimits) {
    this.size = size;
    const pairs = split ? Math.floor(size / 2) : 0;
    for (let i = 0; i < pairs; i++) this.slots.push(this.spawn(true));
    for (let i = 2 * pairs; i < size; i++) this.slots.push(this.spawn(false));
  }

  private spawnWorker(role: WorkerRole, data: Record<string, unknown> = {}, transferList: Transferable[] = []): Worker {
    // no inherited node flags: tsx's --import would register the loader twice, and
    // process-wide flags (--expose-gc, ...) are refused in workers
    // explicit heap limits make V8 grow each worker's heap far less eagerly (~230 MB instead
    // of ~325 MB per worker on PolNeAR); an article needing more than 512 MB fails alone.
    // The young generation's size is the pool's (`PoolOptions.youngMb`).
    return bootWorker('worker', import.meta.url, { batch: this.batch, modelTables: analysisTables(), role, ...data }, {
      execArgv: [],
      resourceLimits: this.limits,
      transferList,
    });
  }

  private spawn(pair: boolean): Slot {
    let workers: Worker[];
    if (pair) {
      const { port1, port2 } = new MessageChannel();
      workers = [this.spawnWorker('words', { port: port1 }, [port1]), this.spawnWorker('rest', { port: port2 }, [port2])];
    } else {
      workers = [this.spawnWorker('whole')];
    }
    const slot: Slot = { workers, pending: new Map(), handed: new Set(), dead: false };
    const onMessage = (m: ResultMessage | HandedMessage | { ready: true }) => {
      if ('ready' in m) return;
      if ('handed' in m) { if (slot.pending.has(m.id)) slot.handed.add(m.id); return; }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      slot.handed.delete(m.id);
      if (!m.ok) p.reject(new Error(m.message));
      else if ('json' in m) p.resolve({ json: m.json, analyzeMs: m.analyzeMs });
      else p.resolve({ prepared: m.prepared, analyzeMs: m.analyzeMs, prepareMs: m.prepareMs });
      this.pump();
    };
    const die = (k: number, why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      // each worker takes its tasks in order. The one that stopped was analysing its oldest:
      // that task fails. A pair's words worker holds the tasks not yet handed on, its rest
      // worker the others (all older). The other tasks had not started or are started again
      // elsewhere: they go back to the front of the queue, oldest first.
      const all = [...slot.pending.entries()];
      const mine = slot.workers.length === 1 ? all : all.filter(([id]) => slot.handed.has(id) === (k === 1));
      // (a worker with no task of its own was idle: nothing fails)
      const current = mine[0]?.[1];
      current?.reject(new Error(`analysis worker stopped: ${why}`));
      const waiting = all.map(([, p]) => p).filter((p) => p !== current);
      if (!this.closed) this.queue.unshift(...waiting);
      else for (const p of waiting) p.reject(new Error('analysis pool is closed'));
      slot.pending.clear();
      slot.handed.clear();
      for (const w of slot.workers) void w.terminate();
      if (!this.closed) {
        this.slots[this.slots.indexOf(slot)] = this.spawn(slot.workers.length > 1);
        this.pump();
      }
    };
    workers.forEach((w, k) => {
      w.on('message', onMessage);
      w.on('error', (e) => die(k, e instanceof Error ? e.message : String(e)));
      w.on('exit', (code) => die(k, `exit code ${code}`));
    });
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
      // a pair holds `depth` documents for each of its workers
      let best: Slot | null = null;
      for (const s of this.slots) {
        if (s.dead || s.pending.size >= this.depth * s.workers.length) continue;
        if (!best || s.pending.size / s.workers.length < best.pending.size / best.workers.length) best = s;
      }
      if (!best) return;
      const p = this.queue.shift()!;
      best.pending.set(p.task.id, p);
      best.workers[0].postMessage(p.task);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue) p.reject(new Error('analysis pool is closed'));
    this.queue = [];
    await Promise.all(this.slots.flatMap((s) => s.workers.map((w) => w.terminate())));
  }
}
