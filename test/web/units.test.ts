/**
 * The web app's pure parts, in Node: cutting an article into highlight runs (nested and
 * split statements, paragraphs, the text kept exactly), speaker colours, search marks,
 * dates and chart bins, safe links, speaker keys and route matching.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis } from '../../src/core/contract.ts';
import { layout, ownerOf, paragraphsOf } from '../../src/app/web/lib/highlight.ts';
import { assignColors, colorOf, NO_SOURCE, PALETTE } from '../../src/app/web/lib/colors.ts';
import { markTerms, queryTerms } from '../../src/app/web/lib/terms.ts';
import { bins, formatDate, safeHref, truncate } from '../../src/app/web/lib/format.ts';
import { match } from '../../src/app/web/lib/router.ts';
import { parseSpeakerKey, speakerKey } from '../../src/app/http/keys.ts';

const span = (text: string, part: string, from = 0) => {
  const start = text.indexOf(part, from);
  assert.ok(start >= 0, part);
  return { start, end: start + part.length, text: part };
};

function analysisOf(text: string): Analysis {
  const outer = span(text, 'French claims that Putin had promised Macron no drills');
  const inner = span(text, 'Macron no drills');
  const q1 = span(text, '“We signed nothing,”');
  const q2 = span(text, '“and we will sign nothing.”');
  return {
    hearsay: '1',
    document: { id: 'x', title: null, url: null, publisher: null, published: null, text },
    entities: [
      { id: 'e1', type: 'ORG', name: 'Kremlin', aliases: [], titles: [], anonymous: false, mentions: [{ ...span(text, 'The Kremlin'), kind: 'name' }] },
      { id: 'e2', type: 'PERSON', name: 'Vladimir Putin', aliases: [], titles: [], anonymous: false, mentions: [{ ...span(text, 'Putin'), kind: 'name' }] },
      { id: 'e3', type: 'PERSON', name: 'Dmitry Peskov', aliases: [], titles: [], anonymous: false, mentions: [{ ...span(text, 'Peskov'), kind: 'name' }] },
    ],
    statements: [
      { id: 's1', type: 'indirect', content: [outer], quote: outer.text, cue: span(text, 'denied'), source: { entity: 'e1', mention: span(text, 'The Kremlin') }, act: 'deny', time: null, confidence: 1 },
      { id: 's2', type: 'indirect', content: [inner], quote: inner.text, cue: span(text, 'had promised'), source: { entity: 'e2', mention: span(text, 'Putin') }, act: 'promise', time: null, confidence: 1 },
      { id: 's3', type: 'direct', content: [q1, q2], quote: 'We signed nothing, and we will sign nothing.', cue: span(text, 'said'), source: { entity: 'e3', mention: span(text, 'Peskov') }, act: 'say', time: null, confidence: 1 },
    ],
    times: [],
    relations: [{ type: 'denies', from: 's1', to: 's2' }, { type: 'within', from: 's2', to: 's1' }],
  };
}

const TEXT = 'The Kremlin denied French claims that Putin had promised Macron no drills.\n\n“We signed nothing,” Peskov said, “and we will sign nothing.”\n';

test('layout: runs cover each paragraph exactly, in order, knowing what covers them', () => {
  const a = analysisOf(TEXT);
  const paras = layout(TEXT, a);
  assert.deepEqual(paras.map((p) => TEXT.slice(p.start, p.end)), [
    'The Kremlin denied French claims that Putin had promised Macron no drills.',
    '“We signed nothing,” Peskov said, “and we will sign nothing.”',
  ]);
  for (const p of paras) {
    assert.equal(p.runs.map((r) => TEXT.slice(r.start, r.end)).join(''), TEXT.slice(p.start, p.end), 'the runs rebuild the text exactly');
    p.runs.forEach((r, k) => k && assert.equal(r.start, p.runs[k - 1].end));
  }
  const at = (s: string) => paras.flatMap((p) => p.runs).find((r) => TEXT.slice(r.start, r.end) === s)!;
  assert.deepEqual(at('The Kremlin').source, ['s1']);
  assert.deepEqual(at('denied').cue, ['s1']);
  // the promise sits inside the claim the Kremlin denies: innermost first
  assert.deepEqual(at('Macron no drills').content, ['s2', 's1']);
  assert.equal(ownerOf(at('Macron no drills')), 's2');
  assert.deepEqual(at('Putin').content, ['s1']);
  assert.deepEqual(at('Putin').source, ['s2']);
  assert.equal(ownerOf(at('Putin')), 's1', 'a click inside a quote selects the quote');
  // a quote split by "Peskov said": two runs of one statement, the source and cue between
  assert.deepEqual(at('“We signed nothing,”').content, ['s3']);
  assert.deepEqual(at('“and we will sign nothing.”').content, ['s3']);
  assert.deepEqual(at('Peskov').source, ['s3']);
  assert.equal(ownerOf(at(' ')), null);
});

test('layout: spans past the end are clipped, empty ones dropped; markup in the text is just characters', () => {
  const text = '<script>alert(1)</script> “<img src=x onerror=alert(2)>,” he said.';
  const q = span(text, '“<img src=x onerror=alert(2)>,”');
  const a: Analysis = {
    hearsay: '1', document: { id: 'x', title: null, url: null, publisher: null, published: null, text }, entities: [], times: [], relations: [],
    statements: [
      { id: 's1', type: 'direct', content: [q], quote: q.text, cue: { start: 200, end: 210, text: '' }, source: { entity: null, mention: { start: 5, end: 5, text: '' } }, act: 'say', time: null, confidence: 1 },
    ],
  };
  const [p] = layout(text, a);
  assert.equal(p.runs.map((r) => text.slice(r.start, r.end)).join(''), text);
  assert.ok(p.runs.every((r) => r.end <= text.length && r.end > r.start));
});

test('paragraphs: blank lines separate them, else every line is one', () => {
  assert.deepEqual(paragraphsOf('a\n\n  b \n c\n\n\n').map((p) => [p.start, p.end]), [[0, 1], [5, 10]]);
  assert.deepEqual(paragraphsOf('one\ntwo\n').map((p) => [p.start, p.end]), [[0, 3], [4, 7]]);
  assert.deepEqual(paragraphsOf('   \n  '), []);
});

test('colours: stable per name, distinct within an article while the palette lasts', () => {
  assert.equal(colorOf('Dmitry Peskov'), colorOf('dmitry  PESKOV'));
  assert.equal(colorOf(null), NO_SOURCE);
  const names = Array.from({ length: PALETTE.length }, (_, k) => `Speaker ${k}`);
  const assigned = assignColors([...names, ...names]);
  assert.equal(new Set(assigned.values()).size, PALETTE.length, 'no two speakers alike');
  assert.deepEqual(assignColors([...names].reverse()), assigned, 'the order they are met in does not matter');
  const more = assignColors([...names, 'One more']);
  assert.equal(more.size, PALETTE.length + 1);
});

test('search marks: query words at word starts, stems, accents and case ignored, operators skipped', () => {
  assert.deepEqual(queryTerms('NATO expansion'), ['expansion', 'nato']);
  assert.deepEqual(queryTerms('"no commitments" OR sanction*'), ['commitment', 'sanction', 'no']);
  assert.deepEqual(queryTerms('quote:drills NOT ukraine'), ['ukraine', 'drill']);
  const marked = (text: string, q: string) => markTerms(text, queryTerms(q)).filter((p) => p.hit).map((p) => p.text);
  assert.deepEqual(marked('Sanctions were sanctioned; no sanctity.', 'sanctions'), ['Sanctions', 'sanctioned']);
  assert.deepEqual(marked('Élysée officials', 'elysee'), ['Élysée']);
  assert.deepEqual(marked('not the nation', 'NOT nation'), ['nation']);
  assert.equal(markTerms('plain', []).map((p) => p.text).join(''), 'plain');
  const text = 'the “harbour” tariffs and <b>harbours</b>';
  assert.equal(markTerms(text, queryTerms('harbour')).map((p) => p.text).join(''), text, 'pieces rebuild the text');
});

test('dates, chart bins, links and truncation', () => {
  assert.equal(formatDate('2022-02-08'), '8 Feb 2022');
  assert.equal(formatDate('2022-02'), 'Feb 2022');
  assert.equal(formatDate('2022'), '2022');
  assert.equal(formatDate('2022-02-07TNI'), '7 Feb 2022, night');
  assert.equal(formatDate('2024-05-15T16:40:00+02:00'), '15 May 2024, 16:40');
  assert.equal(formatDate('PXY'), 'PXY');
  assert.deepEqual(bins([{ month: '2022-11', count: 2 }, { month: '2023-02', count: 1 }]).map((b) => [b.key, b.count]),
    [['2022-11', 2], ['2022-12', 0], ['2023-01', 0], ['2023-02', 1]]);
  assert.deepEqual(bins([{ month: '2010-01', count: 2 }, { month: '2016-05', count: 3 }, { month: '2016-07', count: 1 }]).map((b) => [b.key, b.count]),
    [['2010', 2], ['2011', 0], ['2012', 0], ['2013', 0], ['2014', 0], ['2015', 0], ['2016', 4]]);
  assert.equal(safeHref('https://news.example/a?b=1'), 'https://news.example/a?b=1');
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref(' JavaScript:alert(1)'), null);
  assert.equal(safeHref('data:text/html,<script>'), null);
  assert.equal(safeHref('/relative'), null);
  assert.equal(truncate('one two three four', 12), 'one two…');
});

test('speaker keys round-trip; routes match with decoded parameters', () => {
  assert.equal(speakerKey({ id: 12, group: null }), '12');
  assert.equal(speakerKey({ id: null, group: 'french official' }), 'anon:french official');
  assert.equal(speakerKey({ id: 40, group: 'french official', anonymous: true }), 'anon:french official');
  assert.deepEqual(parseSpeakerKey('12'), { entity: 12 });
  assert.deepEqual(parseSpeakerKey('anon:french official'), { group: 'french official' });
  for (const bad of ['', '012', '-1', '1.5', 'peskov', 'anon', '9'.repeat(20)]) assert.equal(parseSpeakerKey(bad), null, bad);
  assert.deepEqual(parseSpeakerKey('anon:'), { group: '' }, 'sources described by no noun');
  assert.deepEqual(match('/speakers/:key', '/speakers/anon%3Afrench%20official'), { key: 'anon:french official' });
  assert.deepEqual(match('/articles/:id', '/articles/12/'), { id: '12' });
  assert.equal(match('/articles/:id', '/articles'), null);
  assert.equal(match('/articles/:id', '/articles/%E0%A4%A'), null, 'a malformed escape is no match');
  assert.deepEqual(match('/', '/'), {});
});
