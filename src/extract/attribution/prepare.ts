/** Everything the attribution models read about a document, computed once. */
import type { HearsayDocument } from '../../core/document.ts';
import type { NlpLayer } from '../../nlp/tokens.ts';
import { findQuotations, type Quotation } from '../../nlp/quotes.ts';
import { edgeMask } from './models.ts';
import { tokenFeatures, type TokenFeatures } from './features.ts';

export interface Prepared {
  doc: HearsayDocument;
  nlp: NlpLayer;
  quotes: Quotation[];
  f: TokenFeatures;
  edge: Uint8Array;
  /** Token range [first, last) of each paragraph. */
  paraTokens: [number, number][];
}

export function prepare(doc: HearsayDocument, nlp: NlpLayer, quotes = findQuotations(doc.text, doc.paragraphs)): Prepared {
  const f = tokenFeatures(nlp, quotes);
  const paraTokens: [number, number][] = doc.paragraphs.map(() => [0, 0]);
  for (let i = 0; i < nlp.tokens.length; i++) {
    const p = nlp.tokens[i].para;
    if (paraTokens[p][1] === 0) paraTokens[p][0] = i;
    paraTokens[p][1] = i + 1;
  }
  return { doc, nlp, quotes, f, edge: edgeMask(f), paraTokens };
}
