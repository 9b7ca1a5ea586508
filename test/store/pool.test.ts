/**
 * The analysis pool: a worker that dies fails the article it was analysing and nothing
 * else (the documents queued behind it go to the replacement), whatever its queue depth,
 * and whichever worker of a pair it is (the words half or the rest).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textToDocument } from '../../src/ingest/index.ts';
import { createAnalyzer } from '../../src/store/index.ts';

interface SlotView { workers: { terminate(): Promise<number> }[]; pending: Map<number, unknown>; handed: Set<number> }

const doc = (k: number, repeat = 1) => textToDocument(Array.from({ length: repeat }, (_, r) => `“We are ready,” the minister said on Monday (${k}.${r}).`).join('\n\n'), { id: `d${k}`, title: null, published: '2024-03-05' }, { file: `d${k}` });
const meta = (k: number) => ({ hash: `h${k}`, key: null, author: null, file: `d${k}`, item: null });

for (const [name, victim] of [['words', 0], ['rest', 1]] as const) {
  test(`a ${name} worker that dies fails its current article alone; the others are analysed`, async () => {
    const pool = createAnalyzer(2, { depth: 4 });
    try {
      await pool.run(doc(0), meta(0)); // models loaded
      const slots = (pool as unknown as { slots: SlotView[] }).slots;
      assert.equal(slots.length, 1);
      assert.equal(slots[0].workers.length, 2, 'two threads make one pair');
      // long articles (~25 ms a half), so that each worker is analysing one when it is stopped
      const runs = Array.from({ length: 12 }, (_, k) => pool.run(doc(k + 1, 300), meta(k + 1)).then(() => 'ok', (e: Error) => e.message));
      // wait until both workers of the pair hold documents, then stop one of them
      const slot = slots[0];
      while (!(slot.handed.size > 0 && slot.pending.size > slot.handed.size + 1)) await new Promise((r) => setImmediate(r));
      await slot.workers[victim].terminate();
      const outcomes = await Promise.all(runs);
      const failed = outcomes.filter((o) => o !== 'ok');
      assert.equal(failed.length, 1, outcomes.join(' | '));
      assert.match(failed[0], /analysis worker stopped/);
      // the pool goes on with a new pair
      assert.equal((await pool.analyze(doc(99))).json.length > 0, true);
    } finally {
      await pool.close();
    }
  });
}

test('an odd number of threads makes pairs and one whole worker', async () => {
  const pool = createAnalyzer(3);
  try {
    const slots = (pool as unknown as { slots: SlotView[] }).slots;
    assert.deepEqual(slots.map((s) => s.workers.length), [2, 1]);
    const jsons = await Promise.all(Array.from({ length: 6 }, (_, k) => pool.analyze(doc(k))));
    const { analyze } = await import('../../src/pipeline/analyze.ts');
    jsons.forEach((j, k) => assert.equal(j.json, JSON.stringify(analyze(doc(k)))));
  } finally {
    await pool.close();
  }
});
