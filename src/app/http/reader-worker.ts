/**
 * A reader thread: its own read-only connection to the corpus, answering reads
 * (reads.ts) for read-pool.ts. Started through the store's worker-boot.mjs (tsx for the sources).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isHearsayError } from '../../core/errors.ts';
import { openCorpus, type Db } from '../../store/index.ts';
import { ApiError } from './errors.ts';
import { runRead, type ReadParams, type ReadRoute } from './reads.ts';

export interface ReadTask { id: number; route: ReadRoute; params: ReadParams }
export type ReadReply =
  | { id: number; ok: true; body: string }
  | { id: number; ok: false; status: number; code: string; message: string; extra: Record<string, unknown>; log?: string };

const STATUS: Record<string, number> = { NOT_FOUND: 404, TOO_LARGE: 413, INTERNAL: 500 };

const port = parentPort!;
let db: Db | null = null;

port.on('message', (task: ReadTask) => {
  let reply: ReadReply;
  try {
    db ??= openCorpus(workerData.db as string, { readonly: true });
    reply = { id: task.id, ok: true, body: runRead(db, task.route, task.params) };
  } catch (e) {
    if (e instanceof ApiError) reply = { id: task.id, ok: false, status: e.status, code: e.code, message: e.message, extra: e.extra };
    else if (isHearsayError(e) && STATUS[e.code] !== 500) reply = { id: task.id, ok: false, status: STATUS[e.code] ?? 400, code: e.code, message: e.oneLine(), extra: {} };
    else reply = { id: task.id, ok: false, status: 500, code: 'INTERNAL', message: 'internal error (see the server log)', extra: {}, log: (e as Error)?.stack ?? String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
