import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HearsayError } from '../../src/core/errors.ts';
import { htmlToDocument, readHtmlFile } from '../../src/ingest/html.ts';
import { htmlFragmentToText, nodeToText, parsePage, plainToText } from '../../src/ingest/html-text.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

const NEWS = join(FIXTURES, 'news-page.html');
const paras = (d: { text: string; paragraphs: readonly { start: number; end: number }[] }) =>
  d.paragraphs.map((r) => d.text.slice(r.start, r.end));

test('news page: metadata from meta tags, JSON-LD and canonical link', () => {
  const { doc, author } = readHtmlFile(NEWS);
  assert.equal(doc.id, 'news-page');
  assert.equal(doc.title, 'Harbour board rejects dredging plan after month of hearings');
  assert.equal(doc.publisher, 'The Coastal Ledger');
  assert.equal(doc.published, '2023-11-14T07:45:00+01:00');
  // relative canonical resolved against og:url, query string of og:url not kept
  assert.equal(doc.url, 'https://ledger.example.org/news/2023/11/harbour-dredging');
  assert.equal(author, 'Ines Marlow, Tomas Reyl');
});

test('news page: article paragraphs kept apart, furniture and code gone', () => {
  const { doc } = readHtmlFile(NEWS);
  const ps = paras(doc);
  assert.deepEqual(
    ps.map((p) => p.slice(0, 28)),
    [
      'The harbour board voted on T',
      '“We cannot ask the town to c',
      'The port operator, Northgate',
      'Fishermen welcome decision',
      'Local fishermen, who had arg',
      'The sea does not care about ',
      'According to the board’s own',
      'The board said a smaller mai',
    ],
  );
  // paragraphs are separated by exactly one blank line, lines have no stray spaces
  assert.equal(doc.text, ps.join('\n\n'));
  assert.doesNotMatch(doc.text, /  |\n\n\n| \n|\n | $|^ /);
  // inline elements joined, entities decoded, no-break space made an ordinary space
  assert.match(doc.text, /would consider its options\. A spokesman/);
  assert.match(doc.text, /the board’s chair, after the vote/);
  assert.match(doc.text, /48 million euros/);
  assert.match(doc.text, /said it was "deeply disappointed"/);
  assert.match(doc.text, /Kareem Dallow, who chairs/);
  for (const gone of [
    'cookies', 'Accept all', 'Sport', 'Opinion', 'Weather', 'Search the site', 'Most read', 'ferry timetable',
    'newsletter', 'All rights reserved', 'Privacy policy', 'Contact the newsroom', 'SCRIPT TEXT', 'STYLE TEXT',
    'trackingId', 'trackRead', 'alert', 'pwned', 'javascript', 'onerror', '<', '>',
  ]) {
    assert.ok(!doc.text.includes(gone), `text should not contain ${JSON.stringify(gone)}`);
  }
  // the headline is the title, not repeated as the first paragraph
  assert.ok(!ps[0].startsWith('Harbour board rejects'));
});

test('HTML → text paragraphing rules', () => {
  const cases: [string, string][] = [
    ['<p>One <b>bo</b>ld</p><p>Two</p>', 'One bold\n\nTwo'],
    ['<div>Lead text<p>inner para</p>tail text</div>', 'Lead text\n\ninner para\n\ntail text'],
    ['<h1>Head</h1><h2>Sub</h2><p>Body</p>', 'Head\n\nSub\n\nBody'],
    ['<ul><li>first</li><li>second <i>item</i></li></ul>', 'first\n\nsecond item'],
    ['<blockquote>Quoted <q>words</q></blockquote>after', 'Quoted words\n\nafter'],
    ['<p>line one<br>line two<br/><br>para two</p>', 'line one\nline two\n\npara two'],
    ['<p>  spaced \n\t out   text  </p>', 'spaced out text'],
    ['<p>a&amp;b &lt;tag&gt; &quot;q&quot; &#8220;x&#8221; caf&eacute;&nbsp;!</p>', 'a&b <tag> "q" “x” café !'],
    ['<table><tr><th>Name</th><td>Votes</td></tr><tr><td>Ana</td><td>6</td></tr></table>', 'Name Votes\n\nAna 6'],
    ['<p>before<script>var x = "<p>evil</p>";</script><style>p{}</style>after</p>', 'beforeafter'],
    ['<p>shown</p><p hidden>hidden one</p><p style="display: none">hidden two</p><div aria-hidden="true">hidden three</div>', 'shown'],
    ['<p>Soft\u00adhyphen and zero\u200bwidth</p>', 'Softhyphen and zerowidth'],
    ['<pre>code  line\n  second\n\nthird</pre>', 'code line\nsecond\n\nthird'],
    ['<p>x</p><hr><p>y</p>', 'x\n\ny'],
    ['<p><img src=x onerror="alert(1)">After image <a href="javascript:alert(2)">link</a></p>', 'After image link'],
    ['<p></p><div> </div>', ''],
  ];
  for (const [html, want] of cases) assert.equal(htmlFragmentToText(html), want, html);
});

