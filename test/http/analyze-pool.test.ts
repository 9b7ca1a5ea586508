/**
 * POST /api/analyze on the analysis pool (worker threads): with and without `explain`,
 * the answer is the analysis this thread would give, and `explain` reaches the workers.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { textToDocument } from '../../src/ingest/index.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { createAnalyzer } from '../../src/store/index.ts';
import { createApp } from '../../src/app/http/app.ts';
import { createAnalysisService } from '../../src/app/http/analyzer.ts';
import { CorpusHandle } from '../../src/app/http/corpus.ts';

const TEXT = `“We will not sign this agreement,” Trade Minister Jonas Vik told reporters on Monday.

The shipping company denied the report. Its chief executive, Marta Halvorsen, said the talks would continue.`;

const service = createAnalysisService(2);
const app = createApp({ corpus: new CorpusHandle(null), analysis: service, version: 'test', log: () => {} });
after(() => service.close());

async function post(body: unknown) {
  const res = await app.request('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

test('analyze with explain runs on the pool and answers what this thread would', async () => {
  const doc = textToDocument(TEXT, { id: 'pasted', title: null, published: '2024-03-05' }, { file: 'text' });
  for (const explain of [false, true]) {
    const r = await post({ text: TEXT, published: '2024-03-05', ...(explain ? { explain } : {}) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, JSON.stringify(analyze(doc, { explain })), `explain: ${explain}`);
    const statements = JSON.parse(r.text).statements as { explain?: string[] }[];
    assert.ok(statements.length >= 2);
    assert.equal(statements.every((s) => Array.isArray(s.explain) && s.explain.length > 0), explain);
  }
});

test('the store pool passes analysis options to its workers, for prepared articles and JSON alike', async () => {
  const pool = createAnalyzer(2);
  try {
    const doc = textToDocument(TEXT, { id: 'd', title: null, published: null }, { file: 'text' });
    const meta = { hash: 'h', key: null, author: null, file: 'f', item: null };
    const [plain, explained, json] = await Promise.all([
      pool.run(doc, meta),
      pool.run(doc, meta, { explain: true, published: '2024-03-05' }),
      pool.analyze(doc, { explain: true, published: '2024-03-05' }),
    ]);
    const { inflateSync } = await import('node:zlib');
    const a = JSON.parse(inflateSync(explained.prepared.analysis).toString('utf8'));
    assert.equal(json.json, JSON.stringify(a));
    assert.ok(a.statements.every((s: { explain?: string[] }) => s.explain?.length));
    assert.equal(a.document.published, '2024-03-05');
    const p = JSON.parse(inflateSync(plain.prepared.analysis).toString('utf8'));
    assert.ok(p.statements.every((s: { explain?: string[] }) => s.explain === undefined));
  } finally {
    await pool.close();
  }
});
