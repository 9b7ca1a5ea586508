// A worker for test/learn/shared.test.ts: loads the shipped models and reports whether their
// weight tables live in shared memory, with the analysis of the text it was given.
import { parentPort, workerData } from 'node:worker_threads';
import { createDocument } from '../../src/core/document.ts';
import { attributionModels } from '../../src/extract/attribution/index.ts';
import { loadNer } from '../../src/extract/entities/ner/index.ts';
import { analyze } from '../../src/pipeline/analyze.ts';

const m = attributionModels();
const ner = loadNer() as unknown as { table: { w: Int8Array } };
parentPort!.postMessage({
  attribution: [m.cue, m.content, m.source].map((x) => x.weights.buffer instanceof SharedArrayBuffer),
  ner: ner.table.w.buffer instanceof SharedArrayBuffer,
  analysis: JSON.stringify(analyze(createDocument(workerData.text, { id: 'w', published: '2024-03-05' }))),
});
