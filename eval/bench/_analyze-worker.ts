/** Worker thread of the analyze bench: analyses its share of the texts and reports back. */
import { parentPort, workerData } from 'node:worker_threads';
import { createDocument } from '../../src/core/document.ts';
import { analyze } from '../../src/pipeline/analyze.ts';

const { texts, offset } = workerData as { texts: string[]; offset: number };
analyze(createDocument('Warm-up, he said.', { id: 'warm' }));
parentPort!.postMessage({ ready: true });
parentPort!.once('message', () => {
  texts.forEach((t, k) => analyze(createDocument(t, { id: `d${offset + k}` })));
  parentPort!.postMessage({ done: texts.length });
});
