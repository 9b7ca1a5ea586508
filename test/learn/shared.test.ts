/**
 * Model tables shared by a process's threads (src/learn/shared.ts): made once by the thread
 * that starts the workers, used by a worker that is given them, the same analyses either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createDocument } from '../../src/core/document.ts';
import { installSharedTables, makeSharedTables, modelTable } from '../../src/learn/shared.ts';
import { analysisTables } from '../../src/store/pool.ts';
import { analyze } from '../../src/pipeline/analyze.ts';

const TEXT = '“We will not accept this,” Kremlin spokesman Dmitry Peskov told reporters on Monday. French officials said the talks would go on.';

function runWorker(modelTables: unknown): Promise<{ attribution: boolean[]; ner: boolean; analysis: string }> {
  const boot = new URL('../../src/store/worker-boot.mjs', import.meta.url);
  const entry = new URL('../helpers/tables-worker.ts', import.meta.url).href;
  const w = new Worker(boot, { workerData: { entry, text: TEXT, ...(modelTables ? { modelTables } : {}) } });
  return new Promise((resolve, reject) => {
    w.once('message', (m) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  });
}

test('a worker given the pool\'s tables reads the models from shared memory; one without makes its own; both analyse alike', async () => {
  const tables = analysisTables();
  assert.equal(Object.keys(tables).length, 5, Object.keys(tables).join(', '));
  for (const b of Object.values(tables)) assert.ok(b instanceof SharedArrayBuffer);
  const expected = JSON.stringify(analyze(createDocument(TEXT, { id: 'w', published: '2024-03-05' })));
  const [shared, own] = await Promise.all([runWorker(tables), runWorker(null)]);
  assert.deepEqual(shared.attribution, [true, true, true]);
  assert.equal(shared.ner, true);
  assert.deepEqual(own.attribution, [false, false, false]);
  assert.equal(own.ner, false);
  assert.equal(shared.analysis, expected);
  assert.equal(own.analysis, expected);
});

test('a table is made, shared, and found again by its key; one of another length is not used', () => {
  const fill = (a: Int16Array) => { for (let i = 0; i < a.length; i++) a[i] = i; };
  const plain = modelTable('test/plain', Int16Array, 8, fill);
  assert.ok(!(plain.buffer instanceof SharedArrayBuffer), 'outside makeSharedTables: a plain array');
  let made!: Int16Array;
  const tables = makeSharedTables(() => { made = modelTable('test/t', Int16Array, 8, fill); });
  assert.deepEqual(Object.keys(tables), ['test/t']);
  assert.equal(made.buffer, tables['test/t']);
  let filled = false;
  const again = modelTable('test/t', Int16Array, 8, () => { filled = true; });
  assert.equal(again.buffer, tables['test/t'], 'the same memory');
  assert.equal(filled, false);
  assert.deepEqual([...again], [0, 1, 2, 3, 4, 5, 6, 7]);
  installSharedTables({ 'test/short': new SharedArrayBuffer(4) });
  const own = modelTable('test/short', Int16Array, 8, fill);
  assert.equal(own.length, 8);
  assert.deepEqual([...own], [0, 1, 2, 3, 4, 5, 6, 7]);
});
