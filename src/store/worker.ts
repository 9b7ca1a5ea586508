/**
 * An analysis worker: documents (and analysis options) in, prepared articles (rows +
 * compressed contract JSON) out, or the analysis as JSON text when no article metadata
 * came with the document. Started by pool.ts through worker-boot.mjs, in one of three roles
 * (`workerData.role`): the whole pipeline, or one half of it in a pair — `words` (tokens,
 * tags, names) hands each document on to its `rest` worker through `workerData.port`, and
 * the rest worker answers the pool.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { analyze, analyzeFromWords, analyzeWords } from '../pipeline/analyze.ts';
import type { Analysis } from '../core/contract.ts';
import { handoffTransfer, type Handoff } from '../pipeline/handoff.ts';
import { prepareArticle } from './prepare.ts';
import type { HandedMessage, TaskMessage, ResultMessage, WorkerRole } from './pool.ts';

const pool = parentPort!;
const role = (workerData?.role ?? 'whole') as WorkerRole;

const failed = (id: number, e: unknown): ResultMessage => ({ id, ok: false, message: e instanceof Error ? e.message : String(e) });

/**
 * Runs `analysis` for the task and answers the pool with its JSON text or its prepared rows.
 * `beforeMs`: analysis time spent on the task in another thread (the words half).
 */
function answer(task: TaskMessage, analysis: () => Analysis, beforeMs = 0): void {
  let reply: ResultMessage;
  const t0 = performance.now() - beforeMs;
  try {
    const a = analysis();
    const t1 = performance.now();
    if (task.meta === null) {
      pool.postMessage({ id: task.id, ok: true, json: JSON.stringify(a), analyzeMs: t1 - t0 } satisfies ResultMessage);
      return;
    }
    const prepared = prepareArticle(a, task.meta);
    reply = { id: task.id, ok: true, prepared, analyzeMs: t1 - t0, prepareMs: performance.now() - t1 };
    pool.postMessage(reply, [prepared.analysis.buffer as ArrayBuffer]);
  } catch (e) {
    pool.postMessage(failed(task.id, e));
  }
}

if (role === 'words') {
  const rest = workerData.port as MessagePort;
  pool.on('message', (task: TaskMessage) => {
    let words: Handoff;
    const t0 = performance.now();
    try {
      words = analyzeWords(task.doc);
    } catch (e) {
      pool.postMessage(failed(task.id, e));
      return;
    }
    rest.postMessage({ task, words, wordsMs: performance.now() - t0 }, handoffTransfer(words));
    pool.postMessage({ id: task.id, handed: true } satisfies HandedMessage);
  });
} else if (role === 'rest') {
  const words = workerData.port as MessagePort;
  words.on('message', (m: { task: TaskMessage; words: Handoff; wordsMs: number }) => answer(m.task, () => analyzeFromWords(m.task.doc, m.words, m.task.opts), m.wordsMs));
} else {
  pool.on('message', (task: TaskMessage) => answer(task, () => analyze(task.doc, task.opts)));
}
pool.postMessage({ ready: true });
