/**
 * An analysis worker: documents (and analysis options) in, prepared articles (rows +
 * compressed contract JSON) out, or the analysis as JSON text when no article metadata
 * came with the document. Started by pool.ts through worker-boot.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../pipeline/analyze.ts';
import { prepareArticle } from './prepare.ts';
import type { TaskMessage, ResultMessage } from './pool.ts';

const port = parentPort!;
port.on('message', (task: TaskMessage) => {
  let reply: ResultMessage;
  const t0 = performance.now();
  try {
    const analysis = analyze(task.doc, task.opts);
    const t1 = performance.now();
    if (task.meta === null) {
      port.postMessage({ id: task.id, ok: true, json: JSON.stringify(analysis), analyzeMs: t1 - t0 } satisfies ResultMessage);
      return;
    }
    const prepared = prepareArticle(analysis, task.meta);
    reply = { id: task.id, ok: true, prepared, analyzeMs: t1 - t0, prepareMs: performance.now() - t1 };
    port.postMessage(reply, [prepared.analysis.buffer as ArrayBuffer]);
  } catch (e) {
    reply = { id: task.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
port.postMessage({ ready: true });
