import { parseFeed } from './lazy.ts';
import { createDocument } from '../core/document.ts';
import { HearsayError, isHearsayError } from '../core/errors.ts';
import { checkText, DEFAULT_MAX_BYTES, DEFAULT_MAX_FEED_BYTES, decodeMarkup, readFileChecked, tooLarge } from './checks.ts';
import { dateToIso, normalizeDate } from './dates.ts';
import { anyToText, clean, htmlFragmentToText, looksLikeHtml } from './html-text.ts';
import { fileId } from './text.ts';
import type { IngestResult } from './types.ts';

export interface FeedOptions {
  /** Limit for one item's content (default 5 MB). */
  maxBytes?: number;
  /** Limit for the whole feed file (default 64 MB). */
  maxFeedBytes?: number;
}

/** True when the start of a text looks like an RSS, RDF or Atom feed. */
export function sniffFeed(head: string): boolean {
  const h = head.slice(0, 4096).replace(/<!--[\s\S]*?-->/g, '');
  return /<rss[\s>]/i.test(h) || /<feed[\s>]/i.test(h) || /<rdf:RDF[\s>]/i.test(h);
}

const RAW_DATE_NAMES = { rss: ['pubdate', 'date', 'published'], atom: ['published', 'issued', 'updated'] };

/**
 * Splits an RSS 2.0 / RSS 1.0 / Atom feed into articles: one result per item, so one
 * broken item (no text, too large) is reported and the others still load. Throws a PARSE
 * error when the whole file is not a feed.
 *
 * Per item: `id` from guid / Atom id / link (else `<file>#<n>`), title, url, published
 * (pubDate, dc:date, Atom published, else updated), publisher = the feed's title, text
 * from content:encoded / Atom content / description / summary reduced like an HTML page.
 */
export function feedToResults(xml: string, file: string, opts: FeedOptions = {}): IngestResult[] {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!sniffFeed(xml)) {
    throw new HearsayError('PARSE', 'not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)', { file });
  }
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new HearsayError('PARSE', `cannot parse the feed: ${why}`, { file });
  }
  const publisher = clean(feed.title);
  const kind = feed.meta.type === 'atom' ? 'atom' : 'rss';
  const results: IngestResult[] = [];
  feed.items.forEach((entry, index) => {
    const item = `item ${index + 1}`;
    const where = { file, item };
    try {
      const raw = (entry.content ?? '').trim() || (entry.description ?? '').trim();
      if (!raw) throw new HearsayError('EMPTY', 'has no content or description', where);
      const rawBytes = Buffer.byteLength(raw, 'utf8');
      if (rawBytes > maxBytes) throw tooLarge(rawBytes, maxBytes, where);
      const text = checkText(anyToText(raw), where, maxBytes);
      let published: string | null = null;
      for (const name of RAW_DATE_NAMES[kind]) {
        const el = entry.element.findElementWithName(name);
        published = el ? normalizeDate(el.textContent) : null;
        if (published) break;
      }
      published ??= dateToIso(entry.published ?? entry.updated);
      const title = entry.title ? clean(looksLikeHtml(entry.title) ? htmlFragmentToText(entry.title) : entry.title) : null;
      const doc = createDocument(text, {
        id: clean(entry.id) ?? clean(entry.url) ?? `${fileId(file)}#${index + 1}`,
        title,
        url: clean(entry.url),
        publisher,
        published,
      });
      const author = entry.authors.map((a) => clean(a.name)).filter((a): a is string => !!a).join(', ') || null;
      results.push({ ok: true, doc, file, item, author });
    } catch (e) {
      const error = isHearsayError(e) ? e : new HearsayError('PARSE', `cannot read the item: ${String(e)}`, where);
      results.push({ ok: false, error, file, item });
    }
  });
  if (results.length === 0) throw new HearsayError('EMPTY', 'the feed has no items', { file });
  return results;
}

/** Reads a feed file (UTF-8, checked like a text file, up to `maxFeedBytes`). */
export function readFeedFile(path: string, opts: FeedOptions = {}): IngestResult[] {
  const buf = readFileChecked(path, opts.maxFeedBytes ?? DEFAULT_MAX_FEED_BYTES);
  const xml = decodeMarkup(buf, { file: path });
  if (!/\S/.test(xml)) throw new HearsayError('EMPTY', 'contains only white space', { file: path });
  return feedToResults(xml, path, opts);
}

