import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { HearsayError } from '../../src/core/errors.ts';
import { readTextFile, textToDocument } from '../../src/ingest/text.ts';
import { firstInvalidUtf8 } from '../../src/ingest/checks.ts';
import { isRoot, tempDir } from './helpers.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

function refusal(fn: () => unknown): HearsayError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HearsayError, `expected a HearsayError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the input to be refused');
}

const bytes = (...xs: number[]) => Uint8Array.from(xs);

const broken: { name: string; make: () => string; code: string; message: RegExp }[] = [
  { name: 'missing path', make: () => join(tmp.dir, 'nope.txt'), code: 'NOT_FOUND', message: /no such file/ },
  { name: 'missing parent', make: () => join(tmp.write('plain.txt', 'x'), 'child.txt'), code: 'NOT_FOUND', message: /not a directory/ },
  {
    name: 'directory',
    make: () => {
      const d = join(tmp.dir, 'adir.txt');
      mkdirSync(d);
      return d;
    },
    code: 'UNREADABLE',
    message: /is a directory/,
  },
  { name: 'empty file', make: () => tmp.write('empty.txt', ''), code: 'EMPTY', message: /is empty/ },
  { name: 'BOM only', make: () => tmp.write('bom-only.txt', bytes(0xef, 0xbb, 0xbf)), code: 'EMPTY', message: /empty/ },
  { name: 'white space only', make: () => tmp.write('ws.txt', ' \n\t\r\n  \u00a0\n'), code: 'EMPTY', message: /only white space/ },
  {
    name: 'NUL bytes',
    make: () => tmp.write('nul.txt', Buffer.concat([Buffer.from('Some text'), bytes(0, 1, 2, 0), Buffer.from('more')])),
    code: 'BINARY',
    message: /NUL byte at byte offset 9/,
  },
  {
    name: 'mostly control characters',
    make: () => tmp.write('ctrl.txt', Buffer.from('ab\x01\x02\x03\x04cd\x05\x06\x07\x08ef\x1b\x1b', 'latin1')),
    code: 'BINARY',
    message: /control characters/,
  },
  {
    name: 'invalid UTF-8 (latin-1 é)',
    make: () => tmp.write('latin1.txt', Buffer.from('Caf\xe9 au lait', 'latin1')),
    code: 'ENCODING',
    message: /not valid UTF-8: bad byte 0xe9 at byte offset 3/,
  },
  {
    name: 'invalid UTF-8 (truncated sequence at the end)',
    make: () => tmp.write('trunc.txt', Buffer.concat([Buffer.from('ok ’ then'), bytes(0xe2, 0x80)])),
    code: 'ENCODING',
    message: /bad byte 0xe2 at byte offset 11/, // 'ok ' 3 bytes + ’ 3 bytes + ' then' 5 bytes
  },
  {
    name: 'UTF-16 with byte-order mark',
    make: () => tmp.write('utf16.txt', Buffer.concat([bytes(0xff, 0xfe), Buffer.from('hello', 'utf16le')])),
    code: 'ENCODING',
    message: /UTF-16/,
  },
  {
    name: '20 MB file (sparse, all NULs: refused by size before reading)',
    make: () => {
      const p = tmp.write('huge.txt', '');
      truncateSync(p, 20 * 1024 * 1024);
      return p;
    },
    code: 'TOO_LARGE',
    message: /20 MB \(20971520 bytes\), the limit is 5 MB/,
  },
];

for (const c of broken) {
  test(`readTextFile refuses: ${c.name}`, () => {
    const path = c.make();
    const t0 = performance.now();
    const e = refusal(() => readTextFile(path));
    assert.ok(performance.now() - t0 < 1000, 'refused quickly');
    assert.equal(e.code, c.code, e.oneLine());
    assert.match(e.message, c.message);
    assert.equal(e.file, path);
    assert.equal(e.oneLine(), `${path}: ${e.message}`);
    assert.ok(!e.oneLine().includes('\n'));
  });
}

test('readTextFile: permission denied (chmod 000)', { skip: isRoot ? 'running as root, which can read any file' : false }, () => {
  const p = tmp.write('secret.txt', 'hidden words');
  chmodSync(p, 0o000);
  try {
    const e = refusal(() => readTextFile(p));
    assert.equal(e.code, 'UNREADABLE');
    assert.match(e.message, /permission denied/);
  } finally {
    chmodSync(p, 0o644);
  }
});

test('readTextFile: maxBytes is configurable and exact at the boundary', () => {
  const p = tmp.write('ten.txt', '0123456789');
  assert.equal(readTextFile(p, { maxBytes: 10 }).text, '0123456789');
  const e = refusal(() => readTextFile(p, { maxBytes: 9 }));
  assert.equal(e.code, 'TOO_LARGE');
  assert.match(e.message, /10 bytes \(10 bytes\), the limit is 9 bytes/);
});

test('readTextFile keeps the text exactly: CRLF, tabs, trailing spaces, non-ASCII, astral characters', () => {
  const content = '  Indented first line\r\n\r\n\t“Quoted,” she said. \u00a0\nNaïve café — 😀 end   \n\n\n';
  const p = tmp.write('exact.txt', content);
  const doc = readTextFile(p);
  assert.equal(doc.text, content);
  assert.equal(doc.id, 'exact');
  assert.equal(doc.published, null);
  assert.equal(doc.title, null);
  for (const r of doc.paragraphs) assert.equal(doc.text.slice(r.start, r.end).trim(), doc.text.slice(r.start, r.end));
  const first = doc.paragraphs[0];
  assert.equal(doc.text.slice(first.start, first.end), 'Indented first line');
  const last = doc.paragraphs.at(-1)!;
  assert.ok(doc.text.slice(last.start, last.end).endsWith('😀 end'));
});

test('readTextFile strips one leading BOM only; a BOM later in the text stays', () => {
  const p = tmp.write('bom.txt', Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('Hello\ufeffworld')]));
  const doc = readTextFile(p);
  assert.equal(doc.text, 'Hello\ufeffworld');
  assert.equal(doc.text.length, 11);
});

test('readTextFile: id is the name without its last extension', () => {
  assert.equal(readTextFile(tmp.write('sub/a.b.story.txt', 'x y')).id, 'a.b.story');
  assert.equal(readTextFile(tmp.write('noext', 'x y')).id, 'noext');
});

test('a few control characters in prose are accepted', () => {
  const p = tmp.write('formfeed.txt', 'Page one text here.\fPage two text here, a little longer.\x1b');
  assert.match(readTextFile(p).text, /Page two/);
});

test('textToDocument applies the same checks to text in memory', () => {
  const cases: [string, string][] = [
    ['', 'EMPTY'],
    ['\ufeff', 'EMPTY'],
    ['  \n\t ', 'EMPTY'],
    ['abc\u0000def', 'BINARY'],
    ['\x01\x02\x03\x04 ab', 'BINARY'],
    ['bad \ud800 surrogate', 'ENCODING'],
    ['x'.repeat(101), 'TOO_LARGE'],
    ['é'.repeat(51), 'TOO_LARGE'], // 102 UTF-8 bytes, 51 code units
  ];
  for (const [text, code] of cases) {
    const e = refusal(() => textToDocument(text, { id: 't' }, { maxBytes: 100, file: 'api', item: 'body' }));
    assert.equal(e.code, code, `${JSON.stringify(text.slice(0, 20))}: ${e.oneLine()}`);
    assert.equal(e.file, 'api');
    assert.equal(e.item, 'body');
    assert.match(e.oneLine(), /^api: body: /);
  }
  const ok = textToDocument('\ufeffA pair 😀 is fine.\r\n', { id: 'm', published: '2024-01-02' }, { maxBytes: 100 });
  assert.equal(ok.text, 'A pair 😀 is fine.\r\n');
  assert.equal(ok.id, 'm');
  assert.equal(ok.published, '2024-01-02');
});

test('firstInvalidUtf8 finds overlongs, surrogates and stray continuation bytes', () => {
  const cases: [number[], number][] = [
    [[0x61, 0x62], -1],
    [[0x61, 0xc0, 0xaf], 1], // overlong '/'
    [[0xe0, 0x80, 0xaf], 0], // overlong 3-byte
    [[0x61, 0xed, 0xa0, 0x80], 1], // UTF-16 surrogate encoded in UTF-8
    [[0x80], 0], // continuation byte first
    [[0xf0, 0x9f, 0x98, 0x80, 0xf5], 4], // valid emoji, then a byte that never appears
    [[0xe2, 0x80, 0x9c, 0x61], -1],
  ];
  for (const [b, at] of cases) {
    assert.equal(firstInvalidUtf8(Uint8Array.from(b)), at, b.map((x) => x.toString(16)).join(' '));
    if (at >= 0) assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(b)));
  }
});

