/** Runs hearsay's time extractor over a TimeML document, as the eval and the error report do. */
import { makeContext } from '../../src/core/context.ts';
import { createDocument } from '../../src/core/document.ts';
import { extractTimes, type TimeExpr } from '../../src/extract/times/index.ts';
import { analyzeNlp } from '../../src/nlp/tokens.ts';
import type { TimemlDoc } from './reader.ts';

export function hearsayTimes(d: TimemlDoc): TimeExpr[] {
  const doc = createDocument(d.text, { id: d.id, published: d.dct });
  const nlp = analyzeNlp(doc);
  return extractTimes(doc, nlp, makeContext({ published: d.dct }));
}
