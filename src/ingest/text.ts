import { basename, extname } from 'node:path';
import { createDocument, type DocumentMeta, type HearsayDocument } from '../core/document.ts';
import { checkBytes, checkText, DEFAULT_MAX_BYTES, decodeUtf8, readFileChecked, type Where } from './checks.ts';

export interface TextOptions {
  /** Largest accepted input in bytes (default 5 MB). */
  maxBytes?: number;
}

/** A file's name without its directory and last extension: `in/ab-12.txt` → `ab-12`. */
export function fileId(path: string): string {
  return basename(path, extname(path));
}

/**
 * Reads a plain-text article. `doc.text` is the file's content exactly, a leading UTF-8
 * byte-order mark aside (line endings and white space are kept, so offsets computed by
 * other tools on the same file stay valid); `doc.id` is the file name without extension.
 *
 * Refuses, with a `HearsayError`: a missing path (NOT_FOUND), a directory or a file that
 * cannot be read (UNREADABLE), an empty or white-space-only file (EMPTY), NUL bytes or
 * mostly control characters (BINARY), invalid UTF-8 or UTF-16 (ENCODING), and a file over
 * `maxBytes` (TOO_LARGE, judged from its size before reading).
 */
export function readTextFile(path: string, opts: TextOptions = {}): HearsayDocument {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const where = { file: path };
  const buf = readFileChecked(path, maxBytes);
  checkBytes(buf, where);
  const text = checkText(decodeUtf8(buf, where), where, maxBytes);
  return createDocument(text, { id: fileId(path) });
}

/**
 * A document from text held in memory (the HTTP API, a corpus line), with the same
 * content checks as `readTextFile`. The text is kept exactly, a leading byte-order
 * mark aside.
 */
export function textToDocument(
  text: string,
  meta: Partial<DocumentMeta> & { id: string },
  opts: TextOptions & Where = {},
): HearsayDocument {
  const where = { file: opts.file ?? null, item: opts.item ?? null };
  const checked = checkText(text, where, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  return createDocument(checked, meta);
}
