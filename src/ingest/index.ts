import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { HearsayDocument } from '../core/document.ts';
import { HearsayError, isHearsayError } from '../core/errors.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_FEED_BYTES, fsError } from './checks.ts';
import { parseIsoDate } from './dates.ts';
import { readFeedFile, sniffFeed } from './feed.ts';
import { readHtmlFile } from './html.ts';
import { readJsonlFile } from './jsonl.ts';
import { readTextFile } from './text.ts';
import type { IngestResult } from './types.ts';

export type { IngestResult } from './types.ts';
export { readTextFile, textToDocument, fileId } from './text.ts';
export { htmlToDocument, readHtmlFile, extractMetadata, type HtmlArticle, type HtmlMeta, type PageMetadata } from './html.ts';
export { feedToResults, readFeedFile, sniffFeed } from './feed.ts';
export { jsonlLineToResult, jsonlToResults, readJsonlFile, jsonlArticleSchema, type JsonlArticle } from './jsonl.ts';
export { htmlFragmentToText, nodeToText, plainToText, anyToText } from './html-text.ts';
export { normalizeDate, parseIsoDate, dateToIso } from './dates.ts';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_FEED_BYTES, formatBytes } from './checks.ts';

export type InputKind = 'text' | 'html' | 'feed' | 'jsonl';

export interface ReadInputsOptions {
  /** `analyze`: .txt, .html, .htm; `ingest`: also .jsonl and feeds (.xml, .rss, .atom). */
  kinds: 'analyze' | 'ingest';
  /** Limit for one article (default 5 MB). */
  maxBytes?: number;
  /** Limit for a feed file (default 64 MB). JSONL files are streamed and have no limit. */
  maxFeedBytes?: number;
  /** ISO 8601 date or date-time that replaces every document's own publication date. */
  published?: string | null;
}

const ANALYZE_EXT: Record<string, InputKind> = { '.txt': 'text', '.html': 'html', '.htm': 'html' };
const INGEST_EXT: Record<string, InputKind> = {
  ...ANALYZE_EXT,
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
};

export { contentHash } from './hash.ts';

/**
 * Checks a user-given publication date (`--published`): an ISO 8601 date or date-time,
 * returned normalised; null and undefined give null. Anything else is a BAD_ARGUMENT error.
 */
export function parsePublishedArg(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const iso = parseIsoDate(value);
  if (!iso) {
    throw new HearsayError(
      'BAD_ARGUMENT',
      `--published ${JSON.stringify(value)} is not an ISO 8601 date or date-time (like 2024-03-05 or 2024-03-05T09:30:00Z)`,
    );
  }
  return iso;
}

/** How a file is read: by extension, else (explicit files only) by sniffing for a feed, else as text. */
export function kindOf(path: string, kinds: 'analyze' | 'ingest', explicit: boolean): InputKind | null {
  const table = kinds === 'ingest' ? INGEST_EXT : ANALYZE_EXT;
  const byExt = table[extname(path).toLowerCase()];
  if (byExt) return byExt;
  if (!explicit) return null;
  if (kinds === 'ingest' && sniffFeed(readHead(path))) return 'feed';
  return 'text';
}

function readHead(path: string): string {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return ''; // the real read reports the problem
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const isHidden = (name: string) => name.startsWith('.');

/**
 * Files under a directory, depth first, each directory's entries sorted by name (code
 * unit order), skipping hidden entries and node_modules. Symbolic links are followed,
 * a directory is visited once. Unreadable directories become error results.
 */
function* walk(
  dir: string,
  kinds: 'analyze' | 'ingest',
  seen: Set<string>,
): Generator<{ path: string } | { error: HearsayError; path: string }> {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    yield { error: fsError(e, dir), path: dir };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    yield { error: fsError(e, dir), path: dir };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (isHidden(name) || name === 'node_modules') continue;
    const path = join(dir, name);
    let isDir = false;
    let isFile = false;
    try {
      const st = statSync(path);
      isDir = st.isDirectory();
      isFile = st.isFile();
    } catch {
      continue; // a dangling link or an entry that vanished: not an input
    }
    if (isDir) yield* walk(path, kinds, seen);
    else if (isFile && kindOf(path, kinds, false)) yield { path };
  }
}

function withPublished(doc: HearsayDocument, published: string): HearsayDocument {
  return Object.freeze({ ...doc, published });
}

/** Reads one file of a known kind; every failure becomes an error result. */
async function* readOne(path: string, kind: InputKind, opts: ReadInputsOptions): AsyncGenerator<IngestResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    switch (kind) {
      case 'text':
        yield { ok: true, doc: readTextFile(path, { maxBytes }), file: path, item: null, author: null };
        return;
      case 'html': {
        const { doc, author } = readHtmlFile(path, { maxBytes });
        yield { ok: true, doc, file: path, item: null, author };
        return;
      }
      case 'feed':
        yield* readFeedFile(path, { maxBytes, maxFeedBytes: opts.maxFeedBytes ?? DEFAULT_MAX_FEED_BYTES });
        return;
      case 'jsonl':
        yield* readJsonlFile(path, { maxBytes });
        return;
    }
  } catch (e) {
    const error = isHearsayError(e)
      ? e
      : new HearsayError('INTERNAL', `cannot read: ${e instanceof Error ? e.message : String(e)}`, { file: path });
    yield { ok: false, error, file: path, item: error.item };
  }
}

/**
 * Reads every article named by `paths` (files or directories, directories recursively).
 * Yields one result per article or per refusal, in order, and never stops at a broken
 * file or item. With `published`, every document gets that publication date; otherwise
 * its own (HTML meta, feed item, corpus field) or null. Throws BAD_ARGUMENT (on the first
 * `next()`) only when `published` itself is not a date.
 */
export async function* readInputs(paths: string[], opts: ReadInputsOptions): AsyncGenerator<IngestResult> {
  const published = parsePublishedArg(opts.published);
  const kinds = opts.kinds;
  for (const path of paths) {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      yield { ok: false, error: fsError(e, path), file: path, item: null };
      continue;
    }
    if (!st.isDirectory() && !st.isFile()) {
      const error = new HearsayError('UNREADABLE', 'is not a regular file or a directory', { file: path });
      yield { ok: false, error, file: path, item: null };
      continue;
    }
    const files: ({ path: string } | { error: HearsayError; path: string })[] = st.isDirectory()
      ? Array.from(walk(path, kinds, new Set()))
      : [{ path }];
    if (st.isDirectory() && files.length === 0) {
      const exts = Object.keys(kinds === 'ingest' ? INGEST_EXT : ANALYZE_EXT).join(', ');
      yield {
        ok: false,
        error: new HearsayError('EMPTY', `directory has no input files (${exts})`, { file: path }),
        file: path,
        item: null,
      };
      continue;
    }
    for (const f of files) {
      if ('error' in f) {
        yield { ok: false, error: f.error, file: f.path, item: null };
        continue;
      }
      const kind = st.isDirectory() ? kindOf(f.path, kinds, false)! : kindOf(f.path, kinds, true)!;
      for await (const r of readOne(f.path, kind, opts)) {
        yield r.ok && published ? { ...r, doc: withPublished(r.doc, published) } : r;
      }
    }
  }
}
