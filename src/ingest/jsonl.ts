import { createReadStream } from 'node:fs';
import type { z } from 'zod';
import { loadZod } from './lazy.ts';
import { HearsayError, isHearsayError } from '../core/errors.ts';
import { DEFAULT_MAX_BYTES, decodeUtf8, fsError, statChecked, tooLarge } from './checks.ts';
import { normalizeDate } from './dates.ts';
import { htmlToDocument } from './html.ts';
import { fileId, textToDocument } from './text.ts';
import type { IngestResult } from './types.ts';

/**
 * One corpus line: an object with `text` (plain text, kept exactly) or `html` (a page
 * or fragment, reduced like an HTML file), and optional metadata. When both are given
 * `text` is the article and `html` is ignored. Unknown fields are ignored. (Built on first
 * use: zod is loaded only when a JSONL corpus is read.)
 */
function articleSchema() {
  const z = loadZod();
  return z
    .object({
      id: z.union([z.string().trim().min(1, 'must not be empty'), z.number().int()]).optional(),
      text: z.string().optional(),
      html: z.string().optional(),
      title: z.string().nullish(),
      url: z.string().nullish(),
      publisher: z.string().nullish(),
      published: z.string().nullish(),
      author: z.string().nullish(),
    })
    .refine((o) => o.text !== undefined || o.html !== undefined, { message: 'needs a "text" or an "html" field' });
}
let schema: ReturnType<typeof articleSchema> | null = null;
export const jsonlArticleSchema = () => (schema ??= articleSchema());

export type JsonlArticle = z.infer<ReturnType<typeof articleSchema>>;

export interface JsonlOptions {
  /** Limit for one article (default 5 MB); a line may be up to 4 times that (JSON escapes). */
  maxBytes?: number;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? `field "${issue.path.join('.')}": ` : '';
  return `${path}${issue.message}`;
}

/**
 * Turns one line of a JSONL corpus into a result. Blank lines give null. `lineNo` is
 * 1-based; the item is `line N` and a line without `id` gets `<file>#N`.
 */
export function jsonlLineToResult(
  line: string,
  lineNo: number,
  file: string,
  opts: JsonlOptions = {},
): IngestResult | null {
  if (!/\S/.test(line)) return null;
  const item = `line ${lineNo}`;
  const where = { file, item };
  try {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new HearsayError('PARSE', `not valid JSON: ${why}`, where);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new HearsayError('PARSE', `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}`, where);
    }
    const parsed = jsonlArticleSchema().safeParse(value);
    if (!parsed.success) {
      throw new HearsayError('PARSE', parsed.error.issues.map(describeIssue).join('; '), where);
    }
    const a = parsed.data;
    let published: string | null = null;
    if (a.published != null && a.published.trim() !== '') {
      published = normalizeDate(a.published);
      if (!published) throw new HearsayError('PARSE', `field "published": not a date: ${JSON.stringify(a.published)}`, where);
    }
    const id = a.id !== undefined ? String(a.id) : `${fileId(file)}#${lineNo}`;
    const meta = {
      id,
      title: a.title ?? null,
      url: a.url ?? null,
      publisher: a.publisher ?? null,
      published,
    };
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    if (a.text !== undefined) {
      const doc = textToDocument(a.text, meta, { maxBytes, file, item });
      return { ok: true, doc, file, item, author: a.author?.trim() || null };
    }
    const { doc, author } = htmlToDocument(a.html!, { ...meta, author: a.author ?? null, file, item }, { maxBytes });
    return { ok: true, doc, file, item, author };
  } catch (e) {
    const error = isHearsayError(e) ? e : new HearsayError('PARSE', `cannot read: ${String(e)}`, where);
    return { ok: false, error, file, item };
  }
}

/** All articles of a JSONL text held in memory (line endings `\n` or `\r\n`). */
export function jsonlToResults(text: string, file: string, opts: JsonlOptions = {}): IngestResult[] {
  const out: IngestResult[] = [];
  const lines = text.replace(/^\ufeff/, '').split('\n');
  lines.forEach((line, i) => {
    const r = jsonlLineToResult(line.replace(/\r$/, ''), i + 1, file, opts);
    if (r) out.push(r);
  });
  return out;
}

/**
 * Streams a JSONL corpus, one result per non-blank line, without holding the file in
 * memory. A bad line (invalid UTF-8, not JSON, no text/html, wrong types, too long) is
 * reported with its line number and the next lines still load. A file that cannot be
 * opened gives one error result.
 */
export async function* readJsonlFile(path: string, opts: JsonlOptions = {}): AsyncGenerator<IngestResult> {
  const maxLine = (opts.maxBytes ?? DEFAULT_MAX_BYTES) * 4;
  try {
    const st = statChecked(path);
    if (st.isDirectory()) throw new HearsayError('UNREADABLE', 'is a directory, not a file', { file: path });
    if (!st.isFile()) throw new HearsayError('UNREADABLE', 'is not a regular file', { file: path });
  } catch (e) {
    yield { ok: false, error: isHearsayError(e) ? e : fsError(e, path), file: path, item: null };
    return;
  }

  let lineNo = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let any = false;

  const finishLine = (): IngestResult | null => {
    lineNo++;
    const where = { file: path, item: `line ${lineNo}` };
    if (overflow) {
      const size = pendingBytes;
      pending = [];
      pendingBytes = 0;
      overflow = false;
      return { ok: false, error: tooLarge(size, maxLine, where, true), file: path, item: where.item };
    }
    let bytes = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    if (lineNo === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    let line: string;
    try {
      line = decodeUtf8(bytes, where);
    } catch (e) {
      return { ok: false, error: e as HearsayError, file: path, item: where.item };
    }
    return jsonlLineToResult(line, lineNo, path, opts);
  };
  const add = (chunk: Buffer) => {
    if (overflow) {
      pendingBytes += chunk.length;
      return;
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes > maxLine) {
      overflow = true;
      pending = [];
    }
  };

  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        add(chunk.subarray(start, nl));
        start = nl + 1;
        const r = finishLine();
        if (r) {
          any = true;
          yield r;
        }
      }
      if (start < chunk.length) add(chunk.subarray(start));
    }
    if (pendingBytes > 0 || overflow) {
      const r = finishLine();
      if (r) {
        any = true;
        yield r;
      }
    }
  } catch (e) {
    yield { ok: false, error: fsError(e, path, lineNo ? `line ${lineNo + 1}` : null), file: path, item: null };
    return;
  }
  if (!any) {
    yield { ok: false, error: new HearsayError('EMPTY', lineNo === 0 ? 'is empty' : 'has no articles (only blank lines)', { file: path }), file: path, item: null };
  }
}
