import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { jsonlToResults, readJsonlFile } from '../../src/ingest/jsonl.ts';
import type { IngestResult } from '../../src/ingest/types.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

async function collect(gen: AsyncIterable<IngestResult>): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

test('JSONL corpus: good lines load, bad lines are reported with their line number and skipped', async () => {
  const file = join(FIXTURES, 'corpus.jsonl');
  const rs = await collect(readJsonlFile(file));
  assert.deepEqual(
    rs.map((r) => [r.item, r.ok ? 'ok' : r.error.code]),
    [
      ['line 1', 'ok'],
      ['line 2', 'ok'],
      ['line 3', 'PARSE'], // not JSON
      ['line 4', 'PARSE'], // title is a number
      ['line 5', 'PARSE'], // neither text nor html
      // line 6 is blank: skipped silently
      ['line 7', 'ok'], // html
      ['line 8', 'PARSE'], // published is not a date
    ],
  );
  const byItem = new Map(rs.map((r) => [r.item, r]));
  const msg = (item: string) => {
    const r = byItem.get(item)!;
    assert.ok(!r.ok);
    return r.error.oneLine();
  };
  assert.match(msg('line 3'), new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 3: not valid JSON`));
  assert.match(msg('line 4'), /line 4: field "title": .*expected string/);
  assert.match(msg('line 5'), /line 5: needs a "text" or an "html" field/);
  assert.match(msg('line 8'), /line 8: field "published": not a date: "the day after tomorrow"/);

  const first = byItem.get('line 1')!;
  assert.ok(first.ok);
  assert.equal(first.doc.id, 'c-1');
  assert.equal(first.doc.title, 'Report due in March');
  assert.equal(first.doc.publisher, 'Civic Daily');
  assert.equal(first.doc.published, '2024-01-15');
  assert.equal(first.doc.text, 'The committee said on Monday it would publish its report in March.');

  const second = byItem.get('line 2')!;
  assert.ok(second.ok);
  assert.equal(second.doc.id, 'corpus#2'); // no id: file name and line
  assert.equal(second.doc.url, 'https://civic.example.org/two');
  assert.equal(second.doc.text, 'A second article without an id.\n\nIt has two paragraphs.'); // text kept exactly
  assert.equal(second.doc.paragraphs.length, 2);

  const html = byItem.get('line 7')!;
  assert.ok(html.ok);
  assert.equal(html.doc.id, '6'); // numeric id accepted as a string
  assert.equal(html.doc.text, 'The mayor said the ferry would run all winter.\n\nCritics disagreed.');
  assert.equal(html.doc.published, '2024-02-02T10:00:00Z'); // from the page's meta
  assert.equal(html.doc.publisher, 'Harbour Post');
});

test('JSONL: CRLF line endings, a BOM, a final line without newline, invalid UTF-8 in one line', async () => {
  const p = tmp.write(
    'mixed.jsonl',
    Buffer.concat([
      Buffer.from('\ufeff{"id":"a","text":"First.\\r\\nKept"}\r\n'),
      Buffer.from('{"id":"b","text":"Bad '),
      Buffer.from([0xff]),
      Buffer.from('"}\n[1,2]\n"str"\n{"id":"e","text":"   "}\n{"id":"f","text":"Last, no newline"}'),
    ]),
  );
  const rs = await collect(readJsonlFile(p));
  assert.deepEqual(
    rs.map((r) => [r.item, r.ok ? r.doc.id : r.error.code]),
    [['line 1', 'a'], ['line 2', 'ENCODING'], ['line 3', 'PARSE'], ['line 4', 'PARSE'], ['line 5', 'EMPTY'], ['line 6', 'f']],
  );
  assert.ok(rs[0].ok && rs[0].doc.text === 'First.\r\nKept');
  assert.ok(!rs[1].ok && /byte offset 22/.test(rs[1].error.message));
  assert.ok(!rs[2].ok && /expected a JSON object, got an array/.test(rs[2].error.message));
  assert.ok(!rs[3].ok && /got a string/.test(rs[3].error.message));
});

test('JSONL: a line longer than the limit is refused alone, reading goes on', async () => {
  const long = JSON.stringify({ id: 'big', text: 'x'.repeat(5000) });
  const p = tmp.write('long.jsonl', `{"id":"s1","text":"small one"}\n${long}\n{"id":"s2","text":"small two"}\n`);
  const rs = await collect(readJsonlFile(p, { maxBytes: 1000 }));
  assert.deepEqual(rs.map((r) => (r.ok ? r.doc.id : `${r.item} ${r.error.code}`)), ['s1', 'line 2 TOO_LARGE', 's2']);
});

test('JSONL: missing, empty, blank-only files and directories give one error', async () => {
  const cases: [string, string][] = [
    [join(tmp.dir, 'missing.jsonl'), 'NOT_FOUND'],
    [tmp.write('empty.jsonl', ''), 'EMPTY'],
    [tmp.write('blank.jsonl', '\n  \n\n'), 'EMPTY'],
    [tmp.dir, 'UNREADABLE'],
  ];
  for (const [p, code] of cases) {
    const rs = await collect(readJsonlFile(p));
    assert.equal(rs.length, 1, p);
    assert.ok(!rs[0].ok);
    assert.equal(rs[0].error.code, code, rs[0].error.oneLine());
    assert.equal(rs[0].file, p);
  }
});

test('jsonlToResults reads a corpus held in memory the same way', () => {
  const rs = jsonlToResults('{"text":"one"}\r\n\nnot json\n{"html":"<p>two</p>","id":"h"}', 'upload');
  assert.deepEqual(rs.map((r) => [r.item, r.ok ? r.doc.text : r.error.code]), [['line 1', 'one'], ['line 3', 'PARSE'], ['line 4', 'two']]);
});
