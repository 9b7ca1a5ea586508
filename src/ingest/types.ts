import type { HearsayDocument } from '../core/document.ts';
import type { HearsayError } from '../core/errors.ts';

/**
 * One article read, or one input refused. `file` is the path the article came from;
 * `item` says where inside a corpus file (`line 7`, `item 3`), null for a one-article file.
 */
export type IngestResult =
  | {
      ok: true;
      doc: HearsayDocument;
      file: string;
      item: string | null;
      /** Byline, when the input names one (HTML meta, feed item author, corpus field); else null. */
      author: string | null;
    }
  | { ok: false; error: HearsayError; file: string; item: string | null };
