// Worker thread of the analyze bench: analyses its share of the texts and reports back.
import { parentPort, workerData } from 'node:worker_threads';

const { texts, offset, pipelineUrl, documentUrl } = workerData;
const { createDocument } = await import(documentUrl);
const { analyze } = await import(pipelineUrl);
analyze(createDocument('Warm-up, he said.', { id: 'warm' }));
parentPort.postMessage({ ready: true });
parentPort.once('message', () => {
  texts.forEach((t, k) => analyze(createDocument(t, { id: `d${offset + k}` })));
  parentPort.postMessage({ done: texts.length });
});
