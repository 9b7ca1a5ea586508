/**
 * Analyses for POST /api/analyze: on the store's worker pool (src/store/pool.ts), so a
 * long article does not stop the server answering reads. The options (`explain`) go to
 * the workers with the document, and the workers send back the analysis as JSON text,
 * which is sent as it is. With one worker or fewer, analyses run in this thread.
 * A bounded queue: beyond `maxQueue` waiting analyses the server answers 503 at once.
 */
import type { Analysis } from '../../core/contract.ts';
import type { HearsayDocument } from '../../core/document.ts';
import { ROOMY_YOUNG_MB, createAnalyzer, type Analyzer } from '../../store/index.ts';
import { ApiError } from './errors.ts';

export interface AnalysisService {
  readonly workers: number;
  /** The analysis as JSON text (the pool's result goes out without parsing and printing it again). */
  analyze(doc: HearsayDocument, opts?: { explain?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export function createAnalysisService(workers: number, maxQueue = 256): AnalysisService {
  let pool: Analyzer | null = null;
  let waiting = 0;
  let inThread: Promise<typeof import('../../pipeline/analyze.ts')> | null = null;
  const direct = async (doc: HearsayDocument, explain: boolean): Promise<string> => {
    inThread ??= import('../../pipeline/analyze.ts');
    const { analyze } = await inThread;
    const a: Analysis = analyze(doc, { explain });
    return JSON.stringify(a);
  };
  return {
    workers,
    async analyze(doc, opts = {}) {
      if (workers <= 1) return direct(doc, !!opts.explain);
      if (waiting >= maxQueue) throw new ApiError(503, 'BUSY', `the server is busy with ${waiting} analyses; try again shortly`);
      pool ??= createAnalyzer(workers, { youngMb: ROOMY_YOUNG_MB });
      waiting++;
      try {
        return (await pool.analyze(doc, opts.explain ? { explain: true } : {})).json;
      } finally {
        waiting--;
      }
    },
    async close() {
      await pool?.close();
      pool = null;
    },
  };
}

/** Starts a service's worker threads (they load the models) ahead of the first request. */
export function warm(service: AnalysisService, doc: HearsayDocument): void {
  for (let k = 0; k < Math.max(1, service.workers); k++) service.analyze(doc).catch(() => {});
}
