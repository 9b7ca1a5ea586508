import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { HearsayError } from '../core/errors.ts';

/** Default limit for one article (a text or HTML file, or one corpus item): 5 MB. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Default limit for a feed file, which is parsed whole in memory: 64 MB. */
export const DEFAULT_MAX_FEED_BYTES = 64 * 1024 * 1024;

export interface Where {
  file?: string | null;
  item?: string | null;
}

/** `1.5 MB`, `12 KB`, `300 bytes`: sizes for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${trimNumber(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${trimNumber(n / 1024)} KB`;
  return `${n} byte${n === 1 ? '' : 's'}`;
}

function trimNumber(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** Maps a file-system error to a HearsayError with a message a user can act on. */
export function fsError(e: unknown, file: string, item: string | null = null): HearsayError {
  const code = errnoCode(e);
  const where = { file, item };
  switch (code) {
    case 'ENOENT':
      return new HearsayError('NOT_FOUND', 'no such file or directory', where);
    case 'ENOTDIR':
      return new HearsayError('NOT_FOUND', 'a part of the path is not a directory', where);
    case 'EACCES':
    case 'EPERM':
      return new HearsayError('UNREADABLE', 'permission denied', where);
    case 'EISDIR':
      return new HearsayError('UNREADABLE', 'is a directory, not a file', where);
    case 'ELOOP':
      return new HearsayError('UNREADABLE', 'too many levels of symbolic links', where);
    case 'ENAMETOOLONG':
      return new HearsayError('UNREADABLE', 'file name too long', where);
    default: {
      const msg = e instanceof Error ? e.message : String(e);
      return new HearsayError('UNREADABLE', `cannot read: ${msg}`, where);
    }
  }
}

/** `stat` that turns failures into HearsayErrors. */
export function statChecked(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    throw fsError(e, path);
  }
}

/**
 * Reads a regular file whole, refusing directories, special files and files over
 * `maxBytes` (judged by the size on disk first, so a huge file is refused without
 * being read). Returns the raw bytes.
 */
export function readFileChecked(path: string, maxBytes: number = DEFAULT_MAX_BYTES): Buffer {
  const where = { file: path };
  const st = statChecked(path);
  if (st.isDirectory()) throw new HearsayError('UNREADABLE', 'is a directory, not a file', where);
  if (!st.isFile()) throw new HearsayError('UNREADABLE', 'is not a regular file', where);
  if (st.size > maxBytes) throw tooLarge(st.size, maxBytes, where);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fsError(e, path);
  }
  try {
    // The file may have grown since stat: read at most maxBytes + 1 bytes.
    const size = Math.min(fstatSync(fd).size, maxBytes + 1);
    const buf = Buffer.allocUnsafe(size + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got === buf.length) break;
    }
    if (got > maxBytes) throw tooLarge(got, maxBytes, where, true);
    return buf.subarray(0, got);
  } catch (e) {
    if (e instanceof HearsayError) throw e;
    throw fsError(e, path);
  } finally {
    closeSync(fd);
  }
}

export function tooLarge(size: number, limit: number, where: Where, atLeast = false): HearsayError {
  return new HearsayError(
    'TOO_LARGE',
    `too large: ${atLeast ? 'more than ' : ''}${formatBytes(size)} (${size} bytes), the limit is ${formatBytes(limit)}`,
    where,
  );
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** True when the bytes start with a UTF-8 byte-order mark. */
export function hasUtf8Bom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2];
}

/**
 * Refuses bytes that are not text: empty, UTF-16/32 (by their byte-order mark), NUL bytes,
 * or a high share of control characters. Call before decoding.
 */
export function checkBytes(buf: Uint8Array, where: Where): void {
  if (buf.length === 0) throw new HearsayError('EMPTY', 'is empty', where);
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw new HearsayError('ENCODING', 'is UTF-16 (byte-order mark at the start), only UTF-8 is read: convert it to UTF-8', where);
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new HearsayError('BINARY', `looks binary: NUL byte at byte offset ${nul}`, where);
  let control = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  if (isBinaryShare(control, buf.length)) {
    throw new HearsayError('BINARY', `looks binary: ${control} of ${buf.length} bytes are control characters`, where);
  }
}

/** More than 10% control characters (and at least a few) is not prose. */
function isBinaryShare(control: number, total: number): boolean {
  return control > 0 && control >= Math.max(2, total * 0.1);
}

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 strictly, dropping a leading byte-order mark. On invalid input the error
 * names the byte offset of the first bad sequence.
 */
export function decodeUtf8(buf: Uint8Array, where: Where): string {
  try {
    return FATAL_UTF8.decode(buf);
  } catch {
    const at = firstInvalidUtf8(buf);
    throw new HearsayError(
      'ENCODING',
      `is not valid UTF-8: bad byte 0x${(buf[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at}`,
      where,
    );
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1 (Unicode table 3-7). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && b[j] >= lo && b[j] <= hi;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
    } else if (c >= 0xc2 && c <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}

/**
 * Checks text held in memory (already decoded): size in UTF-8 bytes, NUL and control
 * characters, unpaired surrogates, and that there is something other than white space.
 * Returns the text with a leading byte-order mark removed, otherwise unchanged.
 */
export function checkText(text: string, where: Where, maxBytes: number = DEFAULT_MAX_BYTES): string {
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes: count bytes only when it matters.
  if (text.length * 3 > maxBytes) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > maxBytes) throw tooLarge(size, maxBytes, where);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) throw new HearsayError('EMPTY', 'is empty', where);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new HearsayError('BINARY', `looks binary: NUL character at index ${nul}`, where);
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  if (isBinaryShare(control, text.length)) {
    throw new HearsayError('BINARY', `looks binary: ${control} of ${text.length} characters are control characters`, where);
  }
  // With the u flag a surrogate class matches only unpaired surrogates.
  const lone = text.search(/[\uD800-\uDFFF]/u);
  if (lone >= 0) throw new HearsayError('ENCODING', `contains an unpaired surrogate at index ${lone}`, where);
  if (!/\S/.test(text)) throw new HearsayError('EMPTY', 'contains only white space', where);
  return text;
}

const HTML_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([a-z0-9_:.-]+)["']/i;

/**
 * Decodes markup bytes (HTML or XML): UTF-8 when they are valid UTF-8; otherwise the
 * encoding the document declares (`<meta charset>`, `<?xml encoding>`: windows-1252,
 * ISO-8859-x, ...) when the runtime knows it; otherwise the ENCODING error of
 * `decodeUtf8`. Runs the byte checks first.
 */
export function decodeMarkup(buf: Uint8Array, where: Where): string {
  checkBytes(buf, where);
  try {
    return decodeUtf8(buf, where);
  } catch (e) {
    const head = Buffer.from(buf.subarray(0, 4096)).toString('latin1');
    const label = XML_ENCODING.exec(head)?.[1] ?? HTML_CHARSET.exec(head)?.[1];
    if (!label || hasUtf8Bom(buf) || /^utf-?8$/i.test(label)) throw e;
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label);
    } catch {
      throw e;
    }
    // Per WHATWG, latin1 / ISO-8859-1 / ASCII labels all mean windows-1252; some Node
    // versions decode it as plain Latin-1 (0x80–0x9F as C1 controls), so map those here.
    if (decoder.encoding === 'windows-1252') return decodeWindows1252(buf);
    return decoder.decode(buf);
  }
}

// windows-1252 0x80–0x9F; 0 marks the five undefined bytes, kept as the C1 control.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(buf: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < buf.length; i += CHUNK) {
    const codes = Array.from(buf.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}
