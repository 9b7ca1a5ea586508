import { basename, extname } from 'node:path';
import { createDocument, type HearsayDocument } from '../core/document.ts';
import { HearsayError } from '../core/errors.ts';
import { checkText, DEFAULT_MAX_BYTES, decodeMarkup, readFileChecked } from './checks.ts';
import { normalizeDate } from './dates.ts';
import { clean, nestsDeeperThan, nodeToText, parsePage } from './html-text.ts';
import { loadReadability } from './lazy.ts';

/** A document made from HTML, with what the page says that `HearsayDocument` has no field for. */
export interface HtmlArticle {
  doc: HearsayDocument;
  /** Byline: one name, or several joined with ", "; null when the page names none. */
  author: string | null;
}

export interface HtmlMeta {
  id: string;
  /** Where the page came from; wins over the page's canonical URL. */
  url?: string | null;
  /** For error messages. */
  file?: string | null;
  item?: string | null;
  /** Explicit values that win over what the page says. */
  title?: string | null;
  publisher?: string | null;
  published?: string | null;
  author?: string | null;
}

export interface PageMetadata {
  title: string | null;
  author: string | null;
  publisher: string | null;
  /** ISO 8601 date or date-time. */
  published: string | null;
  /** Canonical URL, absolute http(s) only. */
  url: string | null;
}

/** Meta keys that carry a publication date, most trusted first. */
const DATE_KEYS = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'datepublished',
  'publishdate', 'publish-date', 'publish_date', 'pubdate', 'article.published', 'article:published',
  'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dc.date.created', 'dcterms.created',
  'date', 'sailthru.date', 'parsely-pub-date', 'originalpublicationdate', 'citation_publication_date',
  'citation_date',
];
const AUTHOR_KEYS = [
  'author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator',
  'citation_author', 'twitter:creator',
];
const PUBLISHER_KEYS = ['og:site_name', 'application-name', 'dc.publisher', 'dcterms.publisher', 'citation_publisher'];
const TITLE_KEYS = ['og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'citation_title', 'headline'];

/** Deeper pages skip Readability (whose cost explodes with depth) for the plain fallback. */
const MAX_READABILITY_DEPTH = 100;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|Posting)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObj = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);


/** JSON-LD nodes of a page, flattened out of arrays and `@graph`s. */
function jsonLdNodes(doc: Document): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObj(v)) {
      out.push(v);
      if (v['@graph'] !== undefined) visit(v['@graph'], depth + 1);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script'))) {
    if (!/^\s*application\/ld\+json\s*$/i.test(s.getAttribute('type') ?? '')) continue;
    const raw = (s.textContent ?? '').trim().replace(/^<!--|-->$/g, '');
    try {
      visit(JSON.parse(raw) as Json, 0);
    } catch {
      // Broken JSON-LD is common; the other metadata still counts.
    }
  }
  return out;
}

function types(n: JsonObject): string[] {
  const t = n['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function names(v: Json | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => names(x));
  if (isObj(v) && typeof v.name === 'string') return [v.name];
  return [];
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v['@id'] === 'string') return v['@id'];
  if (isObj(v) && typeof v.url === 'string') return v.url;
  return null;
}

function isUrl(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s.trim());
}

/** An absolute http(s) URL, resolving a relative one against `base`; anything else is null. */
function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  const h = clean(href);
  if (!h) return null;
  try {
    const u = base ? new URL(h, base) : new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function splitAuthors(list: string[]): string | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const a = clean(raw.replace(/^\s*by\s+/i, ''));
    if (!a || isUrl(a) || a.startsWith('@') || seen.has(a.toLowerCase())) continue;
    seen.add(a.toLowerCase());
    out.push(a);
  }
  return out.length ? out.join(', ') : null;
}

