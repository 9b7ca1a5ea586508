import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HearsayError } from '../../src/core/errors.ts';
import { contentHash, kindOf, parsePublishedArg, readInputs, type IngestResult, type ReadInputsOptions } from '../../src/ingest/index.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

async function collect(paths: string[], opts: ReadInputsOptions): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of readInputs(paths, opts)) out.push(r);
  return out;
}

const summary = (rs: IngestResult[], base: string) =>
  rs.map((r) => `${relative(base, r.file) || '.'}${r.item ? ` [${r.item}]` : ''} ${r.ok ? `ok:${r.doc.id}` : r.error.code}`);

// A tree with every kind of file, hidden entries, node_modules and a broken file in the middle.
const root = join(tmp.dir, 'tree');
const w = (name: string, data: string | Uint8Array) => tmp.write(join('tree', name), data);
w('b-story.txt', 'Second story text.');
w('a-story.txt', 'First story text.');
w('c-empty.txt', '');
w('d-page.html', '<html><head><meta name="date" content="2024-06-01"></head><body><p>A page said something.</p></body></html>');
w('e-old.HTM', '<p>Upper-case extension.</p>');
w('notes.md', '# not an input in a directory');
w('data.csv', 'a,b');
w('.hidden.txt', 'hidden file');
w('.git/config.txt', 'hidden dir');
w('node_modules/pkg/readme.txt', 'dependency');
w('sub/z-last.txt', 'In a subdirectory.');
w('sub/deeper/m-mid.txt', 'Deeper still.');
w('sub/bin.txt', Buffer.from([0x00, 0x01, 0x02, 0x00]));
w('sub/corpus.jsonl', '{"id":"j1","text":"From a corpus."}\nnot json\n{"id":"j3","text":"After the bad line."}\n');
copyFileSync(join(FIXTURES, 'briefs.atom'), join(root, 'sub', 'feed.xml'));

test('analyze: a directory is walked depth first in name order, only .txt/.html/.htm, errors do not stop it', async () => {
  const rs = await collect([root], { kinds: 'analyze' });
  assert.deepEqual(summary(rs, root), [
    'a-story.txt ok:a-story',
    'b-story.txt ok:b-story',
    'c-empty.txt EMPTY',
    'd-page.html ok:d-page',
    'e-old.HTM ok:e-old',
    'sub/bin.txt BINARY',
    'sub/deeper/m-mid.txt ok:m-mid',
    'sub/z-last.txt ok:z-last',
  ]);
  const page = rs.find((r) => r.ok && r.doc.id === 'd-page');
  assert.ok(page?.ok);
  assert.equal(page.doc.published, '2024-06-01'); // the page's own date
  assert.equal(page.doc.text, 'A page said something.');
});

test('ingest: also JSONL corpora and feeds, item by item', async () => {
  const rs = await collect([join(root, 'sub')], { kinds: 'ingest' });
  const base = join(root, 'sub');
  assert.deepEqual(summary(rs, base), [
    'bin.txt BINARY',
    'corpus.jsonl [line 1] ok:j1',
    'corpus.jsonl [line 2] PARSE',
    'corpus.jsonl [line 3] ok:j3',
    'deeper/m-mid.txt ok:m-mid',
    'feed.xml [item 1] ok:tag:briefs.example.com,2024:budget-rift',
    'feed.xml [item 2] ok:tag:briefs.example.com,2024:ferry-fares',
    'z-last.txt ok:z-last',
  ]);
});

test('explicit paths: kept in the order given, other extensions read as text, missing paths reported', async () => {
  const feedNoExt = w('feed-without-extension', '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><guid>g1</guid><description>Sniffed item.</description></item></channel></rss>');
  const paths = [join(root, 'b-story.txt'), join(root, 'notes.md'), join(root, 'missing.txt'), join(root, 'a-story.txt'), feedNoExt];
  const analyze = await collect(paths, { kinds: 'analyze' });
  assert.deepEqual(summary(analyze, root), [
    'b-story.txt ok:b-story',
    'notes.md ok:notes',
    'missing.txt NOT_FOUND',
    'a-story.txt ok:a-story',
    'feed-without-extension ok:feed-without-extension', // analyze: read as text
  ]);
  const notes = analyze[1];
  assert.ok(notes.ok && notes.doc.text === '# not an input in a directory');
  const ingest = await collect([feedNoExt, join(root, 'data.csv')], { kinds: 'ingest' });
  assert.deepEqual(summary(ingest, root), ['feed-without-extension [item 1] ok:g1', 'data.csv ok:data']);
});