test('plain feed text: blank lines separate paragraphs, other white space collapses', () => {
  assert.equal(plainToText('  One\n  line.\n\n\n Two\tparts \n \nThree '), 'One line.\n\nTwo parts\n\nThree');
});

test('boilerplate mode drops navigation, headers, footers, asides and banners by tag, role and class', () => {
  const page = parsePage(`<html><body>
    <div id="cookie-notice">We use cookies</div>
    <header><a>Logo</a></header>
    <div role="navigation">Home News</div>
    <div class="content"><p>Story text stays.</p><div class="share-tools">Share this</div></div>
    <aside>Related</aside><div class="site-footer">Footer links</div>
  </body></html>`);
  assert.equal(nodeToText(page.body, { boilerplate: true }), 'Story text stays.');
  // without it, everything is text
  assert.match(nodeToText(parsePage('<div class="site-footer">Footer links</div>').body), /Footer links/);
  // an article's own header stays
  const art = parsePage('<article><header><h1>Headline</h1><p>Standfirst</p></header><p>Body.</p></article>');
  assert.equal(nodeToText(art.body, { boilerplate: true }), 'Headline\n\nStandfirst\n\nBody.');
});

test('publication date, author, publisher and URL from the many places pages put them', () => {
  const body = '<body><article><p>The council said the budget would balance.</p></article></body>';
  const page = (head: string, b = body) => `<html><head>${head}</head>${b}</html>`;
  const cases: { head: string; body?: string; want: Partial<Record<'published' | 'publisher' | 'url' | 'title' | 'author', string | null>> }[] = [
    { head: '<meta name="date" content="2024-03-05">', want: { published: '2024-03-05' } },
    { head: '<meta name="DC.date.issued" content="2024-03-05T10:00:00Z">', want: { published: '2024-03-05T10:00:00Z' } },
    { head: '<meta name="pubdate" content="Tue, 05 Mar 2024 09:30:00 +0100">', want: { published: '2024-03-05T09:30:00+01:00' } },
    { head: '<meta itemprop="datePublished" content="2024-03-05">', want: { published: '2024-03-05' } },
    {
      head: '<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":["NewsArticle"],"datePublished":"2024-03-04","author":"By Lee Chan","publisher":{"name":"Metro Wire"},"headline":"Budget balances","url":"https://metro.example/budget"}]</script>',
      want: { published: '2024-03-04', author: 'Lee Chan', publisher: 'Metro Wire', title: 'Budget balances', url: 'https://metro.example/budget' },
    },
    { head: '<script type="application/ld+json">{ not json</script><meta name="date" content="2024-03-06">', want: { published: '2024-03-06' } },
    {
      head: '',
      body: '<body><article><time datetime="2024-03-07T08:00">March 7</time><p>The council said the budget would balance.</p></article></body>',
      want: { published: '2024-03-07T08:00:00' },
    },
    { head: '<meta name="date" content="not a date">', want: { published: null } },
    { head: '<meta name="author" content="By Sam Ode"><meta property="article:author" content="https://x.example/sam">', want: { author: 'Sam Ode' } },
    { head: '<meta name="application-name" content="Civic Daily">', want: { publisher: 'Civic Daily' } },
    { head: '<link rel="canonical" href="/relative/only">', want: { url: null } },
    { head: '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://ok.example/a">', want: { url: 'https://ok.example/a' } },
    { head: '<title>Budget vote | Civic Daily</title><meta property="og:site_name" content="Civic Daily"><meta property="og:title" content="Budget vote | Civic Daily">', want: { title: 'Budget vote', publisher: 'Civic Daily' } },
  ];
  for (const c of cases) {
    const { doc, author } = htmlToDocument(page(c.head, c.body), { id: 'm' });
    const got = { published: doc.published, publisher: doc.publisher, url: doc.url, title: doc.title, author };
    for (const [k, v] of Object.entries(c.want)) assert.equal(got[k as keyof typeof got], v, `${k} for ${c.head || c.body}`);
  }
});

