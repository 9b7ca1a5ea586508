import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HearsayError } from '../../src/core/errors.ts';
import { feedToResults, readFeedFile, sniffFeed } from '../../src/ingest/feed.ts';
import type { IngestResult } from '../../src/ingest/types.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

const okDocs = (rs: IngestResult[]) => rs.filter((r) => r.ok).map((r) => (r.ok ? r : null)!);

test('RSS 2.0: one document per item, metadata per item, a broken item reported and skipped', () => {
  const file = join(FIXTURES, 'wire.rss');
  const rs = readFeedFile(file);
  assert.equal(rs.length, 3);
  assert.deepEqual(rs.map((r) => [r.ok, r.item]), [[true, 'item 1'], [true, 'item 2'], [false, 'item 3']]);

  const [mill, bridge] = okDocs(rs);
  assert.equal(mill.doc.id, 'courier-2024-0207-mill'); // guid
  assert.equal(mill.doc.title, 'Mill closure & job losses confirmed');
  assert.equal(mill.doc.url, 'https://courier.example.net/2024/02/mill-closure');
  assert.equal(mill.doc.publisher, 'Valley Courier Wire');
  assert.equal(mill.doc.published, '2024-02-07T18:20:00+01:00'); // offset kept from pubDate
  assert.equal(mill.author, 'Pia Lindqvist');
  assert.equal(mill.file, file);
  // content:encoded preferred over description, paragraphs kept, script dropped
  assert.equal(
    mill.doc.text,
    'The paper mill at Eastbrook will close in June with the loss of 140 jobs, its owners confirmed on Wednesday.\n\n' +
      '“This is the hardest decision we have taken,” said managing director Olek Sandor.\n\n' +
      'Union officials said they had not been consulted.',
  );
  assert.equal(mill.doc.paragraphs.length, 3);

  assert.equal(bridge.doc.id, 'https://courier.example.net/2024/02/bridge-reopens'); // no guid: link
  assert.equal(bridge.doc.published, '2024-02-06T09:05:00Z');
  // plain-text description: blank line kept as a paragraph break
  assert.equal(bridge.doc.text, 'The river bridge reopened to traffic on Tuesday morning.\n\nEngineers said the repairs had finished two days early.');

  const bad = rs[2];
  assert.ok(!bad.ok);
  assert.equal(bad.error.code, 'EMPTY');
  assert.equal(bad.error.oneLine(), `${file}: item 3: has no content or description`);
});

test('Atom: entries with HTML content or summary, published preferred over updated', () => {
  const rs = readFeedFile(join(FIXTURES, 'briefs.atom'));
  assert.equal(rs.length, 2);
  const [rift, fares] = okDocs(rs);
  assert.equal(rift.doc.id, 'tag:briefs.example.com,2024:budget-rift');
  assert.equal(rift.doc.title, 'Minister denies rift over budget'); // type="html" title reduced to text
  assert.equal(rift.doc.url, 'https://briefs.example.com/budget-rift');
  assert.equal(rift.doc.publisher, 'Northern Briefs');
  assert.equal(rift.doc.published, '2024-05-01T16:30:00-04:00');
  assert.equal(rift.author, 'Rafe Okonkwo');
  assert.equal(rift.doc.text, 'The finance minister denied on Wednesday that there was any rift in the cabinet over the budget.\n\n“We are entirely united,” she told reporters.');
  assert.equal(fares.doc.published, '2024-04-30T07:00:00Z'); // only <updated>
  assert.equal(fares.doc.text, 'Ferry fares will rise by five percent from July, the operator said.');
  assert.equal(fares.author, null);
});

test('feeds: items without id or link get <file>#n; an over-large item is refused alone', () => {
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>a</title><description>Short item.</description></item>
    <item><title>b</title><description>${'long '.repeat(100)}</description></item>
  </channel></rss>`;
  const rs = feedToResults(xml, '/x/local-feed.xml', { maxBytes: 200 });
  assert.equal(rs.length, 2);
  assert.ok(rs[0].ok && rs[0].doc.id === 'local-feed#1');
  assert.ok(!rs[1].ok && rs[1].error.code === 'TOO_LARGE' && rs[1].item === 'item 2');
});

test('feed files that are not feeds are PARSE errors, with the file named', () => {
  const cases: [string, string, string][] = [
    ['page.xml', '<html><body><p>not a feed</p></body></html>', 'PARSE'],
    ['junk.rss', 'plain words, no markup', 'PARSE'],
    ['noitems.rss', '<rss version="2.0"><channel><title>Nothing</title></channel></rss>', 'EMPTY'],
    ['blank.atom', '   \n', 'EMPTY'],
  ];
  for (const [name, content, code] of cases) {
    const p = tmp.write(name, content);
    try {
      readFeedFile(p);
      assert.fail(`${name} should be refused`);
    } catch (e) {
      assert.ok(e instanceof HearsayError, String(e));
      assert.equal(e.code, code, `${name}: ${e.oneLine()}`);
      assert.equal(e.file, p);
    }
  }
});

test('sniffFeed', () => {
  assert.ok(sniffFeed('<?xml version="1.0"?>\n<rss version="2.0">'));
  assert.ok(sniffFeed('<feed xmlns="http://www.w3.org/2005/Atom">'));
  assert.ok(sniffFeed('<rdf:RDF xmlns:rdf="x">'));
  assert.ok(!sniffFeed('<!-- <rss> --><html><body>'));
  assert.ok(!sniffFeed('<html><body><p>feedback</p>'));
});