test('published: an explicit date overrides every document; without it each keeps its own', async () => {
  const paths = [join(root, 'd-page.html'), join(root, 'a-story.txt'), join(root, 'sub', 'corpus.jsonl')];
  const own = await collect(paths, { kinds: 'ingest' });
  assert.deepEqual(own.filter((r) => r.ok).map((r) => r.ok && r.doc.published), ['2024-06-01', null, null, null]);
  const forced = await collect(paths, { kinds: 'ingest', published: '2022-02-08T10:00:00Z' });
  const docs = forced.filter((r) => r.ok);
  assert.equal(docs.length, 4);
  for (const r of docs) {
    assert.ok(r.ok);
    assert.equal(r.doc.published, '2022-02-08T10:00:00Z');
    assert.ok(Object.isFrozen(r.doc));
    assert.ok(r.doc.paragraphs.length > 0);
  }
});

test('published: nonsense is a BAD_ARGUMENT before anything is read', async () => {
  for (const bad of ['tomorrow', '2024-02-30', '08/02/2022', '']) {
    await assert.rejects(collect([root], { kinds: 'analyze', published: bad }), (e: unknown) => {
      assert.ok(e instanceof HearsayError);
      assert.equal(e.code, 'BAD_ARGUMENT');
      assert.match(e.message, /not an ISO 8601 date/);
      return true;
    });
  }
  assert.equal(parsePublishedArg('2022-02-08'), '2022-02-08');
  assert.equal(parsePublishedArg(null), null);
  assert.equal(parsePublishedArg(undefined), null);
});

test('directories: empty of inputs, symlink loops and limits', async () => {
  const empty = join(tmp.dir, 'nothing-here');
  mkdirSync(empty);
  tmp.write('nothing-here/readme.md', 'not an input');
  const rs = await collect([empty], { kinds: 'analyze' });
  assert.equal(rs.length, 1);
  assert.ok(!rs[0].ok);
  assert.equal(rs[0].error.code, 'EMPTY');
  assert.match(rs[0].error.oneLine(), /nothing-here: directory has no input files \(\.txt, \.html, \.htm\)/);

  const loop = join(tmp.dir, 'loop');
  tmp.write('loop/only.txt', 'Once.');
  symlinkSync(loop, join(loop, 'again'));
  assert.deepEqual(summary(await collect([loop], { kinds: 'analyze' }), loop), ['only.txt ok:only']);

  const limited = await collect([join(root, 'a-story.txt'), join(root, 'b-story.txt')], { kinds: 'analyze', maxBytes: 17 });
  assert.deepEqual(summary(limited, root), ['a-story.txt ok:a-story', 'b-story.txt TOO_LARGE']);
});

test('kindOf by extension, by sniffing only for explicit files', () => {
  assert.equal(kindOf('/x/a.TXT', 'analyze', false), 'text');
  assert.equal(kindOf('/x/a.jsonl', 'analyze', false), null);
  assert.equal(kindOf('/x/a.jsonl', 'analyze', true), 'text');
  assert.equal(kindOf('/x/a.jsonl', 'ingest', false), 'jsonl');
  assert.equal(kindOf('/x/a.rss', 'ingest', false), 'feed');
  assert.equal(kindOf('/x/a.atom', 'analyze', false), null);
  assert.equal(kindOf('/x/a.md', 'ingest', false), null);
});

test('contentHash is the sha256 of the UTF-8 text', () => {
  assert.equal(contentHash(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(contentHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.notEqual(contentHash('café'), contentHash('cafe\u0301'));
  assert.match(contentHash('“quote”'), /^[0-9a-f]{64}$/);
});