test('explicit metadata wins over the page', () => {
  const html = readFileSync(NEWS, 'utf8');
  const { doc } = htmlToDocument(html, {
    id: 'given',
    url: 'https://mirror.example/story',
    title: 'Given title',
    published: '2020-01-01',
    publisher: 'Given Pub',
  });
  assert.equal(doc.id, 'given');
  assert.equal(doc.url, 'https://mirror.example/story');
  assert.equal(doc.title, 'Given title');
  assert.equal(doc.published, '2020-01-01');
  assert.equal(doc.publisher, 'Given Pub');
});

test('a bare fragment and a page without an article still give their text', () => {
  assert.equal(htmlToDocument('Just a <b>sentence</b>.', { id: 'f' }).doc.text, 'Just a sentence.');
  const { doc } = htmlToDocument(
    '<html><body><nav><a>Home</a> <a>News</a></nav><div>The mayor said the road would reopen.</div><footer>Copyright</footer></body></html>',
    { id: 'g' },
  );
  assert.equal(doc.text, 'The mayor said the road would reopen.');
});

test('HTML refusals: empty file, no text at all, binary, too large', () => {
  const cases: [string, string | Uint8Array, string, RegExp][] = [
    ['empty.html', '', 'EMPTY', /is empty/],
    ['scripts.html', '<html><body><script>alert("x")</script><style>p{}</style></body></html>', 'EMPTY', /no article text/],
    ['nul.html', Buffer.from('<p>a\u0000b</p>', 'utf8'), 'BINARY', /NUL/],
    ['big.html', `<p>${'word '.repeat(30)}</p>`, 'TOO_LARGE', /limit is 100 bytes/],
  ];
  for (const [name, content, code, msg] of cases) {
    const p = tmp.write(name, content);
    try {
      readHtmlFile(p, { maxBytes: 100 });
      assert.fail(`${name} should be refused`);
    } catch (e) {
      assert.ok(e instanceof HearsayError, String(e));
      assert.equal(e.code, code, e.oneLine());
      assert.match(e.message, msg);
      assert.equal(e.file, p);
    }
  }
});

test('an HTML file in a declared legacy charset is decoded; undeclared bad bytes are an ENCODING error', () => {
  const latin = Buffer.concat([
    Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>', 'latin1'),
    Buffer.from([0x93]), Buffer.from('Caf', 'latin1'), Buffer.from([0xe9]), Buffer.from([0x94]),
    Buffer.from(' she said.</p></body></html>', 'latin1'),
  ]);
  assert.equal(readHtmlFile(tmp.write('cp1252.html', latin)).doc.text, '“Café” she said.');
  const undeclared = Buffer.concat([Buffer.from('<p>Caf'), Buffer.from([0xe9]), Buffer.from('</p>')]);
  try {
    readHtmlFile(tmp.write('bad.html', undeclared));
    assert.fail('should be refused');
  } catch (e) {
    assert.ok(e instanceof HearsayError);
    assert.equal(e.code, 'ENCODING');
    assert.match(e.message, /byte offset 6/);
  }
});

test('an HTML page takes a few milliseconds', () => {
  const html = readFileSync(NEWS, 'utf8');
  htmlToDocument(html, { id: 'warm' });
  const n = 10;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) htmlToDocument(html, { id: 'w' });
  const avg = (performance.now() - t0) / n;
  assert.ok(avg < 50, `average ${avg.toFixed(1)} ms per page`);
});

test('a hostile, very deeply nested page is reduced without Readability, quickly', () => {
  const n = 3000;
  const html = '<div>'.repeat(n) + '<p>Deep text, the witness said.</p>' + '</div>'.repeat(n);
  const t0 = performance.now();
  const { doc } = htmlToDocument(html, { id: 'deep' });
  const ms = performance.now() - t0;
  assert.equal(doc.text, 'Deep text, the witness said.');
  // Readability alone takes over a minute on this page.
  assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
});
