/**
 * The analysis pool: a worker that dies fails the article it was analysing and nothing
 * else (the documents queued behind it go to the replacement), whatever its queue depth.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textToDocument } from '../../src/ingest/index.ts';
import { createAnalyzer } from '../../src/store/index.ts';

test('a worker that dies fails its current article alone; the ones queued behind it are analysed', async () => {
  const pool = createAnalyzer(2, { depth: 4 });
  try {
    const doc = (k: number) => textToDocument(`“We are ready,” the minister said on Monday (${k}).`, { id: `d${k}`, title: null, published: '2024-03-05' }, { file: `d${k}` });
    const meta = (k: number) => ({ hash: `h${k}`, key: null, author: null, file: `d${k}`, item: null });
    await pool.run(doc(0), meta(0)); // models loaded
    const runs = Array.from({ length: 8 }, (_, k) => pool.run(doc(k + 1), meta(k + 1)).then(() => 'ok', (e: Error) => e.message));
    // the first worker holds four of them; stop it while they are queued
    const slots = (pool as unknown as { slots: { worker: { terminate(): Promise<number> }; pending: Map<number, unknown> }[] }).slots;
    const victim = slots.find((s) => s.pending.size > 1)!;
    const held = victim.pending.size;
    assert.ok(held > 1, 'a worker holds several documents');
    await victim.worker.terminate();
    const outcomes = await Promise.all(runs);
    assert.equal(outcomes.filter((o) => o !== 'ok').length, 1, outcomes.join(' | '));
    assert.match(outcomes.find((o) => o !== 'ok')!, /analysis worker stopped/);
  } finally {
    await pool.close();
  }
});