/** Reads title, byline, publisher, publication date and canonical URL from a page's head and markup. */
export function extractMetadata(doc: Document, baseUrl: string | null = null): PageMetadata {
  const meta = new Map<string, string>();
  const metaAll = new Map<string, string[]>();
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '')
      .trim()
      .toLowerCase();
    const value = clean(m.getAttribute('content'));
    if (!key || !value) continue;
    if (!meta.has(key)) meta.set(key, value);
    metaAll.set(key, [...(metaAll.get(key) ?? []), value]);
  }
  const first = (keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return v;
    }
    return null;
  };

  const nodes = jsonLdNodes(doc);
  const article =
    nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t))) ??
    nodes.find((n) => n.datePublished !== undefined || n.headline !== undefined) ??
    null;
  const ldPublisher = nodes
    .map((n) => n.publisher)
    .concat(nodes.filter((n) => types(n).some((t) => /Organization$/.test(t))))
    .flatMap((p) => names(p))[0];

  // Publication date: JSON-LD, then meta tags, then <time> elements inside the article.
  const dateCandidates: (string | null | undefined)[] = [
    article ? (typeof article.datePublished === 'string' ? article.datePublished : null) : null,
    ...DATE_KEYS.map((k) => meta.get(k)),
  ];
  for (const t of Array.from(doc.querySelectorAll('time[itemprop="datePublished"], time[pubdate]'))) {
    dateCandidates.push(t.getAttribute('datetime') ?? t.textContent);
  }
  const articleEl = doc.querySelector('article') ?? doc.querySelector('main, [role="main"]');
  const firstTime = articleEl?.querySelector('time[datetime]');
  if (firstTime) dateCandidates.push(firstTime.getAttribute('datetime'));
  let published: string | null = null;
  for (const c of dateCandidates) {
    published = normalizeDate(c);
    if (published) break;
  }

  const publisher = clean(first(PUBLISHER_KEYS) ?? ldPublisher ?? null);

  let title = clean(
    (article && typeof article.headline === 'string' ? article.headline : null) ?? first(TITLE_KEYS),
  );
  if (title && publisher) {
    // "Headline | Site" and "Headline - Site": keep the headline.
    const esc = publisher.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    title = clean(title.replace(new RegExp(`\\s+[|\\-–—:·]\\s+${esc}\\s*$`, 'i'), '')) ?? title;
  }

  const ldAuthors = article ? names(article.author) : [];
  const author = splitAuthors(ldAuthors.length ? ldAuthors : AUTHOR_KEYS.flatMap((k) => metaAll.get(k) ?? []));

  const ogUrl = meta.get('og:url') ?? null;
  const canonicalHref = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null;
  const base = baseUrl ?? absoluteUrl(ogUrl, null);
  const url =
    absoluteUrl(canonicalHref, base) ??
    absoluteUrl(ogUrl, baseUrl) ??
    absoluteUrl(article ? (str(article.url) ?? str(article.mainEntityOfPage)) : null, base);

  return { title, author, publisher, published, url };
}

/**
 * Reduces an HTML page to a document: metadata from the head, the article found by
 * Readability (falling back to the page body without navigation, headers, footers and
 * banners), paragraphs separated by blank lines. Nothing in the page is executed.
 */
export function htmlToDocument(html: string, meta: HtmlMeta, opts: { maxBytes?: number } = {}): HtmlArticle {
  const where = { file: meta.file ?? null, item: meta.item ?? null };
  html = checkText(html, where, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const page = parsePage(html);
  const pageMeta = extractMetadata(page, absoluteUrl(meta.url ?? null, null));

  let readTitle: string | null = null;
  let byline: string | null = null;
  let siteName: string | null = null;
  let readDate: string | null = null;
  let text = '';
  // Readability's cost explodes with nesting depth: very deep pages go to the fallback.
  const useReadability = !nestsDeeperThan(page.documentElement, MAX_READABILITY_DEPTH);
  try {
    const result = !useReadability ? null : new (loadReadability())<Node>(page, { serializer: (n: Node) => n }).parse();
    if (result) {
      readTitle = clean(result.title);
      byline = clean(result.byline);
      siteName = clean(result.siteName);
      readDate = normalizeDate(result.publishedTime);
      if (result.content) text = nodeToText(result.content, { boilerplate: 'tags' });
    }
  } catch {
    text = '';
  }
  if (text === '') {
    // Readability changes the page as it works: start again from the source.
    const fresh = useReadability ? parsePage(html) : page;
    const root =
      fresh.querySelector('article') ?? fresh.querySelector('main, [role="main"]') ?? fresh.body ?? fresh.documentElement;
    text = root ? nodeToText(root, { boilerplate: true }) : '';
  }
  if (text === '') throw new HearsayError('EMPTY', 'no article text found in the HTML', where);

  const title = clean(meta.title) ?? pageMeta.title ?? readTitle ?? clean(page.querySelector('title')?.textContent);
  const doc = createDocument(text, {
    id: meta.id,
    title,
    url: absoluteUrl(meta.url ?? null, null) ?? clean(meta.url) ?? pageMeta.url,
    publisher: clean(meta.publisher) ?? pageMeta.publisher ?? siteName,
    published: meta.published ?? pageMeta.published ?? readDate,
  });
  return { doc, author: clean(meta.author) ?? pageMeta.author ?? splitAuthors(byline ? [byline] : []) };
}

/** Reads an HTML file with the checks of `readTextFile`; `doc.id` is the file name without extension. */
export function readHtmlFile(path: string, opts: { maxBytes?: number; id?: string } = {}): HtmlArticle {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const buf = readFileChecked(path, maxBytes);
  const html = decodeMarkup(buf, { file: path });
  const id = opts.id ?? basename(path, extname(path));
  return htmlToDocument(html, { id, file: path }, { maxBytes });
}
